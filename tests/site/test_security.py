"""Production settings pass Django's deployment checks; framing is for the CMS editor only."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_check_deploy_with_no_warning():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
        "DJANGO_DEBUG": "false",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
    }
    for variable in ("DJANGO_SECURE_SSL_REDIRECT", "DJANGO_SECURE_COOKIES", "DJANGO_SECURE_HSTS_SECONDS"):
        env.pop(variable, None)  # the production defaults, not `make serve`'s
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for themselves, not production
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
    )
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
    staff = staff_client.get("/en/")
    assert staff["X-Frame-Options"] == "SAMEORIGIN"  # the CMS editor frames it
    assert staff["Permissions-Policy"] == anonymous["Permissions-Policy"]


@pytest.mark.django_db
def test_admin_logins_are_throttled_after_repeated_failures(admin_user):
    from django.test import Client

    from tests.conftest import DEMO_PASSWORD

    attacker = Client(REMOTE_ADDR="203.0.113.50")
    for _ in range(4):
        response = attacker.post("/en/admin/login/", {"username": "admin", "password": "guess"})
        assert response.status_code == 200  # "please enter the correct username and password"
    fifth = attacker.post("/en/admin/login/", {"username": "admin", "password": "guess"})
    assert fifth.status_code == 429  # the fifth failure locks the account from this address
    locked = attacker.post("/en/admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert locked.status_code == 429
    assert "signing in is paused for 15 minutes" in locked.content.decode()
    assert "_auth_user_id" not in attacker.session  # not even the right password gets in

    colleague = Client(REMOTE_ADDR="198.51.100.7")  # the same account from elsewhere still works
    response = colleague.post("/en/admin/login/", {"username": "admin", "password": DEMO_PASSWORD})
    assert response.status_code == 302
