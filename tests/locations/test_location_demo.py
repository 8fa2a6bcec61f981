"""Find a Location's demo details: idempotent, complete, valid, and kind to editors' changes."""

import re
from datetime import date, time

import pytest

from demo.doctors import ensure_directory
from demo.locations import (
    CAMPUS_SLUG,
    TRANSLATED_DETAILS,
    ensure_location_details,
    holidays,
    upcoming_holidays,
)
from locations.models import HoursException, Location, OpeningHours, Service, Waypoint

pytestmark = pytest.mark.django_db

TODAY = date(2026, 11, 22)  # a Sunday: Thanksgiving, Christmas and New Year's Day come next


def row_counts():
    return {
        "locations": Location.objects.count(),
        "services": Service.objects.count(),
        "service links": Location.services.through.objects.count(),
        "hours": OpeningHours.objects.count(),
        "exceptions": HoursException.objects.count(),
    }


@pytest.fixture
def details():
    # The session's demo database (tests/conftest.py) may hold the demo places already: start from
    # none, inside this test's transaction, so that the first call is really the first.
    Location.objects.all().delete()
    Service.objects.all().delete()
    ensure_directory(0)
    return ensure_location_details(today=TODAY)


def test_the_first_call_fills_everything_in(details):
    assert details["services_created"] >= 25
    assert details["locations_created"] >= 5
    assert details["hours_created"] == 7 * Location.objects.count()
    assert details["exceptions_created"] > 0
    kinds = set(Location.objects.values_list("kind", flat=True))
    assert kinds == set(Location.Kind.values)


def test_a_second_call_creates_and_changes_nothing(details):
    before = row_counts()

    again = ensure_location_details(today=TODAY)

    assert again == {name: 0 for name in again}
    assert row_counts() == before


def test_every_published_place_has_a_row_for_each_day(details):
    for location in Location.objects.published().exclude(kind=Location.Kind.GARAGE).prefetch_related("hours"):
        assert sorted(row.weekday for row in location.hours.all()) == list(range(7)), location


def test_the_emergency_department_is_open_around_the_clock(details):
    emergency = Location.objects.get(kind=Location.Kind.EMERGENCY)
    assert emergency.parent.slug == CAMPUS_SLUG
    rows = list(emergency.hours.all())
    assert len(rows) == 7 and all(row.is_24_hours and not row.is_closed for row in rows)
    assert not emergency.hours_exceptions.exists()


def test_one_place_is_open_past_midnight(details):
    late = OpeningHours.objects.filter(closes_next_day=True)
    assert late.exists()
    assert all(row.closes < row.opens for row in late)


def test_every_building_parks_in_a_garage(details):
    for building in Location.objects.filter(kind=Location.Kind.BUILDING).select_related("parking"):
        assert building.parking is not None and building.parking.kind == Location.Kind.GARAGE, building
    campus = Location.objects.get(slug=CAMPUS_SLUG)
    assert campus.parking.slug == "fruit-street-garage"  # the nearest to the main entrance
    assert "Charles/MGH" in campus.transit
    for garage in Location.objects.filter(kind=Location.Kind.GARAGE):
        assert garage.parking_rates and garage.parking is None


def test_every_place_offers_services_except_the_garages(details):
    for location in Location.objects.exclude(kind=Location.Kind.GARAGE):
        assert location.services.exists(), location
    assert Location.objects.get(slug=CAMPUS_SLUG).services.filter(slug="emergency-department").exists()


def test_every_hours_row_is_valid(details):
    for row in [*OpeningHours.objects.all(), *HoursException.objects.all()]:
        row.full_clean()


def test_outpatient_places_close_on_the_coming_holidays(details):
    coming = upcoming_holidays(TODAY)
    assert [name for _, name in coming] == ["Thanksgiving Day", "Christmas Day", "New Year's Day"]
    assert coming[0][0] == date(2026, 11, 26)
    practice = Location.objects.get(slug="dorchester-primary-care")
    closures = list(practice.hours_exceptions.all())
    assert [(row.date, row.reason, row.is_closed) for row in closures] == [
        (day, name, True) for day, name in coming
    ]
    special = HoursException.objects.get(date=date(2026, 12, 24))
    assert (special.opens, special.closes, special.is_closed) == (time(8), time(12), False)
    # Places open around the clock keep their hours on holidays.
    assert not HoursException.objects.filter(
        location__kind__in=[Location.Kind.HOSPITAL, Location.Kind.EMERGENCY, Location.Kind.GARAGE]
    ).exists()


def test_holiday_dates():
    days = dict((name, day) for day, name in holidays(2027))
    assert days["Martin Luther King Jr. Day"] == date(2027, 1, 18)
    assert days["Memorial Day"] == date(2027, 5, 31)
    assert days["Labor Day"] == date(2027, 9, 6)
    assert days["Thanksgiving Day"] == date(2027, 11, 25)
    assert [name for _, name in upcoming_holidays(date(2027, 6, 19), 2)] == ["Juneteenth", "Independence Day"]


def test_extra_practices_top_up_once(details):
    before = Location.objects.count()

    first = ensure_location_details(extra_locations=30, today=TODAY)
    second = ensure_location_details(extra_locations=30, today=TODAY)

    assert first["locations_created"] == 30
    assert second["locations_created"] == 0 and second["hours_created"] == 0
    extras = Location.objects.filter(slug__startswith="demo-practice-")
    assert extras.count() == 30 == Location.objects.count() - before
    for location in extras.prefetch_related("hours", "services"):
        assert location.kind == Location.Kind.PRACTICE and location.is_demo and location.state == "MA"
        assert len(location.hours.all()) == 7
        assert 1 <= len(location.services.all()) <= 3
        assert 41.2 < location.latitude < 42.9 and -73.6 < location.longitude < -69.9
        for row in location.hours.all():
            row.full_clean()


def test_extra_practices_are_the_same_for_the_same_seed(details):
    ensure_location_details(extra_locations=5, today=TODAY)
    made = list(Location.objects.filter(slug__startswith="demo-practice-").values("slug", "name", "zip_code"))
    Location.objects.filter(slug__startswith="demo-practice-").delete()

    ensure_location_details(extra_locations=5, today=TODAY)

    again = list(
        Location.objects.filter(slug__startswith="demo-practice-").values("slug", "name", "zip_code")
    )
    assert again == made


def test_an_editors_changes_survive_a_second_call(details):
    wang = Location.objects.get(slug="wang-ambulatory-care-center")
    wang.entrance = "Use the side door on Cambridge Street while the lobby is being renovated."
    wang.phone = ""  # a blank field is the demo's to fill
    wang.save()
    wang.services.set([Service.objects.get(slug="dermatology-clinic")])
    wang.hours.filter(weekday=5).update(is_closed=True, opens=None, closes=None)
    practice = Location.objects.get(slug="dorchester-primary-care")
    practice.hours_exceptions.all().delete()
    HoursException.objects.create(
        location=practice, date=date(2026, 12, 31), reason="Staff training", is_closed=True
    )

    ensure_location_details(today=TODAY)

    wang.refresh_from_db()
    assert wang.entrance.startswith("Use the side door")
    assert wang.phone == "617-726-2000"
    assert list(wang.services.values_list("slug", flat=True)) == ["dermatology-clinic"]
    assert wang.hours.get(weekday=5).is_closed
    assert list(practice.hours_exceptions.values_list("reason", flat=True)) == ["Staff training"]


def test_a_place_an_editor_added_is_left_alone(details):
    place = Location.objects.create(
        kind=Location.Kind.PRACTICE,
        name="A real practice",
        slug="a-real-practice",
        street="1 Main Street",
        zip_code="02114",
        latitude=42.3611,
        longitude=-71.0682,
    )

    ensure_location_details(today=TODAY)

    place.refresh_from_db()
    assert not place.hours.exists() and not place.services.exists() and not place.hours_exceptions.exists()
    assert place.entrance == "" and place.parking is None


# What load_demo wrote for the main campus before its texts were written (the placeholders).
OLD_ENTRANCE = {
    "en": "Demo text: the main address is 55 Fruit Street, Boston, MA 02114. Your appointment letter "
    "names the building and floor; ask at an information desk for directions.",
    "es": "Texto de demostración: la dirección principal es 55 Fruit Street, Boston, MA 02114. Su carta "
    "de cita indica el edificio y el piso; pida indicaciones en un mostrador de información.",
}
OLD_ACCESSIBILITY_EN = (
    "Demo text: step-free entrances and a patient drop-off area. Call 617-726-2000 before your visit "
    "if you need a wheelchair or other help getting around."
)


def test_no_published_place_text_is_a_placeholder_after_load_demo(demo):
    campus = Location.objects.get(slug=CAMPUS_SLUG)
    assert campus.entrance_en and campus.entrance_es and campus.accessibility_en and campus.accessibility_es
    left = []
    for place in Location.objects.published():
        for field in TRANSLATED_DETAILS:
            for language in ("en", "es"):
                text = getattr(place, f"{field}_{language}") or ""
                if "Demo text" in text or "Texto de demostración" in text:
                    left.append((place.slug, field, language))
                # The ways in are guidance to follow, with no word of a demo.
                if field in ("entrance", "accessibility") and re.search(r"demo text|demostraci", text, re.I):
                    left.append((place.slug, field, language))
    assert not left


def test_the_campus_texts_agree_with_the_walkways(demo):
    campus = Location.objects.get(slug=CAMPUS_SLUG)
    kinds = Waypoint.Kind
    for language in ("en", "es"):
        entrance = getattr(campus, f"entrance_{language}")
        accessibility = getattr(campus, f"accessibility_{language}")
        assert "55 Fruit Street" in entrance and "White Building" in entrance
        # Every step-free entrance on the walkways is named, and every garage the walkways leave from.
        for waypoint in Waypoint.objects.filter(kind=kinds.ACCESSIBLE_ENTRANCE).select_related("building"):
            assert waypoint.building.name in accessibility, (language, waypoint)
        for waypoint in Waypoint.objects.filter(kind=kinds.GARAGE_ENTRANCE).select_related("building"):
            assert waypoint.building.name in entrance and waypoint.building.name in accessibility
        # A door the walkways do not make step-free is not said to be.
        assert "Bulfinch" not in accessibility
        assert campus.phone in accessibility  # how to ask for an interpreter or other help


def test_each_campus_buildings_accessibility_agrees_with_its_entrances(demo):
    # Only a building with a step-free entrance of its own on the walkways is said to have one; the
    # others (a plain door, or none) send a visitor to the campus's step-free entrances.
    step_free = {Waypoint.Kind.MAIN_ENTRANCE, Waypoint.Kind.ACCESSIBLE_ENTRANCE}
    own = set(Waypoint.objects.filter(kind__in=step_free).values_list("building__slug", flat=True))
    buildings = Location.objects.filter(kind=Location.Kind.BUILDING, footprint__isnull=False)
    assert {"white-building", "yawkey-center-for-outpatient-care"} <= own
    assert buildings.filter(slug="bulfinch-building").exists() and "bulfinch-building" not in own
    for building in buildings:
        english, spanish = building.accessibility_en, building.accessibility_es
        says_own = "is step-free, with automatic doors" in english
        assert says_own == (building.slug in own), building.slug
        assert ("no tiene escalones y cuenta con puertas automáticas" in spanish) == says_own, building.slug
        assert "Directions to here" in english and "Cómo llegar aquí" in spanish


def test_a_second_call_replaces_old_placeholders_and_leaves_an_edited_text(details):
    campus = Location.objects.get(slug=CAMPUS_SLUG)
    written = (campus.entrance_en, campus.entrance_es, campus.accessibility_en)
    edited = "Entrada sin escalones por Fruit Street; pida una silla de ruedas en el mostrador."
    Location.objects.filter(slug=CAMPUS_SLUG).update(
        entrance_en=OLD_ENTRANCE["en"],
        entrance_es=OLD_ENTRANCE["es"],
        accessibility_en=OLD_ACCESSIBILITY_EN,
        accessibility_es=edited,  # an editor's: it stays, whatever the English says
    )
    wang = Location.objects.get(slug="wang-ambulatory-care-center")
    wang.entrance = "Demo text is not what the lobby sign says: use the Cambridge Street door."
    wang.save()

    first = ensure_location_details(today=TODAY)

    campus.refresh_from_db()
    assert (campus.entrance_en, campus.entrance_es, campus.accessibility_en) == written
    assert campus.accessibility_es == edited
    wang.refresh_from_db()
    assert wang.entrance.startswith("Demo text is not")  # only a placeholder's own beginning counts
    assert first["locations_updated"] == 1
    assert ensure_location_details(today=TODAY)["locations_updated"] == 0
