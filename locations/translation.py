"""The places' texts in each language (django-modeltranslation; see doctors/translation.py for why):
service names, the ways in, parking, transit, the reasons for special hours, the campus's waypoints
("Main entrance, 55 Fruit Street") and why a connection is closed. Place names are proper names and
stay as they are."""

from modeltranslation.translator import TranslationOptions, register

from .models import Connection, HoursException, Location, Service, Waypoint


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


@register(Waypoint)
class WaypointOptions(TranslationOptions):
    fields = ["name"]
    required_languages = ["en"]


@register(Connection)
class ConnectionOptions(TranslationOptions):
    fields = ["closure_note"]
