"""The directions page: the form, the steps in plain words in both languages, step-free for those who
need it, bad places explained beside their field, "no step-free way" with the phone, and a constant
number of queries as the campus grows."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from locations.models import Connection, Location, Waypoint
from tests.html import one, select, text, texts
from toolkit.caching import data_changed
from toolkit.identity import hospital

pytestmark = pytest.mark.django_db

GARAGE, YAWKEY = "fruit-street-garage", "yawkey-center-for-outpatient-care"


def url(language="en"):
    return f"/{language}/find-a-location/directions/"


@pytest.fixture
def clinic(demo):
    return Location.objects.get(slug="heart-clinic-yawkey-center")  # the demo's (demo/data/places.toml)


def steps(response):
    return texts(response, "ol.directions-steps > li")


def test_the_shortest_way_takes_the_stairs_and_the_bridge(client, clinic):
    response = client.get(url(), {"from": GARAGE, "to": clinic.slug})

    assert response.status_code == 200
    said = steps(response)
    assert said[0] == "Start at Fruit Street Garage, pedestrian exit."
    assert "Take the stairs up to floor 2." in said
    assert any(step.startswith("Cross the bridge to Yawkey Center for Outpatient Care") for step in said)
    assert said[-1] == (
        "Heart Clinic — Yawkey Center is in this building (Yawkey Center for Outpatient Care): ask at the "
        "front desk for the way."
    )
    summary = text(one(response, ".directions-answer__summary"))
    assert summary.startswith("About ") and "metres" in summary and "this way uses stairs" in summary


@pytest.mark.parametrize("mobility", ["wheelchair", "stroller"])
def test_a_wheelchair_or_a_stroller_makes_the_way_step_free_by_default(client, clinic, mobility):
    response = client.get(url(), {"from": GARAGE, "to": clinic.slug, "mobility": mobility})

    said = steps(response)
    assert "Take the elevator to floor 2." in said
    assert not any("stairs" in step for step in said)
    assert one(response, 'input[name="step_free"]').get("checked") is not None
    assert "step-free: no stairs" in text(one(response, ".directions-answer__summary"))


def test_the_steps_are_in_spanish_with_english_names_marked(client, clinic):
    Waypoint.objects.filter(name_en="Fruit Street Garage, pedestrian exit").update(name_es="")
    response = client.get(url("es"), {"from": GARAGE, "to": clinic.slug, "step_free": "on"})

    said = steps(response)
    assert said[0] == "Comience en Fruit Street Garage, pedestrian exit."
    assert "Tome el ascensor hasta el piso 2." in said
    # The exit's Spanish name is not written: its English one says so.
    assert one(response, "ol.directions-steps > li:first-child span[lang=en]").text == (
        "Fruit Street Garage, pedestrian exit"
    )
    assert one(response, "h1").text == "Cómo llegar dentro del campus"


@pytest.mark.parametrize(
    ("language", "leave", "arrived"),
    [
        (
            "en",
            "Leave the garage and walk outside to ",
            "You have arrived: Yawkey Center for Outpatient Care, ",
        ),
        (
            "es",
            "Salga del garaje y camine por fuera hasta ",
            "Ha llegado: Yawkey Center for Outpatient Care, ",
        ),
    ],
)
def test_the_steps_to_a_building_name_it_without_an_article(client, demo, language, leave, arrived):
    # No article before a name, which a name may not take ("the Zero Emerson Place"): the garage is
    # named by the first step, the building by the last.
    said = steps(client.get(url(language), {"from": GARAGE, "to": YAWKEY, "step_free": "on"}))

    assert "Fruit Street Garage" in said[0]
    assert said[1].startswith(leave)
    assert said[-1].startswith(arrived)


def test_the_route_is_drawn_on_the_map_with_its_steps_numbered(client, clinic):
    response = client.get(url(), {"from": GARAGE, "to": clinic.slug, "step_free": "on"})

    route = one(response, ".campus-map svg polyline.campus-map__route")
    assert len(route.get("points").split()) >= 5
    # Every step is numbered on the map once; steps that start at one point share a mark ("5–6").
    numbers = []
    for mark in texts(response, ".campus-map__step"):
        first, _, last = mark.partition("–")
        numbers += range(int(first), int(last or first) + 1)
    assert numbers == list(range(1, len(steps(response)) + 1))


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"from": "nope", "to": YAWKEY}, "from", "We don't know the starting point “nope”."),
        ({"from": "waypoint-abc", "to": YAWKEY}, "from", "We don't know the starting point “waypoint-abc”."),
        (
            {"from": "waypoint-999999", "to": YAWKEY},
            "from",
            "We don't know the starting point “waypoint-999999”.",
        ),
        ({"from": GARAGE, "to": "nowhere-at-all"}, "to", "We don't know the place “nowhere-at-all”."),
        ({"from": GARAGE, "to": YAWKEY, "mobility": "jetpack"}, "mobility", "That is not one of the choices"),
    ],
)
def test_a_bad_place_is_explained_beside_its_field_never_an_error_page(client, demo, params, field, message):
    response = client.get(url(), params)

    assert response.status_code == 200
    error = one(response, f"#id_{field}_error")
    assert text(error).startswith(message)
    if field != "mobility":  # a bad place: no steps (a bad choice of the rest only drops that choice)
        assert one(response, f"#id_{field}").get("aria-describedby") == f"id_{field}_error"
        assert not select(response, "ol.directions-steps")


def test_no_step_free_way_says_so_with_the_phone_and_the_closure(client, clinic):
    # The elevators are out, and the other step-free ways into the Yawkey Center closed with them:
    # only the White Building's stairs up to the bridge remain.
    elevators = Connection.objects.filter(kind=Connection.Kind.ELEVATOR)
    elevators.update(closed_from="2000-01-01", closure_note_en="The elevators are being replaced.")
    into_yawkey = Connection.objects.filter(
        Q(kind=Connection.Kind.TUNNEL)
        | Q(kind=Connection.Kind.OUTDOOR_PATH, end__name_en__startswith="Yawkey")
    )
    assert into_yawkey.update(closed_from="2000-01-01") == 2
    # A closure elsewhere on campus is not on the way: its note is not shown.
    Connection.objects.filter(end__name_en="Bulfinch Building door").update(
        closed_from="2000-01-01", closure_note_en="The Bulfinch door is being painted."
    )
    data_changed("directory")  # bulk updates send no signal

    response = client.get(url(), {"from": GARAGE, "to": clinic.slug, "mobility": "wheelchair"})

    answer = one(response, ".directions-answer")
    assert text(one(answer, "h2")) == "There is no step-free way there today"
    assert "There is a way with stairs" in text(answer)
    assert texts(answer, ".directions-closures li") == ["The elevators are being replaced."]
    phone = hospital().phone
    assert one(answer, f'a[href="{hospital().phone_href}"]').text == phone
    assert not select(response, "ol.directions-steps")


def test_the_page_without_a_choice_shows_the_form_and_the_campus_map(client, demo):
    response = client.get(url())

    assert response.status_code == 200
    assert not select(response, ".field__error")
    groups = [group.get("label") for group in select(response, 'select[name="from"] optgroup')]
    assert groups == ["Garages", "Transit stops", "Entrances", "Buildings"]
    assert select(response, ".campus-map svg a.campus-map__place")
    crumbs = texts(response, "nav.breadcrumbs a")
    assert crumbs[-2:] == ["Find a Location", "Directions on campus"]


def test_every_location_on_the_walkways_links_directions_to_here(client, clinic):
    response = client.get(clinic.get_absolute_url())

    links = select(response, ".directions-here a")
    assert [text(link) for link in links] == [
        "Directions to here from Fruit Street Garage",
        "Directions to here from Charles/MGH station (Red Line)",
    ]
    garage = parse_qs(urlsplit(links[0].get("href")).query)
    assert garage == {"from": [GARAGE], "to": [clinic.slug]}
    assert urlsplit(links[0].get("href")).path == reverse("locations:directions")
    stop = Waypoint.objects.get(kind=Waypoint.Kind.TRANSIT_STOP)
    assert parse_qs(urlsplit(links[1].get("href")).query)["from"] == [f"waypoint-{stop.pk}"]
    # Followed, the link gives the steps.
    assert steps(client.get(links[0].get("href")))


def test_a_place_off_the_walkways_has_no_directions_to_here(client, demo):
    far = Location.objects.exclude(parent__isnull=False).filter(kind=Location.Kind.HEALTH_CENTER).first()
    assert not select(client.get(far.get_absolute_url()), ".directions-here")


def queries(client, path, params=None):
    data_changed("directory")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(path, params or {}).status_code == 200
    return len(captured)


def grow(n):
    """n more buildings on the campus, each with a footprint, an entrance on the path from the garage,
    and a corridor to its neighbour."""
    campus = Location.objects.get(slug=YAWKEY).parent
    exit_ = Waypoint.objects.get(name_en="Fruit Street Garage, pedestrian exit")
    previous = None
    for i in range(n):
        lat, lon = 42.3640 + i / 10_000, -71.0660
        building = Location.objects.create(
            kind=Location.Kind.BUILDING,
            name=f"Extra Building {i}",
            slug=f"extra-building-{i}",
            parent=campus,
            street="1 St",
            zip_code="02114",
            latitude=lat,
            longitude=lon,
            footprint={
                "type": "Polygon",
                "coordinates": [[[lon, lat], [lon + 0.0002, lat], [lon + 0.0002, lat + 0.0001], [lon, lat]]],
            },
        )
        door = Waypoint.objects.create(
            kind=Waypoint.Kind.MAIN_ENTRANCE,
            name_en=f"Extra door {i}",
            building=building,
            latitude=lat,
            longitude=lon,
        )
        Connection.objects.create(start=exit_, end=door, kind=Connection.Kind.OUTDOOR_PATH, indoors=False)
        if previous:
            Connection.objects.create(start=previous, end=door, kind=Connection.Kind.CORRIDOR)
        previous = door


@pytest.mark.parametrize(
    "params",
    [{}, {"from": GARAGE, "to": YAWKEY, "step_free": "on"}, {"from": "nope", "to": YAWKEY}],
    ids=["form", "route", "bad place"],
)
def test_directions_query_count_does_not_grow_with_the_campus(client, demo, params):
    queries(client, url(), params)
    before = queries(client, url(), params)
    grow(12)
    assert queries(client, url(), params) == before


def test_campus_page_query_count_does_not_grow_with_buildings_and_paths(client, demo):
    campus = Location.objects.get(slug=YAWKEY).parent
    queries(client, campus.get_absolute_url())
    before = queries(client, campus.get_absolute_url())
    grow(12)
    assert queries(client, campus.get_absolute_url()) == before


def test_a_garage_page_links_directions_from_the_stop_only(client, demo):
    links = select(client.get(Location.objects.get(slug=GARAGE).get_absolute_url()), ".directions-here a")
    assert [text(link) for link in links] == ["Directions to here from Charles/MGH station (Red Line)"]


def test_the_map_on_the_directions_page_numbers_the_buildings_as_the_campus_page_does(client, demo):
    campus = Location.objects.get(slug=YAWKEY).parent
    labels = "a.campus-map__place"
    on_campus_page = [a.get("aria-label") for a in select(client.get(campus.get_absolute_url()), labels)]
    assert [a.get("aria-label") for a in select(client.get(url()), labels)] == on_campus_page
