"""Benchmark: Find a Location list requests with 2,000 extra practices, on PostgreSQL and on SQLite.

    .venv/bin/python bench/locations.py                 # both databases (PostgreSQL if reachable)
    .venv/bin/python bench/locations.py --only sqlite   # one of them
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/mgh_locations_bench .venv/bin/python bench/locations.py

Each database is made afresh for the run (the SQLite file /tmp/mgh_locations_bench.sqlite3 is deleted,
the PostgreSQL database `mgh_locations_bench` dropped and created again), migrated, filled by
`load_demo --doctors 300` and then `ensure_location_details(extra_locations=2000)`: about 2,050 places,
each with a week of opening hours, services, and holidays for the demo practices. Set-up steps are timed
one by one. It then times 10 typical list requests (text, kind, service, open now, distance sort, a deep
page) in-process through Django's test client with production settings (DEBUG off), over several rounds,
and prints p50/p95 per database: server time, no network. Two figures each, as in bench/directory.py:
"rendered", with the directory's page cache made stale before every request (Find a Location shares the
"directory" data version with Find a Doctor), and "from the cache", the same URLs again.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

# bench/ is on sys.path when this file is run as a script.
from directory import percentile

ROOT = Path(__file__).resolve().parent.parent
DOCTORS = 300
EXTRA_LOCATIONS = 2_000
ROUNDS = 10
URL = "/en/find-a-location/"
REQUESTS = [
    {},
    {"q": "imaging"},
    {"q": "yawkey"},
    {"kind": "garage"},
    {"kind": "practice", "open_now": "on"},
    {"service": "laboratory"},  # a service of demo.locations, at most places
    {"zip": "02114", "sort": "distance"},
    {"zip": "01970", "sort": "distance", "kind": "practice"},
    {"open_now": "on"},
    {"sort": "name", "page": "20"},
]
# A page that lists the garages names this one: proof that the list view answers, not a plain CMS page.
GARAGE_NAME = "Parkman Street Garage"


def step(label, started):
    print(f"  {label}: {time.perf_counter() - started:.1f} s", flush=True)
    return time.perf_counter()


def run_one(database_url):
    """In a child process: set up Django on database_url, fill it, time the requests."""
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": "/tmp/mgh_bench_static",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from demo.locations import ensure_location_details
    from locations.models import HoursException, Location, OpeningHours
    from toolkit.caching import data_changed

    started = first = time.perf_counter()
    call_command("migrate", verbosity=0)
    started = step("migrate", started)
    call_command("collectstatic", interactive=False, verbosity=0)
    started = step("collectstatic", started)
    call_command(
        "load_demo",
        doctors=DOCTORS,
        admin_password="bench-admin-password",
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    started = step(f"load_demo --doctors {DOCTORS}", started)
    made = ensure_location_details(extra_locations=EXTRA_LOCATIONS)
    started = step(f"ensure_location_details(extra_locations={EXTRA_LOCATIONS:,}) {made}", started)
    again = ensure_location_details(extra_locations=EXTRA_LOCATIONS)
    step("the same again (changes nothing)", started)
    assert not any(again.values()), again
    print(
        f"  set-up in all: {time.perf_counter() - first:.1f} s; {Location.objects.count():,} places, "
        f"{OpeningHours.objects.count():,} hours rows, {HoursException.objects.count():,} exceptions"
    )

    client = Client()
    response = client.get(URL, {"kind": "garage"})
    if response.status_code != 200 or GARAGE_NAME.encode() not in response.content:
        print(
            f"  {URL}?kind=garage answered {response.status_code} without {GARAGE_NAME!r}: "
            "the Find a Location list view is not there yet, so there is nothing to time."
        )
        sys.exit(2)
    for params in REQUESTS:  # one warm-up pass: imports, template loading, vocabulary
        assert client.get(URL, params).status_code == 200, params
    for label, stale in (("rendered", True), ("from the cache", False)):
        if not stale:
            for params in REQUESTS:  # fill the cache: the first visitor of each URL renders it
                client.get(URL, params)
        timings = []
        for _ in range(ROUNDS):
            for params in REQUESTS:
                if stale:
                    data_changed("directory")
                start = time.perf_counter()
                response = client.get(URL, params)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, params
        slowest = sorted(zip(timings, REQUESTS * ROUNDS, strict=True), key=lambda t: -t[0])[0]
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"  {label}: {len(timings)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print(f"    slowest: {slowest[0]:.1f} ms for {slowest[1]}")
        if stale:  # which requests cost what: the median of each over the rounds
            for index, params in enumerate(REQUESTS):
                print(f"    {statistics.median(timings[index :: len(REQUESTS)]):7.1f} ms  {params}")


def fresh_pg(url):
    """Drop and create the benchmark's PostgreSQL database; False (and why) if PostgreSQL is not there."""
    try:
        import psycopg

        server, name = url.rsplit("/", 1)
        with psycopg.connect(server + "/postgres", connect_timeout=3, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as error:  # noqa: BLE001
        print(f"PostgreSQL: skipped ({error})")
        return False


def fresh_sqlite(url):
    path = Path(url.removeprefix("sqlite:///"))
    for suffix in ("", "-wal", "-shm", "-journal"):
        path.with_name(path.name + suffix).unlink(missing_ok=True)
    return True


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child)
        return

    targets = []
    if args.only in (None, "postgresql"):
        pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/mgh_locations_bench")
        if fresh_pg(pg_url):
            targets.append(("PostgreSQL", pg_url))
    if args.only in (None, "sqlite"):
        sqlite_url = os.environ.get("BENCH_SQLITE_URL", "sqlite:////tmp/mgh_locations_bench.sqlite3")
        if fresh_sqlite(sqlite_url):
            targets.append(("SQLite", sqlite_url))

    print(
        f"Find a Location list, {DOCTORS} doctors, {EXTRA_LOCATIONS:,} extra practices, "
        f"{len(REQUESTS)} requests x {ROUNDS} rounds"
    )
    failed = False
    for label, url in targets:
        print(f"{label}:", flush=True)
        # Our own script with a URL we chose: a fresh process per database.
        failed |= subprocess.run([sys.executable, __file__, "--child", url], cwd=ROOT).returncode != 0
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
