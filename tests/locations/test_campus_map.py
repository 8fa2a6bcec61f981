"""The campus map drawn by the site: every building's outline linked and named, labels where they fit
and numbers matching the list, entrances, garages and stops as links, north up with a scale bar,
and nothing loaded from another host."""

import re

import pytest

from demo.campus import rectangle
from demo.locations import CAMPUS_SLUG
from locations.campus_map import LABEL_CHAR_WIDTH, LABEL_SIZE, campus_map
from locations.models import Location, Waypoint, metres_between
from tests.html import one, select, text, texts

pytestmark = pytest.mark.django_db


@pytest.fixture
def campus(demo):
    return Location.objects.get(slug=CAMPUS_SLUG)


def the_map(client, campus, language="en"):
    response = client.get(f"/{language}/find-a-location/{campus.slug}/")
    assert response.status_code == 200
    return response, one(response, ".campus-map svg")


def test_every_building_with_a_footprint_is_drawn_and_linked_with_its_name(client, campus):
    response, svg = the_map(client, campus)
    outlined = Location.objects.published().filter(parent=campus, footprint__isnull=False)
    assert outlined.count() >= 10

    places = select(svg, "a.campus-map__place")
    drawn = {link.get("href"): link for link in places}
    for building in outlined:
        link = drawn[building.get_absolute_url()]
        assert link.get("aria-label").endswith(f". {building.name}")
        assert one(link, "polygon.campus-map__footprint").get("points")
    # Numbered in the list's order: the map's numbers and names are the list's.
    listed = texts(response, "ol.building-list > li > a")
    assert [link.get("aria-label") for link in places] == [f"{n}. {name}" for n, name in enumerate(listed, 1)]


def test_a_label_is_written_inside_an_outline_only_where_it_fits(client, campus):
    _, svg = the_map(client, campus)
    for link in select(svg, "a.campus-map__place"):
        label, number = select(link, "text.campus-map__label"), select(link, "text.campus-map__number")
        assert len(label) + len(number) == 1  # the name or the number, never both
        if label:
            xs = [float(x) for x in re.findall(r"([\d.]+),", one(link, "polygon").get("points"))]
            assert len(label[0].text) * LABEL_SIZE * LABEL_CHAR_WIDTH < max(xs) - min(xs)
        else:
            assert number[0].text == link.get("aria-label").split(".")[0]


def test_a_building_without_a_footprint_is_a_numbered_dot(client, campus):
    Location.objects.filter(parent=campus, slug="bulfinch-building").update(footprint=None)
    _, svg = the_map(client, campus)
    [bulfinch] = [
        a for a in select(svg, "a.campus-map__place") if a.get("aria-label").endswith("Bulfinch Building")
    ]
    assert not select(bulfinch, "polygon") and select(bulfinch, "circle")


def test_entrances_garages_and_stops_are_links_to_directions_from_them(client, campus):
    _, svg = the_map(client, campus)
    markers = select(svg, "a.campus-map__waypoint")
    named = {link.get("aria-label") for link in markers}
    assert "Directions from Charles/MGH station (Red Line)" in named
    assert "Directions from Fruit Street Garage, pedestrian exit" in named
    assert "Directions from Main entrance, 55 Fruit Street" in named
    stop = Waypoint.objects.get(kind=Waypoint.Kind.TRANSIT_STOP)
    assert f"/en/find-a-location/directions/?from=waypoint-{stop.pk}" in {
        link.get("href") for link in markers
    }
    # Paths outdoors and the bridge, tunnel and shared lobbies between buildings are drawn apart.
    assert select(svg, "polyline.campus-map__way--path")
    assert select(svg, "polyline.campus-map__way--bridge")
    assert select(svg, "polyline.campus-map__way--tunnel")


def test_north_is_up_with_a_scale_bar_from_the_projection(campus):
    buildings = list(Location.objects.published().filter(parent=campus).order_by("name"))
    drawn = campus_map(campus, buildings)
    by_slug = {place.location.slug: place for place in drawn.places}
    # The Zero Emerson Place is north of the Wang building: higher on the map (a smaller y).
    assert by_slug["zero-emerson-place"].y < by_slug["wang-ambulatory-care-center"].y
    scale = drawn.scale
    assert scale.metres in (50, 100, 200) and scale.length > 40
    # The bar's pixels per metre are the map's: the White and Wang buildings' centres are as far
    # apart on the map as on the ground.
    white, wang = (Location.objects.get(slug=s) for s in ("white-building", "wang-ambulatory-care-center"))
    ground = metres_between(white.latitude, white.longitude, wang.latitude, wang.longitude)
    a, b = by_slug["white-building"], by_slug["wang-ambulatory-care-center"]
    pixels = ((a.x - b.x) ** 2 + (a.y - b.y) ** 2) ** 0.5
    assert pixels / (scale.length / scale.metres) == pytest.approx(ground, rel=0.1)


def test_the_map_says_what_is_approximate_and_loads_nothing_from_elsewhere(client, campus):
    response, svg = the_map(client, campus)
    caption = text(one(response, ".campus-map figcaption"))
    assert "Drawn to scale" in caption and "approximate" in caption
    assert one(svg, "title").text.startswith("Map of the buildings of")
    loaded = select(response, "script[src], link[rel=stylesheet], img, .campus-map [href], .campus-map [src]")
    for element in loaded:
        address = element.get("src") or element.get("href") or ""
        assert not re.match(r"^(https?:)?//", address), address
    # The zoom buttons wait for the site's script: without it the map is shown whole.
    assert one(response, "[data-map-controls]").get("hidden") is not None
    assert select(response, 'script[src$="campus-map.js"], script[src*="campus-map."]')


def test_the_map_in_spanish(client, campus):
    response, svg = the_map(client, campus, "es")
    assert one(svg, "title").text.startswith("Mapa de los edificios de")
    assert "Dibujado a escala" in text(one(response, ".campus-map figcaption"))
    assert one(response, '[data-map="in"]').get("aria-label") == "Acercar"


def test_a_name_that_fits_its_outline_is_written_in_it(client, campus):
    jackson = Location.objects.get(slug="jackson-building")
    jackson.footprint = rectangle(jackson.latitude, jackson.longitude, 160, 40)  # wide enough for its name
    jackson.save()
    _, svg = the_map(client, campus)
    [link] = [
        a for a in select(svg, "a.campus-map__place") if a.get("aria-label").endswith("Jackson Building")
    ]
    assert one(link, "text.campus-map__label").text == "Jackson Building"
    assert not select(link, "text.campus-map__number")
