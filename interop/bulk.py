"""Our open times published in SMART Scheduling Links: a `$bulk-publish` manifest and NDJSON files of
the Location, PractitionerRole, Schedule and Slot resources (scheduling's schedules and slots, as
the hospital's scheduling system gave them), for apps and assistants that look for times across
hospitals; each slot links into our request form, which holds it.

Only published doctors at published places, and times not yet over. A slot a patient holds is
"busy": nothing says who holds it, or that anyone does. Places are named by the identifier our own
importer reads (settings.SCHEDULING_LOCATION_SYSTEM and the slug), doctors by NPI, so that reading
this publication back (scheduling.feeds) gives the same slots.

The files are written as they are read, from iterators over the database (a million slots never sit
in memory); the manifest's transactionTime is the directory's version, which moves with every
import and every hold.
"""

import datetime
import json
from urllib.parse import urlencode

from django.conf import settings
from django.urls import NoReverseMatch, reverse
from django.utils import timezone

from doctors.models import Practice
from locations.caching import DIRECTORY
from locations.models import Location
from scheduling.models import Schedule, Slot
from toolkit.addresses import absolute_url

from . import resources

EXTENSIONS = "http://hl7.org/fhir/uv/smart-scheduling-links/StructureDefinition/"
ACCEPTING_PATIENTS = "http://terminology.hl7.org/CodeSystem/accepting-patients"
PHYSICAL_TYPE = "http://terminology.hl7.org/CodeSystem/location-physical-type"
VIRTUAL_ID = "virtual"
FILES = {
    "Location": "locations",
    "PractitionerRole": "practitioner-roles",
    "Schedule": "schedules",
    "Slot": "slots",
}
CHUNK = 2000


def transaction_time():
    """When the published data last changed: the directory's version is a clock reading then."""
    return datetime.datetime.fromtimestamp(DIRECTORY.version() / 1e9, tz=datetime.UTC)


def manifest(request_url, file_url):
    """The manifest, with each file's address from `file_url(name)`."""
    return {
        "transactionTime": transaction_time().isoformat().replace("+00:00", "Z"),
        "request": request_url,
        "output": [
            {"type": kind, "url": file_url(name), "extension": {"state": [settings.HOSPITAL["region"]]}}
            for kind, name in FILES.items()
        ],
        "error": [],
    }


def published_schedules():
    return Schedule.objects.filter(
        practice__doctor__is_published=True, practice__location__is_published=True
    ).order_by("pk")


def lines(name):
    """The NDJSON lines (bytes) of the file `name` (a value of FILES)."""
    kind = {value: key for key, value in FILES.items()}[name]
    builder = {
        "Location": location_resources,
        "PractitionerRole": practitioner_role_resources,
        "Schedule": schedule_resources,
        "Slot": slot_resources,
    }[kind]
    for resource in builder():
        yield json.dumps(resource, separators=(",", ":"), ensure_ascii=False).encode() + b"\n"


def location_resources():
    places = Location.objects.published().filter(pk__in=published_schedules().values("practice__location"))
    for place in places.order_by("pk"):
        yield {
            "resourceType": "Location",
            "id": str(place.pk),
            "identifier": [{"system": settings.SCHEDULING_LOCATION_SYSTEM, "value": place.slug}],
            "name": place.name,
            "telecom": resources.phones(place.phone),
            "address": resources.address(place.street, place.city, place.state, place.zip_code, "US"),
            "position": {"latitude": place.latitude, "longitude": place.longitude},
        }
    if published_schedules().filter(video=True).exists():
        yield {
            "resourceType": "Location",
            "id": VIRTUAL_ID,
            "name": "Video visit",
            "physicalType": {"coding": [{"system": PHYSICAL_TYPE, "code": "vi", "display": "Virtual"}]},
            "extension": [{"url": EXTENSIONS + "licensed-states", "valueCode": settings.HOSPITAL["region"]}],
        }


def practitioner_role_resources():
    practices = Practice.objects.filter(pk__in=published_schedules().values("practice")).select_related(
        "doctor", "location"
    )
    for practice in practices.order_by("pk").iterator(chunk_size=CHUNK):
        doctor = practice.doctor
        yield {
            "resourceType": "PractitionerRole",
            "id": str(practice.pk),
            "active": True,
            "practitioner": {
                "reference": f"Practitioner/{doctor.pk}",
                "identifier": {"system": resources.NPI_SYSTEM, "value": doctor.npi},
                "display": doctor.display_name,
            },
            "location": [
                {"reference": f"Location/{practice.location_id}", "display": practice.location.name}
            ],
            "telecom": resources.phones(practice.phone),
        }


def schedule_resources():
    schedules = published_schedules().select_related("practice__doctor", "practice__location")
    for schedule in schedules.iterator(chunk_size=CHUNK):
        practice = schedule.practice
        actors = [{"reference": f"Location/{practice.location_id}", "display": practice.location.name}]
        if schedule.video:
            actors.append({"reference": f"Location/{VIRTUAL_ID}", "display": "Video visit"})
        actors.append(
            {"reference": f"PractitionerRole/{practice.pk}", "display": practice.doctor.display_name}
        )
        yield {"resourceType": "Schedule", "id": str(schedule.pk), "actor": actors}


def booking_address():
    """Our request form's absolute address, or None when no page hooks the appointments app."""
    try:
        return absolute_url(reverse("appointments:appointment"))
    except NoReverseMatch:
        return None


def slot_resources():
    now = timezone.now()
    form = booking_address()
    slots = (
        Slot.objects.filter(end__gt=now, schedule__in=published_schedules())
        .values_list(
            "pk",
            "schedule_id",
            "start",
            "end",
            "status",
            "new_patients",
            "held_until",
            "schedule__practice__phone",
            "schedule__practice__doctor__slug",
        )  # fmt: skip
        .order_by("schedule_id", "start", "pk")
    )
    for pk, schedule, start, end, status, new_patients, held_until, phone, slug in slots.iterator(CHUNK):
        is_held = held_until is not None and held_until > now
        extension = [
            {
                "url": EXTENSIONS + "patient-type",
                "valueCoding": {
                    "system": ACCEPTING_PATIENTS,
                    "code": "newpt" if new_patients else "existptonly",
                },
            }
        ]
        if phone:
            extension.append({"url": EXTENSIONS + "booking-phone", "valueString": phone})
        if form and status == Slot.Status.FREE and not is_held:
            link = f"{form}?{urlencode({'doctor': slug, 'slot': pk})}"
            extension.append({"url": EXTENSIONS + "booking-deep-link", "valueUrl": link})
        yield {
            "resourceType": "Slot",
            "id": str(pk),
            "schedule": {"reference": f"Schedule/{schedule}"},
            # A held time is simply busy: nothing about the patient or the hold.
            "status": Slot.Status.BUSY if is_held else status,
            # On the hospital's clock, as the spec would have it (the offset says which).
            "start": timezone.localtime(start).isoformat(),
            "end": timezone.localtime(end).isoformat(),
            "extension": extension,
        }
