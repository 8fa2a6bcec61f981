"""Opening hours worked out in the hospital's time zone: open now, next change, this week, schema.org.

Every function reads only what the caller prefetched (``prefetch_related("hours", "hours_exceptions")``)
and never filters those querysets, so a page listing many places costs two queries, not two per place.

Times in the database are local wall-clock times in Boston. They become aware datetimes here, built with
zoneinfo from the local date and time, so that on the days daylight saving time starts or ends an
interval has its real length. One trap: Python subtracts and compares two datetimes that share a tzinfo
by their wall-clock fields, ignoring the offset. Comparisons here are therefore made in UTC, and
``Interval.duration`` gives the real length; do the same (``.astimezone(UTC)``) in other arithmetic.
"""

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import NamedTuple

from django.utils import timezone

from toolkit import structured_data
from toolkit.translation import translated

from .calendar import HOSPITAL_TZ, Weekday

# schema.org day names; not translated (they are URLs).
SCHEMA_DAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

# How far ahead "opens next" and "closes at" look.
LOOKAHEAD_DAYS = 7


class Interval(NamedTuple):
    """A stretch of opening, [start, end), as aware datetimes in the hospital's time zone."""

    start: datetime
    end: datetime

    @property
    def duration(self) -> timedelta:
        """Real elapsed time (not wall-clock: the spring-forward day's 24 hours are 23 real hours)."""
        return self.end.astimezone(UTC) - self.start.astimezone(UTC)

    def contains(self, at: datetime) -> bool:
        at = at.astimezone(UTC)
        return self.start.astimezone(UTC) <= at < self.end.astimezone(UTC)


@dataclass(frozen=True)
class DayHours:
    """A date's effective hours, ready for a template. Hours fields are None/False when unknown."""

    date: date
    weekday: int
    weekday_name: str  # translated lazily, in the language the page is rendered in
    opens: time | None
    closes: time | None
    closes_next_day: bool
    is_closed: bool
    is_24_hours: bool
    reason: str  # the exception's reason ("Thanksgiving Day"); "" on an ordinary day
    hours: object | None  # the OpeningHours or HoursException row, or None when unknown
    is_exception: bool  # the hours of that date (an HoursException), not of its weekday

    @property
    def is_known(self) -> bool:
        return self.hours is not None


@dataclass(frozen=True)
class Status:
    """Open now or not, when that changes, and today's hours."""

    is_open: bool
    # When it closes (if open) or next opens within LOOKAHEAD_DAYS (if closed), local time;
    # None if it never closes in that window (open around the clock) or does not open in it.
    next_change: datetime | None
    today: DayHours

    @property
    def closes_at(self) -> datetime | None:
        return self.next_change if self.is_open else None

    @property
    def opens_at(self) -> datetime | None:
        return None if self.is_open else self.next_change


def local_now() -> datetime:
    """Now, as an aware datetime on the hospital's clock."""
    return timezone.now().astimezone(HOSPITAL_TZ)


def _local(day: date, at: time) -> datetime:
    # fold=0: an ambiguous time (the repeated hour in November) is the first one, and a missing one
    # (the skipped hour in March) is read with the offset before the change, i.e. an hour later.
    return datetime.combine(day, at.replace(tzinfo=None), tzinfo=HOSPITAL_TZ)


def _aware(at: datetime | None) -> datetime:
    if at is None:
        return local_now()
    if timezone.is_naive(at):
        raise ValueError("Give an aware datetime (a naive one could be any time zone).")
    return at


class _Schedule:
    """The prefetched rows of one place, indexed once per call."""

    def __init__(self, location):
        self.weekly = {row.weekday: row for row in location.hours.all()}
        self.exceptions = {row.date: row for row in location.hours_exceptions.all()}

    def day_hours(self, day: date):
        exception = self.exceptions.get(day)
        return exception if exception is not None else self.weekly.get(day.weekday())

    def intervals(self, day: date) -> list[Interval]:
        hours = self.day_hours(day)
        if hours is None or hours.is_closed:
            return []
        if hours.is_24_hours:
            return [Interval(_local(day, time.min), _local(day + timedelta(days=1), time.min))]
        if hours.opens is None or hours.closes is None:
            return []
        end_day = day + timedelta(days=1) if hours.closes_next_day else day
        interval = Interval(_local(day, hours.opens), _local(end_day, hours.closes))
        # Rows that failed validation (closing before opening) open nothing rather than everything.
        return [interval] if interval.duration > timedelta(0) else []

    def intervals_around(self, first: date, last: date) -> list[Interval]:
        """Intervals starting on first..last, in time order."""
        found = []
        day = first
        while day <= last:
            found.extend(self.intervals(day))
            day += timedelta(days=1)
        return sorted(found, key=lambda i: i.start.astimezone(UTC))

    def current(self, at: datetime) -> Interval | None:
        today = at.astimezone(HOSPITAL_TZ).date()
        # Yesterday too: hours that run past midnight spill over into today.
        for interval in self.intervals_around(today - timedelta(days=1), today):
            if interval.contains(at):
                return interval
        return None

    def day_entry(self, day: date) -> DayHours:
        hours = self.day_hours(day)
        return DayHours(
            date=day,
            weekday=day.weekday(),
            weekday_name=Weekday(day.weekday()).label,
            opens=getattr(hours, "opens", None),
            closes=getattr(hours, "closes", None),
            closes_next_day=bool(getattr(hours, "closes_next_day", False)),
            is_closed=bool(getattr(hours, "is_closed", False)),
            is_24_hours=bool(getattr(hours, "is_24_hours", False)),
            reason=translated(hours, "reason") if hasattr(hours, "reason") else "",
            hours=hours,
            is_exception=day in self.exceptions,
        )


def day_hours(location, day: date):
    """The hours that apply on a date: its exception if any, else its weekday's row, else None (unknown)."""
    return _Schedule(location).day_hours(day)


def intervals(location, day: date) -> list[Interval]:
    """The intervals of opening that start on a local date (one at most, today; a list for the future)."""
    return _Schedule(location).intervals(day)


def is_open(location, at: datetime | None = None) -> bool:
    """Open at the instant `at` (aware, any time zone; default now). Unknown hours count as closed."""
    return _Schedule(location).current(_aware(at)) is not None


def status(location, at: datetime | None = None) -> Status | None:
    """Open or closed at `at`, the next change, and today's hours; None when today's hours are unknown."""
    at = _aware(at)
    schedule = _Schedule(location)
    today = at.astimezone(HOSPITAL_TZ).date()
    entry = schedule.day_entry(today)
    current = schedule.current(at)
    if current is None and not entry.is_known:
        return None
    horizon = at.astimezone(UTC) + timedelta(days=LOOKAHEAD_DAYS)
    upcoming = schedule.intervals_around(today, today + timedelta(days=LOOKAHEAD_DAYS))
    if current is not None:
        # Back-to-back intervals (24 hours every day, or overnight into an early opening) are one stretch.
        end = current.end
        for interval in upcoming:
            if interval.start.astimezone(UTC) <= end.astimezone(UTC) < interval.end.astimezone(UTC):
                end = interval.end
        next_change = end if end.astimezone(UTC) < horizon else None
    else:
        next_change = next(
            (
                interval.start
                for interval in upcoming
                if at.astimezone(UTC) < interval.start.astimezone(UTC) <= horizon
            ),
            None,
        )
    if next_change is not None:
        next_change = next_change.astimezone(HOSPITAL_TZ)
    return Status(is_open=current is not None, next_change=next_change, today=entry)


def week(location, start: date) -> list[DayHours]:
    """Seven days of effective hours from `start`, for a "this week's hours" table."""
    schedule = _Schedule(location)
    return [schedule.day_entry(start + timedelta(days=offset)) for offset in range(7)]


def upcoming_exceptions(location, start: date, days: int = 60) -> list:
    """The HoursException rows dated in [start, start + days), in date order."""
    end = start + timedelta(days=days)
    return sorted(
        (row for row in location.hours_exceptions.all() if start <= row.date < end), key=lambda r: r.date
    )


def _hhmm(value: time) -> str:
    return value.strftime("%H:%M")


def _opens_closes(hours) -> dict:
    if hours.is_closed:
        return {"opens": "00:00", "closes": "00:00"}
    if hours.is_24_hours:
        return {"opens": "00:00", "closes": "23:59"}
    return {"opens": _hhmm(hours.opens), "closes": _hhmm(hours.closes)}


def opening_hours_specification(location, today: date | None = None, days: int = 60) -> list[dict]:
    """schema.org OpeningHoursSpecification: the weekly rows, then the exceptions of the next `days`.

    Closed weekdays are left out (schema.org reads a missing day as closed); a closed date is given as
    opens = closes = 00:00, as Google documents for holiday closures.
    """
    specification = []
    for row in sorted(location.hours.all(), key=lambda r: r.weekday):
        if row.is_closed or (not row.is_24_hours and (row.opens is None or row.closes is None)):
            continue
        specification.append(
            {
                "@type": "OpeningHoursSpecification",
                "dayOfWeek": structured_data.member(SCHEMA_DAYS[row.weekday]),
                **_opens_closes(row),
            }
        )
    today = today or local_now().date()
    for row in upcoming_exceptions(location, today, days):
        if not (row.is_closed or row.is_24_hours) and (row.opens is None or row.closes is None):
            continue
        specification.append(
            {
                "@type": "OpeningHoursSpecification",
                **_opens_closes(row),
                "validFrom": row.date.isoformat(),
                "validThrough": row.date.isoformat(),
            }
        )
    return specification


def open_location_ids(locations, at: datetime | None = None) -> set:
    """The ids of the places (hours prefetched) open at `at`, default now."""
    at = _aware(at)
    return {location.pk for location in locations if is_open(location, at)}
