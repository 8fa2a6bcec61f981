"""Staff sign in with a password and a second factor; a password alone opens nothing."""

import base64
import io
import re

import pytest
from django.contrib.auth.models import Permission, User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client, override_settings
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from appointments.models import Attachment, IntakeAssignment, RequestEvent
from doctors.models import Department
from tests.appointments.conftest import make_request
from tests.html import one, text, texts
from tests.staff import code_step, current_code, password_step, sign_in, totp_device

pytestmark = pytest.mark.django_db
LOGIN = "/en/admin/login/"
SETUP = "/en/admin/two-factor/setup/"
QUEUE = "/en/admin/appointments/request/"
PASSWORD = "a-long-staff-password"


def intake_staff(username="heart"):
    """A member of the heart centre's intake staff, who may read and download its requests."""
    user = User.objects.create_user(username, password=PASSWORD, is_staff=True)
    for codename in ("view_request", "change_request", "export_request"):
        permission = Permission.objects.get(codename=codename, content_type__app_label="appointments")
        user.user_permissions.add(permission)
    IntakeAssignment.objects.create(user=user, department=Department.objects.get(slug="heart-center"))
    return user


@pytest.fixture
def request_with_records(demo):
    waiting = make_request(Department.objects.get(slug="heart-center"))
    Attachment.objects.create(
        request=waiting,
        file=ContentFile(b"%PDF-1.4 records", name="x.pdf"),
        name="Philomena records.pdf",
        content_type="application/pdf",
        size=16,
    )
    return waiting


def patient_data_urls(waiting):
    return [
        QUEUE,
        f"{QUEUE}{waiting.pk}/change/",
        f"{QUEUE}{waiting.pk}/file/{waiting.attachments.get().pk}/",
        "/en/admin/cms/pagecontent/",
        "/en/admin/auth/user/",
    ]


def log_in_with_password(client, user, next_url=QUEUE):
    client.get(LOGIN)
    return client.post(f"{LOGIN}?next={next_url}", password_step(user.username, PASSWORD))


def test_a_password_alone_reaches_no_patient_data(request_with_records):
    # Staff who have not enrolled yet are signed in by their password, to enrol, and no further.
    client = Client()
    user = intake_staff()
    signed_in = log_in_with_password(client, user)
    assert signed_in.status_code == 302 and signed_in["Location"] == SETUP
    assert client.session["_auth_user_id"] == str(user.pk)
    for url in patient_data_urls(request_with_records):
        response = client.get(url, follow=True)
        assert response.redirect_chain[0][0].startswith(f"{LOGIN}?next="), url
        assert response.redirect_chain[-1][0] == SETUP, url
        page = response.content.decode()
        assert "Philomena" not in page and request_with_records.reference not in page, url
    assert not RequestEvent.objects.filter(request=request_with_records).exists()  # nothing was opened

    # Staff who have a second factor: the password alone does not even sign them in.
    enrolled = intake_staff("enrolled")
    totp_device(enrolled)
    other = Client()
    asked_for_code = log_in_with_password(other, enrolled)
    assert asked_for_code.status_code == 200
    assert 'name="token-otp_token"' in asked_for_code.content.decode()
    assert "_auth_user_id" not in other.session
    for url in patient_data_urls(request_with_records):
        response = other.get(url)
        assert response.status_code == 302 and response["Location"].startswith(f"{LOGIN}?next="), url


def test_django_cms_toolbar_login_takes_no_password_alone(demo):
    user = intake_staff()
    totp_device(user)
    client = Client()
    response = client.post("/en/cms_login/?next=/en/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == f"{LOGIN}?next=/en/"
    assert "_auth_user_id" not in client.session


def test_a_password_only_session_can_neither_edit_pages_nor_enrol_a_second_device(demo):
    # As if the password had been taken some other way: signed in, not verified.
    user = User.objects.get(username="admin")
    device = totp_device(user)
    client = Client()
    client.force_login(user)
    page = client.get("/en/").content.decode()
    assert "cms-toolbar" not in page  # django CMS shows its toolbar to verified staff only
    assert client.get("/en/admin/cms/pagecontent/").status_code == 302
    # Enrolling the thief's own phone would verify the session: refused.
    enrol = client.get(SETUP)
    assert enrol.status_code == 302 and enrol["Location"].startswith(f"{LOGIN}?next=")
    client.post(SETUP, {"staff_setup_view-current_step": "welcome"})
    assert list(TOTPDevice.objects.filter(user=user)) == [device]

    verified = sign_in(Client(), user).get("/en/").content.decode()
    assert "cms-toolbar" in verified


def enrol(client):
    """Go through enrolment with an authenticator app; return the device it made."""
    assert client.get(SETUP).status_code == 200
    client.post(SETUP, {"staff_setup_view-current_step": "welcome"})
    chosen = client.post(SETUP, {"staff_setup_view-current_step": "method", "method-method": "generator"})
    qr = one(chosen, "#content-main img[src]").get("src")
    secret = text(one(chosen, "#content-main code"))
    scanned = client.get(qr)
    assert scanned.status_code == 200 and scanned["Content-Type"].startswith("image/svg+xml")
    # What the phone's app computes from the key it was shown.
    device = TOTPDevice(key=base64.b32decode(secret).hex())
    done = client.post(
        SETUP, {"staff_setup_view-current_step": "generator", "generator-token": current_code(device)}
    )
    assert done.status_code == 302, done.content.decode()[:3000]
    return done, TOTPDevice.objects.get(user__pk=client.session["_auth_user_id"])


def test_enrolment_with_a_real_code_opens_the_admin_and_shows_recovery_codes(request_with_records):
    client = Client()
    user = intake_staff()
    log_in_with_password(client, user, next_url=QUEUE)
    assert client.get(QUEUE).status_code == 302  # not before enrolling
    done, device = enrol(client)
    assert done["Location"] == "/en/admin/two-factor/recovery-codes/"
    codes_page = client.get(done["Location"]).content.decode()
    codes = StaticDevice.objects.get(user=user).token_set.values_list("token", flat=True)
    assert len(codes) == 10 and all(code in codes_page for code in codes)
    assert f'href="{QUEUE}"' in codes_page  # on to where they were going
    assert client.session[DEVICE_ID_SESSION_KEY] == device.persistent_id
    queue = client.get(QUEUE)
    assert queue.status_code == 200 and request_with_records.reference in queue.content.decode()

    # Next time: password, then the code of the app.
    later = Client()
    asked = log_in_with_password(later, user)
    assert asked.status_code == 200
    response = later.post(f"{LOGIN}?next={QUEUE}", code_step(current_code(device)))
    assert response.status_code == 302 and response["Location"] == QUEUE
    assert later.get(QUEUE).status_code == 200


def test_enrolment_refuses_a_wrong_code_beside_the_field(demo):
    client = Client()
    log_in_with_password(client, intake_staff())
    client.post(SETUP, {"staff_setup_view-current_step": "welcome"})
    client.post(SETUP, {"staff_setup_view-current_step": "method", "method-method": "generator"})
    wrong = client.post(SETUP, {"staff_setup_view-current_step": "generator", "generator-token": "000000"})
    html = wrong.content.decode()
    assert wrong.status_code == 200
    errors = texts(html, "ul.errorlist#id_generator-token_error > li")
    assert errors and all(errors)
    assert not TOTPDevice.objects.exists()


def test_a_wrong_code_is_refused_with_a_message_beside_the_field(demo):
    user = intake_staff()
    device = totp_device(user)
    client = Client()
    log_in_with_password(client, user)
    wrong = f"{(int(current_code(device)) + 1) % 1000000:06d}"
    refused = client.post(LOGIN, code_step(wrong))
    html = refused.content.decode()
    assert refused.status_code == 200
    errors = texts(html, "ul.errorlist#id_token-otp_token_error > li")
    assert errors and all(errors)
    assert "_auth_user_id" not in client.session

    # Each wrong code makes the next try wait (1 s, then 2, 4...): said beside the field too, in Spanish.
    client.post("/es/admin/login/", password_step(user.username, PASSWORD))
    spanish = client.post("/es/admin/login/", code_step(current_code(device))).content.decode()
    assert texts(spanish, "#id_token-otp_token_error > li")[0].startswith(
        "La verificación está temporalmente deshabilitada"
    )
    assert "_auth_user_id" not in client.session

    other = intake_staff("other")
    other_device = totp_device(other)
    client.post("/es/admin/login/", password_step(other.username, PASSWORD))
    wrong = f"{(int(current_code(other_device)) + 1) % 1000000:06d}"
    spanish = client.post("/es/admin/login/", code_step(wrong)).content.decode()
    assert texts(spanish, "#id_token-otp_token_error > li")[0].startswith("Token no válido")


def test_a_recovery_code_works_once_and_only_once(demo):
    user = intake_staff()
    totp_device(user)
    static = StaticDevice.objects.create(user=user, name="backup")
    static.token_set.create(token="k7q4mx2p")
    first = Client()
    log_in_with_password(first, user)
    first.post(LOGIN, {"staff_login_view-current_step": "token", "wizard_goto_step": "backup"})
    used = first.post(f"{LOGIN}?next={QUEUE}", code_step("k7q4mx2p", step="backup"))
    assert used.status_code == 302 and used["Location"] == QUEUE
    assert first.get(QUEUE).status_code == 200

    again = Client()
    log_in_with_password(again, user)
    again.post(LOGIN, {"staff_login_view-current_step": "token", "wizard_goto_step": "backup"})
    refused = again.post(LOGIN, code_step("k7q4mx2p", step="backup"))
    assert refused.status_code == 200 and 'id="id_backup-otp_token_error"' in refused.content.decode()
    assert "_auth_user_id" not in again.session


def test_the_two_factor_screens_need_no_inline_script_and_speak_spanish(demo):
    inline_script = re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.I)
    handler_or_style = re.compile(r"<[a-z][^>]*\s(on[a-z]+|style)\s*=", re.I)
    user = intake_staff()
    client = Client()
    login = client.get("/es/admin/login/")
    log_in_with_password(client, user)
    welcome = client.get("/es/admin/two-factor/setup/")
    client.post(SETUP, {"staff_setup_view-current_step": "welcome"})
    scan = client.post(
        "/es/admin/two-factor/setup/",
        {"staff_setup_view-current_step": "method", "method-method": "generator"},
    )
    passkey = client.post(
        "/es/admin/two-factor/setup/",
        {"staff_setup_view-current_step": "method", "method-method": "webauthn"},
    )
    for response, words in [
        (login, "Iniciar sesión"),
        (welcome, "segundo factor"),
        (scan, "Escanee este código QR"),
        (passkey, "llave de acceso"),
    ]:
        html = response.content.decode()
        assert response.status_code == 200 and words in html, words
        assert not inline_script.search(html) and not handler_or_style.search(html), words
        assert "admin/css/base.css" in html  # the admin's look
    # The passkey's scripts are files from this site, allowed by script-src 'self'. They fill in the
    # token field and send its form the moment the browser has a passkey, so they come after it.
    script = re.search(r'<script src="/es/admin/two-factor/webauthn/create_credential.js">', html)
    assert script and script.start() > html.index('name="webauthn-token"')


def test_the_demo_admin_gets_an_authenticator_on_the_laptop_and_demo_code_prints_its_code(demo):
    admin = User.objects.get(username="admin")
    assert not TOTPDevice.objects.filter(user=admin).exists()  # load_demo ran with DEBUG off
    with override_settings(DEBUG=True):
        made = io.StringIO()
        call_command("load_demo", doctors=0, admin_password="demo-password-for-tests", stdout=made)
        out = io.StringIO()
        call_command("demo_code", stdout=out)
    assert "make demo-code" in made.getvalue()  # make run says how to get the code
    device = TOTPDevice.objects.get(user=admin)
    printed = out.getvalue()
    assert "otpauth://totp/" in printed and device.config_url.split("secret=")[1][:32] in printed
    client = Client()
    client.get(LOGIN)
    client.post(LOGIN, password_step("admin", "demo-password-for-tests"))
    signed_in = client.post(LOGIN, code_step(re.search(r"\b(\d{6})\b", printed).group(1)))
    assert signed_in.status_code == 302 and client.get("/en/admin/").status_code == 200
    with override_settings(DEBUG=True):
        call_command("load_demo", doctors=0, admin_password="demo-password-for-tests", stdout=io.StringIO())
    assert list(TOTPDevice.objects.filter(user=admin)) == [device]  # the same secret, run after run


def test_demo_code_refuses_to_run_in_production(demo):
    with override_settings(DEBUG=False), pytest.raises(CommandError, match="DEBUG"):
        call_command("demo_code", stdout=io.StringIO())
