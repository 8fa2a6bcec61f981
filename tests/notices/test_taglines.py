"""The language assistance taglines (45 CFR 92.11): one block, the "language-assistance" alias,
holding exactly the active taglines of the admin in their order, each marked with its language and
direction, on the notice pages, the estimate page and the appointment forms' confirmation, in
English and Spanish."""

from functools import partial

import lxml.html
import pytest
from cms.models import Page
from django.core.exceptions import ValidationError
from django.test import Client

from pages.models import Tagline
from pricing.models import ShoppableService
from tests.appointments.conftest import URLS, proof_in, valid_data
from tests.html import one, select, text
from tests.standards import spanish_text

# The notice pages that carry the block (demo/data/pages/<key>.toml, an "AliasPlugin").
NOTICE_PAGES = ["nondiscrimination", "language-assistance", "privacy-practices", "financial-assistance"]
INTRO = {"en": "Help in your language", "es": "Ayuda en su idioma"}


def block(html):
    return one(html, "section.language-assistance")


def taglines(html):
    """[(lang, dir)] of the block's taglines, in order; fails on a tagline not marked with its
    language or direction."""
    found = []
    for tagline in select(block(html), "ul.taglines > li > p"):
        assert tagline.get("lang"), f"A tagline without its language (lang): {text(tagline)!r}"
        assert tagline.get("dir") in ("ltr", "rtl"), f"A tagline without its direction: {text(tagline)!r}"
        found.append((tagline.get("lang"), tagline.get("dir")))
    return found


def configured():
    return [(tagline.language, tagline.direction) for tagline in Tagline.objects.shown()]


def notice_page(client, language, key):
    response = client.get(Page.objects.get(reverse_id=key).get_absolute_url(language))
    assert response.status_code == 200
    return response.content.decode()


def estimate_page(client, language):
    service = ShoppableService.objects.order_by("pk").first()
    response = client.get(f"/{language}/price-transparency/estimate/{service.pk}/")
    assert response.status_code == 200
    return response.content.decode()


def confirmation_page(client, language):
    """The confirmation of an appointment request sent from the form in `language`."""
    url = URLS["appointment"].replace("/en/", f"/{language}/", 1)
    form = client.get(url).content.decode()
    key = one(form, 'input[name="submission_key"]').get("value")
    chosen = one(form, 'select[name="language"] option[selected]').get("value")
    data = {"submission_proof": proof_in(form), "language": chosen} | valid_data("appointment", key)
    response = client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return client.get(response["Location"]).content.decode()


PAGES = {
    **{key: partial(notice_page, key=key) for key in NOTICE_PAGES},
    "estimate": estimate_page,
    "confirmation": confirmation_page,
}


def test_the_demo_list_is_english_then_fifteen_languages_with_arabic_right_to_left(demo):
    languages = configured()
    assert len(languages) == 16
    assert languages[0] == ("en", "ltr")
    assert ("ar", "rtl") in languages
    assert all(direction == "ltr" for language, direction in languages if language != "ar")


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("where", PAGES)
def test_the_block_holds_exactly_the_active_taglines_in_order_with_lang_and_dir(
    client, demo, where, language
):
    html = PAGES[where](client, language)
    assert taglines(html) == configured()
    assert text(one(block(html), "h2")) == INTRO[language]
    listing = one(block(html), "ul.taglines")
    assert one(block(html), f"h2#{listing.get('aria-labelledby')}") is not None  # the list's name
    arabic = one(block(html), 'p[lang="ar"]')
    assert arabic.get("dir") == "rtl"
    assert one(arabic, "a").get("href") == "tel:+16177262000"


@pytest.mark.parametrize("where", PAGES)
def test_no_english_is_left_in_the_block_on_spanish_pages(where, demo):
    """The English tagline is marked lang="en" on Spanish pages; the heading and intro are Spanish."""
    pages = {}
    for language in ("en", "es"):
        found = lxml.html.tostring(block(PAGES[where](Client(), language)), encoding="unicode")
        pages[language] = f'<html lang="{language}"><body>{found}</body></html>'
    assert spanish_text.english_left(pages["es"], pages["en"], spanish_text.proper_name_pattern([])) == []


def test_a_tagline_hidden_in_the_admin_leaves_every_page_at_once(staff_client, demo):
    visitor = Client()
    for where in ("nondiscrimination", "estimate"):
        for language in ("en", "es"):
            assert ("ru", "ltr") in taglines(PAGES[where](visitor, language))  # now in the caches
    russian = Tagline.objects.get(language="ru")
    response = staff_client.post(
        f"/en/admin/pages/tagline/{russian.pk}/change/",
        {"language": "ru", "autonym": russian.autonym, "text": russian.text, "position": russian.position},
    )  # "shown" left unticked
    assert response.status_code == 302, response.content.decode()[:2000]
    for where in ("nondiscrimination", "estimate"):
        for language in ("en", "es"):
            shown = taglines(PAGES[where](visitor, language))
            assert ("ru", "ltr") not in shown and len(shown) == 15
            assert shown == configured()


def test_the_check_fails_on_a_tagline_without_its_language():
    marked = (
        '<section class="language-assistance"><ul class="taglines"><li><p {}>Hola</p></li></ul></section>'
    )
    assert taglines(marked.format('lang="es" dir="ltr"')) == [("es", "ltr")]
    with pytest.raises(AssertionError, match="without its language"):
        taglines(marked.format('dir="ltr"'))
    with pytest.raises(AssertionError, match="without its direction"):
        taglines(marked.format('lang="es"'))


def test_a_tagline_needs_a_language_tag_and_the_place_of_the_phone_number(db):
    tagline = Tagline(language="Spanish!", text="Llame al teléfono.")
    with pytest.raises(ValidationError) as invalid:
        tagline.full_clean()
    assert set(invalid.value.message_dict) == {"language", "text"}


@pytest.mark.parametrize(
    ("tag", "direction"),
    [("ar", "rtl"), ("fa", "rtl"), ("he", "rtl"), ("ur", "rtl"), ("pa-Arab", "rtl"), ("zh-Hant", "ltr"),
     ("kea", "ltr"), ("pt-BR", "ltr"), ("az-Latn", "ltr")],
)  # fmt: skip
def test_the_direction_comes_from_the_language_or_its_script(tag, direction):
    assert Tagline(language=tag).direction == direction
