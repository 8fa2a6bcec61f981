"""A patient asks for an appointment from a doctor's profile: mistakes shown, fixed, sent, confirmed."""

import re

from playwright.sync_api import expect

from appointments.models import Request
from doctors.models import Specialty
from locations.models import Location
from tests.doctors.factories import DoctorFactory

from .conftest import axe_violations, describe


def test_patient_requests_an_appointment_from_a_doctors_profile(site, page):
    doctor = DoctorFactory(
        first_name="Helena",
        last_name="Marsh",
        specialties=[Specialty.objects.get(slug="cardiology")],
        locations=[Location.objects.filter(kind="hospital").first()],
    )
    page.goto(f"{site.url}{doctor.get_absolute_url()}")
    page.get_by_role("link", name=re.compile("Request an appointment")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    expect(page.locator(".chosen-doctor")).to_contain_text("Helena Marsh, MD")
    expect(page.get_by_label("Specialty or department")).to_have_value(str(doctor.specialties.get().pk))
    violations = axe_violations(page)
    assert not violations, describe(violations)

    # A first go with mistakes: no last name, a date in the future, a short phone number, no consent.
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Date of birth").fill("2990-05-01")
    page.get_by_role("textbox", name="Phone").fill("617-555")
    page.get_by_label("No, I'm new to Mass General").check()
    page.get_by_label("What would you like to be seen for?").fill("Palpitations when climbing stairs")
    page.get_by_role("button", name="Send request").click()

    summary = page.locator("[data-error-summary]")
    expect(summary).to_be_focused()  # read out first
    expect(summary).to_contain_text("Please correct 4 things before sending")
    expect(page.locator("#id_last_name_error")).to_have_text("Enter your last name.")
    expect(page.locator("#id_date_of_birth_error")).to_have_text("A date of birth can't be in the future.")
    expect(page.get_by_label("First name")).to_have_value("Rosa")  # kept
    expect(page.get_by_label("What would you like to be seen for?")).to_have_value(
        "Palpitations when climbing stairs"
    )
    expect(page.locator(".chosen-doctor")).to_contain_text("Helena Marsh, MD")  # still for this doctor
    violations = axe_violations(page)
    assert not violations, describe(violations)

    # The summary's link takes the keyboard to the field.
    summary.get_by_role("link", name=re.compile("Last name")).click()
    expect(page.get_by_label("Last name")).to_be_focused()
    page.keyboard.type("Delgado")
    page.get_by_label("Date of birth").fill("1958-05-01")
    page.get_by_role("textbox", name="Phone").fill("617-555-0175")
    page.get_by_label("You may contact me by phone or e-mail about this request.").check()
    page.get_by_role("button", name="Send request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("We have received your request")
    reference = page.locator("[data-reference]").inner_text()
    assert re.fullmatch(r"MGH-[A-Z0-9]{4}-[A-Z0-9]{4}", reference)
    assert "/received/" in page.url and "Rosa" not in page.url
    request = Request.objects.get(reference=reference)
    assert (request.first_name, request.last_name, request.doctor) == ("Rosa", "Delgado", doctor)
    violations = axe_violations(page)
    assert not violations, describe(violations)
