""" "Open in your map app": links that open the phone's own maps on iPhones and Android alike (not a
geo: link, which iPhones do not open), and that make no request to another host until followed."""

from urllib.parse import parse_qs, urlsplit

import pytest

from locations.models import Location
from tests.html import select, text

SLUG = "yawkey-center-for-outpatient-care"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("language", "label"), [("en", "Open in your map app:"), ("es", "Abrir en su aplicación de mapas:")]
)
def test_the_map_app_links_open_apple_and_google_maps_at_the_place(client, demo, language, label):
    place = Location.objects.get(slug=SLUG)
    page = client.get(f"/{language}/find-a-location/{SLUG}/")
    assert not select(page, 'a[href^="geo:"]')
    [apps] = select(page, ".map-apps")
    assert text(apps).startswith(label)
    apple, google = (urlsplit(link.get("href")) for link in select(apps, "a"))
    assert (apple.scheme, apple.netloc, apple.path) == ("https", "maps.apple.com", "/")
    assert parse_qs(apple.query) == {"ll": [f"{place.latitude},{place.longitude}"], "q": [place.name]}
    assert (google.scheme, google.netloc, google.path) == ("https", "www.google.com", "/maps/search/")
    assert parse_qs(google.query) == {"api": ["1"], "query": [f"{place.latitude},{place.longitude}"]}


@pytest.mark.django_db
def test_the_place_page_loads_nothing_from_another_host(client, demo):
    page = client.get(f"/en/find-a-location/{SLUG}/")
    loaded = [e.get("src") for e in select(page, "[src]")] + [
        e.get("href") for e in select(page, "link[href]") if e.get("rel") not in ("canonical", "alternate")
    ]
    assert loaded and all(address.startswith("/") and not address.startswith("//") for address in loaded)
    assert "maps.apple.com" not in page["Content-Security-Policy"]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "es"])
def test_every_link_with_the_coordinates_writes_them_as_map_services_read_them(client, demo, language):
    # Django writes a float in a template the page's language's way ("42,3631" in Spanish): every
    # address with coordinates is built in Python (Location.directions_url, map_url ...).
    place = Location.objects.get(slug=SLUG)
    hrefs = [
        link.get("href") for link in select(client.get(f"/{language}/find-a-location/{SLUG}/"), "a[href]")
    ]
    with_coordinates = [href for href in hrefs if str(place.latitude) in href]
    assert len(with_coordinates) >= 3  # directions, Apple Maps, Google Maps
    latitude_comma = str(place.latitude).replace(".", ",")
    assert not [href for href in hrefs if latitude_comma in href]
    directions = next(href for href in hrefs if "openstreetmap.org/directions" in href)
    assert parse_qs(urlsplit(directions).query) == {"to": [f"{place.latitude},{place.longitude}"]}
