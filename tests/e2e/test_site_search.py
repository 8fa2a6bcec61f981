"""The header's search box: suggestions by keyboard, and a results page without barriers."""

import re

from playwright.sync_api import expect

from doctors.models import Specialty
from tests.doctors.factories import DoctorFactory

from .conftest import axe_violations, describe


def test_suggestions_by_keyboard_and_results(site, page):
    DoctorFactory(
        first_name="Marisol", last_name="Quintanilla", specialties=[Specialty.objects.get(slug="cardiology")]
    )
    page.goto(f"{site.url}/en/")
    box = page.get_by_role("combobox", name="Search the site")
    box.click()
    page.keyboard.type("Quintan")
    listbox = page.get_by_role("listbox", name="Suggestions")
    expect(listbox).to_be_visible()
    expect(box).to_have_attribute("aria-expanded", "true")
    option = listbox.get_by_role("option").first
    expect(option).to_contain_text("Marisol Quintanilla, MD")
    page.keyboard.press("ArrowDown")
    expect(option).to_have_attribute("aria-selected", "true")
    expect(box).to_have_attribute("aria-activedescendant", option.get_attribute("id"))
    page.keyboard.press("Escape")
    expect(listbox).to_be_hidden()
    expect(box).to_have_attribute("aria-expanded", "false")

    page.keyboard.press("Enter")  # the plain search
    expect(page).to_have_url(re.compile(r"/en/search/\?q=Quintan"))
    expect(page.get_by_role("heading", level=2, name=re.compile("result"))).to_be_visible()
    violations = axe_violations(page)
    assert not violations, describe(violations)

    box = page.get_by_role("combobox", name="Search the site")
    box.fill("")
    box.click()
    page.keyboard.type("Quintanill")
    expect(page.get_by_role("option").first).to_be_visible()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Enter")  # opens the suggestion
    expect(page).to_have_url(re.compile(r"/en/find-a-doctor/marisol-quintanilla/$"))
