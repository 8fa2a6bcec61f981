"""The demo directory: idempotent, coherent, and fictional clinicians only."""

import re

import pytest

from demo.doctors import DEMO_NOTE, ensure_directory
from doctors.models import (
    BoardCertification,
    Condition,
    Department,
    Doctor,
    Language,
    Practice,
    Specialty,
    Training,
    validate_npi,
)
from locations.models import Location

pytestmark = pytest.mark.django_db


def row_counts():
    return {
        "doctors": Doctor.objects.count(),
        "practices": Practice.objects.count(),
        "training": Training.objects.count(),
        "certifications": BoardCertification.objects.count(),
        "doctor specialties": Doctor.specialties.through.objects.count(),
        "doctor conditions": Doctor.conditions.through.objects.count(),
        "doctor languages": Doctor.languages.through.objects.count(),
        "condition specialties": Condition.specialties.through.objects.count(),
        "specialties": Specialty.objects.count(),
        "conditions": Condition.objects.count(),
        "departments": Department.objects.count(),
        "languages": Language.objects.count(),
        "locations": Location.objects.count(),
    }


@pytest.fixture
def directory():
    return ensure_directory(40)


def test_creates_the_doctors_asked_for_and_a_second_run_changes_nothing(directory):
    assert directory["doctors_created"] == 40
    assert directory["doctors"] == Doctor.objects.count() == 40
    before = row_counts()
    assert before["practices"] >= 40 and before["training"] >= 80 and before["certifications"] == 40

    again = ensure_directory(40)

    assert again["doctors_created"] == 0
    assert again["doctors"] == 40
    assert row_counts() == before


def test_a_larger_count_tops_the_directory_up(directory):
    first = set(Doctor.objects.values_list("pk", flat=True))

    result = ensure_directory(50)

    assert result["doctors_created"] == 10
    assert Doctor.objects.count() == 50
    assert first < set(Doctor.objects.values_list("pk", flat=True))
    assert len(set(Doctor.objects.values_list("slug", flat=True))) == 50
    # Fewer than there are: nothing is created, nothing removed.
    assert ensure_directory(5)["doctors_created"] == 0
    assert Doctor.objects.count() == 50


def test_reruns_with_the_same_seed_make_the_same_doctors():
    ensure_directory(20, seed=7)
    names = list(Doctor.objects.order_by("pk").values_list("full_name", "npi"))
    Doctor.objects.all().delete()

    ensure_directory(20, seed=7)

    assert list(Doctor.objects.order_by("pk").values_list("full_name", "npi")) == names


def test_every_npi_is_valid_and_unique(directory):
    ensure_directory(50)
    npis = list(Doctor.objects.values_list("npi", flat=True))
    for npi in npis:
        validate_npi(npi)
        assert npi[0] in "12"
    assert len(set(npis)) == len(npis)


def test_doctors_are_fictional_and_filled_in(directory):
    assert "fictional" in DEMO_NOTE
    for doctor in Doctor.objects.select_related("interests").prefetch_related(
        "specialties", "languages", "training", "certifications"
    ):
        assert doctor.is_demo
        assert doctor.full_name == f"{doctor.first_name} {doctor.last_name}"
        assert doctor.credentials in {"MD", "MD, PhD", "DO", "NP", "PA-C"}
        assert doctor.department_id
        assert 1 <= len(doctor.specialties.all()) <= 2
        assert 1 <= len(doctor.languages.all()) <= 3
        assert 2 <= len(doctor.training.all()) <= 3
        assert len(doctor.certifications.all()) == 1
        assert doctor.interests.text_en and doctor.interests.text_es
    # A few stay unpublished, so the directory's tests can check they never show.
    assert Doctor.objects.filter(is_published=False).exists()
    assert Doctor.objects.filter(is_published=True).count() > 35


def test_every_doctors_conditions_are_treated_by_one_of_their_specialties(directory):
    for doctor in Doctor.objects.prefetch_related("specialties__conditions", "conditions"):
        treated = {c.pk for s in doctor.specialties.all() for c in s.conditions.all()}
        conditions = {c.pk for c in doctor.conditions.all()}
        assert 3 <= len(conditions) <= 8
        assert conditions <= treated, doctor


def test_every_doctor_practises_somewhere_published_that_is_not_a_garage(directory):
    for doctor in Doctor.objects.prefetch_related("practices__location"):
        practices = doctor.practices.all()
        assert 1 <= len(practices) <= 3
        for practice in practices:
            assert practice.location.is_published
            assert practice.location.kind in {"building", "health_center", "practice"}
            assert re.fullmatch(r"\d{3}-555-01\d\d", practice.phone)


def test_search_text_holds_the_names_of_the_doctors_specialties(directory):
    for doctor in Doctor.objects.select_related("department").prefetch_related("specialties", "conditions"):
        for specialty in doctor.specialties.all():
            assert specialty.name.lower() in doctor.search.text
        assert doctor.full_name.lower() in doctor.search.text
        # The same words as the model builds when an editor saves the doctor.
        assert sorted(doctor.search.text.split()) == sorted(doctor.build_search_text().split())


def test_the_vocabulary_maps_plain_words_to_specialties(directory):
    chest_pain = Condition.objects.get(name="Chest pain")
    assert {"Cardiology", "Pulmonology"} <= {s.name for s in chest_pain.specialties.all()}
    migraine = Condition.objects.get(name="Migraine")
    assert "headache" in migraine.terms
    assert [s.name for s in migraine.specialties.all()] == ["Neurology"]
    assert "ENT" in Specialty.objects.get(name="Otolaryngology").terms
    assert Specialty.objects.get(name="Electrophysiology").parent.name == "Cardiology"
    assert Language.objects.get(name="Spanish").code == "es"
    assert Specialty.objects.count() >= 30 and Condition.objects.count() >= 80


def test_editors_changes_to_the_vocabulary_are_kept(directory):
    cardiology = Specialty.objects.get(slug="cardiology")
    cardiology.synonyms = "heart doctor"
    cardiology.save()
    chest_pain = Condition.objects.get(name="Chest pain")
    chest_pain.specialties.remove(Specialty.objects.get(slug="pulmonology"))

    ensure_directory(40)

    assert Specialty.objects.get(slug="cardiology").synonyms == "heart doctor"
    assert [s.slug for s in chest_pain.specialties.all()] == ["cardiology"]


def test_the_main_campus_its_buildings_and_community_sites(directory):
    campus = Location.objects.get(slug="massachusetts-general-hospital")
    assert campus.kind == "hospital" and not campus.is_demo
    assert campus.address == "55 Fruit Street, Boston, MA 02114"
    assert campus.phone == "617-726-2000"
    buildings = Location.objects.filter(kind="building")
    assert buildings.count() >= 10
    assert all(b.parent == campus and b.is_demo and b.street == "55 Fruit Street" for b in buildings)
    assert all(b.miles_from(campus.latitude, campus.longitude) < 0.3 for b in buildings)
    assert set(Location.objects.filter(kind="garage").values_list("name", flat=True)) == {
        "Parkman Street Garage",
        "Fruit Street Garage",
    }
    community = Location.objects.filter(kind__in=["health_center", "practice"])
    assert community.count() >= 8
    for site in community:
        assert site.is_demo
        assert re.fullmatch(r"\d{3}-555-01\d\d", site.phone)
        assert re.fullmatch(r"0\d{4}", site.zip_code)
        assert site.miles_from(campus.latitude, campus.longitude) < 25
