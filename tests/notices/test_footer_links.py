"""Every page's footer links the notices federal rules ask every page to link (nondiscrimination,
language assistance, the Notice of Privacy Practices, financial assistance) beside Price
Transparency: every page type in both languages, and the pages shown when things go wrong, which
are made without the database."""

import pytest
from cms.models import Page
from django.template.loader import render_to_string
from django.utils import translation

from tests.html import parse, select, text
from tests.notices.test_pages import LANGUAGES, address
from tests.page_types import load_demo_with_doctors, page_types

LINKED = ("nondiscrimination", "language-assistance", "privacy-practices", "financial-assistance")
LABELS = {
    "en": ["Nondiscrimination", "Language assistance", "Notice of Privacy Practices", "Financial assistance"],
    "es": [
        "No discriminación",
        "Asistencia lingüística",
        "Aviso de prácticas de privacidad",
        "Asistencia financiera",
    ],
}


def footer_links(html):
    """{address: label} of the footer's links outside the editable footer alias."""
    links = select(
        parse(html), "footer.site-footer .site-footer__notices a, footer.site-footer .site-footer__prices a"
    )
    return {link.get("href"): text(link) for link in links}


def missing(html, language):
    """The notices (and Price Transparency) the footer of `html` does not link, with their labels."""
    links = footer_links(html)
    wanted = {address(key, language): label for key, label in zip(LINKED, LABELS[language], strict=True)}
    wanted[f"/{language}/price-transparency/"] = None
    return [
        address
        for address, label in wanted.items()
        if address not in links or (label is not None and links[address] != label)
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_page_type_links_the_notices_in_its_footer(client, demo, language):
    load_demo_with_doctors(doctors=3)
    for key in LINKED:  # the addresses the test expects are the pages' own
        assert Page.objects.get(reverse_id=key).get_absolute_url(language) == address(key, language)
    for name, path in page_types(language):
        response = client.get(path)
        assert response.status_code == (404 if name == "not found" else 200), (name, path)
        html = response.content.decode()
        assert missing(html, language) == [], (name, path)
    # The check finds a footer without them.
    assert len(missing(html.replace("site-footer__notices", "site-footer__other"), language)) == len(LINKED)


@pytest.mark.django_db
def test_staff_see_the_same_links(staff_client, demo):
    """Staff get the footer rendered anew, not the anonymous visitors' cached copy."""
    assert missing(staff_client.get("/es/").content.decode(), "es") == []


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("template", ["400.html", "413.html", "500.html", "503.html"])
def test_the_pages_shown_when_things_go_wrong_link_them_too(client, demo, template, language):
    """Made without the database (standalone.html), they write the addresses out: each must answer."""
    with translation.override(language):
        html = render_to_string(template, {"language": language})
    assert missing(html, language) == []
    for link in footer_links(html):
        assert client.get(link).status_code == 200, link
