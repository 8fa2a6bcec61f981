"""Demo walkways of the main campus, for directions: the buildings' outlines and the waypoints and
connections between the garages, the Charles/MGH station and the buildings (demo/data/campus.toml).

Idempotent, and it never overwrites an editor's work: a footprint is drawn only where there is none,
and the walkways are laid only while there are no waypoints at all: once there is one, the campus's
walkways are the editors' business. A waypoint of a building an editor deleted is left out, with its
connections.
"""

import math

from django.db import transaction

from locations.caching import DIRECTORY
from locations.models import Connection, Location, Waypoint

from .datafiles import read

_CAMPUS = read("campus.toml")  # demo/data/campus.toml

METRES_PER_DEGREE = 111_195  # of latitude; of longitude, times the cosine of the latitude


def with_step_free_entrance():
    """The slugs of the buildings with a step-free entrance of their own in the demo walkways (a main
    or an accessible entrance; a plain door is not said to be one)."""
    kinds = {Waypoint.Kind.MAIN_ENTRANCE, Waypoint.Kind.ACCESSIBLE_ENTRANCE}
    return {
        row["building"] for row in _CAMPUS["waypoints"].values() if row["kind"] in kinds and "building" in row
    }


def rectangle(latitude, longitude, east_west, north_south):
    """A GeoJSON Polygon: a rectangle of the given metres centred on the point, corners anticlockwise
    (RFC 7946's order for an outer ring)."""
    half_lat = north_south / 2 / METRES_PER_DEGREE
    half_lon = east_west / 2 / (METRES_PER_DEGREE * math.cos(math.radians(latitude)))
    corners = [(-1, -1), (1, -1), (1, 1), (-1, 1), (-1, -1)]
    return {
        "type": "Polygon",
        "coordinates": [
            [[round(longitude + dx * half_lon, 6), round(latitude + dy * half_lat, 6)] for dx, dy in corners]
        ],
    }


def draw_footprints(places):
    """Outlines for the campus's buildings and garages that have none. Returns how many were drawn."""
    drawn = []
    for slug, (east_west, north_south) in _CAMPUS["footprints"].items():
        place = places.get(slug)
        if place is not None and not place.footprint:
            place.footprint = rectangle(place.latitude, place.longitude, east_west, north_south)
            drawn.append(place)
    Location.objects.bulk_update(drawn, ["footprint"])
    return len(drawn)


def lay_walkways(places):
    """The waypoints and connections, when there are no waypoints yet. Returns (waypoints, connections)."""
    if Waypoint.objects.exists():
        return 0, 0
    waypoints = {}
    for key, row in _CAMPUS["waypoints"].items():
        building = places.get(row["building"]) if "building" in row else None
        if "building" in row and building is None:
            continue
        latitude, longitude = row["at"]
        waypoints[key] = Waypoint(
            kind=Waypoint.Kind(row["kind"]),
            building=building,
            floor=row.get("floor", 1),
            latitude=latitude,
            longitude=longitude,
            name_en=row["en"],
            name_es=row["es"],
        )
    for waypoint in waypoints.values():
        waypoint.save()  # a few dozen, one by one: each has its id for the connections on any database
    connections = [
        Connection(
            start=waypoints[start],
            end=waypoints[end],
            kind=Connection.Kind(kind),
            indoors=where == "indoors",
        )
        for start, end, kind, where in _CAMPUS["connections"]["ways"]
        if start in waypoints and end in waypoints
    ]
    Connection.objects.bulk_create(connections)
    return len(waypoints), len(connections)


def ensure_campus_walkways():
    """Footprints and walkways for the main campus; run after demo.doctors.ensure_locations() has made
    its buildings and garages. A second call creates and changes nothing."""
    with transaction.atomic():
        places = {place.slug: place for place in Location.objects.filter(slug__in=_places_named())}
        footprints = draw_footprints(places)
        waypoints, connections = lay_walkways(places)
    if footprints or waypoints:
        DIRECTORY.changed()  # bulk writes send no signal: the kept directions' graph is stale
    return {
        "footprints_drawn": footprints,
        "waypoints_created": waypoints,
        "connections_created": connections,
    }


def _places_named():
    return set(_CAMPUS["footprints"]) | {
        row["building"] for row in _CAMPUS["waypoints"].values() if "building" in row
    }
