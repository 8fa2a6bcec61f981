"""Numbers, dates and times on Spanish pages are written the Spanish way (Django's localisation):
no English month or weekday names, no AM/PM, no comma between thousands, outside what is marked
lang="en". And the same check finds each of those on a page that has them."""

import re

import pytest
from django.utils import dates, translation

from tests.standards.spanish_text import strings

COMMA_THOUSANDS = re.compile(r"\b\d{1,3}(,\d{3})+\b")
AM_PM = re.compile(r"\b\d{1,2}(:\d\d)? ?(AM|PM|a\.m\.|p\.m\.)", re.IGNORECASE)


def english_names():
    """English month and weekday names, from Django's own calendar words."""
    with translation.override("en"):
        names = [str(n) for table in (dates.MONTHS, dates.MONTHS_3, dates.WEEKDAYS) for n in table.values()]
    return re.compile(r"\b(" + "|".join(sorted(set(names) - {"May"}, key=len, reverse=True)) + r")\b")


def english_formats(html):
    """What the page writes the English way, outside parts marked as another language."""
    months_and_days = english_names()
    found = []
    for value, language in strings(html):
        if (language or "es").split("-")[0] != "es":
            continue
        for pattern in (COMMA_THOUSANDS, AM_PM, months_and_days):
            found += [f"{match.group(0)!r} in {value!r}" for match in pattern.finditer(value)]
    return found


@pytest.mark.django_db  # among the database tests: before those that empty the database
def test_spanish_pages_write_numbers_dates_and_times_the_spanish_way(site_pages):
    found = [
        f"{name} ({path}): {problem}"
        for name, language, path, html in site_pages.in_language("es")
        for problem in english_formats(html)
    ]
    assert not found, "\n".join(found)


def test_the_check_finds_english_formats():
    page = """<html lang="es"><body><p>Abierto de 8:00 AM a 5:00 PM</p><p>Confirmado el December 4, 2026</p>
    <p>1,200 ensayos</p><p lang="en">Closed on Thursday</p>
    <p>1 200 ensayos el 4 de diciembre, 08:00</p></body></html>"""
    assert sorted(english_formats(page)) == sorted(
        [
            "'8:00 AM' in 'Abierto de 8:00 AM a 5:00 PM'",
            "'5:00 PM' in 'Abierto de 8:00 AM a 5:00 PM'",
            "'December' in 'Confirmado el December 4, 2026'",
            "'1,200' in '1,200 ensayos'",
        ]
    )
