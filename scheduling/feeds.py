"""Reading a SMART Scheduling Links publisher: its `$bulk-publish` manifest, then the NDJSON files the
manifest lists (Location, Practitioner, PractitionerRole, Schedule and Slot), into our schedules
and slots.

A run reads every file in one transaction, line by line (a million slots never sit in memory at
once), then asks for the manifest again: if it changed meanwhile (the publisher wrote new files
while we read the old ones), nothing of the run is kept, and the next run starts over. A line that
cannot be used (not JSON, a Slot of a Schedule nobody listed, a doctor or place we do not know) is
skipped, counted and logged with its file and line; the rest is kept. A file that cannot be fetched
fails the run, since a full import deletes the slots it did not see.

Once a run has succeeded, the next asks for what changed since it (`_since`, the manifest's
`transactionTime`); a publisher that ignores that sends everything again, which a full run reads
as such (its `request` does not echo `_since`). Only a full run deletes slots, those it did not
list; a slot a patient holds stays until its hold ends.

Doctors are matched by NPI (on the Practitioner, or the PractitionerRole's practitioner), places by
the identifier `settings.SCHEDULING_LOCATION_SYSTEM` with the place's slug; a Location whose
physicalType is virtual ("vi") makes its schedules video visits.
"""

import datetime
import json
import logging
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone

from doctors.models import Practice
from locations.models import Location

from . import openings
from .models import Feed, Schedule, Slot

log = logging.getLogger("scheduling.feeds")

# Read in this order: each refers to those before it.
TYPES = ["Location", "Practitioner", "PractitionerRole", "Schedule", "Slot"]
NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
# The extensions' addresses: the HL7 implementation guide's, and the first drafts' that publishers
# still send.
EXTENSION_BASES = (
    "http://hl7.org/fhir/uv/smart-scheduling-links/StructureDefinition/",
    "http://fhir-registry.smarthealthit.org/StructureDefinition/",
)
SCHEMES = {"http", "https", "file"}
TIMEOUT = 30
BATCH = 5000
ID_LENGTH = 64  # the spec's longest id
LOGGED_PER_REASON = 100  # skipped lines logged one by one for each reason; the rest are counted


class FeedError(Exception):
    """The feed could not be read as a whole: nothing of this run was kept."""


class Report:
    """What a run read, kept and skipped (skips by reason), for the log and the feed's admin page."""

    def __init__(self, feed):
        self.feed = feed
        self.incremental = False
        self.read = Counter()
        self.skipped = Counter()
        self.deleted = 0

    def skip(self, kind, url, line, reason):
        key = f"{kind}: {reason}"
        self.skipped[key] += 1
        # The first lines of each kind of fault, each where it is; the rest are counted (the report),
        # so that a feed listing another directory's doctors does not write a million log lines.
        if self.skipped[key] <= LOGGED_PER_REASON:
            log.warning("feed %s, %s line %s skipped: %s", self.feed.name, url, line, reason)
        if self.skipped[key] == LOGGED_PER_REASON:
            log.warning("feed %s: further lines skipped for %r are only counted", self.feed.name, key)

    def __str__(self):
        read = ", ".join(f"{count} {kind}" for kind, count in self.read.items()) or "nothing"
        lines = [f"{'Changes' if self.incremental else 'Everything'} read: {read}."]
        if self.deleted:
            lines.append(f"{self.deleted} slots no longer listed were deleted.")
        lines.extend(f"Skipped {count} × {reason}." for reason, count in sorted(self.skipped.items()))
        return "\n".join(lines)


def address(location):
    """A URL for an address or a path on this machine; only http, https and file."""
    if "://" not in location:
        return Path(location).resolve().as_uri()
    if urllib.parse.urlsplit(location).scheme not in SCHEMES:
        raise FeedError(f"{location}: only http, https and file addresses are read")
    return location


def fetch(url, accept):
    """The open response at `url` (checked by address() to be http, https or file)."""
    request = urllib.request.Request(url, headers={"Accept": accept})  # noqa: S310
    try:
        return urllib.request.urlopen(request, timeout=TIMEOUT)  # noqa: S310  # nosec B310
    except (urllib.error.URLError, OSError, ValueError) as error:
        raise FeedError(f"{url}: {error}") from error


def with_since(url, since):
    """The manifest's address asking for changes since `since` (http and https only)."""
    parts = urllib.parse.urlsplit(url)
    if since is None or parts.scheme == "file":
        return url
    query = urllib.parse.parse_qsl(parts.query) + [("_since", since.isoformat().replace("+00:00", "Z"))]
    return urllib.parse.urlunsplit(parts._replace(query=urllib.parse.urlencode(query)))


def instant(value):
    """An aware datetime from a FHIR instant, or None."""
    try:
        moment = datetime.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo is not None else None


def read_manifest(url):
    with fetch(url, "application/json") as response:
        try:
            manifest = json.load(response)
        except ValueError as error:
            raise FeedError(f"{url}: the manifest is not JSON ({error})") from error
    if not isinstance(manifest, dict) or not isinstance(manifest.get("output"), list):
        raise FeedError(f"{url}: the manifest lists no output")
    if instant(manifest.get("transactionTime")) is None:
        raise FeedError(f"{url}: the manifest has no transactionTime")
    return manifest


def extension(resource, name):
    """The value of the resource's SMART Scheduling Links extension `name`, or None."""
    for item in resource.get("extension") or []:
        if isinstance(item, dict) and item.get("url") in {base + name for base in EXTENSION_BASES}:
            return next((value for key, value in item.items() if key.startswith("value")), None)
    return None


def codes(concept):
    """The codes of a CodeableConcept (or a list of them)."""
    concepts = concept if isinstance(concept, list) else [concept]
    return {coding.get("code") for c in concepts if isinstance(c, dict) for coding in c.get("coding") or []}


def identifier_values(resource, system):
    return [
        item.get("value")
        for item in resource.get("identifier") or []
        if isinstance(item, dict) and item.get("system") == system
    ]


def reference_id(reference, kind):
    """The id in a reference {"reference": "Kind/id"} to a resource of this kind, or None."""
    if not isinstance(reference, dict):
        return None
    named, _, pk = str(reference.get("reference", "")).rpartition("/")
    return pk if named.rsplit("/", 1)[-1] == kind and pk else None


class Import:
    """One run of one feed (run())."""

    def __init__(self, feed, full=False):
        self.feed = feed
        self.full = full
        self.report = Report(feed)
        self.run_id = time.time_ns() // 1000
        self.places = {}  # Location id in the feed: our Location's pk
        self.virtual = set()  # Location ids in the feed that are virtual
        self.practitioners = {}  # Practitioner id: NPI
        self.roles = {}  # PractitionerRole id: (NPI, Location id or None)
        self.schedules = []
        self.schedule_ids = {}  # Schedule id in the feed: our Schedule's pk
        self.slots = {}

    def run(self):
        url = address(self.feed.url)
        since = None if self.full else self.feed.transaction_time
        manifest_url = with_since(url, since)
        manifest = read_manifest(manifest_url)
        self.report.incremental = since is not None and "_since=" in str(manifest.get("request", ""))
        outputs = [item for item in manifest["output"] if isinstance(item, dict) and item.get("url")]
        with transaction.atomic():
            self.our_places = dict(Location.objects.values_list("slug", "pk"))
            self.practices = {}
            for pk, npi, location_id in Practice.objects.values_list(
                "pk", "doctor__npi", "location_id"
            ).order_by("order", "pk"):
                self.practices.setdefault((npi, location_id), pk)
                self.practices.setdefault((npi, None), pk)  # the first, for a schedule of video visits only
            for kind in TYPES:
                for item in outputs:
                    if item.get("type") == kind:
                        self.read(kind, urllib.parse.urljoin(manifest_url, item["url"]))
                if kind == "Schedule":
                    self.save_schedules()
            self.save_slots()
            analyse_written()
            if read_manifest(manifest_url).get("transactionTime") != manifest["transactionTime"]:
                raise FeedError(
                    f"{manifest_url}: the publication changed while it was read; nothing was kept"
                )
            if not self.report.incremental:
                self.delete_unlisted()
            self.feed.transaction_time = instant(manifest["transactionTime"])
            self.feed.imported_at = timezone.now()
            self.feed.last_report = str(self.report)
            self.feed.save(update_fields=["transaction_time", "imported_at", "last_report"])
            openings.refresh(feed=self.feed)
        log.info("feed %s imported: %s", self.feed.name, str(self.report).replace("\n", " "))
        return self.report

    def read(self, kind, url):
        handle = getattr(self, f"read_{kind.lower()}")
        with fetch(url, "application/fhir+ndjson") as response:
            for number, raw in enumerate(response, 1):
                if not raw.strip():
                    continue
                try:
                    resource = json.loads(raw)
                except ValueError:
                    self.report.skip(kind, url, number, "not a line of JSON")
                    continue
                if not isinstance(resource, dict) or resource.get("resourceType") != kind:
                    self.report.skip(kind, url, number, f"not a {kind}")
                    continue
                pk = resource.get("id")
                if not isinstance(pk, str) or not pk or len(pk) > ID_LENGTH:
                    self.report.skip(kind, url, number, "no id, or a longer one than 64 characters")
                    continue
                problem = handle(resource)
                if problem:
                    self.report.skip(kind, url, number, problem)
                else:
                    self.report.read[kind] += 1

    def read_location(self, resource):
        if "vi" in codes(resource.get("physicalType")):
            self.virtual.add(resource["id"])
            return None
        for slug in identifier_values(resource, settings.SCHEDULING_LOCATION_SYSTEM):
            if slug in self.our_places:
                self.places[resource["id"]] = self.our_places[slug]
                return None
        return "no place of ours has its identifier"

    def read_practitioner(self, resource):
        npis = identifier_values(resource, NPI_SYSTEM)
        if not npis:
            return "no NPI"
        self.practitioners[resource["id"]] = npis[0]
        return None

    def read_practitionerrole(self, resource):
        practitioner = resource.get("practitioner")
        npi = self.practitioners.get(reference_id(practitioner, "Practitioner"))
        if npi is None and isinstance(practitioner, dict):
            npi = next(
                iter(identifier_values({"identifier": [practitioner.get("identifier")]}, NPI_SYSTEM)), None
            )
        if npi is None:
            return "its practitioner has no NPI we were given"
        places = [reference_id(ref, "Location") for ref in resource.get("location") or []]
        self.roles[resource["id"]] = (npi, next((pk for pk in places if pk), None))
        return None

    def read_schedule(self, resource):
        npi, place, video = None, None, False
        for actor in resource.get("actor") or []:
            if location_id := reference_id(actor, "Location"):
                if location_id in self.virtual:
                    video = True
                elif location_id in self.places:
                    place = self.places[location_id]
            elif role_id := reference_id(actor, "PractitionerRole"):
                if role_id in self.roles:
                    npi, role_place = self.roles[role_id]
                    place = place or self.places.get(role_place)
            elif practitioner_id := reference_id(actor, "Practitioner"):
                npi = self.practitioners.get(practitioner_id, npi)
        if npi is None:
            return "names no doctor we know"
        practice = self.practices.get((npi, place))  # with no place, the doctor's first practice
        if practice is None:
            return "the doctor does not practise at that place"
        self.schedules.append(
            Schedule(feed=self.feed, source_id=resource["id"], practice_id=practice, video=video)
        )
        return None

    def save_schedules(self):
        if self.schedules:
            Schedule.objects.bulk_create(
                self.schedules,
                batch_size=BATCH,
                update_conflicts=True,
                unique_fields=["feed", "source_id"],
                update_fields=["practice", "video"],
            )
        # Every schedule of the feed: an incremental run's slots may belong to one listed before.
        self.schedule_ids = dict(Schedule.objects.filter(feed=self.feed).values_list("source_id", "pk"))

    def read_slot(self, resource):
        schedule = self.schedule_ids.get(reference_id(resource.get("schedule"), "Schedule"))
        if schedule is None:
            return "its Schedule is not one we read"
        status = resource.get("status")
        if status not in Slot.Status.values:
            return f"unknown status {status!r}"
        start, end = instant(resource.get("start")), instant(resource.get("end"))
        if start is None or end is None or end <= start:
            return "start and end are not two instants, the end after the start"
        patient_type = extension(resource, "patient-type")
        new_patients = not (isinstance(patient_type, dict) and patient_type.get("code") == "existptonly")
        phone = extension(resource, "booking-phone")
        # The last line for a slot wins, as the database would have it.
        self.slots[(schedule, resource["id"])] = Slot(
            schedule_id=schedule,
            source_id=resource["id"],
            start=start,
            end=end,
            status=status,
            new_patients=new_patients,
            booking_phone=str(phone)[:40] if phone else "",
            seen=self.run_id,
        )
        if len(self.slots) >= BATCH:
            self.save_slots()
        return None

    def save_slots(self):
        if self.slots:
            Slot.objects.bulk_create(
                self.slots.values(),
                update_conflicts=True,
                unique_fields=["schedule", "source_id"],
                update_fields=["start", "end", "status", "new_patients", "booking_phone", "seen"],
            )
            self.slots = {}

    def delete_unlisted(self):
        """After a full run: the slots it did not list are gone from the scheduling system, but a
        slot a patient holds stays until staff confirm or release it, or the hold ends."""
        held = Q(held_until__gt=timezone.now())
        unlisted = Slot.objects.filter(schedule__feed=self.feed).exclude(seen=self.run_id).exclude(held)
        self.report.deleted, _ = unlisted.only(
            "pk"
        ).delete()  # a request that asked for one keeps its time (slot_start)


def analyse_written():
    """Fresh planner statistics of the schedules and slots this transaction wrote (PostgreSQL; ANALYZE
    counts the transaction's own rows). Without them the planner takes the tables to be as small as
    when they were last analysed, an empty table after a first import, and reads every slot for each
    practice when working out the next times (openings.refresh) and what to delete: 7 minutes for
    20,000 doctors' demo feed instead of seconds."""
    if connection.vendor != "postgresql":
        return
    with connection.cursor() as cursor:
        tables = (connection.ops.quote_name(model._meta.db_table) for model in (Schedule, Slot))
        cursor.execute(f"ANALYZE {', '.join(tables)}")


def import_feed(feed, full=False):
    """Read `feed` (a Feed) once; the Report, or FeedError (logged) when nothing was kept."""
    try:
        return Import(feed, full=full).run()
    except FeedError as error:
        log.error("feed %s not imported: %s", feed.name, error)
        raise


def import_all(full=False):
    """Every feed, each in its own run; {feed: Report or FeedError}."""
    results = {}
    for feed in Feed.objects.all():
        try:
            results[feed] = import_feed(feed, full=full)
        except FeedError as error:
            results[feed] = error
    return results
