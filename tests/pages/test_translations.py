"""The Spanish interface: a complete catalog, faithful placeholders and markup, compiled and used."""

import gettext
import io
import re
from collections import Counter
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.core.management import call_command
from django.template import Context, Template
from django.utils import translation

PO_PATH = Path(settings.LOCALE_PATHS[0]) / "es" / "LC_MESSAGES" / "django.po"

# Named %-placeholders (%(name)s, %(count)d), positional ones (%s, %d) and str.format fields ({name}, {0}).
NAMED = re.compile(r"%\(\w+\)[#0+-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
POSITIONAL = re.compile(r"%[#0+-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]")
BRACE = re.compile(r"\{\w*(?:![rsa])?(?::[^{}]*)?\}")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


@pytest.fixture(scope="module")
def po():
    return polib.pofile(str(PO_PATH))


def placeholders(text):
    text = text.replace("%%", "")  # a literal percent sign
    named = set(NAMED.findall(text))
    positional = POSITIONAL.findall(NAMED.sub("", text))  # order matters: they are filled in turn
    return named, positional, set(BRACE.findall(text))


def translations(entry):
    """(English, Spanish) pairs of an entry: one, or one per plural form."""
    if not entry.msgid_plural:
        return [(entry.msgid, entry.msgstr)]
    # Form 0 is the singular; a language may leave the number out of it, as English may.
    return [
        (entry.msgid if index == 0 else entry.msgid_plural, text)
        for index, text in entry.msgstr_plural.items()
    ]


def test_catalog_is_complete(po):
    assert po.metadata["Language"] == "es"
    assert "charset=UTF-8" in po.metadata["Content-Type"]
    nplurals = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    assert nplurals in (2, 3)  # (n != 1), or CLDR's with a form for millions as Django's catalog has
    assert not po.metadata_is_fuzzy
    assert [e.msgid for e in po.untranslated_entries()] == []
    assert [e.msgid for e in po.fuzzy_entries()] == []
    # A missing plural form is not "untranslated" to polib, but gettext would show English for it.
    assert [e.msgid for e in po if e.msgid_plural and sorted(e.msgstr_plural) != list(range(nplurals))] == []
    assert len(po.translated_entries()) > 400


def test_placeholders_match(po):
    mismatched = [
        (english, spanish)
        for entry in po
        for english, spanish in translations(entry)
        if placeholders(english) != placeholders(spanish)
    ]
    assert mismatched == []


def test_html_markup_matches(po):
    mismatched = [
        (english, spanish)
        for entry in po
        for english, spanish in translations(entry)
        if Counter(TAG.findall(english)) != Counter(TAG.findall(spanish))
    ]
    assert mismatched == []


def test_compile_command_builds_and_skips_up_to_date_catalogs(tmp_path, settings):
    messages = tmp_path / "es" / "LC_MESSAGES"
    messages.mkdir(parents=True)
    catalog = polib.POFile()
    catalog.metadata = {
        "Content-Type": "text/plain; charset=UTF-8",
        "Plural-Forms": "nplurals=2; plural=(n != 1);",
    }
    catalog.append(polib.POEntry(msgid="Closed now", msgstr="Cerrado ahora"))
    catalog.append(polib.POEntry(msgid="Not yet", msgstr="Todavía no", flags=["fuzzy"]))
    catalog.save(str(messages / "django.po"))
    settings.LOCALE_PATHS = [tmp_path]

    out = io.StringIO()
    call_command("compile_translations", stdout=out)
    assert out.getvalue().strip() == "Compiled 1 translation file."
    compiled = polib.mofile(str(messages / "django.mo"))
    assert {e.msgid: e.msgstr for e in compiled} == {"Closed now": "Cerrado ahora"}  # fuzzy left out

    out = io.StringIO()
    call_command("compile_translations", stdout=out)
    assert out.getvalue().strip() == "Compiled 0 translation files."


def test_spanish_template_strings():
    with translation.override("es"):
        html = Template('{% load i18n %}<a href="#main">{% translate "Skip to main content" %}</a>').render(
            Context()
        )
    assert html == '<a href="#main">Saltar al contenido principal</a>'


def test_spanish_directory_page(client, demo, po):
    response = client.get("/es/find-a-doctor/")
    assert response.status_code == 200
    html = response.content.decode()
    # Spanish around the page's content, whether or not the page has Spanish content (pages.middleware).
    assert '<html lang="es">' in html
    assert "Saltar al contenido principal" in html
    assert "Skip to main content" not in html
    # The result count goes through a plural form: the demo directory has no doctors ("0 médicos").
    plural = gettext.c2py(re.search(r"plural=([^;]+)", po.metadata["Plural-Forms"]).group(1))
    entry = po.find("%(counter)s doctor")
    assert entry.msgstr_plural[plural(0)] % {"counter": 0} in html
