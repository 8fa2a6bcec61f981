"""A visitor finds the garage nearest a building in a real browser, and its hours, with no barriers."""

import re

from playwright.sync_api import expect

from .conftest import axe_violations, describe


def test_visitor_finds_the_garage_nearest_a_building(site, page):
    page.goto(f"{site.url}/en/find-a-location/")
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_label("Place or service").fill("Yawkey")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    # The building itself; the places in it (its Heart Clinic) are found too, each its own card.
    building = page.locator(".location-card__name a", has_text="Yawkey Center for Outpatient Care")
    expect(building).to_have_count(1)
    building.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Yawkey")

    garage = page.get_by_role("region", name="Parking").get_by_role("link")
    garage_name = garage.inner_text()
    assert "Garage" in garage_name
    garage.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(garage_name)
    expect(page.get_by_role("table")).to_contain_text(re.compile("Open 24 hours|AM|PM"))
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_campus_map_links_work_from_the_keyboard(site, page):
    page.goto(f"{site.url}/en/find-a-location/massachusetts-general-hospital/")
    first_marker = page.locator(".campus-map a").first
    name = first_marker.get_attribute("aria-label").split(". ", 1)[1]
    first_marker.focus()
    expect(first_marker).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    violations = axe_violations(page)
    assert not violations, describe(violations)
