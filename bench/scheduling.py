"""Benchmark: reading open times from a SMART Scheduling Links feed of 20,000 doctors × two weeks
(about a million slots), an update of 5% of them, and Find a Doctor afterwards.

    .venv/bin/python bench/scheduling.py --only postgresql
    BENCH_SQLITE_URL=sqlite:////tmp/small.sqlite3 .venv/bin/python bench/scheduling.py --only sqlite \\
        --doctors 300 --rounds 2                        # a quick look

Each database is its own (PostgreSQL `mgh_scheduling_bench`, a SQLite file under /tmp), filled by
`load_demo --doctors 20000` and kept between runs. The feed is written as NDJSON files under /tmp
(every published practice's two weeks of weekdays, as many times a day as make about a million slots;
85% booked, 60% of the free ones for new patients) and served by a local HTTP server, which answers
a manifest asked `_since` with a publication of the changed 5% (booked times freed and free ones
booked), as a publisher honouring `_since` does. Then, each in its own process, as the worker runs
it: `manage.py import_slots --full` (everything: the time, and the process's peak memory), the same
again (nothing changed: idempotent), and `manage.py import_slots` (only the changes). Last, the
directory's list requests with the "can be seen within" filter among them, rendered anew (p50, p95,
slowest). Goals: the full import under 2 minutes, the update under 15 seconds, the directory's p95
under 50 ms on PostgreSQL. Only the figures are printed (bench/common.py).
"""

import datetime
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import common  # bench/ is on sys.path when this file is run as a script

DOCTORS = 20_000
SLOTS = 1_000_000
ROUNDS = 5
CHANGED = 0.05
FEED = Path("/tmp/mgh_scheduling_bench_feed")
URL = "/en/find-a-doctor/"
REQUESTS = [
    {},
    {"seen": "7"},
    {"seen": "14"},
    {"seen": "7", "specialty": "cardiology"},
    {"seen": "14", "q": "knee pain", "accepting": "yes"},
    {"seen": "7", "language": "spanish", "zip": "02114", "sort": "distance"},
    {"q": "cardiology"},
    {"specialty": "dermatology", "insurer": "masshealth"},
    ("/es/find-a-doctor/", {"seen": "7", "q": "dolor de rodilla"}),
]


def write_feed(folder, practices, slots_wanted, seed=2026):
    """The publication's files in `folder`: the full one, and the changes (CHANGED of the slots);
    the number of slots written."""
    from django.conf import settings

    folder.mkdir(parents=True, exist_ok=True)
    chooser = random.Random(seed)  # noqa: S311  # nosec B311
    today = datetime.date.today()
    days = [today + datetime.timedelta(days=n) for n in range(1, 15)]
    weekdays = [day for day in days if day.weekday() < 5]
    per_day = max(1, round(slots_wanted / (len(practices) * len(weekdays))))
    places = {location: slug for _pk, _npi, location, slug in practices}
    with (folder / "locations.ndjson").open("w") as out:
        for location, slug in places.items():
            identifier = [{"system": settings.SCHEDULING_LOCATION_SYSTEM, "value": slug}]
            out.write(
                json.dumps({"resourceType": "Location", "id": f"L{location}", "identifier": identifier})
                + "\n"
            )
    npi_system = "http://hl7.org/fhir/sid/us-npi"
    with (
        (folder / "schedules.ndjson").open("w") as schedules,
        (folder / "practitioners.ndjson").open("w") as people,
    ):
        seen = set()
        for pk, npi, location, _slug in practices:
            if npi not in seen:
                seen.add(npi)
                identifier = [{"system": npi_system, "value": npi}]
                people.write(
                    json.dumps({"resourceType": "Practitioner", "id": npi, "identifier": identifier}) + "\n"
                )
            actors = [{"reference": f"Location/L{location}"}, {"reference": f"Practitioner/{npi}"}]
            schedules.write(json.dumps({"resourceType": "Schedule", "id": f"S{pk}", "actor": actors}) + "\n")
    written = 0
    with (folder / "slots.ndjson").open("w") as full, (folder / "changed-slots.ndjson").open("w") as changes:
        for pk, _npi, _location, _slug in practices:
            for day in weekdays:
                for n in range(per_day):
                    start = datetime.datetime.combine(day, datetime.time(8 + n % 9, 30 * (n // 9 % 2)))
                    start = start.replace(tzinfo=datetime.timezone(datetime.timedelta(hours=-5)))
                    status = "busy" if chooser.random() < 0.85 else "free"
                    patients = "newpt" if chooser.random() < 0.6 else "existptonly"
                    slot = {
                        "resourceType": "Slot",
                        "id": f"{pk}-{day:%m%d}-{n}",
                        "schedule": {"reference": f"Schedule/S{pk}"},
                        "status": status,
                        "start": start.isoformat(),
                        "end": (start + datetime.timedelta(minutes=30)).isoformat(),
                        "extension": [
                            {
                                "url": "http://hl7.org/fhir/uv/smart-scheduling-links/StructureDefinition/patient-type",
                                "valueCoding": {"code": patients},
                            }
                        ],
                    }
                    full.write(json.dumps(slot) + "\n")
                    written += 1
                    if chooser.random() < CHANGED:
                        slot["status"] = "free" if status == "busy" else "busy"
                        changes.write(json.dumps(slot) + "\n")
    return written


class Publisher(SimpleHTTPRequestHandler):
    """The feed's folder over HTTP; the manifest, whole or (asked `_since`) the changes only."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, directory=str(FEED), **kwargs)

    def do_GET(self):
        parts = urllib.parse.urlsplit(self.path)
        if parts.path != "/$bulk-publish":
            super().do_GET()
            return
        since = "_since" in urllib.parse.parse_qs(parts.query)
        origin = f"http://127.0.0.1:{self.server.server_port}"
        outputs = (
            [("Slot", "changed-slots.ndjson")]
            if since
            else [
                ("Location", "locations.ndjson"),
                ("Practitioner", "practitioners.ndjson"),
                ("Schedule", "schedules.ndjson"),
                ("Slot", "slots.ndjson"),
            ]
        )
        stamp = (FEED / ("changed-slots.ndjson" if since else "slots.ndjson")).stat().st_mtime
        body = json.dumps(
            {
                "transactionTime": datetime.datetime.fromtimestamp(stamp, datetime.UTC).isoformat(),
                "request": origin + self.path,
                "output": [{"type": kind, "url": f"{origin}/{name}"} for kind, name in outputs],
                "error": [],
            }
        ).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


# manage.py in this process, then its own peak memory (kB) on stderr: each run's own figure.
MEASURED = (
    "import resource, runpy, sys\n"
    "sys.argv = ['manage.py', *sys.argv[1:]]\n"
    "try:\n"
    "    runpy.run_path('manage.py', run_name='__main__')\n"
    "finally:\n"
    "    print('peak-kb', resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)\n"
)


def import_once(database_url, manifest, full):
    """`manage.py import_slots` in a process of its own: (seconds, its peak memory in MB, what it said)."""
    command = [common.PYTHON, "-c", MEASURED, "import_slots", "--url", manifest, "--name", "bench"]
    env = {**os.environ, "DATABASE_URL": database_url, "DJANGO_LOG_LEVEL": "WARNING"}
    start = time.perf_counter()
    done = subprocess.run(  # noqa: S603  # our own manage.py, our own arguments
        command + (["--full"] if full else []), cwd=common.ROOT, env=env, capture_output=True, text=True
    )
    seconds = time.perf_counter() - start
    peak = [line for line in done.stderr.splitlines() if line.startswith("peak-kb ")]
    if done.returncode or not peak:
        print(done.stdout, done.stderr)
        sys.exit(1)
    return seconds, int(peak[-1].split()[1]) / 1024, done.stdout.strip().split(": ", 1)[-1]


def run_one(database_url, doctors, slots, rounds):
    common.setup_django(database_url)
    steps = common.Steps()
    common.fill(doctors)
    steps.done(f"set-up (migrate + {doctors:,} doctors)")

    from doctors.models import Practice
    from locations.caching import DIRECTORY
    from locations.models import Location
    from scheduling.models import Slot

    practices = list(
        Practice.objects.filter(doctor__is_published=True, location__is_published=True)
        .exclude(location__kind=Location.Kind.GARAGE)
        .values_list("pk", "doctor__npi", "location_id", "location__slug")
        .order_by("pk")
    )
    written = write_feed(FEED, practices, slots)
    changed = sum(1 for _ in (FEED / "changed-slots.ndjson").open())
    steps.done(f"feed written: {written:,} slots of {len(practices):,} practices, {changed:,} changed")

    server = ThreadingHTTPServer(("127.0.0.1", 0), Publisher)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    manifest = f"http://127.0.0.1:{server.server_port}/$bulk-publish"
    try:
        for label, full in (
            ("full import", True),
            ("full import again (nothing changed)", True),
            ("update", False),
        ):
            if label == "update":
                (FEED / "changed-slots.ndjson").touch()  # a newer publication
            seconds, peak, said = import_once(database_url, manifest, full)
            print(f"  {label}: {seconds:.1f} s, peak memory {peak:.0f} MB")
            print(f"    {said}")
    finally:
        server.shutdown()
    kept = Slot.objects.filter(schedule__feed__name="bench").count()
    soon = Practice.objects.exclude(next_opening=None).count()
    print(f"  slots kept from the feed: {kept:,}; practices with a next new-patient time: {soon:,}")
    common.time_list_requests(URL, REQUESTS, rounds, DIRECTORY.changed, per_request=True)


def main():
    args = common.parse_args(
        __doc__,
        (["--doctors"], {"type": int, "default": DOCTORS, "help": f"default {DOCTORS:,}"}),
        (["--slots"], {"type": int, "default": SLOTS, "help": f"about how many slots; default {SLOTS:,}"}),
        (["--rounds"], {"type": int, "default": ROUNDS, "help": f"default {ROUNDS}"}),
    )
    if args.child:
        run_one(args.child, args.doctors, args.slots, args.rounds)
        return
    targets = common.databases(args.only, "mgh_scheduling_bench", fresh=False)
    print(f"Open times: {args.doctors:,} doctors, about {args.slots:,} slots")
    sizes = ["--doctors", str(args.doctors), "--slots", str(args.slots), "--rounds", str(args.rounds)]
    sys.exit(0 if common.in_child_processes(__file__, targets, sizes) else 1)


if __name__ == "__main__":
    main()
