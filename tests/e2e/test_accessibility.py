"""Every page type, in both languages, on a phone and a desktop: no axe violation of any impact,
one <h1>, the page's language declared, and nothing wider than the screen."""

import pytest

from tests.page_types import FORMS, page_types

from .conftest import describe, fill_appointment_request

WIDTHS = {"phone": 375, "desktop": 1280}


def check(page, name, language, axe):
    """What every page must hold; returns the problems found, described."""
    problems = []
    violations = axe.run(page).response["violations"]
    if violations:
        problems.append(f"{name}: axe\n{describe(violations)}")
    h1s = page.locator("h1").count()
    if h1s != 1:
        problems.append(f"{name}: {h1s} <h1> elements")
    lang = page.locator("html").get_attribute("lang")
    if lang != language and name != "not found":
        problems.append(f"{name}: <html lang={lang!r}>")
    overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    if overflow > 0:
        problems.append(f"{name}: {overflow}px wider than the screen")
    return problems


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_page_type_has_no_accessibility_violations(site, page, language, width):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    page.set_viewport_size({"width": WIDTHS[width], "height": 900})
    problems = []
    for name, path in page_types(language):
        page.goto(site.url + path)
        problems += check(page, name, language, axe)
        if name in FORMS:  # and again with every error showing
            page.locator("form[method=post] button[type=submit]").click()
            page.locator("[data-error-summary]").wait_for()
            problems += check(page, f"{name} with errors", language, axe)

    # The confirmation, after a real request.
    fill_appointment_request(page, site.url, language)
    page.locator("form[method=post] button[type=submit]").click()
    page.locator("[data-reference]").wait_for()
    problems += check(page, "confirmation", language, axe)
    assert not problems, "\n".join(problems)


TEXT_SPACING = """
* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }
"""
CLIPPED_TEXT = """() => [...document.querySelectorAll('body *')].filter(e => {
  const s = getComputedStyle(e);
  const hides = [s.overflow, s.overflowX, s.overflowY].includes('hidden');
  const screenReaderOnly = s.clipPath !== 'none' || e.getBoundingClientRect().width <= 1;
  return hides && !screenReaderOnly && e.textContent.trim() && e.offsetParent !== null
    && (e.scrollHeight > e.clientHeight + 1 || e.scrollWidth > e.clientWidth + 1)
    && !e.closest('.visually-hidden, .field--trap, .skip-link, .cms-toolbar');
}).map(e => e.tagName + '.' + e.className)"""
SMALL_TARGETS = """() => [...document.querySelectorAll(
  'button, input:not([type=hidden]), select, textarea, summary, nav a, .button, .chip')].filter(e => {
  if (e.offsetParent === null || e.closest('.visually-hidden, .field--trap')) return false;
  const r = e.getBoundingClientRect();
  return r.width < 24 || r.height < 24;
}).map(e => e.tagName + (e.name ? '[name=' + e.name + ']' : '') + '.' + e.className
  + ' ' + (e.textContent || '').trim().slice(0, 30))"""


def test_pages_reflow_at_320px_with_text_spacing_and_targets_of_24px(site, page):
    """400% zoom of a 1280 px screen is 320 CSS pixels: nothing may scroll sideways or be cut off,
    even with the WCAG text-spacing overrides, and every control is at least 24 by 24 pixels."""
    page.set_viewport_size({"width": 320, "height": 640})
    problems = []
    for name, path in page_types("en"):
        page.goto(site.url + path)
        small = page.evaluate(SMALL_TARGETS)
        if small:
            problems.append(f"{name}: targets under 24px: {small[:5]}")
        # A constructed style sheet: the site's Content-Security-Policy refuses a <style> element.
        page.evaluate(
            "css => { const s = new CSSStyleSheet(); s.replaceSync(css); "
            "document.adoptedStyleSheets = [s]; }",
            TEXT_SPACING,
        )
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            problems.append(f"{name}: {overflow}px wider than 320px")
        clipped = page.evaluate(CLIPPED_TEXT)
        if clipped:
            problems.append(f"{name}: text cut off: {clipped[:5]}")
    assert not problems, "\n".join(problems)
