"""A patient finds a doctor in a real browser: search, filter, open a profile, with no barriers."""

import re

from playwright.sync_api import expect

from doctors.models import Specialty
from locations.models import Location
from tests.doctors.factories import DoctorFactory

from .conftest import axe_violations, describe


def test_patient_searches_filters_and_opens_a_profile(site, page):
    # The generated directory is random in who does what: make sure one cardiologist takes new patients.
    cardiology = Specialty.objects.get(slug="cardiology")
    DoctorFactory(
        first_name="Helena", last_name="Marsh", specialties=[cardiology], locations=[Location.objects.first()]
    )
    page.goto(f"{site.url}/en/find-a-doctor/")
    results = page.locator(".doctor-list .doctor-card")
    expect(results.first).to_be_visible()  # browse first: doctors before any search
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_label("Name, specialty, condition or symptom").fill("heart doctor")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=heart\+doctor"))
    expect(page.locator(".directory-results__meaning")).to_contain_text("Cardiology")
    count_before = results.count()
    assert count_before > 0

    # Choosing a filter applies it at once and puts focus on the new result count.
    page.get_by_label("New patients").select_option("yes")
    expect(page).to_have_url(re.compile(r"accepting=yes"))
    expect(page.locator("#results-heading")).to_be_focused()
    for card in results.all():
        expect(card.locator(".accepting")).to_have_text("Accepting new patients")
    expect(page.locator(".active-filters .chip")).to_have_count(2)

    first = results.first.locator(".doctor-card__name a")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("link", name=re.compile("Request an appointment"))).to_have_attribute(
        "href", re.compile(r"/en/appointments/request/\?doctor=")
    )
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_bad_zip_is_explained_beside_the_field_and_kept(site, page):
    page.goto(f"{site.url}/en/find-a-doctor/?zip=1234&sort=distance")
    zip_field = page.get_by_label("Your ZIP code")
    expect(zip_field).to_have_value("1234")
    expect(zip_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_zip_error")).to_have_text("A ZIP code is 5 digits, like 02114.")
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_on_a_phone_the_filters_stay_open_while_choosing_and_the_address_stays_clean(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/es/find-a-doctor/")
    panel = page.locator("details.directory-filters-toggle")
    expect(panel).not_to_have_attribute("open", "")  # folded on a phone: results first
    panel.locator("summary").click()

    page.locator("[name=accepting]").select_option("yes")
    expect(page).to_have_url(re.compile(r"/es/find-a-doctor/\?accepting=yes&sort=relevance$"))
    expect(panel).to_have_attribute("open", "")
    expect(page.locator("[name=accepting]")).to_be_focused()
    expect(page.locator("form[data-auto-submit] [role=status]")).to_contain_text(re.compile(r"\d+ médic"))

    page.locator("[name=gender]").select_option(index=1)
    # Only what was chosen: no "q=&language=&..."
    expect(page).to_have_url(re.compile(r"\?accepting=yes&gender=\w+&sort=relevance$"))
    expect(panel).to_have_attribute("open", "")
    expect(page.locator("[name=gender]")).to_be_focused()

    # Sent with the button and no script's help, the empty fields are dropped by a redirect.
    page.goto(f"{site.url}/es/find-a-doctor/?q=&accepting=yes&language=&page=")
    expect(page).to_have_url(re.compile(r"/es/find-a-doctor/\?accepting=yes$"))
