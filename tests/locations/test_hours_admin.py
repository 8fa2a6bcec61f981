"""The locations admin: hours inlines that refuse impossible rows, search, autocomplete, the demo note."""

from datetime import date, time

import pytest

from locations.models import HoursException, Location, OpeningHours, Service

# The session's demo content has places of its own: these tests start from none.
pytestmark = pytest.mark.usefixtures("no_places")

CHANGELIST = "/en/admin/locations/location/"
TEXTS = ["entrance", "accessibility", "parking_rates", "transit"]


def make_location(name, **fields):
    defaults = {
        "kind": Location.Kind.PRACTICE,
        "slug": name.lower().replace(" ", "-"),
        "street": "1 Test Street",
        "zip_code": "02114",
        "latitude": 42.3626,
        "longitude": -71.0688,
    }
    return Location.objects.create(name=name, **{**defaults, **fields})


def change_form_data(location, hours_rows=(), exception_rows=()):
    """What the change form posts: the location as it is, plus new inline rows."""
    data = {
        "kind": location.kind,
        "name": location.name,
        "slug": location.slug,
        "parent": "",
        "street": location.street,
        "city": location.city,
        "state": location.state,
        "zip_code": location.zip_code,
        "latitude": location.latitude,
        "longitude": location.longitude,
        "phone": "",
        "fax": "",
        "email": "",
        # The visitor's texts in English and Spanish (locations/translation.py).
        **{f"{field}_{lang}": "" for field in TEXTS for lang in ("en", "es")},
        "parking": "",
        "is_published": "on",
    }
    for prefix, rows in (("hours", hours_rows), ("hours_exceptions", exception_rows)):
        data.update({f"{prefix}-TOTAL_FORMS": len(rows), f"{prefix}-INITIAL_FORMS": 0})
        for n, row in enumerate(rows):
            # An exception's reason is written in English (and, when known, Spanish).
            row = {("reason_en" if key == "reason" else key): value for key, value in row.items()}
            data.update({f"{prefix}-{n}-{key}": value for key, value in row.items()})
    return data


@pytest.fixture
def clinic(db):
    return make_location("Fruit Street Clinic")


def test_change_form_shows_hours_and_exceptions_inlines(staff_client, clinic):
    response = staff_client.get(f"{CHANGELIST}{clinic.pk}/change/")
    assert response.status_code == 200
    prefixes = [inline.formset.prefix for inline in response.context["inline_admin_formsets"]]
    assert prefixes == ["hours", "hours_exceptions"]
    assert response.context["inline_admin_formsets"][0].formset.max_num == 7


def test_hours_row_closing_before_it_opens_is_refused_and_nothing_saved(staff_client, clinic):
    url = f"{CHANGELIST}{clinic.pk}/change/"
    data = change_form_data(clinic, hours_rows=[{"weekday": 4, "opens": "20:00", "closes": "02:00"}])
    data["name"] = "Renamed Clinic"
    response = staff_client.post(url, data)
    assert response.status_code == 200
    assert "This closes before it opens" in response.content.decode()
    hours_formset = response.context["inline_admin_formsets"][0].formset
    assert "This closes before it opens" in str(hours_formset.forms[0].errors["closes"])
    assert not OpeningHours.objects.filter(location=clinic).exists()
    clinic.refresh_from_db()
    assert clinic.name == "Fruit Street Clinic"


def test_same_row_closing_after_midnight_is_accepted(staff_client, clinic):
    url = f"{CHANGELIST}{clinic.pk}/change/"
    row = {"weekday": 4, "opens": "20:00", "closes": "02:00", "closes_next_day": "on"}
    response = staff_client.post(url, change_form_data(clinic, hours_rows=[row]))
    assert response.status_code == 302, response.context["inline_admin_formsets"][0].formset.errors
    saved = OpeningHours.objects.get(location=clinic)
    assert (saved.weekday, saved.opens, saved.closes, saved.closes_next_day) == (4, time(20), time(2), True)


def test_exception_row_closed_and_open_24_hours_is_refused(staff_client, clinic):
    row = {"date": "2026-07-03", "reason": "Independence Day", "is_closed": "on", "is_24_hours": "on"}
    response = staff_client.post(
        f"{CHANGELIST}{clinic.pk}/change/", change_form_data(clinic, exception_rows=[row])
    )
    assert response.status_code == 200
    assert "A day cannot be both closed and open 24 hours." in response.content.decode()
    assert not HoursException.objects.exists()


def test_exception_row_with_special_hours_is_saved(staff_client, clinic):
    row = {"date": "2026-11-27", "reason": "Day after Thanksgiving", "opens": "10:00", "closes": "14:00"}
    response = staff_client.post(
        f"{CHANGELIST}{clinic.pk}/change/", change_form_data(clinic, exception_rows=[row])
    )
    assert response.status_code == 302
    assert HoursException.objects.get(location=clinic).date == date(2026, 11, 27)


def test_two_rows_for_the_same_weekday_are_refused(staff_client, clinic):
    rows = [{"weekday": 0, "opens": "08:00", "closes": "17:00"}, {"weekday": 0, "is_closed": "on"}]
    response = staff_client.post(
        f"{CHANGELIST}{clinic.pk}/change/", change_form_data(clinic, hours_rows=rows)
    )
    assert response.status_code == 200
    assert not OpeningHours.objects.exists()


def test_changelist_notes_that_demo_locations_are_made_up(staff_client, clinic):
    response = staff_client.get(CHANGELIST)
    assert "made up" not in response.content.decode()
    make_location("Imaginary Imaging", is_demo=True)
    response = staff_client.get(CHANGELIST)
    messages = [str(m) for m in response.context["messages"]]
    assert any("made up" in m for m in messages)


def test_changelist_search_finds_places_by_service(staff_client, clinic):
    imaging = Service.objects.create(name="Imaging", slug="imaging")
    scanner = make_location("Scanner House")
    scanner.services.add(imaging)
    response = staff_client.get(CHANGELIST, {"q": "Imaging"})
    names = [location.name for location in response.context["cl"].result_list]
    assert names == ["Scanner House"]
    response = staff_client.get(CHANGELIST, {"services__id__exact": imaging.pk})
    assert [location.name for location in response.context["cl"].result_list] == ["Scanner House"]


def test_parking_autocomplete_offers_only_garages(staff_client, clinic):
    make_location("Fruit Street Garage", kind=Location.Kind.GARAGE)
    response = staff_client.get(
        "/en/admin/autocomplete/",
        {"app_label": "locations", "model_name": "location", "field_name": "parking", "term": "Fruit"},
    )
    assert [result["text"] for result in response.json()["results"]] == ["Fruit Street Garage"]


def test_doctors_practice_location_autocomplete_searches_locations(staff_client, clinic):
    response = staff_client.get(
        "/en/admin/autocomplete/",
        {"app_label": "doctors", "model_name": "practice", "field_name": "location", "term": "Fruit"},
    )
    assert response.status_code == 200
    assert [result["text"] for result in response.json()["results"]] == ["Fruit Street Clinic"]


def test_service_admin_searches_by_name(staff_client, db):
    Service.objects.create(name="Cardiology clinic", slug="cardiology-clinic")
    Service.objects.create(name="Lab", slug="lab")
    response = staff_client.get("/en/admin/locations/service/", {"q": "cardio"})
    assert [service.name for service in response.context["cl"].result_list] == ["Cardiology clinic"]
