"""The Price Transparency page: the current publication's files, cms-hpt.txt and the way to the
estimator, in English and Spanish; and the list of every shoppable service behind the estimator."""

import datetime

import pytest
from django.utils import timezone

from pricing.models import Publication
from tests.html import one, select, text, texts

from .estimator_data import chargemaster, clear_prices, price_page

URL = "/en/price-transparency/"
NAME = "04-1234567_massachusetts-general-hospital_standardcharges"


@pytest.fixture
def the_price_page(demo, admin_user):
    clear_prices()
    return price_page(admin_user)


def publish(status=Publication.Status.PUBLISHED, day=2, **files):
    return Publication.objects.create(
        status=status,
        published_at=timezone.now(),
        last_updated_on=datetime.date(2026, 11, day),
        files={
            key: {
                "name": f"{NAME}.{extension}",
                "path": f"standard-charges/{key}/{NAME}.{extension}",
                "size": size,
                "sha256": "0" * 64,
                "url": f"/standard-charges/{key}/{NAME}.{extension}",
            }
            for key, extension, size in (
                ("json", "json", 5_400_000),
                ("tall", "csv", 2_100_000),
                ("wide", "csv", 900),
            )
        },
    )


def files_table(response):
    return [
        (
            text(row.find("th")),
            text(row.find("td/a")),
            row.find("td/a").get("href"),
            "download" in row.find("td/a").attrib,
        )
        for row in select(response, ".pricing-files tbody tr")
    ]


def test_the_page_lists_the_current_publications_files(client, the_price_page):
    publish(Publication.Status.INVALID, day=20)  # refused by the validator: never shown
    publish()
    response = client.get(URL)
    assert response.status_code == 200
    assert files_table(response) == [
        ("JSON", f"{NAME}.json", f"/standard-charges/json/{NAME}.json", False),
        ("CSV, tall", f"{NAME}.csv", f"/standard-charges/tall/{NAME}.csv", True),
        ("CSV, wide", f"{NAME}.csv", f"/standard-charges/wide/{NAME}.csv", True),
    ]
    assert texts(response, ".pricing-files tbody td:last-child") == ["5.1 MB", "2.0 MB", "900 bytes"]
    assert "The charges were last updated on November 2, 2026." in text(one(response, "main"))
    assert one(response, 'a[href="/cms-hpt.txt"]').get("lang") == "en"
    links = {a.get("href") for a in select(response, ".pricing__actions a")}
    assert links == {"/en/price-transparency/estimate/", "/en/price-transparency/services/"}


def test_the_page_says_when_nothing_is_published_and_whom_to_call(client, the_price_page):
    response = client.get(URL)
    notice = one(response, "main .notice")
    assert "not published yet" in text(notice)
    assert notice.find(".//a").get("href") == "tel:+16177262000"
    assert not select(response, ".pricing-files")


def test_the_spanish_page_is_in_spanish(client, the_price_page):
    publish()
    response = client.get("/es/price-transparency/")
    assert one(response, "html").get("lang") == "es"
    main = text(one(response, "main"))
    assert "Los precios se actualizaron por última vez el 2 de noviembre de 2026." in main
    assert texts(response, ".pricing-files thead th") == ["Formato", "Archivo", "Tamaño"]
    assert one(response, ".pricing__actions a.button").get("href") == "/es/price-transparency/estimate/"


def test_a_new_publication_shows_at_once_and_anonymous_pages_set_no_cookie(client, the_price_page):
    first = client.get(URL)
    assert not first.cookies
    assert not select(first, ".pricing-files")
    publish()
    assert len(select(client.get(URL), ".pricing-files tbody tr")) == 3


def test_every_service_is_listed_by_category_with_cms_services_marked(client, the_price_page):
    services = chargemaster()["services"]
    response = client.get(URL + "services/")
    assert response.status_code == 200
    assert texts(response, ".pricing-category h2") == ["Imaging and scans", "Tests and treatments"]
    items = {text(li.find("*")): li for li in select(response, ".service-list__item")}
    assert set(items) == {
        "MRI of the brain", "MRI of the knee", "X-ray of the chest", "Cardiac rehabilitation", "Colonoscopy",
    }  # fmt: skip
    assert items["MRI of the brain"].find("a").get("href") == f"{URL}estimate/{services['brain'].pk}/"
    assert "Listed by CMS" in text(items["MRI of the brain"])
    assert "Listed by CMS" not in text(items["MRI of the knee"])
    # Not provided here: listed, said so, and no estimate to follow.
    assert "Not provided at Mass General" in text(items["Cardiac rehabilitation"])
    assert items["Cardiac rehabilitation"].find("a") is None
    assert not client.get(URL + "services/").cookies


def test_the_spanish_list_names_the_services_in_spanish(client, the_price_page):
    chargemaster()
    response = client.get("/es/price-transparency/services/")
    assert "Resonancia magnética de la rodilla" in texts(response, ".service-list__item a")
    assert "Imágenes y estudios" in texts(response, ".pricing-category h2")
