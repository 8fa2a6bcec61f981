"""Benchmark: campus directions (locations.directions.route) on a walkway graph of 500 waypoints.

    .venv/bin/python bench/directions.py                  # both databases (PostgreSQL if reachable)
    .venv/bin/python bench/directions.py --only sqlite    # one of them
    .venv/bin/python bench/directions.py --only sqlite --pairs 200 --rounds 2   # a quick look

Each database is made afresh (the SQLite file /tmp/mgh_directions_bench.sqlite3 is deleted, the
PostgreSQL database `mgh_directions_bench` dropped and created again) and migrated; no demo content.
A synthetic campus is then written: a 16 x 16 grid of outdoor junctions about 25 m apart, two
garages and two transit stops on its edges, and 20 buildings of four floors, each floor with a
lobby, an elevator and stairs (the lobby on floor 1 joined to the nearest junction, some buildings
bridged to a neighbour on floor 2, some corridors tunnels), and a few connections closed for a week:
500 waypoints, about 800 connections. The goal (issue 22): p95 under 30 ms.

It prints, in production settings (DEBUG off): the graph's build from the database (two queries,
what the first request after any directory change pays), and route() over random pairs, each as
plain, step-free, and step-free indoors, on a day inside and one outside the closures, with the
graph kept as every later request has it: p50 and p95 of server time, no network. Some pairs have
no step-free way (the stairs-only floors); those answers are timed too.
"""

import gc
import math
import random
import statistics
import sys
import time
import types
from datetime import date, timedelta

import common  # bench/ is on sys.path when this file is run as a script

GRID = 16  # junctions a side
SPACING = 25  # metres between junctions
BUILDINGS = 20
FLOORS = 4
PAIRS = 500
ROUNDS = 3
CLOSED_FROM = date(2027, 3, 1)
DAYS = [CLOSED_FROM + timedelta(days=3), CLOSED_FROM - timedelta(days=30)]  # inside, outside the closures
ORIGIN = (42.3626, -71.0686)
SEED = 22


def at(x, y):
    """Latitude and longitude of a point x metres east and y metres north of ORIGIN."""
    return {
        "latitude": ORIGIN[0] + y / 111_195,
        "longitude": ORIGIN[1] + x / (111_195 * math.cos(math.radians(ORIGIN[0]))),
    }


def build_campus(rng):
    """Write the synthetic campus. Returns (origins, targets, waypoints, connections): the places and
    waypoints to route from and to, and how many waypoints and connections were written."""
    from django.db import transaction

    from locations.models import Connection, Location, Waypoint

    W, C, K = Waypoint.Kind, Connection.Kind, Location.Kind
    with transaction.atomic():
        buildings = Location.objects.bulk_create(
            [
                Location(
                    kind=K.BUILDING,
                    name=f"Bench Building {n:02d}",
                    slug=f"bench-building-{n:02d}",
                    street="1 Bench Street",
                    zip_code="02114",
                    **at(rng.uniform(0, SPACING * (GRID - 1)), rng.uniform(0, SPACING * (GRID - 1))),
                )
                for n in range(BUILDINGS)
            ]
        )
        garages = Location.objects.bulk_create(
            [
                Location(
                    kind=K.GARAGE,
                    name=f"Bench Garage {n}",
                    slug=f"bench-garage-{n}",
                    street="Bench Street",
                    zip_code="02114",
                    **at(x, y),
                )
                for n, (x, y) in enumerate([(0, -SPACING), (GRID * SPACING, 0)])
            ]
        )
        if any(place.pk is None for place in buildings + garages):
            sys.exit("This database does not return the ids of bulk_create's rows: nothing to time.")

        add = Waypoint.objects.bulk_create
        grid = add(
            [
                Waypoint(kind=W.JUNCTION, name_en=f"Walk {i}-{j}", **at(i * SPACING, j * SPACING))
                for i in range(GRID)
                for j in range(GRID)
            ]
        )

        ends = add(
            [
                Waypoint(kind=W.GARAGE_ENTRANCE, building=garages[0], name_en="Exit 0", **at(0, -SPACING)),
                Waypoint(
                    kind=W.GARAGE_ENTRANCE, building=garages[1], name_en="Exit 1", **at(GRID * SPACING, 0)
                ),
                Waypoint(kind=W.TRANSIT_STOP, name_en="Stop A", **at(-SPACING, SPACING * GRID / 2)),
                Waypoint(kind=W.TRANSIT_STOP, name_en="Stop B", **at(SPACING * GRID / 2, SPACING * GRID)),
            ]
        )
        floors = {}  # (building index, floor) -> (lobby, elevator, stairs)
        rows = []
        for building in buildings:
            for floor in range(1, FLOORS + 1):
                point = {"latitude": building.latitude, "longitude": building.longitude}
                for kind in (W.JUNCTION, W.ELEVATOR, W.STAIRS):
                    name = f"{building} {kind} {floor}"
                    rows.append(Waypoint(kind=kind, building=building, floor=floor, name_en=name, **point))
        made = add(rows)
        for index, waypoint in enumerate(made):
            b, rest = divmod(index, FLOORS * 3)
            floors.setdefault((b, rest // 3 + 1), []).append(waypoint)

        connections = []

        def connect(start, end, kind, indoors=True, **fields):
            connections.append(Connection(start=start, end=end, kind=kind, indoors=indoors, **fields))

        for i in range(GRID):
            for j in range(GRID):
                if i + 1 < GRID:
                    connect(grid[i * GRID + j], grid[(i + 1) * GRID + j], C.OUTDOOR_PATH, indoors=False)
                if j + 1 < GRID:
                    connect(grid[i * GRID + j], grid[i * GRID + j + 1], C.OUTDOOR_PATH, indoors=False)
        connect(ends[0], grid[0], C.OUTDOOR_PATH, indoors=False)
        connect(ends[1], grid[(GRID - 1) * GRID], C.OUTDOOR_PATH, indoors=False)
        connect(ends[2], grid[GRID // 2], C.OUTDOOR_PATH, indoors=False)
        connect(ends[3], grid[(GRID // 2) * GRID + GRID - 1], C.OUTDOOR_PATH, indoors=False)
        for b in range(len(buildings)):
            lobby = floors[(b, 1)][0]
            near = min(
                grid, key=lambda w: abs(w.latitude - lobby.latitude) + abs(w.longitude - lobby.longitude)
            )
            connect(near, lobby, C.RAMP if b % 3 else C.STAIRS, indoors=False)  # steps at a third's doors
            for floor in range(1, FLOORS + 1):
                here, elevator, stairs = floors[(b, floor)]
                connect(here, elevator, C.CORRIDOR, length=15)
                connect(here, stairs, C.CORRIDOR, length=10)
                if floor < FLOORS:
                    above = floors[(b, floor + 1)]
                    if not (b % 7 == 0 and floor == FLOORS - 1):  # a few top floors by stairs only
                        connect(elevator, above[1], C.ELEVATOR)
                    connect(stairs, above[2], C.STAIRS)
            if b % 2 == 0 and b + 1 < len(buildings):  # bridges and tunnels to a neighbour
                week = {"closed_from": CLOSED_FROM, "closed_until": CLOSED_FROM + timedelta(days=6)}
                closure = week if b % 4 == 0 else {}
                connect(floors[(b, 2)][0], floors[(b + 1, 2)][0], C.BRIDGE, **closure)
                connect(floors[(b, 1)][0], floors[(b + 1, 1)][0], C.TUNNEL)
        Connection.objects.bulk_create(connections)
    waypoints = grid + ends + made
    origins = [*garages, *ends[2:], *rng.sample(waypoints, 20)]
    stairs_only = [floors[(b, FLOORS)][0] for b in range(0, len(buildings), 7)]  # no step-free way up
    targets = [*buildings, *rng.sample(made, 40), *stairs_only]
    return origins, targets, len(waypoints), len(connections)


def run_one(database_url, pairs, rounds):
    """In a child process: set up Django on database_url, write the campus, time the routes."""
    common.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection, reset_queries

    from locations.caching import DIRECTORY
    from locations.directions import build_graph, campus_graph, route

    steps = common.Steps()
    call_command("migrate", verbosity=0)
    steps.done("migrate")
    rng = random.Random(SEED)  # noqa: S311 - a benchmark's pairs  # nosec B311
    origins, targets, waypoints, connections = build_campus(rng)
    steps.done(f"campus: {waypoints} waypoints, {connections} connections")

    builds = []
    for _ in range(5):
        start = time.perf_counter()
        build_graph()
        builds.append((time.perf_counter() - start) * 1000)
    print(f"  build_graph() from the database: median {statistics.median(builds):.1f} ms of 5")
    connection.force_debug_cursor = True
    reset_queries()
    DIRECTORY.changed()
    campus_graph()
    print(f"  queries to build it: {len(connection.queries)}")
    connection.force_debug_cursor = False

    asked = [(rng.choice(origins), rng.choice(targets)) for _ in range(pairs)]
    # What is loaded stays out of the collector's way, as in a gunicorn worker (common.time_list_requests).
    gc.collect()
    gc.freeze()
    options = [{}, {"step_free": True}, {"step_free": True, "indoors": True}]
    for day in DAYS:
        timings, not_found = [], 0
        for _ in range(rounds):
            for origin, target in asked:
                for option in options:
                    start = time.perf_counter()
                    found = route(origin, target, on=day, **option)
                    timings.append((time.perf_counter() - start) * 1000)
                    not_found += not found.found
        label = "inside" if day >= CLOSED_FROM else "outside"
        print(
            f"  route(), {label} the closures: {len(timings)} routes ({not_found} with no way), "
            f"p50 {statistics.median(timings):.2f} ms, p95 {common.percentile(timings, 0.95):.2f} ms, "
            f"slowest {max(timings):.2f} ms"
        )
    time_answers(asked, options)


def time_answers(asked, options):
    """What the directions page works out and draws for a route, which grows with the campus: the
    route, its steps, and the map with every walkway and the route, rendered (its template include).
    The page around it (menus, header, footer) does not grow with the campus and is left out: the
    demo's CMS pages are not in this database."""
    from django.template.loader import render_to_string
    from django.urls import include, path, set_urlconf
    from django.utils import translation

    from locations.campus_map import campus_map
    from locations.directions import route
    from locations.models import Location
    from locations.steps import steps

    # The map's links name the directions page, which the CMS page tree places (not here): the
    # locations app's own URLs at the address it has in the demo.
    urls = types.ModuleType("bench_directions_urls")
    urls.urlpatterns = [path("en/find-a-location/", include("locations.urls"))]
    sys.modules[urls.__name__] = urls
    set_urlconf(urls.__name__)
    buildings = list(Location.objects.filter(kind=Location.Kind.BUILDING).order_by("name"))
    campus = Location(name="Bench Campus", **at(SPACING * GRID / 2, SPACING * GRID / 2))
    timings, sizes = [], []
    with translation.override("en"):
        for origin, target in asked:
            for option in options:
                start = time.perf_counter()
                found = route(origin, target, **option)
                said = steps(found, target)
                drawn = campus_map(campus, buildings, route=found, steps=said)
                html = render_to_string("locations/includes/campus_map.html", {"map": drawn, "title": "Map"})
                timings.append((time.perf_counter() - start) * 1000)
                sizes.append(len(html))
    print(
        f"  the answer drawn (route, steps, the map with {len(buildings)} buildings and every walkway, "
        f"rendered): {len(timings)} answers, p50 {statistics.median(timings):.1f} ms, "
        f"p95 {common.percentile(timings, 0.95):.1f} ms, slowest {max(timings):.1f} ms; "
        f"map {statistics.median(sizes) / 1024:.0f} KB of HTML"
    )


def main():
    args = common.parse_args(
        __doc__,
        (["--pairs"], {"type": int, "default": PAIRS, "help": f"default {PAIRS}"}),
        (["--rounds"], {"type": int, "default": ROUNDS, "help": f"default {ROUNDS}"}),
    )
    if args.child:
        run_one(args.child, args.pairs, args.rounds)
        return
    targets = common.databases(args.only, "mgh_directions_bench", fresh=True)
    print(f"Campus directions, {args.pairs} pairs x 3 options x {args.rounds} rounds, on two days")
    sizes = ["--pairs", str(args.pairs), "--rounds", str(args.rounds)]
    sys.exit(0 if common.in_child_processes(__file__, targets, sizes) else 1)


if __name__ == "__main__":
    main()
