"""Factories for the directory's tests."""

import factory
from django.utils.text import slugify

from doctors.models import Condition, Doctor, Language, Practice, Specialty, npi_check_digit


class SpecialtyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Specialty
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Specialty {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Condition
        django_get_or_create = ["slug"]
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Condition {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))

    @factory.post_generation
    def specialties(self, create, extracted, **kwargs):
        if create and extracted:
            self.specialties.set(extracted)


class LanguageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Language
        django_get_or_create = ["slug"]

    name = factory.Sequence(lambda n: f"Language {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class DoctorFactory(factory.django.DjangoModelFactory):
    """A published doctor; pass specialties=, conditions=, languages=, locations= lists."""

    class Meta:
        model = Doctor

    first_name = factory.Sequence(lambda n: f"Avery{n}")
    last_name = factory.Sequence(lambda n: f"Testperson{n}")
    credentials = "MD"
    slug = factory.LazyAttribute(lambda o: slugify(f"{o.first_name} {o.last_name}"))
    npi = factory.Sequence(lambda n: f"1{n:08d}" + npi_check_digit(f"1{n:08d}"))
    accepting_new_patients = Doctor.Accepting.YES

    @classmethod
    def _create(cls, model_class, *args, specialties=(), conditions=(), languages=(), locations=(), **kwargs):
        doctor = super()._create(model_class, *args, **kwargs)
        doctor.specialties.set(specialties)
        doctor.conditions.set(conditions)
        doctor.languages.set(languages)
        for order, location in enumerate(locations):
            Practice.objects.create(doctor=doctor, location=location, phone="617-555-0123", order=order)
        doctor.refresh_search_text()
        return doctor
