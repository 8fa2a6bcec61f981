"""Browser tests: Playwright drives Debian's Chromium (/usr/bin/chromium), never a downloaded one.

Without that browser the tests are skipped with how to install it, except under CI=true,
where a missing browser fails the run.
"""

import os

import pytest

from tests.cms_pages import load_committed_demo

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
# As root in a sandbox without a network: no sandbox, and nothing that phones home.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Playwright's sync API runs an event loop in this thread; the live server's database
# work happens in its own thread, and test set-up here is plain synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_collection_modifyitems(config, items):
    here = os.path.dirname(__file__)
    browser_items = [item for item in items if str(item.fspath).startswith(here)]
    for item in browser_items:
        item.add_marker(pytest.mark.browser)
    if browser_items and not (os.path.exists(CHROMIUM) and os.access(CHROMIUM, os.X_OK)):
        if os.environ.get("CI", "").lower() == "true":
            raise pytest.UsageError(
                f"CI=true but no Chromium at {CHROMIUM}: install it with 'apt-get install -y chromium'."
            )
        reason = f"no Chromium at {CHROMIUM}: install Debian's with 'sudo apt-get install -y chromium'"
        for item in browser_items:
            item.add_marker(pytest.mark.skip(reason=reason))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def page(page):
    """Playwright's page, failing the test if the browser refused anything under the site's
    Content-Security-Policy (an inline script or style, a resource from elsewhere) or a script of a
    page threw an error nothing caught."""
    refused, thrown = [], []
    page.on(
        "console",
        lambda message: refused.append(message.text) if "Content Security Policy" in message.text else None,
    )
    page.on("pageerror", lambda error: thrown.append(str(error)))
    yield page
    assert not refused, "Refused under the Content-Security-Policy:\n" + "\n".join(refused)
    assert not thrown, "A page's script threw:\n" + "\n".join(thrown)


@pytest.fixture
def site(live_server, transactional_db):
    """The demo site served by a live server, with its database filled for this test."""
    load_committed_demo(doctors=40, admin_password="browser-test-password")
    return live_server


def axe_violations(page, impacts=("serious", "critical")):
    """Run axe-core (carried offline by axe-playwright-python) and return the violations."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in impacts]


def describe(violations):
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} -> {[n['target'] for n in v['nodes']][:5]}"
        for v in violations
    )


def fill_appointment_request(page, site_url, language):
    """Open the appointment request form in `language` and fill it in as a new patient would; not
    sent yet."""
    page.goto(f"{site_url}/{language}/appointments/request/")
    page.locator("[name=first_name]").fill("Ana")
    page.locator("[name=last_name]").fill("Reyes")
    page.locator("[name=date_of_birth]").fill("1970-03-14")
    page.locator("[name=existing_patient][value=no]").check()
    page.locator("[name=phone]").fill("617-555-0134")
    page.locator("[name=reason]").fill("Check-up")
    page.locator("[name=consent]").check()
