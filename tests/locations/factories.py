"""Factories for the models of the locations app."""

import factory
from django.utils.text import slugify

from locations.models import Location


class LocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Location
        django_get_or_create = ["slug"]

    kind = Location.Kind.PRACTICE
    name = factory.Sequence(lambda n: f"Practice {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))
    street = "1 Test Street"
    zip_code = "02114"
    latitude = 42.3626
    longitude = -71.0688
    phone = "617-555-0100"
