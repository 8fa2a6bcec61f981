"""Benchmark: Find a Location list requests with 2,000 extra practices, on PostgreSQL and on SQLite.

    .venv/bin/python bench/locations.py                 # both databases (PostgreSQL if reachable)
    .venv/bin/python bench/locations.py --only sqlite   # one of them
    .venv/bin/python bench/locations.py --only sqlite --extra-locations 100 --rounds 2   # a quick look
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/mgh_locations_bench .venv/bin/python bench/locations.py

Each database is made afresh for the run (the SQLite file /tmp/mgh_locations_bench.sqlite3 is deleted,
the PostgreSQL database `mgh_locations_bench` dropped and created again), migrated, filled by
`load_demo --doctors 300` and then `ensure_location_details(extra_locations=2000)`: about 2,050 places,
each with a week of opening hours, services, and holidays for the demo practices. Set-up steps are timed
one by one. It then times 10 typical list requests (text, kind, service, open now, distance sort, a deep
page) in-process through Django's test client with production settings (DEBUG off), over several rounds,
and prints p50/p95 per database: server time, no network. Two figures each, as in bench/directory.py:
"rendered", with the directory's page cache made stale before every request (Find a Location shares the
"directory" data version with Find a Doctor), and "from the cache", the same URLs again. Only the figures
are printed (bench/common.py).
"""

import sys

import common  # bench/ is on sys.path when this file is run as a script

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


def run_one(database_url, extra_locations, rounds):
    """In a child process: set up Django on database_url, fill it, time the requests."""
    common.setup_django(database_url)
    from django.test import Client

    from demo.locations import ensure_location_details
    from locations.caching import DIRECTORY
    from locations.models import HoursException, Location, OpeningHours

    steps = common.Steps()
    common.fill(DOCTORS, steps)
    made = ensure_location_details(extra_locations=extra_locations)
    steps.done(f"ensure_location_details(extra_locations={extra_locations:,}) {made}")
    again = ensure_location_details(extra_locations=extra_locations)
    steps.done("the same again (changes nothing)")
    assert not any(again.values()), again
    print(
        f"  set-up in all: {steps.total():.1f} s; {Location.objects.count():,} places, "
        f"{OpeningHours.objects.count():,} hours rows, {HoursException.objects.count():,} exceptions"
    )

    response = Client().get(URL, {"kind": "garage"})
    if response.status_code != 200 or GARAGE_NAME.encode() not in response.content:
        print(
            f"  {URL}?kind=garage answered {response.status_code} without {GARAGE_NAME!r}: "
            "the Find a Location list view is not there yet, so there is nothing to time."
        )
        sys.exit(2)
    common.time_list_requests(URL, REQUESTS, rounds, DIRECTORY.changed, per_request=True)


def main():
    args = common.parse_args(
        __doc__,
        (
            ["--extra-locations"],
            {"type": int, "default": EXTRA_LOCATIONS, "help": f"default {EXTRA_LOCATIONS:,}"},
        ),
        (["--rounds"], {"type": int, "default": ROUNDS, "help": f"default {ROUNDS}"}),
    )
    if args.child:
        run_one(args.child, args.extra_locations, args.rounds)
        return
    targets = common.databases(args.only, "mgh_locations_bench", fresh=True)
    print(
        f"Find a Location list, {DOCTORS} doctors, {args.extra_locations:,} extra practices, "
        f"{len(REQUESTS)} requests x {args.rounds} rounds"
    )
    sizes = ["--extra-locations", str(args.extra_locations), "--rounds", str(args.rounds)]
    sys.exit(0 if common.in_child_processes(__file__, targets, sizes) else 1)


if __name__ == "__main__":
    main()
