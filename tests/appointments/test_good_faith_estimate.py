"""The Good Faith Estimate request (No Surprises Act): a fourth kind of request, kept like the others
and seen by patient financial services alone."""

import datetime
import html as html_lib
import io
import logging
import re

import pytest
from django.core import mail
from django.core.management import call_command
from django.test import Client
from django.utils import timezone

from appointments.models import OutgoingEmail, Request
from appointments.retention import purge
from doctors.models import Department
from editorial.roles import setup_roles
from pricing.models import ShoppableService
from tests.appointments.people import intake_staff
from tests.html import one, select, text
from tests.staff import sign_in

from .conftest import cached_keys_and_values, make_request, proof_in, secrets_cached

pytestmark = pytest.mark.django_db

URL = "/en/appointments/good-faith-estimate/"
SPANISH_URL = "/es/appointments/good-faith-estimate/"
CHANGELIST = "/en/admin/appointments/request/"
NEXT_YEAR = timezone.localdate().year + 1
PATIENT = {
    "first_name": "Philomena",
    "last_name": "Quarrington",
    "date_of_birth": "1961-04-27",
    "phone": "617-555-0142",
    "email": "philomena.q@example.org",
    "reason": "Vasectomy consultation and procedure",
    "service_code": "CPT 55250",
}
SECRETS = ["Philomena", "Quarrington", "1961", "555-0142", "5550142", "philomena.q", "Vasectomy", "55250"]


def get_form(client, url=URL, query=""):
    response = client.get(url + query)
    assert response.status_code == 200
    return response.content.decode()


def form_data(page, **overrides):
    """What a patient sends from `page`: every field right unless overridden (None: left out)."""
    data = {
        "submission_key": one(page, 'input[name="submission_key"]').get("value"),
        "submission_proof": proof_in(page),
        **PATIENT,
        "contact_method": "phone",
        "service_when": f"03/{NEXT_YEAR}",
        "coverage": "uninsured",
        "consent": "on",
    } | overrides
    return {name: value for name, value in data.items() if value is not None}


def submit(client, url=URL, **overrides):
    response = client.post(url, form_data(get_form(client, url), **overrides))
    return response


def reference_shown(client, language="en"):
    response = client.get(f"/{language}/appointments/received/")
    assert response.status_code == 200
    return response, text(one(response.content.decode(), "[data-reference]"))


def test_the_form_says_what_the_law_gives_and_asks_for_nothing_clinical(client, demo):
    response = client.get(URL)
    page = response.content.decode()
    assert "no-store" in response["Cache-Control"]
    assert 'name="csrfmiddlewaretoken"' in page
    assert page.index("call 911") < page.index('name="first_name"')
    assert page.index("Your privacy") < page.index('name="first_name"')
    assert "No Surprises Act" in page
    assert "within 3 business days of your request" in page
    assert "within 1 business day of scheduling" in page
    assert "at least $400 more than your Good Faith Estimate" in page
    names = {element.get("name") for element in select(page, "form[method=post] [name]")}
    assert names == {
        "csrfmiddlewaretoken", "submission_key", "submission_proof", "website", "first_name", "last_name",
        "date_of_birth", "phone", "email", "contact_method", "language", "reason", "service_code",
        "service_when", "coverage", "consent",
    }  # fmt: skip


def test_the_entry_page_leads_to_the_form(client, demo):
    page = client.get("/en/appointments/").content.decode()
    assert f'href="{URL}"' in page
    assert "Request a Good Faith Estimate" in page


CASES = [
    # (field, value sent, other overrides, message beside the field)
    ("first_name", "", {}, "Enter your first name."),
    ("last_name", "", {}, "Enter your last name."),
    ("date_of_birth", "", {}, "Enter the date of birth, like 04/27/1961."),
    ("date_of_birth", "2999-01-01", {}, "A date of birth can't be in the future."),
    ("phone", "12345", {}, "Enter a phone number we can call, with its area code"),
    ("phone", "", {"email": ""}, "Enter a phone number or an e-mail address, so we can reach you."),
    ("phone", "", {}, "Enter a phone number, or choose to be contacted by e-mail."),
    ("email", "not-an-email", {}, "Enter a valid email address."),
    ("email", "", {"contact_method": "email"}, "Enter your e-mail address, or choose to be called."),
    ("contact_method", "fax", {}, "Select a valid choice."),
    ("language", "999999", {}, "Please choose a language from the list."),
    ("reason", "", {}, "Tell us which service you want an estimate for."),
    ("reason", "x" * 1001, {}, "Please keep this to 1000 characters (it has 1001)"),
    ("service_code", "C" * 61, {}, "Ensure this value has at most 60 characters (it has 61)."),
    ("service_when", "13/45/2027", {}, "Enter a date like 03/15/2027, or only the month, like 03/2027."),
    ("service_when", "next spring", {}, "Enter a date like 03/15/2027, or only the month, like 03/2027."),
    ("service_when", "01/2020", {}, "That date has passed. Enter when you expect to have the service."),
    ("service_when", f"{NEXT_YEAR + 5}-01", {}, "Please check the year: that is more than 2 years from now."),
    ("coverage", None, {}, "Tell us whether you have no insurance or will not use it."),
    ("coverage", "medicare", {}, "Select a valid choice."),
    ("consent", None, {}, "We need your permission to contact you about this request."),
]  # fmt: skip


@pytest.mark.parametrize(("field", "value", "others", "message"), CASES)
def test_each_field_says_what_is_wrong_beside_it_and_keeps_what_was_typed(
    client, demo, field, value, others, message
):
    response = submit(client, **{field: value, **others})
    page = response.content.decode()
    assert response.status_code == 400
    assert not Request.objects.exists()
    assert '<meta name="robots" content="noindex">' in page
    beside = select(page, f"#id_{field}_error")
    assert beside, f"no message beside {field}"
    assert message in text(beside[0])
    described = [e.get("aria-describedby").split() for e in select(page, "[aria-describedby]")]
    assert any(f"id_{field}_error" in ids for ids in described)
    summary = page[page.index("data-error-summary") : page.index('<form method="post"')]
    assert html_lib.escape(message, quote=True).replace("'", "&#x27;") in summary
    assert re.search(rf'href="#id_{field}(_0)?"', summary)
    if field != "first_name":
        assert 'value="Philomena"' in page
    if field != "reason":
        assert "Vasectomy consultation and procedure</textarea>" in page
    if field != "service_when":
        assert f'value="03/{NEXT_YEAR}"' in page


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        (f"03/{NEXT_YEAR}", f"{NEXT_YEAR}-03"),
        (f"{NEXT_YEAR}-03", f"{NEXT_YEAR}-03"),
        (f"3/15/{NEXT_YEAR}", f"{NEXT_YEAR}-03-15"),
        (f"{NEXT_YEAR}-03-15", f"{NEXT_YEAR}-03-15"),
        ("", ""),
    ],
)
def test_a_date_or_only_a_month_is_taken(client, demo, typed, kept):
    assert submit(client, service_when=typed).status_code == 302
    assert Request.objects.get().service_when == kept


def test_this_month_is_not_in_the_past(client, demo):
    this_month = timezone.localdate().strftime("%m/%Y")
    assert submit(client, service_when=this_month).status_code == 302


def test_an_email_address_alone_is_enough(client, demo):
    assert submit(client, phone="", contact_method="email").status_code == 302
    request = Request.objects.get()
    assert (request.phone, request.email, request.contact_method) == ("", PATIENT["email"], "email")


def test_a_request_goes_to_patient_financial_services_and_is_confirmed_with_the_laws_deadline(client, demo):
    response = submit(client, coverage="self_pay")
    assert response.status_code == 302
    assert response["Location"] == "/en/appointments/received/"
    request = Request.objects.get()
    assert (request.kind, request.department, request.coverage) == ("good_faith_estimate", None, "self_pay")
    assert (request.reason, request.service_code, request.phone) == (
        PATIENT["reason"], "CPT 55250", "+16175550142"
    )  # fmt: skip
    confirmation, reference = reference_shown(client)
    assert reference == request.reference
    page = confirmation.content.decode()
    assert "no-store" in confirmation["Cache-Control"]
    assert "send your Good Faith Estimate in writing within 3 business days" in page
    assert "within 1 business day of scheduling" in page
    assert not [secret for secret in SECRETS if secret in page]
    assert list(request.events.values_list("action", flat=True)) == ["received"]


def test_a_double_submit_makes_one_request(client, demo):
    data = form_data(get_form(client))
    assert client.post(URL, data).status_code == 302
    _page, reference = reference_shown(client)
    client.cookies.pop("appointment_received")
    assert client.post(URL, data).status_code == 302
    assert Request.objects.count() == 1
    assert OutgoingEmail.objects.count() == 2
    assert reference_shown(client)[1] == reference


def test_the_honeypot_and_the_rate_limit_hold_as_on_the_other_forms(client, demo, settings):
    response = submit(client, website="http://spam.example")
    assert response.status_code == 400
    assert "This form looked automated" in response.content.decode()
    settings.APPOINTMENTS_RATE_LIMIT = 1
    assert submit(client).status_code == 302
    response = submit(client)
    assert response.status_code == 429
    assert 'value="Philomena"' in response.content.decode()
    assert Request.objects.count() == 1


def test_the_emails_go_to_the_queue_and_the_patient_without_a_word_of_what_was_asked(client, demo, settings):
    settings.PATIENT_FINANCIAL_SERVICES_EMAIL = "pfs@example.org"
    submit(client)
    request = Request.objects.get()
    call_command("send_queued_email", stdout=io.StringIO())
    queue, acknowledgement = mail.outbox
    assert queue.to == ["pfs@example.org"]
    assert acknowledgement.to == [PATIENT["email"]]
    assert queue.subject == f"New good faith estimate request {request.reference}"
    assert "for Patient financial services" in queue.body
    assert request.get_admin_url() in queue.body
    assert "send your Good Faith Estimate in writing within 3 business days" in acknowledgement.body
    for message in mail.outbox:
        assert request.reference in message.subject + message.body
        assert not [secret for secret in SECRETS if secret in message.subject + message.body]


def test_nothing_of_the_patients_reaches_the_logs(client, demo, caplog, settings):
    caplog.set_level(logging.DEBUG)
    submit(client, phone="not a phone")  # refused: 400
    submit(client)  # accepted
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_TIMEOUT = "127.0.0.1", 9, 2
    call_command("send_queued_email", stdout=io.StringIO())  # fails, and says so
    logged = caplog.text
    assert "Bad Request" in logged and "not sent" in logged
    assert not [secret for secret in [*SECRETS, "example.org"] if secret in logged]


def test_nothing_of_the_patients_is_cached(client, demo):
    client.get("/en/appointments/")
    assert "no-store" in submit(client, phone="bad")["Cache-Control"]
    submit(client)
    client.get("/en/appointments/received/")
    cached = cached_keys_and_values()
    assert cached  # the pages around the form are cached ...
    assert not secrets_cached(SECRETS, cached)  # ... never what was typed


@pytest.fixture
def service(demo):
    return ShoppableService.objects.create(
        name="Vasectomy", name_es="Vasectomía", category="surgery", code="55250", code_type="CPT",
        setting="outpatient",
    )  # fmt: skip


def test_a_link_from_the_price_estimator_fills_in_the_service(client, service):
    page = get_form(client, query=f"?service={service.pk}")
    assert text(one(page, 'textarea[name="reason"]')) == "Vasectomy"
    assert one(page, 'input[name="service_code"]').get("value") == "CPT 55250"
    spanish = get_form(client, SPANISH_URL, f"?service={service.pk}")
    assert text(one(spanish, 'textarea[name="reason"]')) == "Vasectomía"


@pytest.mark.parametrize("query", ["?service=999999", "?service=abc", "?service=" + "9" * 3000, "?service="])
def test_anything_but_a_services_number_is_left_out(client, demo, query):
    page = get_form(client, query=query)
    assert text(one(page, 'textarea[name="reason"]')) == ""
    assert one(page, 'input[name="service_code"]').get("value") is None


@pytest.fixture
def requests(demo):
    """A Good Faith Estimate request, a heart center request and one for central intake."""
    setup_roles()
    heart = Department.objects.get(slug="heart-center")
    estimate = make_request(kind=Request.Kind.GOOD_FAITH_ESTIMATE, coverage="uninsured")
    return estimate, make_request(heart), make_request(None), heart


def seen(user, *requests):
    """Which of `requests` `user` finds in the admin's list, and may open."""
    client = sign_in(Client(), user)
    listed = client.get(CHANGELIST).content.decode()
    found = []
    for request in requests:
        opened = client.get(f"{CHANGELIST}{request.pk}/change/")
        assert (request.reference in listed) == (opened.status_code == 200), request.kind
        if opened.status_code == 200:
            found.append(request)
    return found


def test_patient_financial_services_see_the_estimate_requests_and_no_others(requests):
    estimate, heart_request, central_request, _heart = requests
    member = intake_staff("pfs", group="Patient financial services")
    assert seen(member, estimate, heart_request, central_request) == [estimate]


def test_intake_staff_do_not_see_the_estimate_requests(requests):
    estimate, heart_request, central_request, heart = requests
    heart_staff = intake_staff("heart", group="Intake staff", departments=[heart])
    assert seen(heart_staff, estimate, heart_request, central_request) == [heart_request]
    central = intake_staff("central", "view_all_departments", group="Intake staff")
    assert seen(central, estimate, heart_request, central_request) == [heart_request, central_request]


def test_the_queue_shows_staff_what_was_asked(requests):
    estimate, *_others = requests
    estimate.service_code, estimate.service_when = "CPT 55250", f"{NEXT_YEAR}-03"
    estimate.save()
    client = sign_in(Client(), intake_staff("pfs", group="Patient financial services"))
    page = client.get(f"{CHANGELIST}{estimate.pk}/change/").content.decode()
    assert "I don&#x27;t have health insurance" in page
    assert "CPT 55250" in page and f"{NEXT_YEAR}-03" in page
    assert list(estimate.events.values_list("action", flat=True)) == ["viewed"]


def test_estimate_requests_are_purged_like_the_others(requests):
    estimate, *_others = requests
    Request.objects.filter(pk=estimate.pk).update(created_at=timezone.now() - datetime.timedelta(days=181))
    assert purge(180).requests == 1
    assert not Request.objects.filter(pk=estimate.pk).exists()


def test_the_spanish_form_and_confirmation(client, demo):
    page = get_form(client, SPANISH_URL)
    assert one(page, "html").get("lang") == "es"
    assert text(one(page, "h1")) == "Solicitar un cálculo de buena fe"
    assert text(one(page, 'label[for="id_reason"]')) == "El servicio para el que quiere un cálculo"
    assert "en un plazo de 3 días hábiles desde su solicitud" in page
    refused = client.post(SPANISH_URL, form_data(page, coverage=None, phone="", email=""))
    assert "Díganos si no tiene seguro o si no lo va a usar." in text(
        one(refused.content.decode(), "#id_coverage_error")
    )
    language = one(page, 'select[name="language"] option[selected]').get("value")
    assert client.post(SPANISH_URL, form_data(page, language=language)).status_code == 302
    confirmation, _reference = reference_shown(client, "es")
    assert "le enviará su cálculo de buena fe por escrito en un plazo de 3 días hábiles" in (
        confirmation.content.decode()
    )
    assert Request.objects.get().language.code == "es"
    call_command("send_queued_email", stdout=io.StringIO())
    queue, acknowledgement = mail.outbox
    assert queue.subject.startswith("New good faith estimate request")
    assert "le enviará su cálculo de buena fe" in acknowledgement.body
