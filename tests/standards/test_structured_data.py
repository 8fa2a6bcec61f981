"""Every JSON-LD block the site publishes, on every page type in both languages, checked against
schema.org's own vocabulary (tests/standards/schema_org.py); and the checker shown to catch what it
is there to catch."""

import os

import pytest

from doctors.models import MedicalSpecialty, Specialty
from locations.models import Location
from tests.html import json_ld
from tests.page_types import load_demo_with_doctors
from tests.standards import schema_org

if not schema_org.VOCABULARY.exists():
    if os.environ.get("CI", "").lower() == "true":
        raise pytest.UsageError(f"CI=true but no schema.org vocabulary at {schema_org.VOCABULARY}: 'npm ci'")
    pytest.skip(f"no schema.org vocabulary at {schema_org.VOCABULARY}: run 'npm ci'", allow_module_level=True)


@pytest.mark.django_db  # among the database tests: before those that empty the database
def test_every_json_ld_block_on_every_page_type_follows_schema_org(site_pages):
    found, blocks = [], {}
    for name, language, path, html in site_pages.pages:
        for block in json_ld(html):
            blocks[name, language] = block
            found += [f"{name} ({language}, {path}): {problem}" for problem in schema_org.problems(block)]
    assert not found, "\n".join(found)
    # The home page, the two profiles, the location and campus pages, in each language, with what was fixed.
    assert len(blocks) == 10
    hospital, physician = blocks["home", "es"], blocks["doctor profile", "en"]
    assert hospital["telephone"] == "+16177262000"
    assert hospital["geo"] == {"@type": "GeoCoordinates", "latitude": 42.362664, "longitude": -71.068886}
    assert physician["medicalSpecialty"] and physician["telephone"].startswith("+1617")
    assert blocks["location page", "es"]["telephone"] == "+16177262000"


@pytest.mark.django_db
def test_every_published_place_of_every_kind_has_json_ld_that_follows_schema_org(client, demo):
    load_demo_with_doctors(doctors=0)
    places = Location.objects.published()
    assert {place.kind for place in places} == set(Location.Kind.values)
    for place in places:
        [block] = json_ld(client.get(place.get_absolute_url()))
        assert schema_org.problems(block) == [], place.slug


def test_the_specialty_choices_are_schema_orgs_medical_specialties():
    schema = schema_org.vocabulary()
    current = schema.members("MedicalSpecialty") - set(schema.superseded)
    assert set(MedicalSpecialty.values) == current


@pytest.mark.django_db
def test_the_demo_specialties_name_schema_orgs_specialty_where_one_fits(demo):
    specialties = Specialty.objects.all()
    assert {s.medical_specialty for s in specialties} <= {*MedicalSpecialty.values, ""}
    assert Specialty.objects.get(slug="cardiology").medical_specialty == "Cardiovascular"
    assert Specialty.objects.get(slug="ophthalmology").medical_specialty == ""  # Optometric is not it


def hospital(**changes):
    block = {
        "@context": "https://schema.org",
        "@type": "Hospital",
        "name": "Massachusetts General Hospital",
        "telephone": "+16177262000",
        "medicalSpecialty": ["https://schema.org/Cardiovascular", "Oncologic"],
        "geo": {"@type": "GeoCoordinates", "latitude": 42.362618, "longitude": -71.068823},
    }
    return {**block, **changes}


def test_a_correct_block_has_no_problems():
    assert schema_org.problems(hospital()) == []
    assert schema_org.problems({"@context": "https://schema.org", "@graph": [hospital(), hospital()]}) == []


def test_an_unknown_type_or_property_is_reported():
    assert schema_org.problems(hospital(**{"@type": "Hospitel"})) == [
        "$: @type 'Hospitel' is not a schema.org type"
    ]
    [problem] = schema_org.problems(hospital(bedCount=999))
    assert problem == "$.bedCount: schema.org has no property 'bedCount'"


def test_a_property_outside_its_types_domain_is_reported_and_inherited_ones_are_not():
    [problem] = schema_org.problems(hospital(availableLanguage=["English", "Spanish"]))
    assert problem.startswith("$.availableLanguage: 'availableLanguage' is not a property of Hospital")
    # Hospital is a MedicalOrganization, which has isAcceptingNewPatients; a Place has geo.
    assert schema_org.problems(hospital(isAcceptingNewPatients=True)) == []
    assert schema_org.problems({"@context": "https://schema.org", "@type": "Physician", "geo": {}}) == []
    [problem] = schema_org.problems({"@type": "Physician", "knowsLanguage": "Spanish", "isbn": "1"})
    assert problem.startswith("$.isbn: 'isbn' is not a property of Physician")


def test_a_value_that_is_not_a_member_of_the_enumeration_is_reported():
    [problem] = schema_org.problems(hospital(medicalSpecialty=["Cardiology", "https://schema.org/Oncologic"]))
    assert problem.startswith("$.medicalSpecialty[0]: 'Cardiology' is not a member of MedicalSpecialty")
    [problem] = schema_org.problems(hospital(medicalSpecialty="https://schema.org/Monday"))
    assert "not a member of MedicalSpecialty" in problem
    hours = {"@type": "OpeningHoursSpecification", "dayOfWeek": ["Monday", "Someday"]}
    [problem] = schema_org.problems(hospital(openingHoursSpecification=hours))
    assert problem.startswith("$.openingHoursSpecification.dayOfWeek[1]: 'Someday' is not a member of")


def test_nested_objects_and_graphs_are_checked():
    block = {
        "@context": "https://schema.org",
        "@graph": [hospital(), {"@type": "Physician", "address": {"@type": "PostalAddress", "floor": "5"}}],
    }
    assert schema_org.problems(block) == ["$.@graph[1].address.floor: schema.org has no property 'floor'"]
    # An object without @type is read as the type the property holds: a PostalAddress.
    [problem] = schema_org.problems(hospital(address={"streetAddress": "55 Fruit Street", "duns": "1"}))
    assert problem.startswith("$.address.duns: 'duns' is not a property of PostalAddress")


def test_phones_must_be_in_e164():
    assert schema_org.problems(hospital(telephone="617-726-2000")) == [
        "$.telephone: '617-726-2000' is not a phone number in E.164 (+16177262000)"
    ]
    assert schema_org.problems(hospital(telephone="+1-617-726-2000", faxNumber="+16177262001")) == [
        "$.telephone: '+1-617-726-2000' is not a phone number in E.164 (+16177262000)"
    ]


def test_coordinates_need_five_decimals():
    geo = {"@type": "GeoCoordinates", "latitude": 42.3626, "longitude": "-71.06882"}
    assert schema_org.problems(hospital(geo=geo)) == ["$.geo.latitude: 42.3626 has fewer than 5 decimals"]
