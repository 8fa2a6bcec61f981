"""/cms-hpt.txt and the files: at the root, anonymous, no cookie, the right headers, ETag and gzip."""

import gzip
import hashlib
from urllib.parse import urlsplit
from urllib.robotparser import RobotFileParser

import pytest

from pricing.models import PricedLocation, Publication
from pricing.publishing import publish
from tests.pricing.test_files import make_chargemaster, require_validator
from toolkit.addresses import site_origin

KEYS = ["location-name", "source-page-url", "mrf-url", "contact-name", "contact-email"]


@pytest.fixture
def published(db):
    require_validator()
    make_chargemaster()
    publication = publish()
    assert publication.files, publication.report
    return publication


def parse_cms_hpt(text):
    """[{key: value}] per block, checking the format as CMS states it: blocks apart by one blank line,
    each exactly the five keys, in order, one `key: value` per line."""
    blocks = []
    for block in text.rstrip("\n").split("\n\n"):
        pairs = [line.split(": ", 1) for line in block.split("\n")]
        assert [pair[0] for pair in pairs] == KEYS, block
        assert all(len(pair) == 2 and pair[1].strip() for pair in pairs), block
        blocks.append(dict(pairs))
    return blocks


def assert_no_cookie(response):
    assert not response.cookies and "Set-Cookie" not in response.headers


def test_cms_hpt_txt_has_five_keys_per_location_and_its_addresses_answer_anonymously(demo, published, client):
    response = client.get("/cms-hpt.txt")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert_no_cookie(response)
    blocks = parse_cms_hpt(response.content.decode())
    assert [block["location-name"] for block in blocks] == list(
        PricedLocation.objects.values_list("name", flat=True)
    )
    for block in blocks:
        assert block["contact-name"] == "Price Transparency Office"
        assert block["contact-email"] == "prices@example.org"
        assert block["mrf-url"] == site_origin() + published.files["json"]["url"]
        assert block["source-page-url"].startswith(site_origin() + "/en/")
        for key in ("mrf-url", "source-page-url"):
            answered = client.get(urlsplit(block[key]).path)
            assert answered.status_code == 200, block[key]
            assert_no_cookie(answered)


def test_nothing_is_served_before_a_publication(db, client):
    Publication.objects.all().delete()  # the demo's, if another test loaded it
    # Like any address unknown at the root, LocaleMiddleware first tries it under /en/.
    for path in ("/cms-hpt.txt", "/standard-charges/json/12-3456789_x_standardcharges.json"):
        assert client.get(path, follow=True).status_code == 404


@pytest.mark.parametrize(
    ("key", "content_type", "disposition"),
    [
        ("json", "application/json; charset=utf-8", "inline"),
        ("tall", "text/csv; charset=utf-8", "attachment"),
        ("wide", "text/csv; charset=utf-8", "attachment"),
    ],
)
def test_each_file_is_served_with_its_type_disposition_etag_and_gzip(
    published, client, key, content_type, disposition
):
    entry = published.files[key]
    response = client.get(entry["url"])
    assert response.status_code == 200 and response.streaming
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == entry["sha256"] and len(body) == entry["size"]
    assert response["Content-Type"] == content_type
    assert response["Content-Disposition"] == f'{disposition}; filename="{entry["name"]}"'
    assert response["ETag"] == f'"{entry["sha256"]}"'
    assert "public" in response["Cache-Control"] and "max-age=300" in response["Cache-Control"]
    assert "Content-Encoding" not in response
    assert_no_cookie(response)

    again = client.get(entry["url"], headers={"If-None-Match": response["ETag"]})
    assert again.status_code == 304 and again.content == b""

    zipped = client.get(entry["url"], headers={"Accept-Encoding": "gzip, deflate, br"})
    assert zipped["Content-Encoding"] == "gzip" and "Accept-Encoding" in zipped["Vary"]
    assert gzip.decompress(b"".join(zipped.streaming_content)) == body
    assert zipped["ETag"] != response["ETag"]
    assert_no_cookie(zipped)
    refused = client.get(entry["url"], headers={"Accept-Encoding": "gzip;q=0, identity"})
    assert "Content-Encoding" not in refused


def test_only_the_current_files_names_are_served(published, client):
    json_name, csv_name = published.files["json"]["name"], published.files["tall"]["name"]
    for path in (
        f"/standard-charges/csv-tall/{json_name}",
        f"/standard-charges/json/{csv_name}",
        f"/standard-charges/xml/{json_name}",
        "/standard-charges/json/other_standardcharges.json",
    ):
        assert client.get(path, follow=True).status_code == 404
    assert client.post(published.files["json"]["url"]).status_code == 405


def test_robots_txt_lets_crawlers_fetch_the_files(published, client):
    robots = RobotFileParser()
    robots.parse(client.get("/robots.txt").content.decode().splitlines())
    for path in ("/cms-hpt.txt", *(entry["url"] for entry in published.files.values())):
        assert robots.can_fetch("*", site_origin() + path), path
    assert not robots.can_fetch("*", site_origin() + "/en/admin/")
