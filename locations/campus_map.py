"""A campus map drawn by the site itself: the buildings' coordinates as numbered markers in SVG.

No third-party map service is needed to see the campus. Markers are numbered, and the same numbers
lead the list of buildings beside the map, so labels never overlap and the map reads the same to a
screen reader (each marker is a link named after its building) as to the eye.
"""

import math
from dataclasses import dataclass

WIDTH, HEIGHT, MARGIN = 640, 420, 40


@dataclass
class Marker:
    number: int
    location: object
    x: float
    y: float


def campus_map(campus, buildings):
    """Markers for a campus's buildings (and the campus itself as the reference), or None."""
    places = list(buildings)  # every place has coordinates, so the numbers match the list's
    if len(places) < 2:
        return None
    scale_x = math.cos(math.radians(campus.latitude))  # a degree of longitude is shorter up north
    xs = [p.longitude * scale_x for p in places]
    ys = [p.latitude for p in places]
    span = max(max(xs) - min(xs), max(ys) - min(ys)) or 1e-6
    usable_w, usable_h = WIDTH - 2 * MARGIN, HEIGHT - 2 * MARGIN
    ratio = min(usable_w, usable_h) / span
    offset_x = MARGIN + (usable_w - (max(xs) - min(xs)) * ratio) / 2
    offset_y = MARGIN + (usable_h - (max(ys) - min(ys)) * ratio) / 2
    markers = [
        Marker(
            number=n,
            location=place,
            x=round(offset_x + (x - min(xs)) * ratio, 1),
            # North is up: larger latitudes nearer the top.
            y=round(offset_y + (max(ys) - y) * ratio, 1),
        )
        for n, (place, x, y) in enumerate(zip(places, xs, ys, strict=True), start=1)
    ]
    return {"width": WIDTH, "height": HEIGHT, "markers": markers}
