import pytest

from tests.locations.factories import LocationFactory

from .factories import ConditionFactory, DoctorFactory, LanguageFactory, SpecialtyFactory


@pytest.fixture
def directory(demo):
    """A small directory whose answers are known: four published doctors and one unpublished."""
    cardiology = SpecialtyFactory(name="Cardiology", synonyms="heart doctor\ncardiologist\nheart")
    dermatology = SpecialtyFactory(name="Dermatology", synonyms="skin doctor\ndermatologist")
    neurology = SpecialtyFactory(
        name="Neurology", synonyms="neurologist\nbrain", medical_specialty="Neurologic"
    )
    chest_pain = ConditionFactory(name="Chest pain", synonyms="chest pressure", specialties=[cardiology])
    migraine = ConditionFactory(name="Migraine", synonyms="headache\nmigraines", specialties=[neurology])
    rash = ConditionFactory(name="Rash", synonyms="skin rash\nhives", specialties=[dermatology])
    spanish, english = LanguageFactory(name="Spanish"), LanguageFactory(name="English")
    boston = LocationFactory(
        name="Fruit Street Clinic", zip_code="02114", latitude=42.3626, longitude=-71.0688
    )
    chelsea = LocationFactory(
        name="Chelsea Practice", city="Chelsea", zip_code="02150", latitude=42.3918, longitude=-71.0328
    )
    waltham = LocationFactory(
        name="Waltham Practice", city="Waltham", zip_code="02451", latitude=42.3765, longitude=-71.2356
    )
    doctors = {
        "lopez": DoctorFactory(
            first_name="Maria",
            last_name="Lopez",
            gender="female",
            offers_virtual_visits=True,
            specialties=[cardiology],
            conditions=[chest_pain],
            languages=[spanish, english],
            locations=[boston],
        ),
        "smith": DoctorFactory(
            first_name="John",
            last_name="Smith",
            gender="male",
            accepting_new_patients="referral",
            specialties=[cardiology],
            languages=[english],
            locations=[waltham],
        ),
        "silva": DoctorFactory(
            first_name="Ana",
            last_name="Silva",
            gender="female",
            accepting_new_patients="no",
            specialties=[dermatology],
            conditions=[rash],
            languages=[spanish],
            locations=[chelsea],
        ),
        "brown": DoctorFactory(
            first_name="Kevin",
            last_name="Brown",
            gender="male",
            offers_virtual_visits=True,
            specialties=[neurology],
            conditions=[migraine],
            languages=[english],
            locations=[chelsea, boston],
        ),
        "hidden": DoctorFactory(
            first_name="Hidden",
            last_name="Cardiologist",
            is_published=False,
            specialties=[cardiology],
            languages=[spanish],
            locations=[boston],
        ),
    }
    return doctors
