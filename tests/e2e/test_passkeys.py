"""A staff member with no second factor enrols a passkey, then signs in with the password and it.

The passkey is a virtual authenticator in Chromium (Chrome DevTools Protocol, WebAuthn domain): an
internal, resident-key authenticator that verifies its user and answers without a touch. WebAuthn
needs a secure context and a relying party named by a domain, so the live server is reached as
http://localhost:<port> (a secure context, unlike an IP address), and the relying party is
"localhost" (what django-two-factor-auth takes from the request's host, said here outright).
"""

from urllib.parse import urlsplit

from django.contrib.auth.models import User
from playwright.sync_api import expect
from two_factor.plugins.webauthn.models import WebauthnDevice

PASSWORD = "a-long-test-password"


def add_passkey_authenticator(page):
    """A platform authenticator in the browser, like Touch ID or Windows Hello, that says yes."""
    cdp = page.context.new_cdp_session(page)
    cdp.send("WebAuthn.enable")
    added = cdp.send(
        "WebAuthn.addVirtualAuthenticator",
        {
            "options": {
                "protocol": "ctap2",
                "transport": "internal",
                "hasResidentKey": True,
                "hasUserVerification": True,
                "isUserVerified": True,
                "automaticPresenceSimulation": True,
            }
        },
    )
    return cdp, added["authenticatorId"]


def sign_in_with_password(page, base, username):
    page.goto(f"{base}/en/admin/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()


def test_staff_enrol_a_passkey_and_sign_in_with_it(site, page, settings):
    settings.TWO_FACTOR_WEBAUTHN_RP_ID = "localhost"  # the live server runs in this process
    base = f"http://localhost:{urlsplit(site.url).port}"
    nurse = User.objects.create_user("nora.nurse", password=PASSWORD, is_staff=True)
    cdp, authenticator = add_passkey_authenticator(page)

    # The password alone, with no second factor yet: straight to enrolment.
    sign_in_with_password(page, base, "nora.nurse")
    expect(page).to_have_url(f"{base}/en/admin/two-factor/setup/")
    page.get_by_role("button", name="Next").click()  # past the welcome
    page.get_by_label("WebAuthn").check()
    page.get_by_role("button", name="Next").click()
    # The passkey step's script asks the authenticator for a new credential and sends the form on.
    expect(page.get_by_role("heading", name="Recovery codes")).to_be_visible()
    assert len(cdp.send("WebAuthn.getCredentials", {"authenticatorId": authenticator})["credentials"]) == 1
    device = WebauthnDevice.objects.get(user=nurse)
    assert device.key_handle and device.public_key
    page.get_by_role("link", name="Continue").click()
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()

    page.get_by_role("button", name="Log out").click()
    expect(page).to_have_url(f"{base}/en/admin/login/")

    # Password, then the passkey: its step's script asks the authenticator and sends the form on.
    sign_in_with_password(page, base, "nora.nurse")
    expect(page).to_have_url(f"{base}/en/admin/")
    expect(page.get_by_role("heading", name="Site administration")).to_be_visible()
    device.refresh_from_db()
    assert device.last_used_at is not None
