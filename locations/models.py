"""Places of the hospital: campus, buildings, practices, labs, garages."""

import math

from django.db import models
from django.utils.translation import gettext_lazy as _

EARTH_RADIUS_MILES = 3958.8


def miles_between(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine) in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


class LocationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)


class Location(models.Model):
    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital")
        PRACTICE = "practice", _("Outpatient practice")
        HEALTH_CENTER = "health_center", _("Community health center")
        LAB = "lab", _("Lab")
        IMAGING = "imaging", _("Imaging")
        PHARMACY = "pharmacy", _("Pharmacy")
        EMERGENCY = "emergency", _("Emergency")
        GARAGE = "garage", _("Garage")
        BUILDING = "building", _("Building")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    street = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100, default="Boston")
    state = models.CharField(_("state"), max_length=2, default="MA")
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    phone = models.CharField(_("main phone"), max_length=30, blank=True)
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Made up for the demonstration site; not a real place.")
    )

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        # The location pages come with the Find a Location app; until then, the map link.
        return self.map_url

    @property
    def address(self):
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"

    @property
    def map_url(self):
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"

    def miles_from(self, latitude, longitude):
        return miles_between(self.latitude, self.longitude, latitude, longitude)
