"""Taking a request in: saved once before the confirmation, told truthfully when it could not be."""

import datetime
import io
import logging
import re

import pytest
from django.core import mail, signing
from django.core.management import call_command
from django.db import OperationalError, connection
from django.test import Client
from django.utils import timezone

from appointments.models import OutgoingEmail, Request
from appointments.outbox import send_due
from appointments.views import RECEIVED_COOKIE, RECEIVED_SALT
from tests.html import one

from .conftest import (
    PATIENT,
    SECRETS,
    URLS,
    cached_keys_and_values,
    form_key,
    proof_in,
    reference_shown,
    secrets_cached,
    submit,
    valid_data,
)

pytestmark = pytest.mark.django_db
REFERENCE = re.compile(r"^MGH-[2-9A-HJKMNP-TW-Z]{4}-[2-9A-HJKMNP-TW-Z]{4}$")


def test_a_request_is_saved_then_confirmed_with_a_reference(client, cardiologist, heart):
    response, _key = submit(
        client, "appointment", query=f"?doctor={cardiologist.slug}", doctor=cardiologist.slug
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/appointments/received/"  # nothing of the patient's in the URL
    request = Request.objects.get()
    assert REFERENCE.match(request.reference)
    assert (request.kind, request.status, request.doctor, request.department) == (
        "appointment", "new", cardiologist, heart
    )  # fmt: skip
    assert request.phone == "+16175550142"
    assert request.preferred_days == ["mon", "thu"]
    assert request.existing_patient is False

    page = client.get("/en/appointments/received/")
    assert "no-store" in page["Cache-Control"]
    text = page.content.decode()
    assert f"data-reference>{request.reference}<" in text
    assert "within 2 business days" in text
    assert not any(secret in text for secret in SECRETS)
    assert list(request.events.values_list("action", flat=True)) == ["received"]


def test_a_specialty_sends_the_request_to_its_department(client, heart):
    from doctors.models import Specialty

    cardiology = Specialty.objects.get(slug="cardiology")
    submit(client, "appointment", specialty=cardiology.pk)
    assert Request.objects.get().department == heart


def test_without_a_doctor_or_specialty_the_request_goes_to_central_intake(client, demo):
    submit(client, "appointment")
    assert Request.objects.get().department is None


def test_the_confirmation_needs_the_cookie_of_the_browser_that_sent_it(client, demo):
    submit(client, "appointment")
    assert Client().get("/en/appointments/received/")["Location"] == "/en/appointments/"
    client.cookies["appointment_received"] = "MGH-AAAA-AAAA"  # a forged, unsigned reference
    assert client.get("/en/appointments/received/").status_code == 302


def sent_form(client, kind="appointment"):
    """The data of a form `client` got and sent, and the reference its confirmation showed."""
    html, key = form_key(client, kind)
    data = valid_data(kind, key, submission_proof=proof_in(html))
    assert client.post(URLS[kind], data).status_code == 302
    return data, reference_shown(client)


def test_a_double_click_makes_one_request_and_shows_the_same_reference(client, demo):
    data, reference = sent_form(client)
    client.cookies.pop("appointment_received")  # the confirmation must come from the second answer
    second = client.post(URLS["appointment"], data)  # the same form sent again from the same browser
    assert second.status_code == 302
    assert Request.objects.count() == 1
    assert OutgoingEmail.objects.count() == 2
    assert reference_shown(client) == reference


def already_received_without(response, reference):
    page = response.content.decode()
    assert response.status_code == 200
    assert "This request has already been received" in page
    assert reference not in page
    assert "appointment_received" not in response.cookies  # no confirmation to read either
    assert "no-store" in response["Cache-Control"]


def test_a_key_replayed_from_another_browser_says_received_without_the_reference(client, demo):
    data, reference = sent_form(client)
    other = Client()
    other.get(URLS["appointment"])  # a browser of its own, with its own CSRF cookie
    already_received_without(other.post(URLS["appointment"], data), reference)
    assert other.get("/en/appointments/received/").status_code == 302  # no confirmation to see
    assert Request.objects.count() == 1


def test_a_key_replayed_on_another_form_says_received_without_the_reference(client, demo):
    data, reference = sent_form(client, "appointment")
    referral = valid_data("referral", data["submission_key"], submission_proof=data["submission_proof"])
    client.cookies.pop("appointment_received")
    already_received_without(client.post(URLS["referral"], referral), reference)
    assert Request.objects.count() == 1


def test_already_received_is_said_in_spanish(client, demo):
    data, reference = sent_form(client)
    page = Client().post(URLS["appointment"].replace("/en/", "/es/"), data).content.decode()
    assert "Ya hemos recibido esta solicitud" in page
    assert reference not in page


def test_a_resend_racing_the_first_one_still_finds_it(client, demo, monkeypatch):
    """Two posts of one form at once: the second's insert hits the unique key and finds the first."""
    data, reference = sent_form(client)
    client.cookies.pop("appointment_received")
    # As if the second post had looked before the first was committed.
    monkeypatch.setattr("appointments.views.already_received", lambda key: None)
    response = client.post(URLS["appointment"], data)
    assert response.status_code == 302
    assert Request.objects.count() == 1
    assert reference_shown(client) == reference
    already_received_without(Client().post(URLS["appointment"], data), reference)  # not from elsewhere


def test_the_intake_link_is_on_the_site_domain_whatever_the_host_header(client, demo, settings):
    settings.SITE_DOMAIN = "www.massgeneral.example"
    settings.SERVED_OVER_HTTPS = True
    forged = {"HTTP_HOST": "127.0.0.1:4444"}  # an allowed host name with a port of the sender's choosing
    html = client.get(URLS["appointment"], **forged).content.decode()
    key = one(html, 'input[name="submission_key"][value]').get("value")
    assert key
    data = valid_data("appointment", key, submission_proof=proof_in(html))
    assert client.post(URLS["appointment"], data, **forged).status_code == 302
    request = Request.objects.get()
    notice = OutgoingEmail.objects.get(to="intake@localhost")
    assert f"https://www.massgeneral.example{request.get_admin_url()}" in notice.body
    assert "127.0.0.1" not in notice.body and "4444" not in notice.body


def fail_request_inserts(execute, sql, params, many, context):
    if sql.startswith('INSERT INTO "appointments_request"'):
        raise OperationalError("could not write: disk full")
    return execute(sql, params, many, context)


def test_when_the_database_cannot_take_the_write_the_visitor_is_told_it_was_not_received(client, demo):
    _html, key = form_key(client, "appointment")
    with connection.execute_wrapper(fail_request_inserts):
        response = client.post(URLS["appointment"], valid_data("appointment", key))
    assert response.status_code == 503
    page = response.content.decode()
    assert "we have not received it" in page
    assert 'href="tel:+16177262000"' in page
    assert "no-store" in response["Cache-Control"]
    assert "appointment_received" not in response.cookies
    assert not Request.objects.exists()
    assert not OutgoingEmail.objects.exists()  # no acknowledgement of what was not saved


def fail_everything(execute, sql, params, many, context):
    raise OperationalError("server closed the connection unexpectedly")


def test_any_page_with_the_database_down_gets_the_503_page(demo):
    client = Client(raise_request_exception=False)
    with connection.execute_wrapper(fail_everything):
        response = client.get(URLS["appointment"])
    assert response.status_code == 503
    assert "data-service-unavailable" in response.content.decode()
    assert response["Retry-After"] == "30"


def test_the_confirmation_page_with_the_database_down_still_gives_the_reference(demo):
    client = Client(raise_request_exception=False)
    signer = signing.get_cookie_signer(salt=RECEIVED_COOKIE + RECEIVED_SALT)
    client.cookies[RECEIVED_COOKIE] = signer.sign("MGH-TEST-1234")
    with connection.execute_wrapper(fail_everything):
        confirmation = client.get("/en/appointments/received/")
        form = client.get(URLS["appointment"])
    assert confirmation.status_code == 503
    assert "data-reference>MGH-TEST-1234<" in confirmation.content.decode()
    assert form.status_code == 503 and "MGH-TEST-1234" not in form.content.decode()


def test_other_server_errors_keep_the_500_page(demo, monkeypatch):
    def broken(*args, **kwargs):
        raise ValueError("a bug")

    monkeypatch.setattr("appointments.views.receive", broken)
    client = Client(raise_request_exception=False)
    _html, key = form_key(client, "appointment")
    response = client.post(URLS["appointment"], valid_data("appointment", key))
    assert response.status_code == 500
    assert "Something went wrong on our side" in response.content.decode()


@pytest.mark.parametrize("kind", URLS)
def test_no_email_carries_health_details(client, demo, kind):
    submit(client, kind)
    request = Request.objects.get()
    call_command("send_queued_email", stdout=io.StringIO())
    assert len(mail.outbox) == 2
    intake, acknowledgement = mail.outbox
    assert intake.to == ["intake@localhost"]
    assert acknowledgement.to == [request.acknowledgement_address]
    for message in mail.outbox:
        assert request.reference in message.subject + message.body
        assert not [secret for secret in SECRETS if secret in message.subject + message.body]
    assert request.get_admin_url() in intake.body
    assert "does not repeat what you told us" in acknowledgement.body


def test_the_department_intake_address_is_told(client, cardiologist, heart):
    heart.intake_email = "heart-intake@example.org"
    heart.save()
    submit(client, "appointment", doctor=cardiologist.slug)
    assert set(OutgoingEmail.objects.values_list("to", flat=True)) == {
        "heart-intake@example.org",
        PATIENT["email"],
    }


def test_no_acknowledgement_without_an_email_address(client, demo):
    submit(client, "appointment", email="")
    assert list(OutgoingEmail.objects.values_list("to", flat=True)) == ["intake@localhost"]


def test_a_mail_server_that_is_down_delays_mail_and_loses_none(client, demo, settings):
    submit(client, "appointment")
    reference = Request.objects.get().reference
    # A real SMTP connection to a port where nothing listens.
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    out = io.StringIO()
    call_command("send_queued_email", stdout=out)
    # A round stops at its first failure: the other e-mail would only wait out the same failure.
    assert "Sent 0, failed 1" in out.getvalue()
    call_command("send_queued_email", stdout=out)
    assert "Sent 0, failed 1" in out.getvalue().splitlines()[-1]
    queued = OutgoingEmail.objects.all()
    assert [(e.sent_at, e.attempts) for e in queued] == [(None, 1), (None, 1)]
    assert all(e.next_attempt_at > timezone.now() for e in queued)
    assert queued[0].last_error == "ConnectionRefusedError"
    assert send_due() == (0, 0)  # not due again yet

    second_try = timezone.now() + datetime.timedelta(minutes=2)
    assert send_due(now=second_try) == (0, 1)
    assert send_due(now=second_try) == (0, 1)
    assert send_due(now=second_try) == (0, 0)
    assert {e.attempts for e in OutgoingEmail.objects.all()} == {2}

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"  # the server is back
    assert send_due(now=second_try + datetime.timedelta(hours=1)) == (2, 0)
    assert len(mail.outbox) == 2
    assert all(reference in m.subject for m in mail.outbox)
    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    assert send_due(now=second_try + datetime.timedelta(hours=2)) == (0, 0)  # sent once only


def test_nothing_of_the_patients_reaches_the_logs(client, demo, caplog, settings):
    caplog.set_level(logging.DEBUG)
    submit(client, "appointment", phone="not a phone")  # refused: 400
    submit(client, "second_opinion")  # accepted
    _html, key = form_key(client, "referral")
    with connection.execute_wrapper(fail_request_inserts):
        client.post(URLS["referral"], valid_data("referral", key))  # not saved: 503
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    call_command("send_queued_email", stdout=io.StringIO())  # fails, and says so
    logged = caplog.text
    assert "Bad Request" in logged and "not saved" in logged and "not sent" in logged
    assert not [secret for secret in [*SECRETS, "example.org"] if secret in logged]


def test_a_honeypot_filled_in_sends_nothing_and_says_why(client, demo):
    response, _key = submit(client, "appointment", website="http://spam.example")
    assert response.status_code == 400
    assert "This form looked automated, so it was not sent." in response.content.decode()
    assert 'value="Philomena"' in response.content.decode()
    assert not Request.objects.exists()


def test_an_address_sending_too_many_requests_is_told_to_wait(client, demo, settings):
    settings.APPOINTMENTS_RATE_LIMIT = 3
    for _ in range(3):
        assert submit(client, "appointment")[0].status_code == 302
    response, _key = submit(client, "appointment")
    page = response.content.decode()
    assert response.status_code == 429
    assert "We have received several requests from your connection in the last hour" in page
    assert "Fluttering heartbeat after zoledronate infusion</textarea>" in page
    assert Request.objects.count() == 3
    other_address = Client(REMOTE_ADDR="192.0.2.7")
    assert submit(other_address, "appointment")[0].status_code == 302


def test_nothing_of_the_patients_is_cached(client, cardiologist):
    client.get(f"/en/appointments/?doctor={cardiologist.slug}")
    client.get(cardiologist.get_absolute_url())
    response, _key = submit(client, "appointment", phone="bad")
    assert "no-store" in response["Cache-Control"]
    submit(client, "second_opinion", doctor=cardiologist.slug)
    assert "no-store" in client.get("/en/appointments/received/")["Cache-Control"]
    cached = cached_keys_and_values()
    assert cached  # the pages around the forms are cached ...
    assert not secrets_cached(SECRETS, cached)  # ... never what was typed


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (0, "203.0.113.9", "10.0.0.2"),  # no proxy trusted: a forged header changes nothing
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "198.51.100.1, 203.0.113.9", "203.0.113.9"),  # what the visitor wrote first is ignored
        (2, "198.51.100.1, 203.0.113.9", "198.51.100.1"),
        (2, "203.0.113.9", "10.0.0.2"),  # fewer entries than proxies: not to be trusted
    ],
)
def test_the_rate_limit_counts_the_visitors_address_behind_trusted_proxies(
    settings, proxies, forwarded, expected
):
    from django.test import RequestFactory

    from toolkit.client_ip import client_address

    settings.TRUSTED_PROXY_COUNT = proxies
    request = RequestFactory().post("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR=forwarded)
    assert client_address(request) == expected


def test_a_confirmation_the_database_cannot_show_still_gives_the_reference(demo):
    """Saved, then the database went away before the confirmation page: never "not received"."""
    client = Client(raise_request_exception=False)
    submit(client, "appointment")
    reference = Request.objects.get().reference
    with connection.execute_wrapper(fail_everything):
        response = client.get("/en/appointments/received/")
        other = client.get(URLS["referral"])  # any other page still says nothing was received
    page = response.content.decode()
    assert f"data-reference>{reference}<" in page
    assert "please don't send it again" in page
    assert "we have not received it" not in page
    assert "we have not received it" in other.content.decode()
