"""The home page in a real browser: accessible, skip link, keyboard menu on a phone."""

import pytest
from playwright.sync_api import expect

from .conftest import axe_violations, describe


def test_home_page_has_no_serious_accessibility_violations(site, page):
    page.goto(f"{site.url}/en/")
    expect(page.get_by_role("heading", level=1)).to_have_count(1)
    violations = axe_violations(page)
    assert not violations, describe(violations)


@pytest.mark.parametrize(
    ("path", "heading"),
    [
        ("/en/the-mass-general-difference/", "The Mass General Difference"),
        ("/en/the-mass-general-difference/research/", "Research"),
        ("/en/no-such-page/", "We can't find that page"),
    ],
    ids=["section landing", "content page", "404"],
)
def test_page_types_have_no_serious_accessibility_violations(site, page, path, heading):
    page.goto(f"{site.url}{path}")
    expect(page.get_by_role("heading", level=1)).to_have_text(heading)
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_skip_link_moves_focus_to_main(site, page):
    page.goto(f"{site.url}/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_visible()
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_menu_works_with_the_keyboard_on_a_phone(site, browser):
    context = browser.new_context(viewport={"width": 375, "height": 800})
    page = context.new_page()
    page.goto(f"{site.url}/en/")
    toggle = page.get_by_role("button", name="Menu")
    menu_link = page.get_by_role("navigation", name="Main").get_by_role("link", name="Patient Experience")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(menu_link).to_be_hidden()

    toggle.focus()
    page.keyboard.press("Enter")
    expect(toggle).to_have_attribute("aria-expanded", "true")
    expect(menu_link).to_be_visible()

    # Tab reaches the menu's links in order, then Enter follows one.
    for _ in range(15):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.textContent.trim()") == "Patient Experience":
            break
    expect(menu_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Patient Experience")

    # Escape closes an open menu and gives focus back to the button.
    toggle = page.get_by_role("button", name="Menu")
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(toggle).to_have_attribute("aria-expanded", "false")
    expect(toggle).to_be_focused()
    context.close()


ONE_LINE_EACH = """() => [...document.querySelectorAll('.figure__value')].map(value => {
  const range = document.createRange();
  range.selectNodeContents(value);
  const lines = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
  const overflows = value.scrollWidth > value.parentElement.clientWidth + 1;
  return {text: value.textContent, lines: lines.size, overflows,
          width: value.scrollWidth, column: value.parentElement.clientWidth};
})"""


FIGURE_PAGES = {
    "en": ("/en/", "/en/the-mass-general-difference/research/"),
    "es": ("/es/", "/es/la-diferencia-de-mass-general/investigacion/"),
}


def test_big_figures_never_break_inside_a_number_at_any_width(site, page):
    problems, seen = [], 0
    for paths in FIGURE_PAGES.values():
        for width in (320, 375, 768, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            for path in paths:
                page.goto(site.url + path)
                for figure in page.evaluate(ONE_LINE_EACH):
                    seen += 1
                    if figure["lines"] != 1 or figure["overflows"]:
                        problems.append(f"{width}px {path}: {figure}")
    assert seen == 7 * 2 * 4 and not problems, "\n".join(problems)
