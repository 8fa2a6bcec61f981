"""One rule for every absolute address (toolkit.addresses): SITE_DOMAIN, whatever host a request
came in on. sitemap.xml, robots.txt, canonical, hreflang, og:url and JSON-LD agree; a list's page is
its own canonical."""

import pytest
from django.core.checks import Error
from lxml import etree

from doctors.models import Doctor
from locations.models import Location
from tests.html import json_ld, one, select
from tests.page_types import load_demo_with_doctors
from toolkit.checks import site_domain_is_a_host_the_site_answers_to

PUBLIC = "www.massgeneral.example"
SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def addresses_of(client, path, host):
    """(canonical, og:url, {hreflang: href}, [JSON-LD urls]) of a page asked for on `host`."""
    response = client.get(path, HTTP_HOST=host)
    assert response.status_code == 200, path
    alternates = {
        link.get("hreflang"): link.get("href") for link in select(response, 'link[rel="alternate"]')
    }
    urls = [value for block in json_ld(response) for key, value in block.items() if key in ("url", "logo")]
    return (
        one(response, 'link[rel="canonical"]').get("href"),
        one(response, 'meta[property="og:url"]').get("content"),
        alternates,
        urls,
    )


@pytest.mark.django_db
def test_sitemap_canonical_hreflang_og_url_and_json_ld_agree_on_a_request_to_another_host(
    client, demo, settings
):
    settings.SITE_DOMAIN = PUBLIC
    settings.ALLOWED_HOSTS = [PUBLIC, "mirror.example"]
    load_demo_with_doctors(doctors=3)
    doctor = Doctor.objects.published().first()
    place = Location.objects.published().get(slug="yawkey-center-for-outpatient-care")

    urlset = etree.fromstring(client.get("/sitemap.xml", HTTP_HOST="mirror.example").content)
    in_sitemap = {
        url.findtext("s:loc", namespaces=SITEMAP): {
            link.get("hreflang"): link.get("href") for link in url.iterfind("xhtml:link", SITEMAP)
        }
        for url in urlset.iterfind("s:url", SITEMAP)
    }
    every = [*in_sitemap, *(href for links in in_sitemap.values() for href in links.values())]
    assert all(address.startswith(f"http://{PUBLIC}/") for address in every)
    robots = client.get("/robots.txt", HTTP_HOST="mirror.example").content.decode()
    assert f"Sitemap: http://{PUBLIC}/sitemap.xml" in robots

    for path in ("/en/", "/es/", "/en/the-mass-general-difference/research/", doctor.get_absolute_url()):
        canonical, og_url, alternates, json_ld_urls = addresses_of(client, path, "mirror.example")
        assert canonical == og_url == f"http://{PUBLIC}{path}"
        assert json_ld_urls == [] or json_ld_urls[0] == canonical
        assert all(url.startswith(f"http://{PUBLIC}/") for url in json_ld_urls)
        # The page is in the sitemap at that address, with the same alternates it gives itself.
        assert in_sitemap[canonical] == alternates, path
    canonical, og_url, alternates, [url] = addresses_of(client, place.get_absolute_url(), "mirror.example")
    assert canonical == og_url == url == in_sitemap[canonical]["en"] == alternates["x-default"]


@pytest.mark.django_db
def test_each_page_of_the_whole_list_is_its_own_canonical_and_a_filtered_list_names_the_list(client, demo):
    load_demo_with_doctors(doctors=45)
    directory = "http://127.0.0.1:8000/{}/find-a-doctor/"  # SITE_DOMAIN's default

    def canonical_and_alternates(query):
        canonical, og_url, alternates, _urls = addresses_of(
            client, f"/en/find-a-doctor/{query}", "testserver"
        )
        assert og_url == canonical
        return canonical, alternates

    assert canonical_and_alternates("") == (
        directory.format("en"),
        {"en": directory.format("en"), "es": directory.format("es"), "x-default": directory.format("en")},
    )
    assert canonical_and_alternates("?page=2") == (
        directory.format("en") + "?page=2",
        {
            "en": directory.format("en") + "?page=2",
            "es": directory.format("es") + "?page=2",
            "x-default": directory.format("en") + "?page=2",
        },
    )
    assert canonical_and_alternates("?page=1")[0] == directory.format("en")
    assert canonical_and_alternates("?page=99")[0] == directory.format("en") + "?page=3"  # the page shown
    # Filtered or sorted: the whole list, whose pages and profiles show every record it shows.
    canonical, alternates = canonical_and_alternates("?q=heart&page=2")
    assert canonical == directory.format("en") and alternates["es"] == directory.format("es")
    assert canonical_and_alternates("?sort=name")[0] == directory.format("en")


def test_check_deploy_refuses_a_site_domain_the_site_does_not_answer_to(settings):
    settings.ALLOWED_HOSTS = ["www.massgeneral.org"]
    settings.SITE_DOMAIN = "127.0.0.1:8000"  # the laptop's default, forgotten in production
    [error] = site_domain_is_a_host_the_site_answers_to()
    assert isinstance(error, Error) and error.id == "toolkit.E001"
    settings.SITE_DOMAIN = "www.massgeneral.org"
    assert site_domain_is_a_host_the_site_answers_to() == []
    settings.ALLOWED_HOSTS = [".massgeneral.org"]
    assert site_domain_is_a_host_the_site_answers_to() == []
