"""The demo hospital's scheduling system: a SMART Scheduling Links publication of fictional open
times for the demo doctors, written as files, then read by `manage.py import_slots` as any
scheduling system's would be.

Each doctor works two or three days a week at each of their practices, in that place's opening
hours (from its weekly hours and exceptions, so holidays are closed), capped to clinic hours where
the place never closes. Most times are booked (how many differs by practice), and only the free ones
are published, so some doctors have a time this week, some in a few weeks, some none. Doctors who
offer virtual visits have a video schedule too. The same day and doctors give the same files.
"""

import datetime
import json
import random
from pathlib import Path

from django.conf import settings
from django.core.management import call_command

from demo.locations import holidays
from doctors.models import Doctor, Practice
from interop.bulk import ACCEPTING_PATIENTS, EXTENSIONS, PHYSICAL_TYPE
from locations import hours
from locations.calendar import HOSPITAL_TZ
from locations.models import Location
from scheduling.feeds import NPI_SYSTEM

FEED_NAME = "Demo scheduling system"
DAYS = 28
VISIT = datetime.timedelta(minutes=30)
CLINIC = (datetime.time(8), datetime.time(17))  # at places open around the clock
FREE_SHARES = [0, 0.004, 0.01, 0.02, 0.05, 0.1]
VIRTUAL_LOCATION = "virtual"
PATIENT_TYPE = EXTENSIONS + "patient-type"
BOOKING_PHONE = EXTENSIONS + "booking-phone"


def feed_folder():
    return Path(settings.MEDIA_ROOT) / "demo-scheduling"


def ndjson(path, resources):
    with path.open("w", encoding="utf-8") as out:
        for resource in resources:
            out.write(json.dumps(resource, separators=(",", ":")) + "\n")


def location_resources(places):
    yield {
        "resourceType": "Location",
        "id": VIRTUAL_LOCATION,
        "name": "Video visit",
        "physicalType": {"coding": [{"system": PHYSICAL_TYPE, "code": "vi"}]},
    }
    for place in places:
        yield {
            "resourceType": "Location",
            "id": f"loc-{place.pk}",
            "identifier": [{"system": settings.SCHEDULING_LOCATION_SYSTEM, "value": place.slug}],
            "name": place.name,
        }


def opening_intervals(place, day):
    """The stretches of `day` the place's clinic sees patients, in its hours."""
    for interval in hours.intervals(place, day):
        start, end = interval.start.astimezone(HOSPITAL_TZ), interval.end.astimezone(HOSPITAL_TZ)
        if end - start >= datetime.timedelta(hours=23):
            start = datetime.datetime.combine(day, CLINIC[0], HOSPITAL_TZ)
            end = datetime.datetime.combine(day, CLINIC[1], HOSPITAL_TZ)
        yield (
            start,
            min(end, datetime.datetime.combine(day, CLINIC[1], HOSPITAL_TZ) + datetime.timedelta(hours=2)),
        )


def slot_resources(schedule_id, practice, first_day, chooser):
    workdays = sorted(chooser.sample(range(5), chooser.choice([2, 3])))
    # Some clinics are full for weeks, some have a time this week, some none at all.
    free_share = chooser.choice(FREE_SHARES)
    closed = {day for day, _name in holidays(first_day.year) + holidays(first_day.year + 1)}
    for offset in range(DAYS):
        day = first_day + datetime.timedelta(days=offset)
        if day.weekday() not in workdays or day in closed:  # clinics close on the holidays, in hospitals too
            continue
        for start, end in opening_intervals(practice.location, day):
            moment = start
            while moment + VISIT <= end:
                if chooser.random() < free_share:
                    new = chooser.random() < 0.6
                    yield {
                        "resourceType": "Slot",
                        "id": f"{schedule_id}-{moment:%Y%m%d%H%M}",
                        "schedule": {"reference": f"Schedule/{schedule_id}"},
                        "status": "free",
                        "start": moment.isoformat(),
                        "end": (moment + VISIT).isoformat(),
                        "extension": [
                            {
                                "url": PATIENT_TYPE,
                                "valueCoding": {
                                    "system": ACCEPTING_PATIENTS,
                                    "code": "newpt" if new else "existptonly",
                                },
                            },
                            {"url": BOOKING_PHONE, "valueString": practice.phone},
                        ],
                    }
                moment += VISIT


def write_feed(folder, today=None):
    """Write the publication into `folder`; the manifest's path."""
    today = today or datetime.datetime.now(HOSPITAL_TZ).date()
    folder.mkdir(parents=True, exist_ok=True)
    practices = list(
        Practice.objects.filter(doctor__is_demo=True, location__is_published=True)
        .exclude(doctor__accepting_new_patients=Doctor.Accepting.NO)
        .exclude(location__kind=Location.Kind.GARAGE)
        .select_related("doctor", "location")
        .prefetch_related("location__hours", "location__hours_exceptions")
        .order_by("pk")
    )
    places = {practice.location.pk: practice.location for practice in practices}
    ndjson(folder / "locations.ndjson", location_resources(places.values()))
    doctors = {practice.doctor.pk: practice.doctor for practice in practices}
    ndjson(
        folder / "practitioners.ndjson",
        (
            {
                "resourceType": "Practitioner",
                "id": f"doc-{doctor.pk}",
                "identifier": [{"system": NPI_SYSTEM, "value": doctor.npi}],
                "name": [{"text": doctor.full_name}],
            }
            for doctor in doctors.values()
        ),
    )
    schedules, slots = [], []
    for practice in practices:
        chooser = random.Random(f"{practice.doctor.npi}-{practice.location.slug}-{today}")  # noqa: S311  # nosec B311
        kinds = [False, True] if practice.doctor.offers_virtual_visits else [False]
        for video in kinds:
            schedule_id = f"sch-{practice.pk}{'-video' if video else ''}"
            actors = [{"reference": f"Practitioner/doc-{practice.doctor.pk}"}]
            actors.append(
                {"reference": f"Location/{VIRTUAL_LOCATION if video else f'loc-{practice.location.pk}'}"}
            )
            if video:
                actors.append({"reference": f"Location/loc-{practice.location.pk}"})
            schedules.append({"resourceType": "Schedule", "id": schedule_id, "actor": actors})
            slots.extend(slot_resources(schedule_id, practice, today, chooser))
    ndjson(folder / "schedules.ndjson", schedules)
    ndjson(folder / "slots.ndjson", slots)
    manifest = folder / "$bulk-publish"
    manifest.write_text(
        json.dumps(
            {
                "transactionTime": datetime.datetime.now(datetime.UTC).isoformat(),
                "request": manifest.resolve().as_uri(),
                "output": [
                    {"type": kind, "url": name}
                    for kind, name in [
                        ("Location", "locations.ndjson"),
                        ("Practitioner", "practitioners.ndjson"),
                        ("Schedule", "schedules.ndjson"),
                        ("Slot", "slots.ndjson"),
                    ]
                ],
                "error": [],
            },
            indent=2,
        ),
        encoding="utf-8",
    )
    return manifest


def ensure_open_times(stdout=None):
    """Write today's publication and import it (in full) through `import_slots`."""
    manifest = write_feed(feed_folder())
    call_command("import_slots", url=str(manifest), name=FEED_NAME, full=True, stdout=stdout)
