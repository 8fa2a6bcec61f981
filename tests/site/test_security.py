"""Production settings pass Django's deployment checks; framing is for the CMS editor only."""

import lxml.html
import pytest

from tests.html import select

from .production import manage_py


def test_production_settings_pass_check_deploy_with_no_warning(tmp_path):
    # The production defaults, not `make serve`'s; a database of its own, where nobody has the demo
    # admin's password (the laptop's db.sqlite3 may well have it: demo.checks would say so).
    result = manage_py(
        "check", "--deploy", "--fail-level", "WARNING",
        DJANGO_SECURE_SSL_REDIRECT=None, DJANGO_SECURE_COOKIES=None, DJANGO_SECURE_HSTS_SECONDS=None,
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
    )  # fmt: skip
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_security_headers_and_framing_for_visitors_and_staff(client, staff_client, demo):
    from django.test import Client

    anonymous = Client().get("/en/")
    assert anonymous["X-Frame-Options"] == "DENY"
    assert anonymous["X-Content-Type-Options"] == "nosniff"
    assert anonymous["Referrer-Policy"] == "strict-origin-when-cross-origin"
    assert anonymous["Cross-Origin-Opener-Policy"] == "same-origin"
    assert (
        "camera=()" in anonymous["Permissions-Policy"] and "geolocation=()" in anonymous["Permissions-Policy"]
    )
    policy = directives(anonymous["Content-Security-Policy"])
    assert policy["script-src"] == ["'self'"]  # no inline script, no other host
    assert policy["style-src"] == ["'self'"]
    assert policy["default-src"] == ["'self'"]
    assert policy["object-src"] == policy["base-uri"] == policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]

    staff = staff_client.get("/en/")
    assert staff["X-Frame-Options"] == "SAMEORIGIN"  # the CMS editor frames it
    assert staff["Permissions-Policy"] == anonymous["Permissions-Policy"]
    # The CMS toolbar and its editors write inline scripts and styles: staff get a policy of their own.
    staff_policy = directives(staff["Content-Security-Policy"])
    assert staff_policy["script-src"] == ["'self'", "'unsafe-inline'"]
    assert staff_policy["frame-ancestors"] == ["'self'"]
    assert staff_policy["object-src"] == ["'none'"]


def directives(header):
    return {name: values for name, *values in (part.split() for part in header.split(";"))}


@pytest.mark.django_db
def test_public_pages_need_no_inline_script_or_style(demo):
    """Under the visitors' policy an inline script, event handler or style attribute would be
    refused by the browser: no page type may carry one. (JSON-LD blocks are data, not scripts.)"""
    from cms.models import Page
    from django.test import Client

    from tests.doctors.factories import DoctorFactory
    from tests.locations.factories import LocationFactory

    doctor = DoctorFactory(locations=[LocationFactory(name="Fruit Street Clinic")])
    urls = [
        "/en/", "/es/", Page.objects.get(reverse_id="difference").get_absolute_url("en"),
        Page.objects.get(reverse_id="research").get_absolute_url("es"),
        "/en/find-a-doctor/", "/en/find-a-doctor/?q=heart",
        f"/en/find-a-doctor/{doctor.slug}/", "/en/find-a-location/",
        "/en/find-a-location/yawkey-center-for-outpatient-care/", "/en/appointments/",
        "/en/appointments/request/", "/en/search/?q=research", "/en/no-such-page/", "/en/admin/login/",
    ]  # fmt: skip

    def inline_scripts(page):
        return [
            lxml.html.tostring(script, encoding="unicode")[:200]
            for script in select(page, "script:not([src])")
            if "application/ld+json" not in (script.get("type") or "").lower()
        ]

    def handlers_or_styles(page):
        return [
            (element.tag, name)
            for element in select(page, "*")
            for name in element.attrib
            if name.lower() == "style" or (name.lower().startswith("on") and name[2:].isalpha())
        ]

    for url in urls:
        response = Client().get(url)
        assert response.status_code == (404 if "no-such-page" in url else 200), url
        assert "Content-Security-Policy" in response, url
        assert not inline_scripts(response), (url, inline_scripts(response))
        assert not handlers_or_styles(response), (url, handlers_or_styles(response))


@pytest.mark.django_db
def test_admin_logins_are_throttled_after_repeated_failures(admin_user):
    from django.test import Client

    from tests.conftest import DEMO_PASSWORD
    from tests.staff import password_step

    attacker = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(4):
        response = attacker.post("/en/admin/login/", password_step("admin", "guess"))
        assert response.status_code == 200  # "please enter the correct username and password"
    fifth = attacker.post("/en/admin/login/", password_step("admin", "guess"))
    assert fifth.status_code == 429  # the fifth failure locks the account from this address
    locked = attacker.post("/en/admin/login/", password_step("admin", DEMO_PASSWORD))
    assert locked.status_code == 429
    assert "signing in is paused for 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session  # not even the right password gets in

    colleague = Client(REMOTE_ADDR="198.51.100.7")  # the same account from elsewhere still works
    response = colleague.post("/en/admin/login/", password_step("admin", DEMO_PASSWORD))
    assert response.status_code == 302


@pytest.mark.parametrize(("redirect", "upgraded"), [("true", "True"), ("false", "False")])
def test_insecure_requests_are_upgraded_only_where_the_site_is_served_over_https(redirect, upgraded):
    """In production the policy makes browsers fetch everything over HTTPS; `make serve` on a
    laptop is plain HTTP, where that would leave the page without its styles and scripts."""
    show = "from django.conf import settings; print(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']"
    show += "['upgrade-insecure-requests'])"
    result = manage_py("shell", "-c", show, DJANGO_SECURE_SSL_REDIRECT=redirect)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == upgraded


@pytest.mark.django_db
def test_session_and_csrf_cookies_are_out_of_reach_of_scripts(demo, admin_user):
    from django.test import Client

    from tests.conftest import DEMO_PASSWORD
    from tests.staff import password_step

    visitor = Client()
    form = visitor.get("/en/appointments/request/")
    assert form.cookies["csrftoken"]["httponly"]  # the form carries its own copy of the token
    assert form.cookies["csrftoken"]["samesite"] == "Lax"
    login = visitor.post("/en/admin/login/", password_step("admin", DEMO_PASSWORD))
    assert login.status_code == 302
    assert login.cookies["sessionid"]["httponly"]
    assert login.cookies["sessionid"]["samesite"] == "Lax"
