"""Find a Location's demo details: idempotent, complete, valid, and kind to editors' changes."""

from datetime import date, time

import pytest

from demo.doctors import ensure_directory
from demo.locations import CAMPUS_SLUG, ensure_location_details, holidays, upcoming_holidays
from locations.models import HoursException, Location, OpeningHours, Service

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
    assert campus.parking.slug == "parkman-street-garage"
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
