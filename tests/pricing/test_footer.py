"""Every page's footer links the Price Transparency page with exactly that label (45 CFR 180.50):
every page type, in English and in Spanish, where the label stays English (marked so) and is
followed by Spanish words."""

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.utils import translation

from tests.html import parse, select, text
from tests.page_types import LANGUAGES, load_demo_with_doctors, page_types
from tests.standards.spanish_text import english_left, proper_name_pattern

LABEL = "Price Transparency"


def price_link(html):
    """The footer's Price Transparency link, outside the editable footer alias; None if missing."""
    found = select(parse(html), "footer.site-footer .site-footer__prices a")
    return found[0] if len(found) == 1 else None


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_links_price_transparency_in_its_footer(client, demo, language):
    load_demo_with_doctors(doctors=3)
    target = f"/{language}/price-transparency/"
    for name, path in page_types(language):
        response = client.get(path)
        assert response.status_code == (404 if name == "not found" else 200), (name, path)
        link = price_link(response.content.decode())
        assert link is not None, (name, path)
        assert link.get("href") == target, (name, path)
        if language == "en":
            assert text(link) == LABEL, (name, path)
        else:
            [english] = link.cssselect('[lang="en"]')
            assert text(english) == LABEL
            assert text(link) == f"{LABEL} (transparencia de precios)", (name, path)
    assert client.get(target).status_code == 200


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", ["400.html", "413.html", "500.html", "503.html"])
def test_the_pages_shown_when_things_go_wrong_link_it_too(template, language):
    """They are made without the database (standalone.html), so the link is the page's address."""
    with translation.override(language):
        html = render_to_string(template, {"language": language})
    link = price_link(html)
    assert link is not None and link.get("href") == f"/{language}/price-transparency/"
    assert text(link) == (LABEL if language == "en" else f"{LABEL} (transparencia de precios)")
    # The check finds a page without it.
    assert price_link(html.replace("site-footer__prices", "site-footer__other")) is None


def footer_line(client, language):
    """The footer's line with the link, alone on a page of `language`."""
    [line] = select(parse(client.get(f"/{language}/").content.decode()), "footer .site-footer__prices")
    return f'<html lang="{language}"><body>{lxml.html.tostring(line, encoding="unicode")}</body></html>'


@pytest.mark.django_db
def test_the_spanish_footer_leaves_no_english_unmarked(client, demo):
    english, spanish = footer_line(client, "en"), footer_line(client, "es")
    assert english_left(spanish, english, proper_name_pattern([])) == []
    # Unmarked, the English label is what the Spanish-text checker finds.
    assert english_left(spanish.replace(' lang="en"', ""), english, proper_name_pattern([])) == [LABEL]
