"""Find a Location: the list of places with filters, and each place's page (a campus shows its map)."""

from datetime import timedelta

from django.db.models import Prefetch
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from toolkit.addresses import absolute_url
from toolkit.listing import FetchedByIds, paginate, query_without
from toolkit.views import (
    AppLanguageChangerMixin,
    json_for_script,
    show_in_breadcrumbs,
    use_app_language_changer,
)

from . import hours
from .campus_map import campus_map
from .forms import LocationSearchForm
from .models import HoursException, Location, squared_distance

PAGE_SIZE = 20
DOCTORS_SHOWN = 12
EXCEPTIONS_AHEAD = 60  # days of holidays and special hours a page shows


def with_hours(queryset, today):
    """Prefetch what opening hours need: the weekly rows, and the exceptions near today."""
    exceptions = HoursException.objects.filter(
        date__gte=today - timedelta(days=1), date__lt=today + timedelta(days=EXCEPTIONS_AHEAD)
    )
    return queryset.prefetch_related("hours", Prefetch("hours_exceptions", queryset=exceptions))


def location_list(request):
    use_app_language_changer(request)
    form = LocationSearchForm(request.GET or None)
    data = form.valid_data() if form.is_bound else {}
    now = hours.local_now()
    matches = filtered_locations(data, now)
    ordered = sort_locations(matches, data)
    cards = with_hours(Location.objects.select_related("parent"), now.date())
    page, page_message = paginate(request, FetchedByIds(ordered, cards), matches.count(), PAGE_SIZE)
    locations = list(page.object_list)
    origin = data.get("zip")
    for location in locations:
        location.status = hours.status(location, now)
        if origin:
            location.miles = location.miles_from(origin["latitude"], origin["longitude"])

    context = {
        "form": form,
        "page_obj": page,
        "locations": locations,
        "count": page.paginator.count,
        "page_message": page_message,
        "active_filters": active_filters(request, form, data),
        "query_string": query_without(request, "page"),
    }
    return render(request, "locations/location_list.html", context)


def filtered_locations(data, now):
    locations = Location.objects.published()
    if data.get("q"):
        locations = locations.matching(data["q"])
    if data.get("kind"):
        locations = locations.filter(kind=data["kind"])
    if data.get("service"):
        linked = Location.services.through.objects.filter(service=data["service"]).values("location_id")
        locations = locations.filter(pk__in=linked)
    if data.get("open_now"):
        locations = locations.open_at(now)
    return locations


def sort_locations(locations, data):
    """The matching ids by name, or by distance from a ZIP code (equirectangular, as in the directory)."""
    origin = data.get("zip")
    if data.get("sort") == LocationSearchForm.SORT_DISTANCE and origin:
        locations = locations.annotate(distance_sq=squared_distance(origin)).order_by(
            "distance_sq", "name", "pk"
        )
    else:
        locations = locations.order_by("name", "pk")
    return locations.values_list("pk", flat=True)


def active_filters(request, form, data):
    """Each filter in use, with its label and the URL of the same list without it."""
    labels = {
        "q": lambda value: _("Search: “%(q)s”") % {"q": value},
        "kind": lambda value: dict(Location.Kind.choices)[value],
        "service": str,
        "open_now": lambda value: _("Open now"),
        "zip": lambda value: _("Near %(zip)s") % {"zip": value["code"]},
    }
    filters = []
    for name in LocationSearchForm.FILTERS:
        if name in data:
            removed = ["page", name] + (["sort"] if name == "zip" else [])
            filters.append({"label": labels[name](data[name]), "url": "?" + query_without(request, *removed)})
    return filters


class LocationDetailView(AppLanguageChangerMixin, DetailView):
    template_name = "locations/location_detail.html"
    context_object_name = "location"

    def get_queryset(self):
        today = hours.local_now().date()
        children = with_hours(
            Location.objects.published().prefetch_related("services").order_by("name"), today
        )
        return with_hours(
            Location.objects.published()
            .select_related("parent", "parent__parent", "parking")
            .prefetch_related(
                "services", Prefetch("children", queryset=children, to_attr="published_children")
            ),
            today,
        )

    def get_object(self, queryset=None):
        location = super().get_object(queryset)
        ancestors = [p for p in (location.parent and location.parent.parent, location.parent) if p]
        show_in_breadcrumbs(self.request, *ancestors, location)
        return location

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        location = self.object
        now = hours.local_now()
        doctors = location.doctors.filter(is_published=True).order_by("last_name", "first_name")
        for child in location.published_children:
            child.status = hours.status(child, now)
        context.update(
            {
                "status": hours.status(location, now),
                "week": hours.week(location, now.date()),
                "exceptions": hours.upcoming_exceptions(location, now.date()),
                "doctors": doctors[:DOCTORS_SHOWN],
                "doctor_count": doctors.count(),
                "places_inside": location.published_children,
                "campus_map": campus_map(location, location.published_children)
                if location.kind == Location.Kind.HOSPITAL
                else None,
                "json_ld": location_json_ld(self.request, location),
            }
        )
        return context


SCHEMA_TYPES = {
    Location.Kind.HOSPITAL: "Hospital",
    Location.Kind.EMERGENCY: "EmergencyService",
    Location.Kind.GARAGE: "ParkingFacility",
    Location.Kind.PHARMACY: "Pharmacy",
    Location.Kind.BUILDING: "Place",
}


def location_json_ld(request, location):
    data = {
        "@context": "https://schema.org",
        "@type": SCHEMA_TYPES.get(location.kind, "MedicalClinic"),
        "name": location.name,
        "url": absolute_url(location.get_absolute_url()),
        "address": {
            "@type": "PostalAddress",
            "streetAddress": location.street,
            "addressLocality": location.city,
            "addressRegion": location.state,
            "postalCode": location.zip_code,
            "addressCountry": "US",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": location.latitude, "longitude": location.longitude},
        "openingHoursSpecification": hours.opening_hours_specification(location),
    }
    if location.phone:
        data["telephone"] = location.phone
    return json_for_script(data)
