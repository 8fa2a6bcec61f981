"""The places' texts in Spanish: service names, ways in, parking, transit and the reasons for special
hours on /es/ pages, English marked lang="en" where no Spanish is written, the admin, the migration
and the demo places."""

import datetime as dt
from importlib import import_module

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from demo.locations import CAMPUS_SLUG, PLACEHOLDERS, ensure_location_details
from locations import hours
from locations.models import HoursException, Location, Service
from tests.html import one, select, text, texts
from toolkit.translation import sort_key

NOW = dt.datetime(2026, 11, 17, 15, 0, tzinfo=hours.HOSPITAL_TZ)  # a Tuesday afternoon in Boston


@pytest.fixture
def clinic(demo, monkeypatch):
    monkeypatch.setattr(hours, "local_now", lambda: NOW)
    Location.objects.all().delete()
    Service.objects.all().delete()
    clinic = Location.objects.create(
        kind="practice",
        name="Fruit Street Clinic",
        slug="fruit-street-clinic",
        street="1 Fruit Street",
        zip_code="02114",
        latitude=42.3626,
        longitude=-71.0688,
        transit_en="Red Line: Charles/MGH.",
        transit_es="Línea Roja: Charles/MGH.",
        entrance_en="Use the door on Fruit Street.\n\nThe front desk is just inside.",
        # No Spanish for the entrance yet.
    )
    clinic.services.set(
        [
            Service.objects.create(slug="pharmacy", name_en="Pharmacy", name_es="Farmacia"),
            Service.objects.create(slug="laboratory", name_en="Laboratory", name_es="Laboratorio"),
            Service.objects.create(slug="chapel", name_en="Chapel"),  # no Spanish yet
        ]
    )
    HoursException.objects.create(
        location=clinic,
        date=NOW.date() + dt.timedelta(days=2),
        reason_en="Thanksgiving Day",
        reason_es="Día de Acción de Gracias",
        is_closed=True,
    )
    HoursException.objects.create(
        location=clinic, date=NOW.date() + dt.timedelta(days=3), reason_en="Staff training", is_closed=True
    )
    return clinic


def test_spanish_place_page_gives_its_texts_in_spanish_and_marks_the_english(client, clinic):
    page = client.get("/es/find-a-location/fruit-street-clinic/")

    transit = one(page, "#transit-heading + p")
    assert text(transit) == "Línea Roja: Charles/MGH." and transit.get("lang") is None
    entrance = select(page, 'section[aria-labelledby="access-heading"] p')
    assert [(p.get("lang"), text(p)) for p in entrance] == [
        ("en", "Use the door on Fruit Street."),
        ("en", "The front desk is just inside."),
    ]
    services = select(page, 'section[aria-labelledby="services-heading"] li')
    assert [text(li) for li in services] == ["Chapel", "Farmacia", "Laboratorio"]
    assert [span.get("lang") for span in select(services[0], "span")] == ["en"]
    reasons = texts(page, "main li")
    assert any("Día de Acción de Gracias" in line for line in reasons)
    marked = [text(span) for span in select(page, 'main li span[lang="en"]')]
    assert marked == ["Staff training", "Chapel"]  # the upcoming closures, then the services


def test_english_place_page_marks_nothing(client, clinic):
    page = client.get("/en/find-a-location/fruit-street-clinic/")
    assert text(one(page, "#transit-heading + p")) == "Red Line: Charles/MGH."
    assert not select(page, "main [lang]")


def test_service_filter_is_spanish_in_spanish_order_with_english_marked(client, clinic):
    options = [
        (text(option), option.get("lang"))
        for option in select(client.get("/es/find-a-location/"), 'select[name="service"] option')
        if option.get("value")
    ]
    assert options == [("Chapel", "en"), ("Farmacia", None), ("Laboratorio", None)]
    assert [name for name, _ in options] == sorted((name for name, _ in options), key=sort_key)
    english = texts(client.get("/en/find-a-location/"), 'select[name="service"] option')
    assert english[1:] == ["Chapel", "Laboratory", "Pharmacy"]


def test_search_finds_places_by_the_english_service_name_on_either_page(client, clinic):
    for language in ("en", "es"):
        found = texts(client.get(f"/{language}/find-a-location/", {"q": "pharmacy"}), ".location-card__name")
        assert found == ["Fruit Street Clinic"], language


def test_admin_shows_the_texts_in_both_languages(staff_client, clinic):
    page = staff_client.get(f"/en/admin/locations/location/{clinic.pk}/change/")
    assert one(page, 'textarea[name="transit_es"]').text.strip() == "Línea Roja: Charles/MGH."
    for field in ("entrance", "accessibility", "parking_rates", "transit"):
        assert select(page, f'textarea[name="{field}_en"]') and select(page, f'textarea[name="{field}_es"]')
    assert select(page, 'input[name="hours_exceptions-0-reason_es"]')
    service = Service.objects.get(slug="pharmacy")
    page = staff_client.get(f"/en/admin/locations/service/{service.pk}/change/")
    assert one(page, 'input[name="name_es"]').get("value") == "Farmacia"


def test_migration_keeps_the_texts_already_written_as_english(db):
    migration = import_module("locations.migrations.0003_texts_in_spanish")
    state = MigrationExecutor(connection).loader.project_state(("locations", "0003_texts_in_spanish"))
    Historical = state.apps.get_model("locations", "Service")
    Historical.objects.create(name="Old service", slug="old-service", name_en=None)

    migration.english_from_original(state.apps, None)

    assert Service.objects.get(slug="old-service").name_en == "Old service"


def test_demo_places_have_their_texts_in_spanish_and_a_second_run_changes_nothing(demo):
    for field in ("entrance", "accessibility", "parking_rates", "transit"):
        missing = Location.objects.exclude(**{f"{field}_en": ""}).filter(**{f"{field}_es": ""})
        assert not missing.exists(), field
    assert not Service.objects.filter(name_es__isnull=True).exists()
    assert not HoursException.objects.filter(reason_es="").exists()
    campus = Location.objects.get(slug=CAMPUS_SLUG)
    assert not campus.entrance_en.startswith(PLACEHOLDERS)
    assert not campus.entrance_es.startswith(PLACEHOLDERS)
    # Real guidance, in each language: the door, where to check in, the garage that is nearest.
    assert campus.entrance_en.startswith("The main entrance is at 55 Fruit Street")
    assert "check in at that clinic's front desk" in campus.entrance_en
    assert campus.entrance_es.startswith("La entrada principal está en 55 Fruit Street")
    assert "regístrese en la recepción de esa clínica" in campus.entrance_es
    assert "Fruit Street Garage" in campus.entrance_en and "Fruit Street Garage" in campus.entrance_es

    # A place loaded before there was Spanish gets it; an editor's Spanish stays.
    Location.objects.filter(slug=CAMPUS_SLUG).update(transit_es="", accessibility_es="Escrito por editor.")
    HoursException.objects.filter(reason_en="Christmas Day").update(reason_es=None)
    ensure_location_details()
    campus.refresh_from_db()
    assert campus.transit_es.startswith("Línea Roja del MBTA")
    assert campus.accessibility_es == "Escrito por editor."
    assert not HoursException.objects.filter(reason_en="Christmas Day", reason_es__isnull=True).exists()

    again = ensure_location_details()
    assert again["locations_updated"] == again["exceptions_named_in_spanish"] == 0
