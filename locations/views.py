"""Find a Location: the list of places with filters, and each place's page (a campus shows its map)."""

from datetime import timedelta
from urllib.parse import urlencode

from django.db.models import Prefetch, Q
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from toolkit import structured_data, translation
from toolkit.addresses import absolute_url
from toolkit.caching import keep_private
from toolkit.listing import FilteredListView
from toolkit.translation import translated
from toolkit.views import (
    AppLanguageChangerMixin,
    json_for_script,
    show_in_breadcrumbs,
    use_app_language_changer,
)

from . import hours
from .campus_map import campus_map
from .directions import campus_graph, closed_on_the_way, route, walkway_points
from .forms import ENTRANCES, DirectionsForm, LocationSearchForm, waypoint_value
from .models import HoursException, Location, Waypoint, squared_distance
from .steps import steps

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
                "directions_here": directions_here(location),
            }
        )
        return context


def directions_here(location):
    """Links to directions to `location` from the nearest garage (its own, if it is on the walkways)
    and from the nearest transit stop, or None for a place the walkways do not reach. No query: the
    walkways are the kept graph, whose waypoints carry their buildings."""
    graph = campus_graph()
    walkable = graph.graph["places"]
    if location.pk not in walkable and location.parent_id not in walkable:
        return None
    waypoints = walkway_points(graph)

    def nearest(candidates):
        return min(
            candidates,
            key=lambda w: (location.miles_from(w.latitude, w.longitude), w.pk),
            default=None,
        )

    url = reverse("locations:directions")
    links = {}
    garages = [w for w in waypoints if w.building_id and w.building.kind == Location.Kind.GARAGE]
    if location.kind == Location.Kind.GARAGE:
        garages = []  # directions to a garage start from the stop, not from a garage
    elif location.parking_id in walkable:
        links["garage"] = (location.parking.name, location.parking.slug)
    if "garage" not in links and (garage := nearest(garages)) is not None:
        links["garage"] = (garage.building.name, garage.building.slug)
    if (stop := nearest([w for w in waypoints if w.kind == Waypoint.Kind.TRANSIT_STOP])) is not None:
        links["stop"] = (translated(stop, "name"), waypoint_value(stop))
    return {
        name: {"name": label, "url": f"{url}?{urlencode({'from': value, 'to': location.slug})}"}
        for name, (label, value) in links.items()
    }


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


def directions_choices(graph, places):
    """The directions form's choices, grouped: (origins, targets), each [(group, [(value, label,
    object)])]. Waypoints come from the kept graph, `places` are the published places on the walkways
    and in their buildings (one query, made by the caller)."""
    walkable = graph.graph["places"]
    waypoints = sorted(walkway_points(graph), key=lambda w: translation.sort_key(w.name))

    def waypoint_rows(kinds):
        return [
            (waypoint_value(w), translated(w, "name"), w)
            for w in waypoints
            if w.kind in kinds and w.floor == 1
        ]

    def place_rows(test):
        return [(p.slug, p.name, p) for p in places if test(p)]

    garages = place_rows(lambda p: p.kind == Location.Kind.GARAGE and p.pk in walkable)
    buildings = place_rows(lambda p: p.kind != Location.Kind.GARAGE and p.pk in walkable)
    inside = place_rows(lambda p: p.pk not in walkable and p.parent_id in walkable)
    origins = [
        (_("Garages"), garages),
        (_("Transit stops"), waypoint_rows({Waypoint.Kind.TRANSIT_STOP})),
        (_("Entrances"), waypoint_rows(ENTRANCES)),
        (_("Buildings"), buildings),
    ]
    targets = [(_("Buildings"), buildings), (_("Places in a building"), inside), (_("Garages"), garages)]
    return [g for g in origins if g[1]], [g for g in targets if g[1]]


def directions(request):
    """Directions on campus: a GET form (shareable, works without JavaScript), the route's steps in
    plain words, its distance and time, and the route on the campus map. A constant number of
    queries whatever the size of the campus: the walkways are the process's kept graph."""
    use_app_language_changer(request)
    show_in_breadcrumbs(request, (_("Directions on campus"), reverse("locations:directions")))
    graph = campus_graph()
    walkable = set(graph.graph["places"])
    places = list(
        Location.objects.published()
        .filter(Q(pk__in=walkable) | Q(parent_id__in=walkable))
        .select_related("parent")
        .order_by("name")
    )
    origins, targets = directions_choices(graph, places)
    form = DirectionsForm(request.GET, origins, targets)
    form.is_valid()
    data = form.cleaned_data
    origin, target = data.get("from"), data.get("to")
    found = found_steps = None
    closures = []
    if origin is not None and target is not None:
        found = route(
            origin, target, step_free=data.get("step_free", False), indoors=data.get("indoors", False)
        )
        found_steps = steps(found, target)
        if not found.found:
            closed = closed_on_the_way(origin, target, step_free=found.step_free, indoors=found.indoors)
            closures = list(dict.fromkeys(filter(None, (translated(c, "closure_note") for c in closed))))
    # The campus's map as its own page draws it: all its buildings, numbered as there.
    campus = next((p.parent for p in places if p.parent and p.parent.kind == Location.Kind.HOSPITAL), None)
    buildings = []
    if campus is not None:
        buildings = list(Location.objects.published().filter(parent=campus).order_by("name"))
    to_value = request.GET.get("to", "") if target is not None else ""
    response = TemplateResponse(
        request,
        "locations/directions.html",
        {
            "form": form,
            "origin": origin,
            "target": target,
            "route": found,
            "steps": found_steps,
            "closures": closures,
            "campus": campus,
            "buildings": buildings,
            "campus_map": campus_map(campus, buildings, route=found, steps=found_steps or (), to=to_value)
            if campus is not None
            else None,
        },
    )
    # A place not in the lists is what a visitor typed, which the message repeats: kept nowhere.
    return keep_private(response) if "from" in form.errors or "to" in form.errors else response
