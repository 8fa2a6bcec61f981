"""Find a Location: the list, each place's page, the campus map, and bad input."""

import datetime as dt
import html
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from locations import hours
from locations.models import HoursException, Location, OpeningHours, Service, miles_between
from tests.doctors.factories import DoctorFactory
from tests.html import json_ld, one, select, text, texts
from toolkit.caching import data_changed

URL = "/en/find-a-location/"
# A Tuesday afternoon in Boston.
NOW = dt.datetime(2026, 11, 17, 15, 0, tzinfo=hours.HOSPITAL_TZ)


def names(response):
    return texts(response, ".location-card__name > a[href]")


def weekly(location, opens, closes, days=range(5), **extra):
    for day in range(7):
        if day in days:
            OpeningHours.objects.create(location=location, weekday=day, opens=opens, closes=closes, **extra)
        else:
            OpeningHours.objects.create(location=location, weekday=day, is_closed=True)


@pytest.fixture
def places(demo, monkeypatch):
    monkeypatch.setattr(hours, "local_now", lambda: NOW)
    Location.objects.all().delete()
    Service.objects.all().delete()
    imaging = Service.objects.create(name="Imaging", slug="imaging")
    lab = Service.objects.create(name="Laboratory", slug="laboratory")
    campus = Location.objects.create(
        kind="hospital",
        name="Test Campus",
        slug="test-campus",
        street="55 Fruit Street",
        zip_code="02114",
        latitude=42.3626,
        longitude=-71.0688,
        phone="617-726-2000",
    )
    garage = Location.objects.create(
        kind="garage",
        name="Fruit Street Garage",
        slug="fruit-street-garage",
        parent=campus,
        street="1 Garage Way",
        zip_code="02114",
        latitude=42.3633,
        longitude=-71.0697,
        parking_rates="First hour $9 (demo)",
    )
    yawkey = Location.objects.create(
        kind="building",
        name="Yawkey Center",
        slug="yawkey-center",
        parent=campus,
        street="55 Fruit Street",
        zip_code="02114",
        latitude=42.3620,
        longitude=-71.0700,
        parking=garage,
        transit="Red Line (demo)",
    )
    wang = Location.objects.create(
        kind="building",
        name="Wang Building",
        slug="wang-building",
        parent=campus,
        street="55 Fruit Street",
        zip_code="02114",
        latitude=42.3615,
        longitude=-71.0680,
    )
    chelsea = Location.objects.create(
        kind="health_center",
        name="Chelsea Health Center",
        slug="chelsea-health-center",
        city="Chelsea",
        street="151 Everett Avenue",
        zip_code="02150",
        latitude=42.3918,
        longitude=-71.0328,
    )
    hidden = Location.objects.create(
        kind="practice",
        name="Hidden Practice",
        slug="hidden-practice",
        street="1 Secret St",
        zip_code="02114",
        latitude=42.36,
        longitude=-71.06,
        is_published=False,
    )
    yawkey.services.add(imaging)
    chelsea.services.add(lab, imaging)
    for place in (campus, garage):
        weekly(place, None, None, days=[], is_24_hours=False)
        OpeningHours.objects.filter(location=place).update(is_closed=False, is_24_hours=True)
    weekly(yawkey, dt.time(8), dt.time(17))
    weekly(wang, dt.time(7), dt.time(12))
    weekly(chelsea, dt.time(9), dt.time(18))
    HoursException.objects.create(
        location=chelsea, date=NOW.date(), is_closed=True, reason="Staff training day"
    )
    data_changed("directory")
    return {p.slug: p for p in (campus, garage, yawkey, wang, chelsea, hidden)}


def test_the_list_shows_published_places_by_name(client, places):
    response = client.get(URL)
    assert response.status_code == 200
    assert names(response) == [
        "Chelsea Health Center",
        "Fruit Street Garage",
        "Test Campus",
        "Wang Building",
        "Yawkey Center",
    ]


def test_filters_by_kind_service_and_search(client, places):
    assert names(client.get(URL, {"kind": "garage"})) == ["Fruit Street Garage"]
    assert names(client.get(URL, {"service": "imaging"})) == ["Chelsea Health Center", "Yawkey Center"]
    assert names(client.get(URL, {"q": "yawkey"})) == ["Yawkey Center"]
    assert names(client.get(URL, {"q": "laboratory"})) == ["Chelsea Health Center"]
    # Searching a campus finds what is on it too.
    assert "Wang Building" in names(client.get(URL, {"q": "test campus"}))


def test_open_now_uses_hours_and_exceptions(client, places):
    # Tuesday 15:00: Wang closed at noon, Chelsea closed for the day, the rest open.
    assert names(client.get(URL, {"open_now": "on"})) == [
        "Fruit Street Garage",
        "Test Campus",
        "Yawkey Center",
    ]
    page = client.get(URL).content.decode()
    assert "Staff training day" in page
    assert "closes at 5:00 PM" in page


def test_distance_sort_orders_by_real_distance(client, places):
    response = client.get(URL, {"zip": "02150", "sort": "distance"})
    order = names(response)
    assert order[0] == "Chelsea Health Center"
    origin = (42.3928, -71.0337)  # ZIP 02150's centroid, near Chelsea
    by_distance = sorted(
        (p for p in places.values() if p.is_published),
        key=lambda p: miles_between(*origin, p.latitude, p.longitude),
    )
    assert order == [p.name for p in by_distance]
    facts = texts(response, ".location-card__facts > li")
    assert any(re.fullmatch(r"\d+\.\d miles away", fact) for fact in facts)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"kind": "spaceport"}, "We don't know that kind of place"),
        ({"service": "teleportation"}, "We don't know that service"),
        ({"zip": "12"}, "A ZIP code is 5 digits"),
        ({"zip": "00000"}, "We couldn't find the ZIP code 00000"),
        ({"sort": "distance"}, "Enter your ZIP code to sort by distance."),
        ({"page": "zzz"}, "That page number isn't valid"),
        ({"page": "500"}, "There aren't that many pages"),
        ({"q": "<b>" * 300}, "Please shorten your search"),
    ],
)
def test_bad_input_gives_the_list_with_a_clear_message(client, places, params, message):
    response = client.get(URL, params)
    assert response.status_code == 200
    assert message in html.unescape(response.content.decode())
    assert len(names(response)) == 5
    assert "<b><b>" not in response.content.decode()


def test_location_page_has_everything_a_visitor_needs(client, places):
    yawkey = places["yawkey-center"]
    response = client.get(yawkey.get_absolute_url())
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert "<h1>Yawkey Center</h1>" in page
    assert "openstreetmap.org/directions?to=42.362" in page
    assert "Open now" in page and "closes at 5:00 PM" in page
    assert text(one(response, 'tr.is-today > th[scope="row"]:first-child')).startswith("Tuesday")
    assert 'href="/en/find-a-location/fruit-street-garage/"' in page  # its garage
    assert "Red Line (demo)" in page
    assert "Imaging" in page
    assert 'Part of <a href="/en/find-a-location/test-campus/">Test Campus</a>' in page

    data = json_ld(response)[0]
    assert data["@type"] == "Place"
    assert data["geo"] == {"@type": "GeoCoordinates", "latitude": 42.362, "longitude": -71.07}
    assert {"dayOfWeek": "https://schema.org/Tuesday", "opens": "08:00", "closes": "17:00"}.items() <= next(
        spec
        for spec in data["openingHoursSpecification"]
        if spec.get("dayOfWeek") == "https://schema.org/Tuesday"
    ).items()


def test_garage_is_a_parking_facility_with_its_rates(client, places):
    page = client.get(places["fruit-street-garage"].get_absolute_url()).content.decode()
    assert '"@type": "ParkingFacility"' in page
    assert "First hour $9 (demo)" in page
    assert "Open 24 hours" in page


def test_exception_shows_today_and_closes_the_place(client, places):
    page = client.get(places["chelsea-health-center"].get_absolute_url()).content.decode()
    assert "Closed now" in page
    assert "Staff training day" in page


def test_campus_page_maps_and_lists_its_buildings(client, places):
    response = client.get(places["test-campus"].get_absolute_url())
    links = select(one(response, ".campus-map svg"), "a.campus-map__place[href][aria-label]")
    assert [link.get("aria-label") for link in links] == [
        "1. Fruit Street Garage",
        "2. Wang Building",
        "3. Yawkey Center",
    ]
    assert all(link.get("href").startswith("/en/find-a-location/") for link in links)
    assert texts(response, 'ol.building-list[role="list"] > li > a') == [
        "Fruit Street Garage",
        "Wang Building",
        "Yawkey Center",
    ]
    # North is up: Yawkey (further south than the garage) sits lower on the map.
    ys = {
        link.get("aria-label").split(". ", 1)[1]: float(one(link, "circle:first-child[cy]").get("cy"))
        for link in links
    }
    assert ys["Yawkey Center"] > ys["Fruit Street Garage"]


def test_breadcrumbs_follow_campus_and_building(client, places):
    crumbs = texts(client.get(places["yawkey-center"].get_absolute_url()), "nav.breadcrumbs a")
    assert crumbs == ["Home", "Find a Location", "Test Campus", "Yawkey Center"]


def test_a_doctor_appears_on_the_page_of_each_place_they_practise(client, places):
    doctor = DoctorFactory(
        first_name="Rosa",
        last_name="Campos",
        locations=[places["yawkey-center"], places["chelsea-health-center"]],
    )
    for slug in ("yawkey-center", "chelsea-health-center"):
        page = client.get(places[slug].get_absolute_url()).content.decode()
        assert f'<a href="{doctor.get_absolute_url()}">Rosa Campos, MD</a>' in page
    assert "Rosa Campos" not in client.get(places["wang-building"].get_absolute_url()).content.decode()


def test_unpublished_places_never_appear(client, places):
    hidden = places["hidden-practice"]
    assert "Hidden Practice" not in names(client.get(URL, {"q": "hidden"}))
    assert client.get(hidden.get_absolute_url()).status_code == 404
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "hidden-practice" not in sitemap
    assert "/en/find-a-location/yawkey-center/" in sitemap


def queries(client, url, params=None):
    data_changed("directory")
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url, params or {}).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "params", [{}, {"open_now": "on"}, {"zip": "02114", "sort": "distance"}, {"service": "imaging"}]
)
def test_list_query_count_does_not_grow_with_the_places(client, places, params):
    queries(client, URL, params)
    before = queries(client, URL, params)
    campus = places["test-campus"]
    for n in range(25):
        place = Location.objects.create(
            kind="practice",
            name=f"Extra Practice {n}",
            slug=f"extra-{n}",
            parent=campus,
            street="1 St",
            zip_code="02114",
            latitude=42.36 + n / 1000,
            longitude=-71.06,
        )
        weekly(place, dt.time(8), dt.time(20))
        place.services.add(Service.objects.get(slug="imaging"))
    queries(client, URL, params)
    assert queries(client, URL, params) == before


def test_location_page_query_count_does_not_grow(client, places):
    yawkey = places["yawkey-center"]
    DoctorFactory(locations=[yawkey])
    queries(client, yawkey.get_absolute_url())
    before = queries(client, yawkey.get_absolute_url())
    for n in range(5):
        DoctorFactory(locations=[yawkey])
        yawkey.services.add(Service.objects.create(name=f"Extra service {n}", slug=f"extra-service-{n}"))
    assert queries(client, yawkey.get_absolute_url()) == before


def test_a_place_photo_is_shown_as_sized_thumbnails(client, places):
    import io

    from django.core.files.uploadedfile import SimpleUploadedFile
    from PIL import Image

    buffer = io.BytesIO()
    Image.new("RGB", (1600, 1000), (200, 200, 200)).save(buffer, "JPEG")
    wang = places["wang-building"]
    wang.photo = SimpleUploadedFile("wang.jpg", buffer.getvalue(), content_type="image/jpeg")
    wang.save()
    page = client.get(wang.get_absolute_url()).content.decode()
    photo = one(page, "img.location-page__photo[src][srcset]")
    assert "720x405" in photo.get("src")
    assert [candidate.split()[-1] for candidate in photo.get("srcset").split(", ")] == ["1x", "2x"]
    assert 'alt="The outside of Wang Building"' in page
