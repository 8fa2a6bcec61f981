"""Directions on campus: shortest, step-free, indoors where possible, closures, and what the demo has."""

import math
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import connection as db_connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from demo.campus import ensure_campus_walkways
from demo.locations import CAMPUS_SLUG
from locations.directions import STEP_FREE_METRES_PER_MINUTE, build_graph, closed_on_the_way, route
from locations.models import FOOTPRINT_MESSAGE, Connection, Location, Waypoint

from .factories import LocationFactory

pytestmark = pytest.mark.django_db

ORIGIN = (42.3626, -71.0686)
DAY = date(2026, 12, 7)
W, C = Waypoint.Kind, Connection.Kind


def point(x, y):
    """(latitude, longitude) of a point x metres east and y metres north of ORIGIN."""
    latitude = ORIGIN[0] + y / 111_195
    longitude = ORIGIN[1] + x / (111_195 * math.cos(math.radians(ORIGIN[0])))
    return {"latitude": latitude, "longitude": longitude}


class Campus:
    """A garage and two buildings, A and B. From the garage: into A's lobby, up a floor, and over a
    bridge into B; up by the stairs is shorter than by the elevator, and both are shorter than the
    outdoor path round to B's entrance. A tunnel into A is longer than the path but indoors.
    D's upper floor is reached by stairs only; C stands alone."""

    def __init__(self):
        self.garage = LocationFactory(name="Test Garage", kind=Location.Kind.GARAGE)
        self.a = LocationFactory(name="Test Building A", kind=Location.Kind.BUILDING)
        self.b = LocationFactory(name="Test Building B", kind=Location.Kind.BUILDING)
        self.c = LocationFactory(name="Test Building C", kind=Location.Kind.BUILDING)
        self.d = LocationFactory(name="Test Building D", kind=Location.Kind.BUILDING)
        self.clinic = LocationFactory(name="Test Clinic in B", parent=self.b)
        self.nowhere = LocationFactory(name="Test Building Without Doors", kind=Location.Kind.BUILDING)

        def waypoint(name, kind, building, floor, x, y):
            return Waypoint.objects.create(
                name_en=name, kind=kind, building=building, floor=floor, **point(x, y)
            )

        self.exit = waypoint("Garage exit", W.GARAGE_ENTRANCE, self.garage, 1, 0, 0)
        self.lobby = waypoint("A lobby", W.JUNCTION, self.a, 1, 100, 0)
        self.stairs1 = waypoint("A stairs 1", W.STAIRS, self.a, 1, 110, 0)
        self.stairs2 = waypoint("A stairs 2", W.STAIRS, self.a, 2, 110, 0)
        self.lift1 = waypoint("A elevator 1", W.ELEVATOR, self.a, 1, 100, 10)
        self.lift2 = waypoint("A elevator 2", W.ELEVATOR, self.a, 2, 100, 10)
        self.bridge_a = waypoint("A bridge", W.JUNCTION, self.a, 2, 120, 0)
        self.bridge_b = waypoint("B bridge", W.JUNCTION, self.b, 2, 200, 0)
        self.corner = waypoint("Corner", W.JUNCTION, None, 1, 100, -100)
        self.b_door = waypoint("B entrance", W.ACCESSIBLE_ENTRANCE, self.b, 1, 200, -50)
        self.c_door = waypoint("C entrance", W.MAIN_ENTRANCE, self.c, 1, 400, 400)
        self.d_top = waypoint("D upstairs", W.DOOR, self.d, 2, 100, 20)

        def connect(start, end, kind, indoors=True, **fields):
            return Connection.objects.create(start=start, end=end, kind=kind, indoors=indoors, **fields)

        self.path_in = connect(self.exit, self.lobby, C.OUTDOOR_PATH, indoors=False)  # 100 m
        self.tunnel = connect(self.exit, self.lobby, C.TUNNEL, length=150)
        connect(self.lobby, self.stairs1, C.CORRIDOR)  # 10 m
        self.stairs = connect(self.stairs1, self.stairs2, C.STAIRS)  # 10 m a floor
        connect(self.stairs2, self.bridge_a, C.CORRIDOR)  # 10 m
        connect(self.lobby, self.lift1, C.CORRIDOR)  # 10 m
        connect(self.lift1, self.lift2, C.ELEVATOR)  # 20 m a floor
        connect(self.lift2, self.bridge_a, C.CORRIDOR)  # 22.4 m
        self.bridge = connect(self.bridge_a, self.bridge_b, C.BRIDGE)  # 80 m
        connect(self.exit, self.corner, C.OUTDOOR_PATH, indoors=False)  # 141.4 m
        connect(self.corner, self.b_door, C.OUTDOOR_PATH, indoors=False)  # 111.8 m
        connect(self.lift1, self.d_top, C.STAIRS)  # only stairs up to D


@pytest.fixture
def campus():
    # The session's demo may hold the demo campus's walkways: start from none (rolled back after).
    Waypoint.objects.all().delete()
    return Campus()


def names(found):
    return [waypoint.name for waypoint in found.waypoints]


def test_the_shortest_route_by_distance_takes_the_stairs(campus):
    found = route(campus.exit, campus.bridge_b, on=DAY)

    assert found.found
    assert names(found) == ["Garage exit", "A lobby", "A stairs 1", "A stairs 2", "A bridge", "B bridge"]
    assert found.connections[0] == campus.path_in  # the path (100 m), not the longer tunnel
    assert found.uses_stairs
    assert found.metres == pytest.approx(100 + 10 + 10 + 10 + 80, abs=1)
    assert found.minutes == 3  # 210 m at 80 m a minute


def test_the_step_free_route_takes_the_elevator_and_never_stairs(campus):
    found = route(campus.exit, campus.bridge_b, step_free=True, on=DAY)

    assert found.found and found.step_free
    assert names(found) == ["Garage exit", "A lobby", "A elevator 1", "A elevator 2", "A bridge", "B bridge"]
    assert all(connection.step_free for connection in found.connections)
    assert not found.uses_stairs
    assert found.metres == pytest.approx(100 + 10 + 20 + 22.4 + 80, abs=1)
    assert found.minutes == math.ceil(found.metres / STEP_FREE_METRES_PER_MINUTE)


def test_no_step_free_route_says_so_and_that_one_with_stairs_exists(campus):
    with_stairs = route(campus.exit, campus.d, on=DAY)
    assert with_stairs.found and with_stairs.uses_stairs

    found = route(campus.exit, campus.d, step_free=True, on=DAY)

    assert not found.found
    assert found.with_steps
    assert found.waypoints == () and found.connections == ()


def test_indoors_where_possible_prefers_the_tunnel_but_counts_real_metres(campus):
    found = route(campus.exit, campus.lobby, indoors=True, on=DAY)

    assert found.connections == (campus.tunnel,)
    assert found.metres == 150


def test_indoors_still_goes_outside_where_there_is_no_way_in(campus):
    campus.tunnel.delete()

    found = route(campus.exit, campus.lobby, indoors=True, on=DAY)

    assert found.connections == (campus.path_in,)


@pytest.mark.parametrize(
    ("day", "over_the_bridge"),
    [
        (DAY - timedelta(days=1), True),  # the day before the closure
        (DAY, False),  # its first day
        (DAY + timedelta(days=3), False),
        (DAY + timedelta(days=7), False),  # its last day
        (DAY + timedelta(days=8), True),  # open again
    ],
)
def test_a_closed_connection_is_avoided_during_its_dates_only(campus, day, over_the_bridge):
    assert route(campus.exit, campus.b, on=day).found  # a graph built before the closure was written
    campus.bridge.closed_from, campus.bridge.closed_until = DAY, DAY + timedelta(days=7)
    campus.bridge.closure_note_en = "Bridge repairs: use the B entrance."
    campus.bridge.save()

    found = route(campus.exit, campus.b, on=day)

    assert found.found
    assert (campus.bridge in found.connections) is over_the_bridge
    assert found.waypoints[-1] == (campus.bridge_b if over_the_bridge else campus.b_door)


def test_the_closures_that_stand_in_the_way_are_named_when_no_route_is_found(campus):
    elevator = Connection.objects.get(kind=C.ELEVATOR)
    elevator.closed_from = DAY
    elevator.save()
    campus.path_in.closed_from = DAY  # closed, but the tunnel beside it is open: not in the way
    campus.path_in.save()

    assert not route(campus.exit, campus.bridge_b, step_free=True, on=DAY).found
    assert closed_on_the_way(campus.exit, campus.bridge_b, step_free=True, on=DAY) == (elevator,)
    assert closed_on_the_way(campus.exit, campus.bridge_b, step_free=True, on=DAY - timedelta(days=1)) == ()
    assert closed_on_the_way(campus.exit, campus.d, step_free=True, on=DAY) == ()  # never step-free


def test_a_closure_without_an_end_lasts(campus):
    campus.bridge.closed_from = DAY
    campus.bridge.save()

    assert campus.bridge not in route(campus.exit, campus.b, on=DAY + timedelta(days=400)).connections
    assert campus.bridge in route(campus.exit, campus.b, on=DAY - timedelta(days=1)).connections


def test_an_unreachable_target_is_a_result_not_an_error(campus):
    found = route(campus.exit, campus.c, on=DAY)

    assert not found.found
    assert not found.with_steps
    assert not route(campus.exit, campus.c, step_free=True, on=DAY).with_steps
    assert not route(campus.exit, campus.nowhere, on=DAY).found  # a building without waypoints


def test_a_building_as_target_ends_at_its_nearest_waypoint_by_route(campus):
    found = route(campus.garage, campus.b, on=DAY)

    assert found.waypoints[0] == campus.exit
    assert found.waypoints[-1] == campus.bridge_b  # 210 m, not the entrance 253 m away


def test_a_clinic_without_waypoints_is_reached_through_its_building(campus):
    assert route(campus.garage, campus.clinic, on=DAY).waypoints[-1] == campus.bridge_b


def test_from_a_building_to_itself_is_no_distance(campus):
    found = route(campus.b, campus.bridge_b, on=DAY)

    assert found.found and found.metres == 0 and found.waypoints == (campus.bridge_b,)


@pytest.mark.parametrize("extra", [0, 60])
def test_the_graph_is_built_in_two_queries_however_large(campus, extra, django_assert_num_queries):
    previous = campus.d_top
    for n in range(extra):
        waypoint = Waypoint.objects.create(
            name_en=f"Corridor {n}", kind=W.JUNCTION, building=campus.d, floor=2, **point(100, 30 + n)
        )
        Connection.objects.create(start=previous, end=waypoint, kind=C.CORRIDOR)
        previous = waypoint

    with django_assert_num_queries(2):
        graph = build_graph()

    assert graph.number_of_nodes() == 12 + extra
    assert graph.number_of_edges() == 12 + extra


def test_a_route_asks_the_database_nothing_once_the_graph_is_built(campus):
    route(campus.exit, campus.b, on=DAY)

    with CaptureQueriesContext(db_connection) as queries:
        found = route(campus.garage, campus.clinic, step_free=True, on=DAY)
        [str(c.start) + str(c.end) for c in found.connections]  # what a page would show

    assert len(queries) == 0


def test_a_malformed_footprint_is_refused_with_the_expected_shape(campus):
    building = campus.a
    for malformed in [
        {"type": "Point", "coordinates": [-71.069, 42.362]},
        {"type": "Polygon", "coordinates": [[[-71.069, 42.362], [-71.068, 42.362], [-71.068, 42.363]]]},
        {
            "type": "Polygon",
            "coordinates": [[[-71.069, 42.362], [-71.068, 42.362], [-71.068, 42.363], [0, 0]]],
        },
        {"type": "Polygon", "coordinates": [[["west", 42.362], [-71.068, 42.362], [-71.068, 42.363]]]},
        [[-71.069, 42.362]],
    ]:
        building.footprint = malformed
        with pytest.raises(ValidationError) as refused:
            building.full_clean()
        assert refused.value.message_dict["footprint"] == [str(FOOTPRINT_MESSAGE)], malformed

    with translation.override("es"):
        building.footprint = {"type": "Polygon", "coordinates": []}
        with pytest.raises(ValidationError) as refused:
            building.full_clean()
        assert "GeoJSON" in refused.value.message_dict["footprint"][0]
        assert refused.value.message_dict["footprint"][0].startswith("Indique el contorno")


def test_a_footprint_with_longitude_and_latitude_swapped_is_refused(campus):
    building = campus.a
    ring = [[42.3620, -71.0695], [42.3620, -71.0690], [42.3625, -71.0690], [42.3620, -71.0695]]
    building.footprint = {"type": "Polygon", "coordinates": [ring]}

    with pytest.raises(ValidationError) as refused:
        building.full_clean()

    assert "longitude first" in refused.value.message_dict["footprint"][0]
    building.footprint = {"type": "Polygon", "coordinates": [[[lat, lon] for lon, lat in ring]]}
    building.full_clean()


def test_the_demo_campus_has_a_step_free_way_from_the_fruit_street_garage_to_yawkey(demo):
    garage = Location.objects.get(slug="fruit-street-garage")
    yawkey = Location.objects.get(slug="yawkey-center-for-outpatient-care")

    step_free = route(garage, yawkey, step_free=True)
    shortest = route(garage, yawkey)

    assert step_free.found and not step_free.uses_stairs
    assert shortest.found and shortest.uses_stairs
    assert shortest.metres < step_free.metres
    assert step_free.waypoints[0].building == garage and step_free.waypoints[-1].building == yawkey
    campus = Location.objects.get(slug=CAMPUS_SLUG)
    assert (
        Location.objects.filter(parent=campus, kind=Location.Kind.BUILDING, footprint__isnull=True).count()
        == 0
    )
    assert all(waypoint.name_es for waypoint in step_free.waypoints)


def test_the_demo_walkways_are_laid_once_and_leave_editors_work_alone(demo):
    before = (Waypoint.objects.count(), Connection.objects.count())
    yawkey = Location.objects.get(slug="yawkey-center-for-outpatient-care")
    yawkey.footprint = None
    yawkey.save()
    Waypoint.objects.filter(building=yawkey).delete()  # an editor took its doors away

    again = ensure_campus_walkways()

    assert again == {"footprints_drawn": 1, "waypoints_created": 0, "connections_created": 0}
    assert Waypoint.objects.count() < before[0] and Connection.objects.count() < before[1]
