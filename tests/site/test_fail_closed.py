"""Settings fail closed: a server where nothing is set runs as production, never in debug mode with
the published development key, and the demo admin's known password stays on the laptop."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import SystemCheckError

from demo.management.commands.load_demo import DEMO_ADMIN_PASSWORD

from .production import manage_py

SHOW_DEBUG = "from django.conf import settings; print('DEBUG', settings.DEBUG)"


def test_without_django_debug_a_command_runs_with_debug_off():
    result = manage_py("shell", "-c", SHOW_DEBUG, DJANGO_DEBUG=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "DEBUG False"


def test_only_django_debug_true_turns_debug_on():
    result = manage_py("shell", "-c", SHOW_DEBUG, DJANGO_DEBUG="true", DJANGO_SECRET_KEY=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "DEBUG True"


def test_without_debug_there_is_no_default_secret_key():
    result = manage_py("shell", "-c", SHOW_DEBUG, DJANGO_DEBUG=None, DJANGO_SECRET_KEY=None)
    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is not set" in result.stderr
    assert "DEBUG" not in result.stdout


@pytest.mark.parametrize("debug", [None, "false", "true"])
def test_load_demo_refuses_the_demo_password_outside_the_laptops_sqlite(debug, tmp_path):
    """Another database (here an SQLite file of its own), with DEBUG on or off: --admin-password
    is required before anything is written."""
    database = tmp_path / "server.sqlite3"
    result = manage_py(
        "load_demo", "--doctors", "0", DJANGO_DEBUG=debug, DATABASE_URL=f"sqlite:///{database}"
    )
    assert result.returncode != 0
    assert "pass --admin-password" in result.stderr, result.stderr
    assert not database.exists() or database.stat().st_size == 0  # not even a connection's table


def make_staff(username, password, **fields):
    User = get_user_model()
    return User.objects.create_user(username, f"{username}@example.org", password, is_staff=True, **fields)


def check_deploy():
    """The deploy checks of the security tag, which holds this one: the browser tests' process sets
    DJANGO_ALLOW_ASYNC_UNSAFE, which another deploy check (async.E001) rightly calls an error."""
    out, err = io.StringIO(), io.StringIO()
    call_command("check", "--deploy", "--tag", "security", stdout=out, stderr=err)
    return out.getvalue() + err.getvalue()


@pytest.mark.django_db
def test_check_deploy_reports_a_user_who_signs_in_with_the_demo_password():
    make_staff("demo-admin", DEMO_ADMIN_PASSWORD, is_superuser=True)
    with pytest.raises(SystemCheckError) as raised:
        check_deploy()
    assert "demo.E001" in str(raised.value)
    assert "'demo-admin' signs in with the demo admin's password" in str(raised.value)


@pytest.mark.django_db
def test_check_deploy_is_quiet_once_nobody_who_can_sign_in_has_the_demo_password():
    make_staff("editor", "another-long-password-0917")
    make_staff("former", DEMO_ADMIN_PASSWORD, is_active=False)  # cannot sign in
    get_user_model().objects.create_user("visitor", password=DEMO_ADMIN_PASSWORD)  # not staff: no login
    assert "demo.E001" not in check_deploy()


def test_check_deploy_reports_it_under_production_settings(tmp_path):
    """The same check in a process with the real settings, on a database load_demo filled with the
    demo password (DEBUG on, as a laptop would), then read as production."""
    database = f"sqlite:///{tmp_path / 'db.sqlite3'}"
    assert manage_py("migrate", "--noinput", "-v0", DATABASE_URL=database).returncode == 0
    create = (
        "from django.contrib.auth import get_user_model; "
        f"get_user_model().objects.create_superuser('admin', 'admin@example.org', {DEMO_ADMIN_PASSWORD!r})"
    )
    assert manage_py("shell", "-c", create, DATABASE_URL=database).returncode == 0
    result = manage_py("check", "--deploy", DATABASE_URL=database)
    assert result.returncode != 0
    assert "demo.E001" in result.stderr, result.stderr
