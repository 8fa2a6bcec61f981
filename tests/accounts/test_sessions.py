"""Staff sessions end after a while idle and after a working day at most, and with the browser."""

import json
import time

import pytest
from django.conf import settings
from django.contrib.auth.models import User
from django.test import Client

from accounts.models import AuditEvent
from accounts.sessions import ACTIVE_AT, SIGNED_IN_AT
from tests.staff import sign_in

pytestmark = pytest.mark.django_db
ADMIN = "/en/admin/"
STATUS = "/staff/session/"


@pytest.fixture
def editor(client):
    user = User.objects.create_user("editor", password="a-long-staff-password", is_staff=True)
    sign_in(client, user)
    assert client.get(ADMIN).status_code == 200
    return user


def set_clock(client, **seconds_ago):
    """Write the session's stored times as if they were that many seconds ago."""
    session = client.session
    for key, ago in seconds_ago.items():
        session[{"signed_in": SIGNED_IN_AT, "active": ACTIVE_AT}[key]] = time.time() - ago
    session.save()


def signed_in(client):
    return "_auth_user_id" in client.session


def test_the_limits_are_15_minutes_idle_and_8_hours_in_all_by_default():
    assert settings.STAFF_SESSION_IDLE_SECONDS == 15 * 60
    assert settings.STAFF_SESSION_MAX_SECONDS == 8 * 60 * 60
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE


def test_a_session_idle_for_longer_than_the_limit_is_signed_out(client, editor):
    set_clock(client, active=settings.STAFF_SESSION_IDLE_SECONDS - 30)
    assert client.get(ADMIN).status_code == 200  # 30 seconds to spare: still in
    set_clock(client, active=settings.STAFF_SESSION_IDLE_SECONDS + 1)
    response = client.get(ADMIN, follow=True)
    assert response.redirect_chain[0][0].startswith("/en/admin/login/")
    assert not signed_in(client)
    assert "you were signed out after a while without activity" in response.content.decode()
    ended = AuditEvent.objects.get(action=AuditEvent.Action.SESSION_ENDED)
    assert ended.username == "editor" and ended.detail.startswith("idle")


def test_a_session_ends_after_the_maximum_even_with_activity(client, editor):
    set_clock(client, signed_in=settings.STAFF_SESSION_MAX_SECONDS - 60, active=5)
    assert client.get(ADMIN).status_code == 200
    set_clock(client, signed_in=settings.STAFF_SESSION_MAX_SECONDS + 1, active=5)
    assert client.get(ADMIN).status_code == 302
    assert not signed_in(client)
    ended = AuditEvent.objects.get(action=AuditEvent.Action.SESSION_ENDED)
    assert ended.detail.startswith("signed in for more than")


def test_asking_how_long_is_left_is_not_activity_but_staying_signed_in_is(client, editor):
    idle = settings.STAFF_SESSION_IDLE_SECONDS
    set_clock(client, active=idle - 60)
    for _ in range(3):  # the page's script polling: the idle time runs on
        status = json.loads(client.get(STATUS).content)
        assert status["signed_in"] and 55 <= status["seconds_left"] <= 60
    stay = client.post(STATUS)  # "Stay signed in"
    assert json.loads(stay.content)["seconds_left"] > idle - 5
    set_clock(client, active=idle - 60)
    assert json.loads(client.post(STATUS).content)["seconds_left"] > idle - 5
    # The keep-alive posted before the limit kept the session: a page opens.
    assert client.get(ADMIN).status_code == 200
    assert signed_in(client)


def test_a_poll_after_the_idle_limit_finds_the_session_ended(client, editor):
    set_clock(client, active=settings.STAFF_SESSION_IDLE_SECONDS + 1)
    assert json.loads(client.get(STATUS).content) == {"signed_in": False}
    assert not signed_in(client)


def test_the_session_cookie_ends_with_the_browser(client, editor):
    set_clock(client, active=10)
    response = client.post(STATUS)  # the session is saved with the new activity time
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["max-age"] == "" and cookie["expires"] == ""  # a browser-session cookie


def test_visitors_get_no_session_and_no_cookie():
    visitor = Client()
    status = visitor.get(STATUS)
    assert json.loads(status.content) == {"signed_in": False}
    assert not status.cookies
    assert "no-store" in status["Cache-Control"]


def test_staff_pages_carry_the_warning_in_english_and_spanish(client, editor):
    english = client.get(ADMIN).content.decode()
    assert 'role="alertdialog"' in english and "Stay signed in" in english
    assert "js/session-warning.js" in english
    spanish = client.get("/es/admin/").content.decode()
    assert "Seguir conectado" in spanish
    assert "Va a cerrarse su sesión" in spanish


def test_the_sites_own_pages_warn_cms_editors_but_not_visitors(demo):
    assert "session-warning" not in Client().get("/en/").content.decode()
    chief = User.objects.create_superuser("chief", "chief@example.org", "a-long-staff-password")
    page = sign_in(Client(), chief).get("/en/").content.decode()
    assert "cms-toolbar" in page and 'id="session-warning"' in page
