"""No English left on the Spanish pages: every page type and each form in its error state compared
with its English twin, string by string (tests/standards/spanish_text.py)."""

import pytest

from tests.standards import spanish_text


@pytest.mark.django_db  # among the database tests: before those that empty the database
def test_no_english_is_left_on_the_spanish_pages(site_pages):
    pages = {(name, language): (path, html) for name, language, path, html in site_pages.pages}
    names = site_pages.proper_names
    found = []
    for (name, language), (path, spanish) in pages.items():
        if language != "es":
            continue
        english = pages[name, "en"][1]
        echoed = ("research",) if name == "search results" else ()  # the words searched for
        found += [
            f"{name} ({path}): {value!r}"
            for value in spanish_text.english_left(spanish, english, names, echoed)
        ]
    assert not found, f"{len(found)} English strings on Spanish pages:\n" + "\n".join(found)


def test_the_check_finds_english_on_a_spanish_page_and_lets_names_and_marked_english_be():
    english = """<html lang="en"><body><h1>Find a doctor</h1><label for="q">Name or specialty</label>
    <input id="q" placeholder="e.g. knee pain"><p>Ana Reyes, MD</p><p>617-726-2000</p>
    <p>Knee surgery</p><button title="Search">Search</button></body></html>"""
    spanish = """<html lang="es"><body><h1>Busque un médico</h1><label for="q">Name or specialty</label>
    <input id="q" placeholder="e.g. knee pain"><p>Ana Reyes, MD</p><p>617-726-2000</p>
    <p lang="en">Knee surgery</p><button title="Search">Buscar</button></body></html>"""
    names = spanish_text.proper_name_pattern(["Ana Reyes"])
    assert spanish_text.english_left(spanish, english, names) == [
        "Name or specialty",
        "Search",
        "e.g. knee pain",
    ]
    # A Spanish page that calls itself English as a whole is English left there too.
    assert spanish_text.english_left(english, english, names) == ["<html lang='en'>"]
