"""Every phone link on every page type is in E.164 (RFC 3966's global form, which a phone dials
from anywhere); coordinates in links: tests/locations/test_map_links.py."""

import re

import pytest

from tests.html import select

E164_LINK = re.compile(r"tel:\+[1-9]\d{6,14}")


@pytest.mark.django_db  # among the database tests: before those that empty the database
def test_every_phone_link_on_every_page_type_is_e164(site_pages):
    links, wrong = 0, []
    for name, _language, path, html in site_pages.pages:
        for link in select(html, 'a[href^="tel:"]'):
            links += 1
            if not E164_LINK.fullmatch(link.get("href")):
                wrong.append(f"{name} ({path}): {link.get('href')}")
    assert links > 40 and not wrong, "\n".join(wrong)


def test_the_pattern_refuses_a_local_number():
    assert not E164_LINK.fullmatch("tel:6175550123") and E164_LINK.fullmatch("tel:+16175550123")
