"""Before an idle staff session ends, the page warns, and "Stay signed in" keeps the session."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client
from playwright.sync_api import expect

from tests.staff import sign_in


@pytest.fixture
def signed_in_page(page, live_server, transactional_db, settings):
    """A browser signed in as an administrator, with an 8-second idle limit warned of 5 s before."""
    settings.STAFF_SESSION_IDLE_SECONDS = 8
    settings.STAFF_SESSION_WARNING_SECONDS = 5
    user = User.objects.create_superuser("chief", "chief@example.org", "a-long-staff-password")
    session = sign_in(Client(), user).cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": session, "url": live_server.url}]
    )
    return page


def test_the_warning_is_announced_and_staying_signed_in_keeps_the_session(signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/en/admin/")
    dialog = page.get_by_role("alertdialog", name="You are about to be signed out")
    expect(dialog).to_be_hidden()

    # 3 s after the page opened (8 s idle, warned 5 s before): shown, named, described, focused.
    expect(dialog).to_be_visible(timeout=6000)
    expect(dialog).to_have_accessible_description(re.compile("signed out in less than a minute"))
    stay = dialog.get_by_role("button", name="Stay signed in")
    expect(stay).to_be_focused()
    page.keyboard.press("Enter")
    expect(dialog).to_be_hidden()

    # Past the 8 s the page would have had without the button: still signed in. (Asking is no activity.)
    page.wait_for_timeout(5500)
    status = page.request.get(f"{live_server.url}/staff/session/").json()
    assert status["signed_in"], status

    # Left alone now, the page warns again, then opens the sign-in page when the time is up.
    page.wait_for_url(re.compile(r"/en/admin/login/"), timeout=12000)
    expect(page.get_by_text("you were signed out after a while without activity")).to_be_visible()
    assert not page.request.get(f"{live_server.url}/staff/session/").json()["signed_in"]


def test_the_warning_speaks_spanish_on_spanish_pages(signed_in_page, live_server):
    page = signed_in_page
    page.goto(f"{live_server.url}/es/admin/")
    dialog = page.get_by_role("alertdialog", name="Va a cerrarse su sesión")
    expect(dialog).to_be_visible(timeout=6000)
    expect(dialog.get_by_role("button", name="Seguir conectado")).to_be_focused()
