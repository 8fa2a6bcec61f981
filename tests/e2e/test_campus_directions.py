"""Directions on campus in a real browser: a visitor arriving by car finds the step-free way to a clinic
with the keyboard alone on a phone, the map zooms and pans from the keyboard, every marker is
reached with Tab, and the campus and directions pages have no axe violation of any impact."""

import re

import pytest
from playwright.sync_api import expect

from .conftest import describe
from .test_journeys import tab_to

YAWKEY = "yawkey-center-for-outpatient-care"
ROUTE = "?from=fruit-street-garage&to=yawkey-center-for-outpatient-care&mobility=wheelchair"
IN_MAP = "!!document.activeElement.closest('.campus-map svg')"
RING = (
    "parseFloat(getComputedStyle(document.activeElement.querySelector('polygon, circle, rect')).strokeWidth)"
)
PAGES = {
    "campus page": "/find-a-location/massachusetts-general-hospital/",
    "directions": "/find-a-location/directions/",
    "directions with a route": "/find-a-location/directions/" + ROUTE,
    "directions with a bad place": "/find-a-location/directions/?from=nope&to=" + YAWKEY,
}


CLINIC = "heart-clinic-yawkey-center"  # the demo's clinic in the Yawkey Center (demo/data/places.toml)
CLINIC_NAME = "Heart Clinic — Yawkey Center"


def test_a_visitor_by_car_finds_the_step_free_way_to_a_clinic_in_the_yawkey_center(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/en/find-a-location/directions/")

    origin = page.get_by_label("From", exact=True)
    tab_to(page, origin)
    page.keyboard.type("Fruit Street Garage")
    expect(origin.locator("option:checked")).to_have_text("Fruit Street Garage")
    target = page.get_by_label("To", exact=True)
    tab_to(page, target)
    page.keyboard.type("Heart Clinic")
    expect(target.locator("option:checked")).to_have_text(CLINIC_NAME)
    # The radio group takes one Tab; the arrow keys choose in it.
    tab_to(page, page.get_by_label("I walk, and can take stairs"))
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("I use a wheelchair, a walker or crutches")).to_be_checked()
    tab_to(page, page.get_by_role("button", name="Show the way"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    expect(
        page.get_by_role("heading", level=2, name=f"From Fruit Street Garage to {CLINIC_NAME}")
    ).to_be_visible()
    expect(page.get_by_label("Step-free: no stairs")).to_be_checked()  # a wheelchair's default
    steps = page.locator("ol.directions-steps > li").all_inner_texts()
    assert steps[0] == "Start at Fruit Street Garage, pedestrian exit."
    assert "Take the elevator to floor 2." in steps
    assert any(step.startswith("Cross the bridge to Yawkey Center") for step in steps)
    assert not any("stairs" in step for step in steps)
    assert steps[-1].startswith(f"{CLINIC_NAME} is in this building")
    expect(page.locator(".campus-map__route")).to_have_count(1)
    assert "step-free" in page.locator(".directions-answer__summary").inner_text()
    assert page.evaluate("document.documentElement.scrollWidth - window.innerWidth") <= 0

    # Following the steps on the map: focus it and zoom in with the keyboard, then back.
    view = page.locator("[data-map-view]")
    svg = page.locator("[data-map-svg]")
    whole = svg.get_attribute("viewBox")
    tab_to(page, page.get_by_role("button", name="Zoom in"))
    page.keyboard.press("Enter")
    assert svg.get_attribute("viewBox") != whole
    tab_to(page, view)
    page.keyboard.press("0")
    assert svg.get_attribute("viewBox") == whole
    page.keyboard.press("+")
    page.keyboard.press("ArrowRight")
    zoomed = svg.get_attribute("viewBox")
    assert zoomed != whole and float(zoomed.split()[2]) < float(whole.split()[2])

    from axe_playwright_python.sync_playwright import Axe

    violations = Axe().run(page).response["violations"]
    assert not violations, describe(violations)


def test_every_marker_on_the_map_is_reached_with_tab(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{site.url}/en/find-a-location/massachusetts-general-hospital/")
    links = page.locator(".campus-map svg a")
    count = links.count()
    assert count > 20  # buildings, entrances, garages, the station
    reached = set()
    for _ in range(300):  # to the map's first link
        page.keyboard.press("Tab")
        if page.evaluate(IN_MAP):
            break
    while page.evaluate(IN_MAP):
        # The focus is shown on the link's shape (a thick dark ring), not as an outline of the link.
        assert page.evaluate(RING) >= 4, page.evaluate("document.activeElement.outerHTML.slice(0, 80)")
        reached.add(page.evaluate("document.activeElement.getAttribute('aria-label')"))
        page.keyboard.press("Tab")
    assert reached == set(links.evaluate_all("links => links.map(a => a.getAttribute('aria-label'))"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_directions_with_the_map_print_on_one_page(site, page, language):
    page.goto(f"{site.url}/{language}/find-a-location/directions/{ROUTE}")
    for paper in ("Letter", "A4"):
        pdf = page.pdf(format=paper)
        assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1, paper


@pytest.mark.parametrize("width", [375, 1280])
@pytest.mark.parametrize("language", ["en", "es"])
def test_the_campus_and_directions_pages_have_no_axe_violation_of_any_impact(site, page, language, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.set_viewport_size({"width": width, "height": 900})
    problems = []
    for name, path in PAGES.items():
        page.goto(f"{site.url}/{language}{path}")
        violations = axe.run(page).response["violations"]
        if violations:
            problems.append(f"{name}: {describe(violations)}")
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{name}: {overflow}px wider than the screen")
    assert not problems, "\n".join(problems)


def test_directions_work_without_javascript(site, browser):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    try:
        page.goto(f"{site.url}/en/find-a-location/directions/")
        page.get_by_label("From", exact=True).select_option("fruit-street-garage")
        page.get_by_label("To", exact=True).select_option(CLINIC)
        page.get_by_label("Step-free: no stairs").check()
        with page.expect_navigation():
            page.get_by_role("button", name="Show the way").click()
        assert "step_free=on" in page.url and f"to={CLINIC}" in page.url  # a shareable address
        assert "Take the elevator to floor 2." in page.locator("ol.directions-steps > li").all_inner_texts()
        # Without the script there are no zoom buttons: the map is shown whole.
        expect(page.locator("[data-map-controls]")).to_be_hidden()
        expect(page.locator(".campus-map__route")).to_have_count(1)
    finally:
        context.close()
