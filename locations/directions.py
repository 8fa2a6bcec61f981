"""Directions on campus: the shortest way over the walkways, step-free or indoors where possible.

The waypoints and connections (locations.models) make one undirected graph, built in two queries and
kept in each process's memory under the directory's data version, so a route costs no query once it
is built. Each request only weighs the connections differently (closed on the day, stairs when
step-free, outdoor metres when indoors), through the weight function networkx's Dijkstra calls:
a connection weighed None is one it does not walk, so the shared graph is never copied or changed.
"""

import itertools
import math
from dataclasses import dataclass

import networkx as nx

from toolkit.caching import ProcessMemo

from . import hours
from .caching import DIRECTORY
from .models import Connection, Location, Waypoint

WALKING_METRES_PER_MINUTE = 80  # about 4.8 km/h, an unhurried walk
STEP_FREE_METRES_PER_MINUTE = 60  # a wheelchair, a walker, a pushchair: a little slower
# "Indoors where possible": an outdoor metre weighs this many indoor ones, so a route goes outside
# only where staying in would be more than this much longer; outdoor paths stay usable.
OUTDOOR_FACTOR = 3

# closed_on_the_way(): a closed connection weighs this many metres more than it is long.
CLOSED_METRES = 1_000_000

_graphs = ProcessMemo(size=4)


@dataclass(frozen=True)
class Route:
    """A way from the origin to the target, or none (found False).

    `waypoints` in order, `connections` between them (one fewer); `metres` walked; `minutes` at
    the walking pace (the step-free one for a step-free route). When no step-free route was found,
    `with_steps` says whether there is one using stairs."""

    found: bool
    waypoints: tuple = ()
    connections: tuple = ()
    metres: float = 0.0
    minutes: int = 0
    step_free: bool = False
    indoors: bool = False
    with_steps: bool = False

    @property
    def uses_stairs(self):
        return any(not connection.step_free for connection in self.connections)


def build_graph():
    """The campus's walkways as a networkx MultiGraph (two ways may join the same two waypoints: a
    path and a tunnel), in two queries whatever its size.

    Nodes are waypoint ids, each with its Waypoint ("waypoint"); each edge carries its Connection
    and what weighing it needs. graph.graph["places"] maps a place's id to its waypoints' ids."""
    graph = nx.MultiGraph()
    waypoints = {w.pk: w for w in Waypoint.objects.select_related("building").order_by("pk")}
    places = {}
    for waypoint in waypoints.values():
        graph.add_node(waypoint.pk, waypoint=waypoint)
        if waypoint.building_id is not None:
            places.setdefault(waypoint.building_id, []).append(waypoint.pk)
    for connection in Connection.objects.order_by("pk"):
        start, end = waypoints[connection.start_id], waypoints[connection.end_id]
        connection.start, connection.end = start, end  # no query when a caller reads them
        graph.add_edge(
            start.pk,
            end.pk,
            key=connection.pk,
            connection=connection,
            metres=connection.metres(start, end),
            step_free=connection.step_free,
            indoors=connection.indoors,
        )
    graph.graph["places"] = places
    return graph


def walkway_points(graph):
    """The graph's Waypoints, as it was built (building loaded): no query."""
    return [waypoint for _node, waypoint in graph.nodes(data="waypoint")]


def campus_graph():
    """The graph of the directory's current version, built once per process and version."""
    return _graphs.get(f"campus-graph:{DIRECTORY.version()}", build_graph)


def _weigher(day, step_free, indoors):
    """The cost of one connection on `day` with these options, or None where it cannot be walked
    (`day` None: every connection open)."""

    def cost(edge):
        if (step_free and not edge["step_free"]) or (day is not None and edge["connection"].closed_on(day)):
            return None
        if indoors and not edge["indoors"]:
            return edge["metres"] * OUTDOOR_FACTOR
        return edge["metres"]

    return cost


def _cheapest(edges, cost):
    """(cost, edge) of the cheapest walkable edge between two waypoints, or (None, None)."""
    best = (None, None)
    for edge in edges.values():
        weight = cost(edge)
        if weight is not None and (best[0] is None or weight < best[0]):
            best = (weight, edge)
    return best


def _weight(cost):
    """The weight function networkx calls with (u, v, {key: edge}) for a MultiGraph."""
    return lambda u, v, edges: _cheapest(edges, cost)[0]


def _walked(graph, nodes, cost):
    """The edges a path of `nodes` walks: between each two, the one `cost` found cheapest."""
    return [_cheapest(graph[u][v], cost)[1] for u, v in itertools.pairwise(nodes)]


def _ends(graph, place):
    """The waypoint ids a Location or Waypoint stands for: a waypoint itself; a place's own
    waypoints, else those of the building it is in (a clinic without doors of its own)."""
    if isinstance(place, Waypoint):
        return {place.pk} if place.pk in graph else set()
    if not isinstance(place, Location):
        raise TypeError(f"Directions go from and to a Location or a Waypoint, not {place!r}.")
    places = graph.graph["places"]
    for pk in (place.pk, place.parent_id):
        if pk in places:
            return set(places[pk])
    return set()


def _shortest(graph, origins, targets, weight):
    """(cost, [node ids]) of the cheapest way from any origin to any target, or None."""
    if origins & targets:
        node = min(origins & targets)
        return 0.0, [node]
    try:
        if len(targets) == 1:
            # Undirected: searching from every origin at once towards the one target is exact.
            return nx.multi_source_dijkstra(graph, origins, target=next(iter(targets)), weight=weight)
        if len(origins) == 1:
            cost, path = nx.multi_source_dijkstra(graph, targets, target=next(iter(origins)), weight=weight)
            return cost, path[::-1]
        costs, paths = nx.multi_source_dijkstra(graph, origins, weight=weight)
    except nx.NetworkXNoPath:
        return None
    reached = [node for node in targets if node in costs]
    if not reached:
        return None
    nearest = min(reached, key=lambda node: (costs[node], node))
    return costs[nearest], paths[nearest]


def route(origin, target, *, step_free=False, indoors=False, on=None):
    """The shortest way from `origin` to `target` (each a Location, such as a garage, a building or
    a clinic, or a Waypoint, such as a transit stop or an entrance), on the day `on` (the hospital's
    today by default): connections closed that day are left out.

    `step_free`: no stairs (ramps and elevators only). `indoors`: indoor connections preferred, an
    outdoor metre weighing OUTDOOR_FACTOR. Never raises for a place the walkways do not reach (or
    that has no waypoints): the Route says found=False.
    """
    graph = campus_graph()
    day = on if on is not None else hours.local_now().date()
    origins, targets = _ends(graph, origin), _ends(graph, target)
    if not origins or not targets:
        return Route(found=False, step_free=step_free, indoors=indoors)
    cost = _weigher(day, step_free, indoors)
    found = _shortest(graph, origins, targets, _weight(cost))
    if found is None:
        # Is it the steps that stand in the way? Then the page can say so, and offer that route.
        with_steps = step_free and _shortest(graph, origins, targets, _weight(_weigher(day, False, indoors)))
        return Route(found=False, step_free=step_free, indoors=indoors, with_steps=bool(with_steps))
    _, nodes = found
    edges = _walked(graph, nodes, cost)
    metres = sum(edge["metres"] for edge in edges)
    pace = STEP_FREE_METRES_PER_MINUTE if step_free else WALKING_METRES_PER_MINUTE
    return Route(
        found=True,
        waypoints=tuple(graph.nodes[node]["waypoint"] for node in nodes),
        connections=tuple(edge["connection"] for edge in edges),
        metres=round(metres, 1),
        minutes=math.ceil(metres / pace) if metres else 0,
        step_free=step_free,
        indoors=indoors,
    )


def closed_on_the_way(origin, target, *, step_free=False, indoors=False, on=None):
    """The connections closed on `on` that stand in the way from `origin` to `target`: on the way
    that takes as few of them as it can were they open. What a page names (with their closure
    notes) when route() finds no way; empty when even with every connection open there is none."""
    graph = campus_graph()
    day = on if on is not None else hours.local_now().date()
    origins, targets = _ends(graph, origin), _ends(graph, target)
    open_cost = _weigher(None, step_free, indoors)

    def cost(edge):  # a closed connection only where no open one will do
        weight = open_cost(edge)
        if weight is not None and edge["connection"].closed_on(day):
            weight += CLOSED_METRES
        return weight

    found = _shortest(graph, origins, targets, _weight(cost)) if origins and targets else None
    if found is None:
        return ()
    _, nodes = found
    edges = _walked(graph, nodes, cost)
    return tuple(edge["connection"] for edge in edges if edge["connection"].closed_on(day))
