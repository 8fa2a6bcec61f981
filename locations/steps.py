"""A route (locations.directions) as numbered steps in plain words, in the page's language.

One step per change a visitor notices: out of a garage, along a path, into a building, up or down
in an elevator, over a bridge. Corridors one after another are one step ("Follow the corridor to …"),
as a person giving directions would say it. Names of waypoints are in the page's language, marked
with the language they fell back to (toolkit.translation.Text), so every part has its right `lang`.
"""

from dataclasses import dataclass

from django.utils.html import format_html
from django.utils.translation import gettext as _

from toolkit.translation import translated

from .models import Connection, Location, Waypoint

C = Connection.Kind
# Where "walk outside to … and go in" is said: a way in, not a drop-off or a corner of a path.
DOORS = {
    Waypoint.Kind.MAIN_ENTRANCE,
    Waypoint.Kind.ACCESSIBLE_ENTRANCE,
    Waypoint.Kind.EMERGENCY_ENTRANCE,
    Waypoint.Kind.DOOR,
}


@dataclass
class Step:
    number: int
    text: str  # safe HTML
    waypoint: object  # where the step starts, for its number on the map


def _name(waypoint):
    return translated(waypoint, "name")


def _building(waypoint):
    return waypoint.building.name if waypoint.building_id else ""


def _sentence(connection, start, end):
    """What to do along one connection, from `start` to `end`."""
    name, building = _name(end), _building(end)
    kind = connection.kind
    if kind == C.ELEVATOR:
        return format_html(_("Take the elevator to floor {floor}."), floor=end.floor)
    if kind == C.STAIRS:
        if end.floor > start.floor:
            return format_html(_("Take the stairs up to floor {floor}."), floor=end.floor)
        return format_html(_("Take the stairs down to floor {floor}."), floor=end.floor)
    # Into another building: its name alone (the waypoint's names it again, as "Yawkey Center,
    # bridge from the White Building (floor 2)"). No sentence puts an article before a name, which a
    # name may not take ("Zero Emerson Place").
    into = building or name
    if kind == C.BRIDGE:
        return format_html(_("Cross the bridge to {place}."), place=into)
    if kind == C.TUNNEL:
        return format_html(_("Take the tunnel to {place}."), place=into)
    if kind == C.SHARED_LOBBY:
        return format_html(_("Go through the shared lobby into {place}."), place=into)
    if kind == C.RAMP:
        return format_html(_("Take the ramp to {place}."), place=name)
    if kind == C.OUTDOOR_PATH:
        if start.kind == Waypoint.Kind.GARAGE_ENTRANCE and start.building_id:
            # The garage is named by the step before ("Start at Fruit Street Garage, pedestrian exit").
            return format_html(_("Leave the garage and walk outside to {place}."), place=name)
        if end.kind in DOORS and end.building_id != start.building_id:
            return format_html(_("Walk outside to {place} and go in."), place=name)
        return format_html(_("Walk outside to {place}."), place=name)
    if end.building_id and end.building_id != start.building_id:
        return format_html(_("Go through into {place}."), place=building)
    return format_html(_("Follow the corridor to {place}."), place=name)


def steps(found, target):
    """The numbered steps of a found Route to `target` (a Location or a Waypoint): where to start,
    each thing to do, and where the target is at the end."""
    if not found.found:
        return []
    waypoints, connections = found.waypoints, found.connections
    start = waypoints[0]
    sentences = [(format_html(_("Start at {place}."), place=_name(start)), start, None)]
    for i, connection in enumerate(connections):
        here, there = waypoints[i], waypoints[i + 1]
        began, previous = sentences[-1][1:]
        if (
            connection.kind == C.CORRIDOR == getattr(previous, "kind", None)
            and there.building_id == here.building_id
        ):
            sentences.pop()  # one corridor after another: say only where they lead
        else:
            began = here
        sentences.append((_sentence(connection, here, there), began, connection))
    end = waypoints[-1]
    target_name = getattr(target, "name", "")
    if getattr(target, "parent_id", None) and target.parent_id == end.building_id:
        last = format_html(
            _("{place} is in this building ({building}): ask at the front desk for the way."),
            building=_building(end),
            place=target_name,
        )
    elif isinstance(target, Location) and target.pk == end.building_id:
        last = format_html(
            _("You have arrived: {building}, {place}."), building=target.name, place=_name(end)
        )
    else:
        last = format_html(_("You have arrived: {place}."), place=_name(end))
    sentences.append((last, end, None))
    return [
        Step(number=n, text=text, waypoint=where)
        for n, (text, where, _connection) in enumerate(sentences, start=1)
    ]
