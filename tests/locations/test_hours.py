"""Open now, next change, this week's hours and schema.org hours, on the hospital's clock."""

import json
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from locations import hours
from locations.models import HoursException, Location, OpeningHours

# The session's demo content has places of its own: these tests start from none.
pytestmark = pytest.mark.usefixtures("no_places")

NY = ZoneInfo("America/New_York")
MON, TUE, WED, THU, FRI, SAT, SUN = range(7)


def local(year, month, day, hour=0, minute=0, fold=0):
    return datetime(year, month, day, hour, minute, tzinfo=NY, fold=fold)


def make_location(name, weekly=None, exceptions=()):
    """A place with weekly rows {weekday: {...fields}} and exception rows [{date:, reason:, ...}]."""
    location = Location.objects.create(
        kind=Location.Kind.PRACTICE,
        name=name,
        slug=name.lower().replace(" ", "-"),
        street="1 Test Street",
        zip_code="02114",
        latitude=42.3626,
        longitude=-71.0688,
    )
    for weekday, fields in (weekly or {}).items():
        OpeningHours.objects.create(location=location, weekday=weekday, **fields)
    for fields in exceptions:
        HoursException.objects.create(location=location, **fields)
    return Location.objects.prefetch_related("hours", "hours_exceptions").get(pk=location.pk)


def nine_to_five():
    return {"opens": time(8), "closes": time(17)}


@pytest.fixture
def clinic(db):
    """Weekdays 08:00–17:00, closed at weekends; closed on 3 July 2026, short hours on 27 November."""
    weekly = {day: nine_to_five() for day in (MON, TUE, WED, THU, FRI)}
    weekly.update({SAT: {"is_closed": True}, SUN: {"is_closed": True}})
    return make_location(
        "Fruit Street Clinic",
        weekly,
        [
            {"date": date(2026, 7, 3), "reason": "Independence Day (observed)", "is_closed": True},
            {
                "date": date(2026, 11, 27),
                "reason": "Day after Thanksgiving",
                "opens": time(10),
                "closes": time(14),
            },
        ],
    )


@pytest.fixture
def late_clinic(db):
    """Friday evenings 20:00 to 02:00 Saturday, nothing else."""
    return make_location(
        "Late Clinic",
        {FRI: {"opens": time(20), "closes": time(2), "closes_next_day": True}, SAT: {"is_closed": True}},
    )


@pytest.fixture
def emergency(db):
    return make_location("Emergency", {day: {"is_24_hours": True} for day in range(7)})


# 2026-06-01 is a Monday; 2026-06-05 a Friday.


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(2026, 6, 1, 7, 59), False),  # a minute before opening
        (local(2026, 6, 1, 8, 0), True),  # the opening minute
        (local(2026, 6, 1, 12, 0), True),
        (local(2026, 6, 1, 16, 59), True),  # a minute before closing
        (local(2026, 6, 1, 17, 0), False),  # the closing minute
    ],
)
def test_open_from_the_opening_minute_until_the_closing_minute(clinic, at, expected):
    assert hours.is_open(clinic, at) is expected


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (local(2026, 6, 5, 19, 59), False),
        (local(2026, 6, 5, 20, 0), True),
        (local(2026, 6, 5, 23, 59), True),
        (local(2026, 6, 6, 0, 0), True),  # Saturday is closed, but Friday's hours run on
        (local(2026, 6, 6, 1, 59), True),
        (local(2026, 6, 6, 2, 0), False),
        (local(2026, 6, 6, 20, 0), False),
    ],
)
def test_hours_past_midnight_spill_into_the_next_day(late_clinic, at, expected):
    assert hours.is_open(late_clinic, at) is expected


@pytest.mark.parametrize("at", [local(2026, 6, 1, 0, 0), local(2026, 6, 1, 23, 59), local(2026, 6, 7, 12, 0)])
def test_open_24_hours_is_open_at_every_minute(emergency, at):
    assert hours.is_open(emergency, at)


def test_closed_day_is_closed_all_day(clinic):
    assert not hours.is_open(clinic, local(2026, 6, 6, 12, 0))  # Saturday
    assert hours.intervals(clinic, date(2026, 6, 6)) == []


def test_holiday_exception_closes_a_normally_open_day(clinic):
    assert not hours.is_open(clinic, local(2026, 7, 3, 12, 0))  # Friday, Independence Day observed
    assert hours.is_open(clinic, local(2026, 7, 2, 12, 0))  # the Thursday before is ordinary


def test_special_hours_exception_replaces_the_weekday_hours(clinic):
    assert not hours.is_open(clinic, local(2026, 11, 27, 9, 0))  # a Friday, normally open from 8
    assert hours.is_open(clinic, local(2026, 11, 27, 10, 0))
    assert hours.is_open(clinic, local(2026, 11, 27, 13, 59))
    assert not hours.is_open(clinic, local(2026, 11, 27, 14, 0))


def test_exception_can_open_a_normally_closed_day(db):
    place = make_location(
        "Flu Clinic",
        {SAT: {"is_closed": True}},
        [{"date": date(2026, 10, 10), "reason": "Flu shot Saturday", "opens": time(9), "closes": time(12)}],
    )
    assert hours.is_open(place, local(2026, 10, 10, 9, 0))
    assert not hours.is_open(place, local(2026, 10, 17, 9, 0))


def test_day_dst_starts_the_missing_hour_is_skipped(db):
    # 2026-03-08: at 02:00 EST the clocks jump to 03:00 EDT.
    place = make_location("Early Sunday", {SUN: {"opens": time(1), "closes": time(4)}})
    (interval,) = hours.intervals(place, date(2026, 3, 8))
    assert interval.duration == timedelta(hours=2)
    assert interval.end.astimezone(UTC) - interval.start.astimezone(UTC) == timedelta(hours=2)
    assert interval.start.utcoffset() == timedelta(hours=-5)
    assert interval.end.utcoffset() == timedelta(hours=-4)
    assert not hours.is_open(place, local(2026, 3, 8, 0, 59))
    assert hours.is_open(place, local(2026, 3, 8, 1, 59))
    assert hours.is_open(place, local(2026, 3, 8, 3, 30))  # EDT
    assert hours.is_open(place, datetime(2026, 3, 8, 7, 30, tzinfo=UTC))  # 03:30 EDT
    assert not hours.is_open(place, local(2026, 3, 8, 4, 0))


def test_opening_time_in_the_skipped_hour_is_read_as_an_hour_later(db):
    place = make_location("Half Past Two", {SUN: {"opens": time(2, 30), "closes": time(5)}})
    (interval,) = hours.intervals(place, date(2026, 3, 8))
    assert interval.start.astimezone(UTC) == datetime(2026, 3, 8, 7, 30, tzinfo=UTC)  # 03:30 EDT
    assert not hours.is_open(place, datetime(2026, 3, 8, 7, 29, tzinfo=UTC))
    assert hours.is_open(place, datetime(2026, 3, 8, 7, 30, tzinfo=UTC))


def test_day_dst_ends_the_repeated_hour_is_open_both_times(db):
    # 2026-11-01: at 02:00 EDT the clocks go back to 01:00 EST, so 01:30 happens twice.
    place = make_location("Late Saturday", {SUN: {"opens": time(0), "closes": time(2)}})
    first, second = local(2026, 11, 1, 1, 30, fold=0), local(2026, 11, 1, 1, 30, fold=1)
    assert first.utcoffset() == timedelta(hours=-4) and second.utcoffset() == timedelta(hours=-5)
    assert hours.is_open(place, first)
    assert hours.is_open(place, second)
    assert hours.is_open(place, datetime(2026, 11, 1, 5, 30, tzinfo=UTC))  # 01:30 EDT
    assert hours.is_open(place, datetime(2026, 11, 1, 6, 30, tzinfo=UTC))  # 01:30 EST
    assert hours.is_open(place, datetime(2026, 11, 1, 6, 59, tzinfo=UTC))  # 01:59 EST
    assert not hours.is_open(place, local(2026, 11, 1, 2, 0))  # 02:00 EST
    assert not hours.is_open(place, datetime(2026, 11, 1, 7, 0, tzinfo=UTC))
    (interval,) = hours.intervals(place, date(2026, 11, 1))
    assert interval.duration == timedelta(hours=3)


def test_24_hours_is_23_real_hours_in_march_and_25_in_november(emergency):
    assert hours.intervals(emergency, date(2026, 3, 8))[0].duration == timedelta(hours=23)
    assert hours.intervals(emergency, date(2026, 11, 1))[0].duration == timedelta(hours=25)
    assert hours.intervals(emergency, date(2026, 6, 1))[0].duration == timedelta(hours=24)


@pytest.mark.parametrize(
    ("at", "expected"),
    [
        (datetime(2026, 6, 1, 11, 59, tzinfo=UTC), False),  # 07:59 EDT
        (datetime(2026, 6, 1, 12, 0, tzinfo=UTC), True),  # 08:00 EDT
        (datetime(2026, 6, 1, 21, 0, tzinfo=UTC), False),  # 17:00 EDT
        (datetime(2026, 12, 7, 12, 59, tzinfo=UTC), False),  # 07:59 EST
        (datetime(2026, 12, 7, 13, 0, tzinfo=UTC), True),  # 08:00 EST
        (datetime(2026, 12, 7, 22, 0, tzinfo=UTC), False),  # 17:00 EST
    ],
)
def test_instant_in_utc_is_read_on_the_hospitals_clock(clinic, at, expected):
    assert hours.is_open(clinic, at) is expected


def test_utc_instant_past_midnight_utc_falls_on_the_local_day_before(late_clinic):
    # 00:30 UTC Saturday is 20:30 EDT Friday.
    assert hours.is_open(late_clinic, datetime(2026, 6, 6, 0, 30, tzinfo=UTC))


def test_unknown_hours_are_closed_and_status_unknown(db):
    place = make_location("No Hours Yet")
    assert hours.day_hours(place, date(2026, 6, 1)) is None
    assert hours.intervals(place, date(2026, 6, 1)) == []
    assert not hours.is_open(place, local(2026, 6, 1, 12, 0))
    assert hours.status(place, local(2026, 6, 1, 12, 0)) is None
    assert hours.opening_hours_specification(place, today=date(2026, 6, 1)) == []


def test_a_weekday_without_a_row_is_unknown_not_closed(late_clinic):
    monday = date(2026, 6, 1)
    assert hours.day_hours(late_clinic, monday) is None
    assert hours.status(late_clinic, local(2026, 6, 1, 12, 0)) is None
    assert not hours.week(late_clinic, monday)[0].is_known


def test_naive_datetimes_are_refused(clinic):
    with pytest.raises(ValueError, match="aware"):
        hours.is_open(clinic, datetime(2026, 6, 1, 12, 0))


def test_default_instant_is_now(clinic, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 1, 14, 0, tzinfo=UTC))  # 10:00 EDT
    assert hours.local_now() == local(2026, 6, 1, 10, 0)
    assert hours.local_now().tzinfo == NY
    assert hours.is_open(clinic)
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 6, 1, 22, 0, tzinfo=UTC))  # 18:00 EDT
    assert not hours.is_open(clinic)


def test_day_hours_prefers_the_exception(clinic):
    assert hours.day_hours(clinic, date(2026, 7, 3)).reason == "Independence Day (observed)"
    assert hours.day_hours(clinic, date(2026, 7, 2)).weekday == THU


def test_reads_only_what_was_prefetched(clinic, django_assert_num_queries):
    with django_assert_num_queries(0):
        hours.is_open(clinic, local(2026, 6, 1, 12, 0))
        hours.status(clinic, local(2026, 7, 3, 12, 0))
        hours.week(clinic, date(2026, 6, 29))
        hours.upcoming_exceptions(clinic, date(2026, 6, 1))
        hours.opening_hours_specification(clinic, today=date(2026, 6, 1))


# status()


def test_status_when_open_says_when_it_closes(clinic):
    status = hours.status(clinic, local(2026, 6, 1, 10, 0))
    assert status.is_open
    assert status.next_change == local(2026, 6, 1, 17, 0)
    assert status.closes_at == status.next_change and status.opens_at is None
    assert (status.today.opens, status.today.closes) == (time(8), time(17))
    assert not status.today.is_exception and status.today.reason == ""


def test_status_before_opening_says_it_opens_later_today(clinic):
    status = hours.status(clinic, local(2026, 6, 1, 7, 0))
    assert not status.is_open
    assert status.next_change == local(2026, 6, 1, 8, 0)
    assert status.opens_at == status.next_change and status.closes_at is None


def test_status_on_friday_evening_says_it_opens_on_monday(clinic):
    status = hours.status(clinic, local(2026, 6, 5, 18, 0))
    assert not status.is_open
    assert status.next_change == local(2026, 6, 8, 8, 0)


def test_status_on_a_holiday_gives_the_reason_and_the_next_opening(clinic):
    status = hours.status(clinic, local(2026, 7, 3, 9, 0))
    assert not status.is_open
    assert status.today.is_closed and status.today.is_exception
    assert status.today.reason == "Independence Day (observed)"
    assert status.next_change == local(2026, 7, 6, 8, 0)


def test_status_with_special_hours_closes_at_the_special_time(clinic):
    status = hours.status(clinic, local(2026, 11, 27, 11, 0))
    assert status.is_open
    assert status.next_change == local(2026, 11, 27, 14, 0)
    assert status.today.reason == "Day after Thanksgiving"


def test_status_after_midnight_closes_at_the_overnight_closing(late_clinic):
    status = hours.status(late_clinic, local(2026, 6, 6, 1, 0))
    assert status.is_open
    assert status.next_change == local(2026, 6, 6, 2, 0)
    assert status.today.is_closed  # Saturday's own hours


def test_status_open_around_the_clock_never_closes(emergency):
    status = hours.status(emergency, local(2026, 6, 1, 23, 59))
    assert status.is_open
    assert status.next_change is None
    assert status.today.is_24_hours


def test_status_treats_back_to_back_days_as_one_stretch(db):
    weekly = {day: nine_to_five() for day in range(7)}
    weekly.update({MON: {"is_24_hours": True}, TUE: {"is_24_hours": True}})
    place = make_location("Long Weekend", weekly)
    assert hours.status(place, local(2026, 6, 1, 10, 0)).next_change == local(2026, 6, 3, 0, 0)


def test_status_next_opening_across_the_autumn_clock_change_is_in_standard_time(clinic):
    status = hours.status(clinic, local(2026, 10, 30, 18, 0))  # Friday, EDT
    assert status.next_change == local(2026, 11, 2, 8, 0)
    assert status.next_change.utcoffset() == timedelta(hours=-5)
    assert status.next_change.astimezone(UTC) == datetime(2026, 11, 2, 13, 0, tzinfo=UTC)


def test_status_with_nothing_open_in_the_next_week_has_no_next_change(db):
    place = make_location("Closed For Now", {day: {"is_closed": True} for day in range(7)})
    status = hours.status(place, local(2026, 6, 1, 10, 0))
    assert not status.is_open
    assert status.next_change is None


# week() and upcoming_exceptions()


def test_week_lists_seven_days_with_exceptions_marked(clinic):
    days = hours.week(clinic, date(2026, 7, 1))  # a Wednesday
    assert [d.date for d in days] == [date(2026, 7, 1) + timedelta(days=n) for n in range(7)]
    assert [str(d.weekday_name) for d in days] == [
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
        "Monday",
        "Tuesday",
    ]
    wednesday, friday, saturday = days[0], days[2], days[3]
    assert (wednesday.opens, wednesday.closes, wednesday.is_closed) == (time(8), time(17), False)
    assert wednesday.reason == "" and not wednesday.is_exception
    assert wednesday.hours.opens == time(8)  # the row itself, for templates that want it
    assert friday.is_closed and friday.is_exception and friday.reason == "Independence Day (observed)"
    assert saturday.is_closed and not saturday.is_exception


def test_week_shows_overnight_and_24_hour_flags(late_clinic, emergency):
    friday = hours.week(late_clinic, date(2026, 6, 5))[0]
    assert (friday.opens, friday.closes, friday.closes_next_day) == (time(20), time(2), True)
    assert hours.week(emergency, date(2026, 6, 5))[0].is_24_hours


def test_upcoming_exceptions_are_those_in_the_window_in_date_order(db):
    start = date(2026, 6, 1)
    place = make_location(
        "Holiday Clinic",
        {MON: nine_to_five()},
        [
            {"date": start + timedelta(days=60), "reason": "Just outside", "is_closed": True},
            {"date": start + timedelta(days=59), "reason": "Last day in", "is_closed": True},
            {"date": start - timedelta(days=1), "reason": "Past", "is_closed": True},
            {"date": start, "reason": "First day", "is_closed": True},
        ],
    )
    assert [e.reason for e in hours.upcoming_exceptions(place, start)] == ["First day", "Last day in"]
    assert [e.reason for e in hours.upcoming_exceptions(place, start, days=1)] == ["First day"]


# opening_hours_specification()


def test_opening_hours_specification_shape(db):
    place = make_location(
        "Schema Clinic",
        {
            MON: {"opens": time(8), "closes": time(17, 30)},
            TUE: {"is_24_hours": True},
            WED: {"opens": time(20), "closes": time(2), "closes_next_day": True},
            SAT: {"is_closed": True},
        },
        [
            {"date": date(2026, 7, 3), "reason": "Independence Day (observed)", "is_closed": True},
            {"date": date(2026, 7, 10), "reason": "Staff training", "opens": time(12), "closes": time(16)},
            {"date": date(2026, 5, 25), "reason": "Memorial Day (past)", "is_closed": True},
            {"date": date(2026, 12, 25), "reason": "Christmas (too far ahead)", "is_closed": True},
        ],
    )
    spec = hours.opening_hours_specification(place, today=date(2026, 6, 1))
    assert spec == [
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Monday",
            "opens": "08:00",
            "closes": "17:30",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Tuesday",
            "opens": "00:00",
            "closes": "23:59",
        },
        {
            "@type": "OpeningHoursSpecification",
            "dayOfWeek": "https://schema.org/Wednesday",
            "opens": "20:00",
            "closes": "02:00",
        },
        {
            "@type": "OpeningHoursSpecification",
            "opens": "00:00",
            "closes": "00:00",
            "validFrom": "2026-07-03",
            "validThrough": "2026-07-03",
        },
        {
            "@type": "OpeningHoursSpecification",
            "opens": "12:00",
            "closes": "16:00",
            "validFrom": "2026-07-10",
            "validThrough": "2026-07-10",
        },
    ]
    json.dumps(spec)  # ready for a JSON-LD script tag


def test_opening_hours_specification_defaults_to_exceptions_from_today(clinic, monkeypatch):
    monkeypatch.setattr(timezone, "now", lambda: datetime(2026, 7, 1, 14, 0, tzinfo=UTC))
    dated = [entry for entry in hours.opening_hours_specification(clinic) if "validFrom" in entry]
    assert [entry["validFrom"] for entry in dated] == ["2026-07-03"]  # 27 November is beyond 60 days


# open_location_ids()


def test_open_location_ids_lists_places_open_at_the_instant(
    clinic, late_clinic, emergency, django_assert_num_queries
):
    with django_assert_num_queries(3):
        places = list(Location.objects.prefetch_related("hours", "hours_exceptions"))
        assert hours.open_location_ids(places, local(2026, 6, 1, 10, 0)) == {clinic.pk, emergency.pk}
        assert hours.open_location_ids(places, local(2026, 6, 6, 1, 0)) == {late_clinic.pk, emergency.pk}
        assert hours.open_location_ids(places, local(2026, 7, 3, 10, 0)) == {emergency.pk}
        assert hours.open_location_ids([], local(2026, 6, 1, 10, 0)) == set()


def test_open_at_in_sql_agrees_with_the_hours_rules(db):
    """Location.objects.open_at (SQL on the wall clock) gives what hours.is_open (Python) does."""
    import datetime as dt

    from locations import hours as rules

    def place(slug, rows, exceptions=()):
        location = Location.objects.create(
            kind="practice",
            name=slug,
            slug=slug,
            street="1 St",
            zip_code="02114",
            latitude=42.36,
            longitude=-71.06,
        )
        for weekday, fields in rows.items():
            OpeningHours.objects.create(location=location, weekday=weekday, **fields)
        for day, fields in exceptions:
            HoursException.objects.create(location=location, date=day, reason="Test", **fields)
        return location

    day = {"opens": dt.time(8), "closes": dt.time(17)}
    place("weekdays", {d: day for d in range(5)})
    place(
        "late", {d: {"opens": dt.time(20), "closes": dt.time(2), "closes_next_day": True} for d in range(7)}
    )
    place("always", {d: {"is_24_hours": True} for d in range(7)})
    place("closed-sundays", {6: {"is_closed": True}, **{d: day for d in range(6)}})
    place("dst", {6: {"opens": dt.time(0), "closes": dt.time(2)}, **{d: day for d in range(6)}})
    place(
        "holidays",
        {d: day for d in range(7)},
        [
            (dt.date(2026, 11, 26), {"is_closed": True}),
            (dt.date(2026, 11, 27), {"opens": dt.time(9), "closes": dt.time(12)}),
        ],
    )
    places = list(Location.objects.prefetch_related("hours", "hours_exceptions"))
    instants = [
        dt.datetime(2026, 11, 26, h, m, tzinfo=rules.HOSPITAL_TZ)
        for h in (0, 1, 7, 8, 12, 16, 17, 20, 23)
        for m in (0, 59)
    ] + [
        dt.datetime(2026, 11, 27, 10, tzinfo=rules.HOSPITAL_TZ),
        dt.datetime(2026, 11, 28, 1, 30, tzinfo=rules.HOSPITAL_TZ),
        dt.datetime(2026, 3, 8, 7, 30, tzinfo=dt.UTC),  # 03:30 EDT, the day the clocks go forward
        dt.datetime(2026, 11, 1, 5, 30, tzinfo=dt.UTC),  # 01:30 EDT, the first of the two 01:30s
        dt.datetime(2026, 11, 1, 6, 30, tzinfo=dt.UTC),  # 01:30 EST, the second
        dt.datetime(2026, 11, 1, 7, 0, tzinfo=dt.UTC),  # 02:00 EST
    ]
    for at in instants:
        expected = {p.slug for p in places if rules.is_open(p, at)}
        assert set(Location.objects.open_at(at).values_list("slug", flat=True)) == expected, at
