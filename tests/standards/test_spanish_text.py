"""No English left on the Spanish pages: every page type and each form in its error state compared
with its English twin, string by string (tests/standards/spanish_text.py)."""

import pytest
from django.conf import settings

from doctors.models import BoardCertification, Doctor, Training
from locations.models import Location
from pages.models import Recognition
from tests.page_types import load_demo_with_doctors, rendered_pages
from tests.standards import spanish_text


def proper_names():
    """The names the data holds: people (and their initials), places and their addresses,
    institutions, boards, and who gave the hospital's awards."""
    names = [settings.HOSPITAL["name"], settings.HOSPITAL["alternate_name"]]
    for doctor in Doctor.objects.all():
        names += [
            doctor.display_name,
            doctor.full_name,
            doctor.credentials,
            doctor.first_name[0] + doctor.last_name[0],
        ]
    for place in Location.objects.all():
        names += [place.name, place.street, place.city, place.state, place.address]
    names += Recognition.objects.values_list("issuer", flat=True)
    names += Training.objects.values_list("institution", flat=True)
    names += BoardCertification.objects.values_list("board", flat=True)
    return spanish_text.proper_name_pattern(names)


@pytest.mark.django_db
def test_no_english_is_left_on_the_spanish_pages(client, demo):
    load_demo_with_doctors()
    pages = {(name, language): (path, html) for name, language, path, html in rendered_pages(client)}
    names = proper_names()
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
