"""Fixtures shared by the whole suite."""

import io

import pytest
from cms.utils.apphook_reload import reload_urlconf
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.core.management import call_command
from django.utils import translation

from tests.staff import sign_in

DEMO_PASSWORD = "demo-password-for-tests"


def pytest_sessionstart(session):
    # The Spanish interface is read from locale/*/LC_MESSAGES/*.mo, which are built (and ignored by
    # git), not committed: compile them so a bare `pytest` tests the current translations too.
    # pytest-django has set Django up by now.
    call_command("compile_translations", stdout=io.StringIO())


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(config, items):
    """Refuse a test outside tests/e2e that names a fixture or a parameter `page`, `context` or
    `browser`: pytest-playwright gives it a browser, and pytest then moves every browser test next to
    it. Browser tests empty the database when they end, so they would run before the tests that read
    the session's demo site, which would find it gone."""
    stray = [
        item.nodeid
        for item in items
        if "browser_name" in getattr(getattr(item, "callspec", None), "params", {})
        and not item.nodeid.startswith("tests/e2e/")
    ]
    if stray:
        raise pytest.UsageError(
            "Only tests/e2e may use Playwright's fixture names (page, context, browser): rename the "
            "fixture or parameter of " + ", ".join(stray[:5])
        )


@pytest.fixture(autouse=True)
def _clear_cache():
    # django CMS keeps pages, menus and placeholders in the cache, which outlives the
    # rolled-back transaction of each test.
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _default_language():
    # A request to an /es/ page leaves Spanish active in the thread (LocaleMiddleware does not undo
    # it): the next test would otherwise start in Spanish, depending on which tests ran before.
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session")
def demo_db(django_db_setup, django_db_blocker):
    """The demo page tree (and the directory's vocabulary, no doctors), built once per session.

    Tests that use it run in a transaction that is rolled back, so each sees the tree as built.
    """
    with django_db_blocker.unblock():
        call_command("load_demo", admin_password=DEMO_PASSWORD, doctors=0, stdout=io.StringIO())
        # Tests that ran before may have built the URLs without the apps hooked onto pages.
        reload_urlconf()


@pytest.fixture
def demo(demo_db, db):
    return None


@pytest.fixture
def admin_user(db):
    User = get_user_model()
    return User.objects.filter(username="admin").first() or User.objects.create_superuser(
        "admin", "admin@example.org", DEMO_PASSWORD
    )


@pytest.fixture
def staff_client(client, admin_user):
    return sign_in(client, admin_user)
