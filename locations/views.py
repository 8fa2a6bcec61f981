"""Find a Location: the list of places with filters, and each place's page (a campus shows its map)."""

from datetime import timedelta

from django.db.models import Prefetch
from django.template.response import TemplateResponse
from django.utils.functional import cached_property
from django.views.generic import DetailView

from toolkit import structured_data
from toolkit.addresses import absolute_url
from toolkit.listing import FilteredListView
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

DOCTORS_SHOWN = 12
EXCEPTIONS_AHEAD = 60  # days of holidays and special hours a page shows


def with_hours(queryset, today):
    """Prefetch what opening hours need: the weekly rows, and the exceptions near today."""
    exceptions = HoursException.objects.filter(
        date__gte=today - timedelta(days=1), date__lt=today + timedelta(days=EXCEPTIONS_AHEAD)
    )
    return queryset.prefetch_related("hours", Prefetch("hours_exceptions", queryset=exceptions))


class LocationListView(FilteredListView):
    template_name = "locations/location_list.html"
    form_class = LocationSearchForm
    context_object_name = "locations"

    @cached_property
    def now(self):
        """The hospital's time for the whole request: what is open, and the hours on the cards."""
        return hours.local_now()

    def matching(self, data):
        locations = Location.objects.published()
        if data.get("q"):
            locations = locations.matching(data["q"])
        if data.get("kind"):
            locations = locations.filter(kind=data["kind"])
        if data.get("service"):
            linked = Location.services.through.objects.filter(service=data["service"]).values("location_id")
            locations = locations.filter(pk__in=linked)
        if data.get("open_now"):
            locations = locations.open_at(self.now)
        return locations

    def ordered_ids(self, locations):
        """By name, or by distance from a ZIP code (equirectangular, as in the directory)."""
        origin = self.data.get("zip")
        if self.data.get("sort") == LocationSearchForm.SORT_DISTANCE and origin:
            locations = locations.annotate(distance_sq=squared_distance(origin)).order_by(
                "distance_sq", "name", "pk"
            )
        else:
            locations = locations.order_by("name", "pk")
        return locations.values_list("pk", flat=True)

    def cards(self):
        return with_hours(Location.objects.select_related("parent"), self.now.date())

    def annotate(self, locations):
        origin = self.data.get("zip")
        for location in locations:
            location.status = hours.status(location, self.now)
            if origin:
                location.miles = location.miles_from(origin["latitude"], origin["longitude"])

    def chip_removes(self, name):
        # Unlike the directory's, this list's ZIP code chip drops any sort order with it.
        return [name, "sort"] if name == "zip" else [name]


location_list = LocationListView.as_view()


class LocationDetailView(AppLanguageChangerMixin, DetailView):
    template_name = "locations/location_detail.html"
    context_object_name = "location"

    def get_queryset(self):
        return self.with_page_data(Location.objects.published())

    @staticmethod
    def with_page_data(locations):
        """`locations` with what their page shows fetched along: places inside, hours, services."""
        today = hours.local_now().date()
        children = with_hours(
            Location.objects.published().prefetch_related("services").order_by("name"), today
        )
        return with_hours(
            locations.select_related("parent", "parent__parent", "parking").prefetch_related(
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


def render_location(request, location):
    """The place's page in the CMS editor and preview, where staff write its text (even unpublished)."""
    view = LocationDetailView()
    view.setup(request, slug=location.slug)
    use_app_language_changer(request)
    view.object = view.get_object(view.with_page_data(Location.objects.all()))
    return TemplateResponse(request, view.template_name, view.get_context_data(object=view.object))


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
        "geo": structured_data.geo(location.latitude, location.longitude),
        "openingHoursSpecification": hours.opening_hours_specification(location),
    }
    if telephone := structured_data.telephone(location.phone):
        data["telephone"] = telephone
    if fax := structured_data.telephone(location.fax):
        data["faxNumber"] = fax
    return json_for_script(data)
