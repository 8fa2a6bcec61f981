"""Main journeys, with the keyboard alone, as a person would make them.

Every control is reached with Tab (never clicked), shows where the focus is, and is on screen when
focused. pytest-playwright keeps a screenshot of any journey that fails (test-results/).
"""

import re

from playwright.sync_api import expect

from doctors.models import Language, Specialty, validate_npi
from locations.models import Location
from tests.doctors.factories import DoctorFactory

FOCUS_SHOWN = """() => {
  const el = document.activeElement, r = el.getBoundingClientRect();
  // A card's link draws its ring around the whole card, on its ::after.
  const ring = [getComputedStyle(el), getComputedStyle(el, '::after')].some(
    s => (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0) || s.boxShadow !== 'none');
  const onScreen = r.bottom > 0 && r.top < window.innerHeight && r.right > 0 && r.left < window.innerWidth;
  return {ring, onScreen, what: el.outerHTML.slice(0, 80)};
}"""


def tab_to(page, locator, limit=300):
    """Press Tab until `locator` has the focus; fail if it never does or the focus cannot be seen."""
    target = locator.element_handle()
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate("el => el === document.activeElement", target):
            focus = page.evaluate(FOCUS_SHOWN)
            assert focus["ring"], f"no visible focus on {focus['what']}"
            assert focus["onScreen"], f"focus off screen on {focus['what']}"
            return
    raise AssertionError(f"Tab never reached {locator}")


def choose(page, select, option_text):
    """Choose in a list by typing, as keyboard users do, and apply with Enter."""
    tab_to(page, select)
    page.keyboard.type(option_text)
    expect(select.locator("option:checked")).to_have_text(option_text)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_a_patient_finds_a_spanish_speaking_cardiologist_near_02114_and_asks_for_an_appointment(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    DoctorFactory(
        first_name="Lucía",
        last_name="Navarro",
        specialties=[Specialty.objects.get(slug="cardiology")],
        languages=[Language.objects.get(slug="spanish")],
        locations=[Location.objects.get(slug="massachusetts-general-hospital")],
    )
    page.goto(f"{site.url}/en/")
    tab_to(page, page.get_by_role("link", name="Find a Doctor").first)
    with page.expect_navigation():
        page.keyboard.press("Enter")

    choose(page, page.get_by_label("Specialty", exact=True), "Cardiology")
    expect(page.locator("#results-heading")).to_be_focused()  # the new count is read out
    choose(page, page.get_by_label("Language spoken"), "Spanish")
    choose(page, page.get_by_label("New patients"), "Accepting new patients")
    tab_to(page, page.get_by_label("Your ZIP code"))
    page.keyboard.type("02114")
    choose(page, page.get_by_label("Sort by"), "Distance from ZIP code")
    expect(page).to_have_url(
        re.compile(r"specialty=cardiology.*language=spanish.*accepting=yes.*zip=02114.*sort=distance")
    )

    tab_to(page, page.get_by_role("link", name="Lucía Navarro, MD"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name=re.compile("Request an appointment")))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.locator(".chosen-doctor")).to_contain_text("Lucía Navarro, MD")

    for label, typed in [("First name", "Rosa"), ("Last name", "Delgado")]:
        tab_to(page, page.get_by_label(label))
        page.keyboard.type(typed)
    tab_to(page, page.get_by_label("Date of birth"))
    page.keyboard.type("05011958")
    tab_to(page, page.get_by_label("No, I'm new to Mass General"))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("textbox", name="Phone"))
    page.keyboard.type("617-555-0175")
    tab_to(page, page.get_by_label("What would you like to be seen for?"))
    page.keyboard.type("Palpitations when climbing stairs")
    tab_to(page, page.get_by_label("You may contact me by phone or e-mail about this request."))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send request"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("We have received your request")
    expect(page.locator("[data-reference]")).to_have_text(re.compile(r"MGH-\w{4}-\w{4}"))


def test_a_visitor_finds_the_garage_for_the_yawkey_building_and_its_hours(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/en/find-a-location/")
    tab_to(page, page.get_by_label("Place or service"))
    page.keyboard.type("Yawkey")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Yawkey Center for Outpatient Care"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="Parking")).to_be_visible()
    tab_to(
        page, page.get_by_role("link", name="Fruit Street Garage", exact=True)
    )  # not "Directions … from" it
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Fruit Street Garage")
    hours = page.locator(".hours-table")
    expect(hours).to_be_visible()
    expect(hours.locator("tr")).to_have_count(7)


def test_a_clinician_refers_a_patient_and_corrects_a_mistyped_npi(site, page):
    page.set_viewport_size({"width": 1280, "height": 900})
    good_npi = "1234567893"
    validate_npi(good_npi)
    page.goto(f"{site.url}/en/appointments/refer/")
    fields = [
        ("Your name and credentials", "Dr Dana Okafor, MD"),
        ("Your NPI", "1234567839"),  # two digits swapped
        ("Practice or hospital", "Harbor Family Medicine"),
        ("Your phone", "508-555-2671"),
        ("Your e-mail", "dana.okafor@example.org"),
        ("Reason for referral", "Suspected heart valve disease; echo attached to the fax."),
        ("Patient's first name", "Luis"),
        ("Patient's last name", "Ortega"),
    ]
    for label, typed in fields:
        tab_to(page, page.get_by_label(label, exact=True))
        page.keyboard.type(typed)
    tab_to(page, page.get_by_label("Patient's date of birth"))
    page.keyboard.type("07221949")
    tab_to(page, page.get_by_role("textbox", name="Patient's phone"))
    page.keyboard.type("617-555-0188")
    tab_to(page, page.get_by_label("The patient agrees to be contacted by Mass General about this referral."))
    page.keyboard.press("Space")
    tab_to(page, page.get_by_role("button", name="Send request"))
    with page.expect_navigation():
        page.keyboard.press("Enter")

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("This NPI's check digit is wrong")
    npi = page.get_by_label("Your NPI", exact=True)
    expect(npi).to_have_value("1234567839")  # kept, to be corrected
    page.keyboard.press("Tab")  # from the summary to its link
    expect(summary.get_by_role("link", name=re.compile("Your NPI"))).to_be_focused()
    page.keyboard.press("Enter")
    expect(npi).to_be_focused()
    page.keyboard.press("Control+A")
    page.keyboard.type(good_npi)
    tab_to(page, page.get_by_role("button", name="Send request"))
    with page.expect_navigation():
        page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("We have received your request")
