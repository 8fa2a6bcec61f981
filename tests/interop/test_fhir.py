"""/fhir/: the directory as FHIR R4 resources (Plan-Net), checked with the fhir.resources R4 models."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from fhir.resources import __fhir_version__
from fhir.resources.bundle import Bundle
from fhir.resources.capabilitystatement import CapabilityStatement
from fhir.resources.operationoutcome import OperationOutcome
from fhir.resources.practitioner import Practitioner
from pydantic import ValidationError

from doctors.models import Doctor
from interop.resources import ACCEPTING_SYSTEM, NPI_SYSTEM, PLAN_NET
from locations.models import Location, Service
from tests.doctors.conftest import directory  # noqa: F401  (a fixture: four doctors, one hidden)
from tests.doctors.factories import DoctorFactory
from tests.locations.factories import LocationFactory
from toolkit.addresses import absolute_url

BASE = "/fhir/"
TYPES = ["Practitioner", "PractitionerRole", "Location", "HealthcareService", "Organization"]


def get(client, path, params=None, status=200):
    response = client.get(BASE + path, params or {})
    assert response.status_code == status, response.content[:500]
    assert response["Content-Type"] == "application/fhir+json; charset=utf-8"
    assert response["Access-Control-Allow-Origin"] == "*"
    assert not response.cookies
    return response.json()


def search(client, kind, params=None):
    """A search's Bundle, validated as FHIR R4, every page of it followed through its next links."""
    body = get(client, kind, params)
    Bundle.parse_obj(body)  # raises on anything R4 does not allow, the entries' resources included
    found = [entry["resource"] for entry in body["entry"]]
    while next_link := [link["url"] for link in body["link"] if link["relation"] == "next"]:
        path = next_link[0].split("/fhir/", 1)[1]
        body = client.get(BASE + path).json()
        Bundle.parse_obj(body)
        found += [entry["resource"] for entry in body["entry"]]
    assert len(found) == body["total"]
    return found


@pytest.fixture
def services(directory):  # noqa: F811
    imaging = Service.objects.create(name="Walk-in X-ray", slug="walk-in-x-ray")
    for place in Location.objects.all():
        place.services.add(imaging)
    LocationFactory(name="Closed Practice", slug="closed-practice", is_published=False).services.add(imaging)
    return directory


def test_the_models_are_r4_and_reject_what_r4_does_not_allow():
    """The check can fail: the validator knows R4 (4.0.1) and turns away a bad resource."""
    assert __fhir_version__ == "4.0.1"
    with pytest.raises(ValidationError):
        Practitioner.parse_obj({"resourceType": "Practitioner", "active": "yes please"})
    with pytest.raises(ValidationError):
        Bundle.parse_obj(
            {
                "resourceType": "Bundle",
                "type": "searchset",
                "entry": [{"resource": {"resourceType": "Practitioner", "nickname": "Doc"}}],
            }
        )


def test_the_capability_statement_says_what_can_be_searched(client, demo):
    statement = get(client, "metadata")
    CapabilityStatement.parse_obj(statement)
    assert statement["fhirVersion"] == "4.0.1" and statement["format"] == ["json"]
    resources = {resource["type"]: resource for resource in statement["rest"][0]["resource"]}
    assert set(resources) == set(TYPES)
    assert {p["name"] for p in resources["Practitioner"]["searchParam"]} >= {
        "name",
        "identifier",
        "_lastUpdated",
    }
    assert {p["name"] for p in resources["PractitionerRole"]["searchParam"]} >= {"specialty", "location"}
    assert all(r["interaction"] == [{"code": "read"}, {"code": "search-type"}] for r in resources.values())


def test_every_resource_is_r4_with_plan_nets_required_elements_and_its_references_resolve(client, services):
    for kind in TYPES:
        found = search(client, kind)
        assert found, kind
        for resource in found:
            assert resource["resourceType"] == kind
            assert resource["meta"]["profile"] == [PLAN_NET + "plannet-" + kind]
            assert datetime.datetime.fromisoformat(resource["meta"]["lastUpdated"]) <= timezone.now()
            if kind != "Location":
                assert resource["active"] is True
            assert get(client, f"{kind}/{resource['id']}") == resource  # read gives the same
            for ref in [
                resource.get("practitioner"),
                resource.get("organization"),
                resource.get("providedBy"),
            ]:
                if ref:
                    get(client, ref["reference"])
            for ref in resource.get("location", []):
                get(client, ref["reference"])


def test_practitioners_and_their_roles_say_what_the_directory_says(client, directory):  # noqa: F811
    lopez = directory["lopez"]
    practitioner = get(client, f"Practitioner/{lopez.pk}")
    assert practitioner["identifier"] == [{"use": "official", "system": NPI_SYSTEM, "value": lopez.npi}]
    assert practitioner["name"][0]["family"] == "Lopez" and practitioner["gender"] == "female"
    assert [c["text"] for c in practitioner["communication"]] == ["English", "Spanish"]
    (role,) = search(client, "PractitionerRole", {"practitioner": f"Practitioner/{lopez.pk}"})
    assert role["specialty"] == [{"text": "Cardiology"}]
    assert role["location"][0]["display"] == "Fruit Street Clinic"
    accepting = role["extension"][0]["extension"][0]["valueCodeableConcept"]
    assert accepting["coding"] == [{"system": ACCEPTING_SYSTEM, "code": "newpt"}]
    silva = search(client, "PractitionerRole", {"practitioner": directory["silva"].pk})[0]
    assert silva["extension"][0]["extension"][0]["valueCodeableConcept"]["coding"][0]["code"] == "nopt"


def test_a_role_names_the_insurance_plans_taken_there_as_plan_net_networks(client, directory):  # noqa: F811
    from pricing.models import Payer, Plan

    acme = Payer.objects.create(name="Acme Health")
    lopez = directory["lopez"]
    lopez.practices.get().plans.set([Plan.objects.create(payer=acme, name="PPO")])
    (role,) = search(client, "PractitionerRole", {"practitioner": lopez.pk})
    networks = [e for e in role["extension"] if e["url"] == PLAN_NET + "network-reference"]
    assert networks == [
        {"url": PLAN_NET + "network-reference", "valueReference": {"display": "Acme Health PPO"}}
    ]
    (other,) = search(client, "PractitionerRole", {"practitioner": directory["silva"].pk})
    assert not [e for e in other["extension"] if e["url"] == PLAN_NET + "network-reference"]


def test_the_search_parameters_filter_and_combine(client, directory):  # noqa: F811
    names = lambda found: sorted(r["name"][0]["family"] for r in found)  # noqa: E731
    assert names(search(client, "Practitioner", {"name": "lop"})) == ["Lopez"]
    assert names(
        search(client, "Practitioner", {"identifier": f"{NPI_SYSTEM}|{directory['smith'].npi}"})
    ) == ["Smith"]
    assert (
        search(client, "Practitioner", {"identifier": f"http://example.org/other|{directory['smith'].npi}"})
        == []
    )
    roles = search(client, "PractitionerRole", {"specialty": "cardiology"})
    assert sorted(r["practitioner"]["display"] for r in roles) == ["John Smith, MD", "Maria Lopez, MD"]
    chelsea = Location.objects.get(name="Chelsea Practice")
    roles = search(client, "PractitionerRole", {"location": chelsea.pk})
    assert sorted(r["practitioner"]["display"] for r in roles) == ["Ana Silva, MD", "Kevin Brown, MD"]
    in_chelsea = search(client, "Location", {"address-city": "chelsea"})
    assert "Chelsea Practice" in {r["name"] for r in in_chelsea}
    assert {r["address"]["city"] for r in in_chelsea} == {"Chelsea"}


def test_last_updated_finds_what_changed_since(client, directory):  # noqa: F811
    before = timezone.now() - datetime.timedelta(seconds=2)
    Doctor.objects.update(changed_at=before - datetime.timedelta(days=3))
    smith = directory["smith"]
    smith.accepting_new_patients = Doctor.Accepting.YES
    smith.save()
    since = before.isoformat()
    assert [
        r["name"][0]["family"] for r in search(client, "Practitioner", {"_lastUpdated": f"ge{since}"})
    ] == ["Smith"]
    assert len(search(client, "Practitioner", {"_lastUpdated": f"lt{since}"})) == 3
    today = timezone.localdate().isoformat()
    assert len(search(client, "Practitioner", {"_lastUpdated": today})) == 1
    assert search(client, "Practitioner", {"_lastUpdated": "gt2999-01-01"}) == []


def test_unpublished_doctors_and_places_are_never_published(client, services):
    hidden = services["hidden"]
    closed = Location.objects.get(name="Closed Practice")
    get(client, f"Practitioner/{hidden.pk}", status=404)
    get(client, f"Location/{closed.pk}", status=404)
    assert hidden.pk not in {int(r["id"]) for r in search(client, "Practitioner")}
    assert str(hidden.pk) not in {
        r["practitioner"]["reference"].split("/")[1] for r in search(client, "PractitionerRole")
    }
    assert "Closed Practice" not in {r["name"] for r in search(client, "Location")}
    for service in search(client, "HealthcareService"):
        assert "Closed Practice" not in {ref["display"] for ref in service["location"]}


def test_pages_follow_next_links_and_cost_the_same_queries_however_many_doctors(client, directory):  # noqa: F811
    chelsea = Location.objects.get(name="Chelsea Practice")
    for n in range(21):
        DoctorFactory(first_name="Extra", last_name=f"Doctor{n:02}", locations=[chelsea])
    found = search(client, "Practitioner", {"_count": "5"})
    assert len(found) == len({r["id"] for r in found}) == Doctor.objects.published().count() == 25
    first = get(client, "Practitioner", {"_count": "5"})
    assert [link["relation"] for link in first["link"]] == ["self", "next"]
    assert first["link"][1]["url"] == absolute_url("/fhir/Practitioner?_count=5&page=2")

    def queries(count):
        with CaptureQueriesContext(connection) as captured:
            get(client, "PractitionerRole", {"_count": str(count), "specialty": "neurology", "n": count})
            get(client, "Practitioner", {"_count": str(count), "n": count})
        return len(captured)

    assert queries(2) == queries(20)


@pytest.mark.parametrize(
    ("path", "params", "status", "says"),
    [
        ("Practitioner", {"_count": "lots"}, 400, "_count"),
        ("Practitioner", {"_count": "0"}, 400, "_count"),
        ("Practitioner", {"_lastUpdated": "yesterday"}, 400, "_lastUpdated"),
        ("Practitioner", {"page": "99"}, 400, "page"),
        ("PractitionerRole", {"location": "Location/abc"}, 400, "abc"),
        ("Patient", {}, 404, "Patient"),
        ("practitioner/1/_history", {}, 404, "/fhir/practitioner/1/_history"),
        ("Practitioner/123456789", {}, 404, "Practitioner/123456789"),
        ("Organization/other", {}, 404, "Organization/other"),
    ],
)
def test_bad_requests_are_answered_with_an_operation_outcome(client, directory, path, params, status, says):  # noqa: F811
    body = get(client, path, params, status=status)
    OperationOutcome.parse_obj(body)
    assert says in body["issue"][0]["diagnostics"]


def test_only_reading_is_allowed_and_browsers_may_ask_first(client, demo):
    assert Client(enforce_csrf_checks=True).post(BASE + "Practitioner", {}).status_code == 405
    preflight = client.options(BASE + "Practitioner")
    assert preflight.status_code == 204 and preflight["Access-Control-Allow-Methods"] == "GET, HEAD, OPTIONS"


def test_one_address_is_limited(client, demo, settings):
    """What reaches the application is counted (an answer kept in the first cache layer costs
    nothing to give again): each search here is a new one."""
    settings.INTEROP_RATE_LIMIT = 2
    get(client, "Location", {"name": "a"})
    get(client, "Location", {"name": "b"})
    body = get(client, "Location", {"name": "c"}, status=429)
    OperationOutcome.parse_obj(body)
    other = client.get(BASE + "Location", {"name": "c"}, REMOTE_ADDR="192.0.2.9")
    assert other.status_code == 200


def test_whole_lists_and_reads_are_kept_until_the_directory_changes_and_name_searches_nowhere(
    client,
    directory,  # noqa: F811
):
    lopez = directory["lopez"]
    page = client.get(BASE + "Practitioner", {"_count": "2", "page": "2"})
    read = client.get(BASE + f"Practitioner/{lopez.pk}")
    assert "public" in page["Cache-Control"] and "public" in read["Cache-Control"]
    assert "no-store" in client.get(BASE + "Practitioner", {"name": "lopez"})["Cache-Control"]
    lopez.last_name = "Lopez-Garcia"
    lopez.save()
    assert get(client, f"Practitioner/{lopez.pk}")["name"][0]["family"] == "Lopez-Garcia"
