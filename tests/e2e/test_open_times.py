"""A patient on a phone finds a doctor who can see them this week, picks a time from the profile by
keyboard, and asks for it: the time is held, and the confirmation says it is requested, not booked."""

import re

from playwright.sync_api import expect

from doctors.models import Specialty
from scheduling.models import Slot
from tests.doctors.factories import DoctorFactory
from tests.locations.factories import LocationFactory
from tests.scheduling.test_booking import at, open_times

from .conftest import axe_violations, describe

EVERY_IMPACT = ("minor", "moderate", "serious", "critical")


def test_a_patient_picks_an_open_time_by_keyboard_and_asks_for_it(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    doctor = DoctorFactory(
        first_name="Odalys",
        last_name="Prompt",
        specialties=[Specialty.objects.get(slug="cardiology")],
        locations=[LocationFactory(name="Prompt Heart Clinic")],
    )
    chosen, _later = open_times(doctor, at(2, 9), at(3, 14))

    page.goto(f"{site.url}/en/find-a-doctor/?seen=7&q=Prompt")
    card = page.locator(".doctor-card", has_text="Odalys Prompt")
    expect(card.locator(".opening")).to_contain_text("Next new-patient time:")
    assert not (violations := axe_violations(page, EVERY_IMPACT)), describe(violations)

    card.get_by_role("link", name=re.compile("Odalys Prompt")).click()
    times = page.get_by_role("region", name="Open times for new patients")
    first = times.get_by_role(
        "link", name=re.compile(r"^9:00 AM, \w+, \w+ \d+, in person at Prompt Heart Clinic$")
    )
    assert not (violations := axe_violations(page, EVERY_IMPACT)), describe(violations)
    first.focus()
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text("Request an appointment")
    expect(page.locator(".chosen-time")).to_contain_text("You are asking for this time:")
    expect(page.locator(".chosen-time")).to_contain_text("in person at Prompt Heart Clinic")
    assert not (violations := axe_violations(page, EVERY_IMPACT)), describe(violations)
    page.get_by_label("First name").fill("Rosa")
    page.get_by_label("Last name").fill("Delgado")
    page.get_by_label("Date of birth").fill("1958-05-01")
    page.get_by_role("textbox", name="Phone").fill("617-555-0175")
    page.get_by_label("No, I'm new to Mass General").check()
    page.get_by_label("What would you like to be seen for?").fill("Palpitations")
    page.get_by_label("You may contact me by phone or e-mail about this request.").check()
    page.get_by_role("button", name="Send request").click()

    expect(page.get_by_role("heading", level=1)).to_have_text("We have received your request")
    expect(page.locator("main")).to_contain_text("This time is requested, not booked")
    assert Slot.objects.get(pk=chosen.pk).is_held
