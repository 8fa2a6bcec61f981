"""Every contact address on the site comes from settings or from content editors write, never
from a placeholder domain."""

import re

import pytest

from demo.content import with_contacts
from tests.html import select
from tests.page_types import load_demo_with_doctors, rendered_pages
from toolkit.identity import hospital

PLACEHOLDER_DOMAINS = re.compile(r"example\.(org|com|net)", re.IGNORECASE)


@pytest.mark.django_db
def test_no_public_page_in_either_language_names_a_placeholder_domain(client, demo):
    load_demo_with_doctors()
    found = [
        f"{name} ({language}, {path}): {match[0]}"
        for name, language, path, html in rendered_pages(client)
        for match in PLACEHOLDER_DOMAINS.finditer(html)
    ]
    assert not found, "\n".join(found)


def test_the_check_finds_a_placeholder_domain():
    assert PLACEHOLDER_DOMAINS.search('<a href="mailto:web@Example.ORG">write</a>')


@pytest.mark.django_db
def test_the_accessibility_statement_gives_the_address_in_settings(client, demo, settings):
    address = settings.HOSPITAL["accessibility_email"]
    assert address == "accessibility@massgeneral.org"  # the demo's: on the hospital's own domain
    for path in ("/en/accessibility/", "/es/accesibilidad/"):
        links = [a.get("href") for a in select(client.get(path), 'a[href^="mailto:"]')]
        assert links == [f"mailto:{address}"], path


def test_the_demo_content_takes_the_address_from_settings(settings):
    settings.HOSPITAL = {**settings.HOSPITAL, "accessibility_email": "web-access@hospital.test"}
    assert hospital().accessibility_email == "web-access@hospital.test"
    assert with_contacts('<a href="mailto:{hospital.accessibility_email}">x</a>') == (
        '<a href="mailto:web-access@hospital.test">x</a>'
    )
