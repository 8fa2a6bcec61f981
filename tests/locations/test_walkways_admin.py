"""The campus's walkways in the admin: directory staff keep waypoints and connections, and closures."""

import json

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from editorial.roles import setup_roles
from locations.models import Connection, Waypoint
from tests.staff import sign_in

from .test_hours_admin import change_form_data, make_location

pytestmark = pytest.mark.usefixtures("no_places")

ADMIN = "/en/admin/locations/"


@pytest.fixture
def directory_staff(db):
    setup_roles()
    user = User.objects.create_user("directory", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Directory staff"))
    return sign_in(Client(), User.objects.get(pk=user.pk))


@pytest.fixture
def doors(db):
    Waypoint.objects.all().delete()
    building = make_location("Walkway Test Building", kind="building")
    return [
        Waypoint.objects.create(
            name_en=f"Door {n}",
            name_es=f"Puerta {n}",
            kind=Waypoint.Kind.DOOR,
            building=building,
            latitude=42.3626,
            longitude=-71.0686 + n / 10_000,
        )
        for n in range(2)
    ]


def connection_data(start, end, **fields):
    return {
        "start": start.pk,
        "end": end.pk,
        "kind": Connection.Kind.CORRIDOR,
        "indoors": "on",
        "length": "",
        "closed_from": "",
        "closed_until": "",
        "closure_note_en": "",
        "closure_note_es": "",
        **fields,
    }


def test_directory_staff_list_and_add_waypoints_and_connections(directory_staff, doors):
    for model in ("waypoint", "connection"):
        assert directory_staff.get(f"{ADMIN}{model}/").status_code == 200
        assert directory_staff.get(f"{ADMIN}{model}/add/").status_code == 200
    autocomplete = {
        "app_label": "locations",
        "model_name": "connection",
        "field_name": "start",
        "term": "Puerta",
    }
    found = directory_staff.get("/en/admin/autocomplete/", autocomplete)
    assert {row["text"] for row in json.loads(found.content)["results"]} == {"Door 0", "Door 1"}

    closure = {"closed_from": "2027-03-01", "closed_until": "2027-03-07", "closure_note_en": "Painting."}
    response = directory_staff.post(f"{ADMIN}connection/add/", connection_data(*doors, **closure))

    assert response.status_code == 302
    saved = Connection.objects.get()
    assert str(saved.closed_until) == "2027-03-07" and saved.closure_note_es in ("", None)


def test_a_closure_that_ends_before_it_starts_is_refused(directory_staff, doors):
    closure = {"closed_from": "2027-03-07", "closed_until": "2027-03-01"}
    response = directory_staff.post(f"{ADMIN}connection/add/", connection_data(*doors, **closure))

    assert response.status_code == 200
    assert "The closure ends before it starts." in response.content.decode()
    assert not Connection.objects.exists()


def test_an_outdoor_path_marked_indoors_is_refused(directory_staff, doors):
    data = connection_data(*doors, kind=Connection.Kind.OUTDOOR_PATH)
    response = directory_staff.post(f"{ADMIN}connection/add/", data)

    assert "An outdoor path is not indoors" in response.content.decode()
    assert not Connection.objects.exists()


def test_the_walkways_admin_speaks_spanish(directory_staff, doors):
    response = directory_staff.get("/es/admin/locations/waypoint/")
    assert "puntos de paso" in response.content.decode().lower()


def test_a_malformed_footprint_is_refused_in_the_change_form(staff_client, db):
    building = make_location("Footprint Test Building", kind="building")
    data = change_form_data(building)
    data["footprint"] = json.dumps(
        {"type": "Polygon", "coordinates": [[[-71.069, 42.362], [-71.068, 42.362]]]}
    )
    data.update({"hours-TOTAL_FORMS": 0, "hours_exceptions-TOTAL_FORMS": 0})

    response = staff_client.post(f"{ADMIN}location/{building.pk}/change/", data)

    assert response.status_code == 200
    assert "Give the footprint as a GeoJSON Polygon" in response.content.decode()
    building.refresh_from_db()
    assert building.footprint is None

    ring = [[-71.0690, 42.3624], [-71.0686, 42.3624], [-71.0686, 42.3628], [-71.0690, 42.3624]]
    data["footprint"] = json.dumps({"type": "Polygon", "coordinates": [ring]})
    assert staff_client.post(f"{ADMIN}location/{building.pk}/change/", data).status_code == 302
    building.refresh_from_db()
    assert building.footprint["coordinates"] == [ring]


def test_the_change_form_draws_the_saved_footprint_in_either_language(staff_client, db):
    from tests.html import select

    building = make_location("Preview Test Building", kind="building")
    change = f"{ADMIN}location/{building.pk}/change/"
    assert "No footprint saved yet." in staff_client.get(change).content.decode()
    ring = [[-71.0690, 42.3624], [-71.0686, 42.3624], [-71.0686, 42.3628], [-71.0690, 42.3624]]
    building.footprint = {"type": "Polygon", "coordinates": [ring]}
    building.save()

    svg = select(staff_client.get(change), "svg.footprint-preview")[0]
    corners = select(svg, "polygon")[0].get("points").split()
    assert len(corners) == 4 and corners[0] == corners[-1]
    # North up: the corner further north is drawn higher (a smaller y).
    assert float(corners[2].split(",")[1]) < float(corners[1].split(",")[1])
    assert svg.get("aria-label").startswith("Outline of Preview Test Building as saved")
    spanish = select(staff_client.get(change.replace("/en/", "/es/")), "svg.footprint-preview")[0]
    assert spanish.get("aria-label").startswith("Contorno de Preview Test Building")
