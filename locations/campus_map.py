"""A campus map drawn by the site itself as SVG: footprints, paths, entrances, garages and stops.

No third-party map service or script is needed to see the campus. Buildings are numbered, and the
same numbers lead the list of buildings beside the map, so the list is the map's text equivalent; a
building's name is written inside its outline only where it fits. Every building and every entrance,
garage exit and stop is a link named for a screen reader as for the eye. North is up, and the map is
drawn to scale (an equirectangular projection about the campus, which over a few hundred metres is
as good as any), so a scale bar can be computed from the projection.

Where there is a route (locations.directions), it is drawn over the map with its steps numbered.
"""

import math
from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.urls import reverse
from django.utils.html import format_html_join

from toolkit.caching import ProcessMemo

from . import hours
from .caching import DIRECTORY
from .directions import campus_graph, walkway_points
from .models import Connection, Waypoint, metres_between

# The drawing is as tall as this, and as wide as the campus's shape needs (between the two widths):
# a square campus is not drawn in a wide frame, so on a phone it fills the screen's width.
HEIGHT, MIN_WIDTH, MAX_WIDTH, MARGIN = 440, 400, 640, 36
METRES_PER_DEGREE = 111_195  # of latitude; of longitude, times the cosine of the latitude
LABEL_SIZE = 13  # px, the font size of a name inside an outline
LABEL_CHAR_WIDTH = 0.56  # of the font size: an average letter of the site's sans-serif font
REACH = 1500  # metres from the campus's point: the walkways drawn on its map (not another campus's)
SCALE_STEPS = (10, 20, 25, 50, 100, 200, 250, 500, 1000)

# Waypoints a visitor starts from or goes in by: drawn and linked. Elevators, stairs and junctions
# are inside buildings or along paths, and only named in the steps.
MARKED = {
    Waypoint.Kind.MAIN_ENTRANCE: "entrance",
    Waypoint.Kind.ACCESSIBLE_ENTRANCE: "entrance",
    Waypoint.Kind.EMERGENCY_ENTRANCE: "entrance",
    Waypoint.Kind.DROP_OFF: "entrance",
    Waypoint.Kind.DOOR: "entrance",
    Waypoint.Kind.GARAGE_ENTRANCE: "garage",
    Waypoint.Kind.TRANSIT_STOP: "stop",
}
_WAYS = ProcessMemo(size=8)
# Ways drawn: outdoors as paths, and the indoor ways between two buildings, each in its own style.
BETWEEN_BUILDINGS = {Connection.Kind.BRIDGE, Connection.Kind.TUNNEL, Connection.Kind.SHARED_LOBBY}


@dataclass
class Place:
    """A building (or garage) of the list: its number, and its outline or its point."""

    number: int
    location: object
    x: float
    y: float
    outline: str = ""  # SVG points; empty for a place without a footprint, drawn as a dot
    label: bool = False  # its name fits inside its outline


@dataclass
class Marker:
    waypoint: object
    style: str  # entrance, garage or stop
    x: float
    y: float
    url: str = ""

    # Written here, not with the template's `add` (which rounds a float to an integer).
    @property
    def corner(self):
        return round(self.x - 8, 1), round(self.y - 8, 1)

    @property
    def diamond(self):
        x, y = self.x, self.y
        return _points(
            [(x, round(y - 7, 1)), (round(x + 7, 1), y), (x, round(y + 7, 1)), (round(x - 7, 1), y)]
        )


@dataclass
class Scale:
    metres: int
    length: float  # px
    x: float
    y: float

    @property
    def end(self):
        return round(self.x + self.length, 1)


@dataclass
class CampusMap:
    width: int
    height: int
    places: list
    markers: list = field(default_factory=list)
    ways: str = ""  # the SVG of the paths and of the ways between buildings (safe HTML)
    scale: Scale | None = None
    route: str = ""  # SVG points of the route
    steps: list = field(default_factory=list)  # (number, x, y) of each step's start

    @property
    def outlined(self):
        """Every place in the list has its outline drawn (else some are only numbered dots)."""
        return all(place.outline for place in self.places)


class Projection:
    """Longitude and latitude to the map's pixels: metres about a point, north up, one scale for both
    axes, fitted to the drawing with a margin."""

    def __init__(self, points, latitude):
        self.cos = math.cos(math.radians(latitude))
        metres = [self.metres(lat, lon) for lat, lon in points]
        xs, ys = [x for x, _ in metres], [y for _, y in metres]
        self.min_x, self.max_y = min(xs), max(ys)
        span_x, span_y = (max(xs) - self.min_x) or 1, (max(ys) - min(ys)) or 1
        usable_h = HEIGHT - 2 * MARGIN - 24  # room for the scale bar
        self.width = round(min(MAX_WIDTH, max(MIN_WIDTH, span_x / span_y * usable_h + 2 * MARGIN)))
        usable_w = self.width - 2 * MARGIN
        self.ratio = min(usable_w / span_x, usable_h / span_y)  # px per metre
        self.offset_x = MARGIN + (usable_w - span_x * self.ratio) / 2
        self.offset_y = MARGIN + (usable_h - span_y * self.ratio) / 2

    def metres(self, latitude, longitude):
        return longitude * METRES_PER_DEGREE * self.cos, latitude * METRES_PER_DEGREE

    def __call__(self, latitude, longitude):
        x, y = self.metres(latitude, longitude)
        # North is up: larger latitudes nearer the top.
        return (
            round(self.offset_x + (x - self.min_x) * self.ratio, 1),
            round(self.offset_y + (self.max_y - y) * self.ratio, 1),
        )


def _ring(location):
    """The outer ring of a place's footprint as (latitude, longitude) pairs, or []."""
    footprint = location.footprint
    if not isinstance(footprint, dict) or footprint.get("type") != "Polygon":
        return []
    return [(point[1], point[0]) for point in footprint["coordinates"][0]]


def _points(pairs):
    return " ".join(f"{x},{y}" for x, y in pairs)


def _label_fits(name, pixels):
    xs, ys = [x for x, _ in pixels], [y for _, y in pixels]
    return (
        len(name) * LABEL_SIZE * LABEL_CHAR_WIDTH + 8 <= max(xs) - min(xs)
        and max(ys) - min(ys) >= 2 * LABEL_SIZE
    )


def _scale(projection):
    """A scale bar of a round number of metres, about a quarter of the map's width."""
    wanted = (projection.width - 2 * MARGIN) / 4 / projection.ratio
    metres = max([step for step in SCALE_STEPS if step <= wanted], default=SCALE_STEPS[0])
    return Scale(metres=metres, length=round(metres * projection.ratio, 1), x=MARGIN, y=HEIGHT - 18)


def directions_link(waypoint, to=""):
    """Directions from a waypoint (to `to`, a place's value in the directions form, when chosen)."""
    query = {"from": f"waypoint-{waypoint.pk}", **({"to": to} if to else {})}
    return reverse("locations:directions") + "?" + urlencode(query)


def campus_map(campus, buildings, *, route=None, steps=(), to=""):
    """The map of a campus's buildings (numbered in the order given, as the list beside it is), with
    the walkways' entrances, stops, paths and ways between buildings, and `route` drawn when given
    (with its `steps` numbered);
    None when there is too little to draw. No query of its own: the walkways are the process's
    kept graph (locations.directions), and footprints are the places' own field."""
    places = list(buildings)
    graph = campus_graph()
    waypoints = [
        w
        for w in walkway_points(graph)
        if metres_between(campus.latitude, campus.longitude, w.latitude, w.longitude) <= REACH
    ]
    points = [(p.latitude, p.longitude) for p in places]
    points += [pair for p in places for pair in _ring(p)]
    points += [(w.latitude, w.longitude) for w in waypoints]
    if len(places) < 2 and not waypoints:
        return None
    project = Projection(points, campus.latitude)
    drawn = []
    for number, place in enumerate(places, start=1):
        ring = [project(lat, lon) for lat, lon in _ring(place)]
        if ring:
            xs, ys = [x for x, _ in ring[:-1]], [y for _, y in ring[:-1]]
            x, y = round(sum(xs) / len(xs), 1), round(sum(ys) / len(ys), 1)
        else:
            x, y = project(place.latitude, place.longitude)
        drawn.append(
            Place(
                number=number,
                location=place,
                x=x,
                y=y,
                outline=_points(ring),
                label=bool(ring) and _label_fits(place.name, ring),
            )
        )
    markers = []
    for w in sorted(waypoints, key=lambda w: (w.kind, w.pk)):
        if w.kind in MARKED and w.floor == 1:
            x, y = project(w.latitude, w.longitude)
            markers.append(Marker(waypoint=w, style=MARKED[w.kind], x=x, y=y, url=directions_link(w, to)))
    today = hours.local_now().date()
    # The ways are the same on every map of this campus until the walkways change (or a closure
    # begins or ends): drawn once per process, as SVG. Hundreds of them, each through the template,
    # were most of a directions page's time on a campus of 500 waypoints (bench/directions.py).
    shown = ",".join(str(pk) for pk in sorted(p.pk for p in places))
    where = f"{campus.latitude},{campus.longitude}:{project.width}"
    key = f"campus-ways:{DIRECTORY.version()}:{today}:{where}:{shown}"
    ways = _WAYS.get(key, lambda: _ways(graph, {w.pk for w in waypoints}, project, today))
    result = CampusMap(width=project.width, height=HEIGHT, places=drawn, markers=markers, ways=ways)
    result.scale = _scale(project)
    if route is not None and route.found:
        result.route = _points(project(w.latitude, w.longitude) for w in route.waypoints)
        result.steps = _step_marks(project, steps)
    return result


def _ways(graph, near, project, today):
    """The SVG of the ways between the `near` waypoints drawn on the map: outdoor paths, and the
    bridges, tunnels and shared lobbies between buildings; those closed `today` marked."""
    lines = []
    for u, v, data in graph.edges(data=True):
        connection = data["connection"]
        if u not in near or v not in near:
            continue
        if not connection.indoors or connection.kind in BETWEEN_BUILDINGS:
            start, end = graph.nodes[u]["waypoint"], graph.nodes[v]["waypoint"]
            ends = [project(start.latitude, start.longitude), project(end.latitude, end.longitude)]
            kind = "path" if not connection.indoors else connection.kind
            closed = " campus-map__way--closed" if connection.closed_on(today) else ""
            lines.append((kind, closed, _points(ends)))
    return format_html_join(
        "\n", '<polyline class="campus-map__way campus-map__way--{}{}" points="{}"/>', lines
    )


def _step_marks(project, steps):
    """(label, x, y, left, top, width) of the route's marks: steps that start at one point share one
    ("5–6"), as an elevator ride starts where the corridor to it ended; a mark is a pill as wide as
    its label."""
    marks = []  # [first, last, x, y]
    for step in steps:
        x, y = project(step.waypoint.latitude, step.waypoint.longitude)
        if marks and (marks[-1][2], marks[-1][3]) == (x, y):
            marks[-1][1] = step.number
        else:
            marks.append([step.number, step.number, x, y])
    drawn = []
    for first, last, x, y in marks:
        label = f"{first}–{last}" if last != first else str(first)
        width = 18 + 7 * (len(label) - 1)
        drawn.append((label, x, y, round(x - width / 2, 1), round(y - 9, 1), width))
    return drawn
