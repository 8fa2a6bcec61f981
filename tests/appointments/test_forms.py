"""The three forms as a visitor sees them: notices first, each field's message beside it, nothing lost."""

import html as html_lib
import re

import pytest

from appointments.models import Request
from tests.html import select, text

from .conftest import URLS, form_key, submit, valid_data

pytestmark = pytest.mark.django_db


def test_entry_page_routes_to_each_form_and_warns_about_emergencies(client, demo):
    response = client.get("/en/appointments/?doctor=some-doctor")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'href="/en/appointments/request/?doctor=some-doctor"' in page
    assert 'href="/en/appointments/second-opinion/"' in page
    assert 'href="/en/appointments/refer/"' in page
    assert "call 911" in page


@pytest.mark.parametrize("kind", URLS)
def test_each_form_shows_the_emergency_and_privacy_notices_before_its_fields(client, demo, kind):
    response = client.get(URLS[kind])
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in page
    first_field = (
        page.index('name="first_name"') if kind != "referral" else page.index('name="referrer_name"')
    )
    assert page.index("call 911") < first_field
    assert page.index("Your privacy") < first_field
    assert '<meta name="description" content="' in page  # the empty form may be found in search engines
    assert "noindex" not in page


def test_a_doctors_profile_link_fills_in_the_doctor_specialty_and_location(client, cardiologist):
    page, _key = form_key(client, "appointment", f"?doctor={cardiologist.slug}")
    assert f"You are asking to see <strong>{cardiologist.display_name}</strong>" in page
    assert f'name="doctor" value="{cardiologist.slug}"' in page
    specialty = cardiologist.specialties.get()
    assert f'<option value="{specialty.pk}" selected>Cardiology</option>' in page
    location = cardiologist.practices.get().location
    assert f'<option value="{location.pk}" selected>{location.name}</option>' in page


def test_an_unknown_or_unpublished_doctor_is_left_out(client, cardiologist):
    cardiologist.is_published = False
    cardiologist.save()
    page, _key = form_key(client, "appointment", f"?doctor={cardiologist.slug}")
    assert "You are asking to see" not in page
    page, _key = form_key(client, "appointment", "?doctor=" + "x" * 3000)
    assert "You are asking to see" not in page


A_VALID_NPI = "1234567893"
CASES = [
    # (form, field, value sent, message beside the field)
    ("appointment", "first_name", "", "Enter your first name."),
    ("appointment", "first_name", "A" * 2000, "Ensure this value has at most 80 characters (it has 2000)."),
    ("appointment", "last_name", "", "Enter your last name."),
    ("appointment", "date_of_birth", "", "Enter the date of birth, like 04/27/1961."),
    ("appointment", "date_of_birth", "2999-01-01", "A date of birth can&#x27;t be in the future."),
    ("appointment", "date_of_birth", "1850-01-01", "Please check the year: that is more than 125 years ago."),
    ("appointment", "date_of_birth", "31/31/1999", "Enter the date of birth as month/day/year, like 04/27/1961."),  # noqa: E501
    ("appointment", "existing_patient", None, "Please tell us whether you have been seen here before."),
    ("appointment", "phone", "", "Enter a phone number we can call."),
    ("appointment", "phone", "12345", "Enter a phone number we can call, with its area code, like 617-726-2000."),  # noqa: E501
    ("appointment", "phone", "617-726-200", "Enter a phone number we can call, with its area code"),
    ("appointment", "email", "not-an-email", "Enter a valid email address."),
    ("appointment", "contact_method", None, "Choose how we should contact you."),
    ("appointment", "specialty", "999999", "Please choose a specialty from the list."),
    ("appointment", "location", "999999", "Please choose a location from the list."),
    ("appointment", "doctor", "no-such-doctor", "We couldn&#x27;t find that doctor. Please choose them again."),  # noqa: E501
    ("appointment", "preferred_days", "sunday", "Select a valid choice."),
    ("appointment", "reason", "", "Tell us briefly what this is about."),
    ("appointment", "reason", "x" * 1001, "Please keep this to 1000 characters (it has 1001)"),
    ("appointment", "consent", None, "We need your permission to contact you about this request."),
    ("second_opinion", "diagnosis", "", "Tell us the diagnosis you have been given."),
    ("second_opinion", "treating_doctor", "", "Tell us who is treating you now."),
    ("referral", "referrer_name", "", "Enter your name."),
    ("referral", "referrer_npi", "", "Enter your NPI."),
    ("referral", "referrer_npi", "12345", "An NPI is 10 digits."),
    ("referral", "referrer_npi", "12345abcde", "An NPI is 10 digits."),
    ("referral", "referrer_npi", A_VALID_NPI[:-1] + "4", "This NPI&#x27;s check digit is wrong: please check the number."),  # noqa: E501
    ("referral", "referrer_practice", "", "Enter your practice."),
    ("referral", "referrer_phone", "555", "Enter a phone number we can call, with its area code"),
    ("referral", "referrer_fax", "1-800", "Enter a phone number we can call, with its area code"),
    ("referral", "referrer_email", "", "Enter your e-mail address."),
    ("referral", "urgency", "tomorrow", "Select a valid choice."),
    ("referral", "consent", None, "We can only contact the patient with their agreement."),
]  # fmt: skip


@pytest.mark.parametrize(("kind", "field", "value", "message"), CASES)
def test_each_field_says_what_is_wrong_beside_it_and_keeps_what_was_typed(
    client, demo, kind, field, value, message
):
    response, _key = submit(client, kind, **{field: value})
    page = response.content.decode()
    assert response.status_code == 400
    assert not Request.objects.exists()
    assert '<meta name="robots" content="noindex">' in page  # what was typed is never indexed
    # The message beside the field, tied to it for screen readers ...
    beside = select(page, f"#id_{field}_error")
    assert beside, f"no message beside {field}"
    assert html_lib.unescape(message) in text(beside[0])
    described = [e.get("aria-describedby").split() for e in select(page, "[aria-describedby]")]
    assert any(f"id_{field}_error" in ids for ids in described)
    # ... and in the summary at the top, linked to the field.
    summary = page[page.index("data-error-summary") : page.index('<form method="post"')]
    assert message in summary
    if field != "doctor":  # hidden: named in the summary without a link
        assert re.search(rf'href="#id_{field}(_0)?"', summary)
    assert page.index("data-error-summary") < page.index('<form method="post"')
    # What was typed in the other fields is still there.
    if field != "first_name":
        assert 'value="Philomena"' in page
    if field != "reason":
        assert "Fluttering heartbeat after zoledronate infusion</textarea>" in page


def test_an_email_is_needed_to_be_contacted_by_email(client, demo):
    response, _key = submit(client, "appointment", email="", contact_method="email")
    assert response.status_code == 400
    assert "Enter your e-mail address, or choose to be called." in response.content.decode()


def test_markup_typed_into_a_field_is_shown_back_as_text(client, demo):
    response, _key = submit(client, "appointment", first_name="<script>alert(1)</script>", phone="x")
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert html_lib.escape("<script>alert(1)</script>", quote=True).replace("'", "&#x27;") in page


def test_a_form_without_its_key_asks_to_reload(client, demo):
    _html, key = form_key(client, "appointment")
    response = client.post(URLS["appointment"], valid_data("appointment", key, submission_key="nonsense"))
    assert response.status_code == 400
    assert "This form has expired. Please reload the page" in response.content.decode()
    assert not Request.objects.exists()


def test_the_forms_need_a_csrf_token(demo):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    _html, key = form_key(client, "appointment")
    response = client.post(URLS["appointment"], valid_data("appointment", key))
    assert response.status_code == 403
    assert not Request.objects.exists()
