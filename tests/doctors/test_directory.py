"""Find a Doctor: browse, search, filter, sort, and every bad input answered with a message."""

import datetime
import html
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from doctors.caching import directory_changed
from doctors.models import Doctor, DoctorRating, Practice
from locations.models import Location, miles_between
from pricing.models import Plan
from tests.doctors.factories import LanguageFactory
from tests.html import json_ld, one, select, text, texts
from toolkit.caching import data_version

URL = "/en/find-a-doctor/"


def names(response):
    """The doctors' names on a rendered list page, in order."""
    return texts(response, ".doctor-card__name > a[href]")


def chips(response):
    """The active filters' chips: what each says (before its " – ") and where it leads."""
    return {
        text(chip).split(" – ")[0].strip(): chip.get("href")
        for chip in select(response, ".active-filters a.chip[href]")
    }


def test_the_list_shows_doctors_before_any_search(client, directory):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == ["Kevin Brown, MD", "Maria Lopez, MD", "Ana Silva, MD", "John Smith, MD"]
    assert "4 doctors" in response.content.decode()


def test_filters_combine_and_each_can_be_removed_alone(client, directory):
    response = client.get(URL, {"specialty": "cardiology", "language": "spanish"})
    assert names(response) == ["Maria Lopez, MD"]
    filters = chips(response)
    assert set(filters) == {"Cardiology", "Spanish"}

    without_language = client.get(URL + filters["Spanish"])
    assert names(without_language) == ["Maria Lopez, MD", "John Smith, MD"]
    without_specialty = client.get(URL + filters["Cardiology"])
    assert names(without_specialty) == ["Maria Lopez, MD", "Ana Silva, MD"]


def test_every_filter_narrows_and_keeps_the_others(client, directory):
    assert names(client.get(URL, {"gender": "female"})) == ["Maria Lopez, MD", "Ana Silva, MD"]
    assert names(client.get(URL, {"virtual": "on"})) == ["Kevin Brown, MD", "Maria Lopez, MD"]
    assert names(client.get(URL, {"location": "chelsea-practice"})) == ["Kevin Brown, MD", "Ana Silva, MD"]
    response = client.get(URL, {"location": "chelsea-practice", "gender": "male", "virtual": "on"})
    assert names(response) == ["Kevin Brown, MD"]
    assert set(chips(response)) == {"Chelsea Practice", "Male", "Offers virtual visits"}


def test_accepting_new_patients_filter_is_exact(client, directory):
    assert names(client.get(URL, {"accepting": "yes"})) == ["Kevin Brown, MD", "Maria Lopez, MD"]
    assert names(client.get(URL, {"accepting": "referral"})) == ["John Smith, MD"]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("cardiolgy", ["Maria Lopez, MD", "John Smith, MD"]),
        ("dermatolgy", ["Ana Silva, MD"]),
        ("heart doctor", ["Maria Lopez, MD", "John Smith, MD"]),
        ("chest pain", ["Maria Lopez, MD", "John Smith, MD"]),
        ("headache", ["Kevin Brown, MD"]),
        ("skin rash", ["Ana Silva, MD"]),
    ],
)
def test_typo_and_symptom_searches_find_the_right_specialty(client, directory, query, expected):
    response = client.get(URL, {"q": query})
    assert sorted(names(response)) == sorted(expected)


def test_a_symptom_search_says_what_it_was_taken_to_mean(client, directory):
    page = client.get(URL, {"q": "chest pain"}).content.decode()
    assert "Including doctors who treat or specialise in: Chest pain" in page


def test_an_exact_name_comes_first(client, directory):
    assert names(client.get(URL, {"q": "Kevin Brown"}))[0] == "Kevin Brown, MD"
    assert names(client.get(URL, {"q": "lopez"}))[0] == "Maria Lopez, MD"


def test_distance_sort_orders_by_real_distance(client, directory):
    response = client.get(URL, {"zip": "02150", "sort": "distance"})
    chelsea = (42.3918, -71.0328)  # practice coordinates, as in the fixture
    assert names(response)[:2] == ["Kevin Brown, MD", "Ana Silva, MD"]  # both practise in Chelsea
    assert names(response)[2:] == ["Maria Lopez, MD", "John Smith, MD"]
    # Boston is nearer Chelsea than Waltham is: the order is the real one.
    assert miles_between(*chelsea, 42.3626, -71.0688) < miles_between(*chelsea, 42.3765, -71.2356)
    page = response.content.decode()
    assert re.search(r"\d+\.\d miles away, at Chelsea Practice", page)


@pytest.mark.parametrize(
    ("origin", "narrowed"),
    [
        ((42.3918, -71.0328), {}),  # Chelsea
        ((42.3765, -71.2356), {}),  # Waltham
        ((42.5195, -70.8967), {"gender": "nonbinary"}),  # Salem, few doctors: the whole list is read
        ((42.3626, -71.0688), {"specialties__slug": "pediatrics"}),
    ],
)
def test_nearest_first_reads_only_the_nearest_places_and_finds_the_same_order(directory, origin, narrowed):
    """Each page nearest first, read from the doctors of the nearest places only where they fill
    it, is the page of the whole list ordered in Python: by the miles to each doctor's nearest
    published practice, then by name; doctors with none last."""
    from demo.doctors import ensure_directory
    from doctors.distance import NearestFirst
    from doctors.models import Doctor

    ensure_directory(150)
    Location.objects.filter(pk=Practice.objects.values("location_id")[:1]).update(is_published=False)
    directory_changed()
    doctors = Doctor.objects.published().filter(**narrowed).distinct()

    def nearest(doctor):
        miles = [
            miles_between(p.location.latitude, p.location.longitude, *origin)
            for p in doctor.practices.all()
            if p.location.is_published
        ]
        return min(miles) if miles else float("inf")

    everyone = sorted(
        doctors.prefetch_related("practices__location"),
        key=lambda d: (nearest(d), d.last_name, d.first_name, d.pk),
    )
    expected = [doctor.pk for doctor in everyone]
    ordered = NearestFirst(
        Doctor.objects.published().filter(pk__in=doctors.values("pk")),
        dict(zip(["latitude", "longitude"], origin, strict=True)),
        len(expected),
    )
    for start in range(0, len(expected) + 20, 20):
        with CaptureQueriesContext(connection) as queries:
            assert ordered[start : start + 20] == expected[start : start + 20], start
        if start == 0 and not narrowed:  # the first page: from the nearest places' doctors alone
            assert len(queries) == 1 and "IN (" in queries[0]["sql"]


def test_kept_cards_are_not_loaded_again_and_still_say_where_and_how_far(client, directory):
    """A card kept from an earlier list is shown without loading its doctor (only the practices, for
    the place), and says the place anew: the first practice, or the nearest to the ZIP code."""
    first = client.get(URL)  # renders, and keeps, every card
    # The place is the last fact but the next open time (or the number to call), never kept either.
    places = [text(select(card, "li:not(.opening)")[-1]) for card in select(first, ".doctor-card")]
    with CaptureQueriesContext(connection) as queries:
        again = client.get(URL, {"accepting": "yes"})  # another list: the same cards, kept
    loads = [q["sql"] for q in queries.captured_queries if '"doctors_doctor"."credentials"' in q["sql"]]
    assert loads == []  # no doctor's record: the page's ids only
    assert names(again) and set(names(again)) < set(names(first))
    kept_places = {text(select(card, "li:not(.opening)")[-1]) for card in select(again, ".doctor-card")}
    assert kept_places and kept_places <= set(places)  # each kept card still says its place
    near = client.get(URL, {"zip": "02150", "sort": "distance"})
    cards = select(near, ".doctor-card")
    assert len(cards) == 4
    for card in cards:  # one place each, how far it is
        assert len(select(card, ".doctor-card__facts > li")) == len(select(card, ".doctor-card__facts li"))
        assert re.search(
            r"\d+\.\d miles away, at [\w ]+$",
            text(select(card, ".doctor-card__facts > li:not(.opening)")[-1]),
        )


def test_unpublished_doctors_never_appear(client, directory):
    hidden = directory["hidden"]
    for params in ({}, {"q": "Hidden Cardiologist"}, {"q": "Hidden"}, {"specialty": "cardiology"}):
        response = client.get(URL, params)
        assert "Hidden Cardiologist, MD" not in names(response)
        assert hidden.slug not in response.content.decode()
    assert client.get(f"{URL}{hidden.slug}/").status_code == 404
    assert hidden.slug not in client.get("/sitemap.xml").content.decode()
    assert directory["lopez"].slug in client.get("/sitemap.xml").content.decode()


def test_profile_shows_the_doctor_with_json_ld_that_matches(client, directory):
    doctor = directory["brown"]
    response = client.get(f"{URL}{doctor.slug}/")
    assert response.status_code == 200
    page = response.content.decode()
    assert "<h1>Kevin Brown, MD</h1>" in page
    assert "Accepting new patients" in page
    assert f'href="/en/appointments/request/?doctor={doctor.slug}"' in page
    canonical = f"http://{settings.SITE_DOMAIN}/en/find-a-doctor/{doctor.slug}/"  # never the request's host
    assert f'<link rel="canonical" href="{canonical}">' in page
    assert 'href="tel:+16175550123"' in page
    assert "openstreetmap.org" in page

    [data] = json_ld(page)
    assert data["@type"] == "Physician"
    assert data["name"] == "Kevin Brown, MD"
    assert data["medicalSpecialty"] == ["https://schema.org/Neurologic"]  # schema.org's name for it
    assert data["isAcceptingNewPatients"] is True
    assert data["telephone"] == "+16175550123"
    assert [a["name"] for a in data["address"]] == ["Chelsea Practice", "Fruit Street Clinic"]


def test_profile_is_in_the_breadcrumbs_under_find_a_doctor(client, directory):
    page = client.get(f"{URL}{directory['silva'].slug}/").content.decode()
    assert texts(page, "nav.breadcrumbs a") == ["Home", "Find a Doctor", "Ana Silva, MD"]


def test_no_results_says_why_and_offers_relaxations(client, directory):
    response = client.get(URL, {"specialty": "dermatology", "language": "english"})
    page = response.content.decode()
    assert names(response) == []
    assert "No doctor matches all of these choices." in page
    assert "Show any specialty (3 doctors)" in page
    assert "Show doctors of any language (1 doctor)" in page


def test_accepting_only_suggests_doctors_taking_referrals(client, directory):
    page = client.get(URL, {"specialty": "cardiology", "accepting": "yes", "gender": "male"}).content.decode()
    assert "Show doctors who take new patients with a referral (1 doctor)" in page


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"specialty": "astrology"}, "We don't know that specialty"),
        ({"location": "mars"}, "We don't know that location"),
        ({"language": "klingon"}, "We don't know that language"),
        ({"accepting": "maybe"}, "That is not one of the choices"),
        ({"zip": "1234"}, "A ZIP code is 5 digits"),
        ({"zip": "abcde"}, "A ZIP code is 5 digits"),
        ({"zip": "00000"}, "We couldn't find the ZIP code 00000"),
        ({"sort": "distance"}, "Enter your ZIP code to sort by distance."),
        ({"page": "abc"}, "That page number isn't valid"),
        ({"page": "999"}, "There aren't that many pages"),
        ({"page": "-1"}, "There aren't that many pages"),
        ({"q": "x" * 2000}, "Please shorten your search to 200 characters or fewer"),
    ],
)
def test_bad_input_gives_the_list_with_a_clear_message(client, directory, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page
    assert len(names(response)) == 4  # the bad value is dropped, the list still shows


def test_bad_value_is_kept_in_the_field_and_tied_to_its_message(client, directory):
    page = client.get(URL, {"zip": "1234"}).content.decode()
    field = one(page, 'input[name="zip"]')
    assert field.get("value") == "1234"
    assert field.get("aria-invalid") == "true" and field.get("aria-describedby") == "id_zip_error"
    assert one(page, "p.field__error#id_zip_error") is not None


@pytest.mark.parametrize(
    "query",
    ["<script>alert(1)</script>", "'; DROP TABLE doctors_doctor; --", '" OR 1=1 --', "%_%", "<b>bold</b>"],
)
def test_markup_and_sql_in_the_query_are_harmless(client, directory, query):
    response = client.get(URL, {"q": query})
    assert response.status_code == 200
    page = response.content.decode()
    assert "<script>alert(1)</script>" not in page
    assert "<b>bold</b>" not in page
    assert client.get(URL).status_code == 200  # the table is still there


def list_queries(client, params):
    """Queries of a list request rendered anew (the directory's page cache made stale first)."""
    directory_changed()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(URL, params).status_code == 200
    return len(queries)


QUERY_COUNT_CASES = [
    {},
    {"q": "chest pain"},
    {"q": "cardiolgy", "language": "spanish"},
    {"specialty": "cardiology", "location": "fruit-street-clinic", "accepting": "yes", "virtual": "on"},
    {"zip": "02150", "sort": "distance", "gender": "female"},
    {"q": "zzqxv", "language": "spanish"},  # no results: the relaxations are counted too
]


@pytest.mark.parametrize("params", QUERY_COUNT_CASES)
def test_list_query_count_does_not_grow_with_the_directory(client, directory, params):
    from demo.doctors import ensure_directory

    list_queries(client, params)  # warm the vocabulary and the process's caches
    small = list_queries(client, params)
    ensure_directory(150)  # many more doctors, spread over every location
    list_queries(client, params)
    assert list_queries(client, params) == small


def test_profile_query_count_does_not_grow_with_the_doctor(client, directory):
    from tests.locations.factories import LocationFactory

    from .factories import ConditionFactory, LanguageFactory

    doctor = directory["lopez"]
    url = f"{URL}{doctor.slug}/"
    client.get(url)
    directory_changed()
    with CaptureQueriesContext(connection) as before:
        client.get(url)
    for n in range(5):
        doctor.conditions.add(ConditionFactory(name=f"Extra condition {n}"))
        doctor.languages.add(LanguageFactory(name=f"Extra language {n}"))
        practice = doctor.practices.create(
            location=LocationFactory(name=f"Extra place {n}"), phone="617-555-0199", order=n + 1
        )
        practice.plans.set(Plan.objects.all())
    doctor.ages_seen = 31
    doctor.save()
    client.get(url)
    directory_changed()
    with CaptureQueriesContext(connection) as after:
        client.get(url)
    assert len(after) == len(before)


def test_public_pages_come_from_the_cache_until_the_directory_changes(
    client, directory, django_assert_max_num_queries
):
    doctor = directory["brown"]
    for url in (URL + "?specialty=neurology&sort=name", doctor.get_absolute_url()):  # choices only: shared
        first = client.get(url).content
        # What is left is django CMS's own middleware finding the page the app hangs from.
        with django_assert_max_num_queries(2):
            assert client.get(url).content == first

    doctor.accepting_new_patients = "no"
    doctor.save()
    assert names(client.get(URL, {"q": "headache", "accepting": "yes"})) == []
    assert "Not accepting new patients" in client.get(doctor.get_absolute_url()).content.decode()


def test_a_page_cached_by_another_process_before_the_commit_is_stale_after_it(
    client, directory, django_capture_on_commit_callbacks
):
    """The directory's version moves on when a doctor is saved and again at the commit: another
    app process that cached the page in between (new version, rows not yet committed) is left
    with a copy nobody asks for."""
    doctor = directory["brown"]
    with django_capture_on_commit_callbacks(execute=True):
        doctor.accepting_new_patients = "no"
        doctor.save()
        # Another process, reading the rows as they were, caches the page under this version.
        key_during = data_version("directory")
    assert data_version("directory") != key_during
    assert "Not accepting new patients" in client.get(doctor.get_absolute_url()).content.decode()


def test_staff_never_get_cached_directory_pages(client, staff_client, directory):
    url = directory["brown"].get_absolute_url()
    Client().get(url)  # an anonymous visit fills the cache
    assert "cms-toolbar" in staff_client.get(url).content.decode()


def loaded_doctors(client, params):
    """The cards of a list rendered anew (their doctors loaded), by name, and the page."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL, params)
    loads = [q["sql"] for q in queries.captured_queries if '"doctors_doctor"."credentials"' in q["sql"]]
    ids = {int(pk) for sql in loads for pk in re.findall(r"\d+", sql.split(" IN (")[-1])}
    return sorted(Doctor.objects.filter(pk__in=ids).values_list("last_name", flat=True)), response


def test_a_change_to_one_doctor_renders_only_that_doctors_card_anew(client, directory):
    """A kept card is keyed on what it shows (doctors.cards): a doctor's own change, their languages
    (from either side), their rating render their card anew and no other; a language's new name, or
    a bulk change, every card. Each search is new (`n`), so no page is kept."""
    asked = iter(range(1000))
    fresh = lambda: loaded_doctors(client, {"n": next(asked)})  # noqa: E731
    assert fresh()[0] == ["Brown", "Lopez", "Silva", "Smith"]  # the first list renders them all
    assert fresh()[0] == []  # then keeps them
    lopez, brown, silva = directory["lopez"], directory["brown"], directory["silva"]
    lopez.offers_virtual_visits = False
    lopez.save()
    assert fresh()[0] == ["Lopez"]
    portuguese = LanguageFactory(name="Portuguese")
    brown.languages.add(portuguese)  # the doctor's side
    loaded, response = fresh()
    assert loaded == ["Brown"] and "Speaks English, Portuguese" in response.content.decode()
    portuguese.doctors.add(silva)  # the language's side
    assert fresh()[0] == ["Silva"]
    portuguese.name = "Português"  # every card that names it, so every card
    portuguese.save()
    loaded, response = fresh()
    assert (
        loaded == ["Brown", "Lopez", "Silva", "Smith"] and "English, Português" in response.content.decode()
    )
    Location.objects.filter(pk=lopez.practices.first().location_id).update(name="Fruit Street Center")
    directory_changed()  # a bulk change, whose doctors are not known
    assert fresh()[0] == ["Brown", "Lopez", "Silva", "Smith"]
    assert fresh()[0] == []
    DoctorRating.objects.create(
        doctor=silva,
        score="4.50",
        surveys=settings.RATINGS_MIN_SURVEYS,
        first_date=datetime.date(2026, 1, 1),
        last_date=datetime.date(2026, 6, 30),
    )
    loaded, response = fresh()
    assert loaded == ["Silva"] and "4.5 out of 5" in response.content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="name trigrams need PostgreSQL (pg_trgm)")
def test_a_misspelt_name_finds_the_doctor_on_postgresql(client, directory):
    assert names(client.get(URL, {"q": "Lopes"}))[0] == "Maria Lopez, MD"
    assert "Kevin Brown, MD" in names(client.get(URL, {"q": "Kevn Brwn"}))


def test_a_card_kept_from_an_earlier_search_shows_the_doctor_as_now(client, directory):
    """Cards are kept rendered between searches (never pages with search words): until the
    directory changes."""
    lopez = directory["lopez"]
    first = client.get(URL, {"q": "chest pain"}).content.decode()
    assert "Accepting new patients" in first
    assert "Accepting new patients" in client.get(URL, {"q": "chest pressure"}).content.decode()
    lopez.accepting_new_patients = "referral"
    lopez.save()
    again = client.get(URL, {"q": "chest pain"}).content.decode()
    assert "New patients with a referral" in again and "Accepting new patients</li>" not in again
