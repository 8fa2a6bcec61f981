"""The places' texts in each language (django-modeltranslation; see doctors/translation.py for why):
service names, the ways in, parking, transit, and the reasons for special hours. Place names are
proper names and stay as they are."""

from modeltranslation.translator import TranslationOptions, register

from .models import HoursException, Location, Service


@register(Service)
class ServiceOptions(TranslationOptions):
    fields = ["name"]
    required_languages = ["en"]
    empty_values = {"name": None}  # unique: an unwritten name is NULL


@register(Location)
class LocationOptions(TranslationOptions):
    fields = ["entrance", "accessibility", "parking_rates", "transit"]


@register(HoursException)
class HoursExceptionOptions(TranslationOptions):
    fields = ["reason"]
    required_languages = ["en"]
