"""How staff keep places true: addresses, services, weekly hours and dated exceptions in one form;
and the campus's walkways (waypoints and the connections between them) that directions follow."""

import itertools

from django.contrib import admin, messages
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .campus_map import HEIGHT, Projection
from .models import Connection, HoursException, Location, OpeningHours, Service, Waypoint


class OpeningHoursInline(admin.TabularInline):
    model = OpeningHours
    extra = 0
    max_num = 7  # one row per weekday
    fields = ["weekday", "opens", "closes", "closes_next_day", "is_closed", "is_24_hours"]


class HoursExceptionInline(TranslationTabularInline):
    model = HoursException
    extra = 0
    fields = ["date", "reason", "opens", "closes", "closes_next_day", "is_closed", "is_24_hours"]


# The texts a visitor reads (ways in, parking, transit, reasons, service names) in English and
# Spanish, one under the other (TranslationAdmin: locations/translation.py).
@admin.register(Location)
class LocationAdmin(TranslationAdmin):
    list_display = ["name", "kind", "parent", "city", "zip_code", "is_published", "is_demo"]
    list_filter = ["kind", "is_published", "is_demo", "services"]
    # Also what doctors' PracticeInline autocomplete searches.
    search_fields = ["name", "street", "city", "zip_code", "services__name_en", "services__name_es"]
    list_select_related = ["parent"]
    prepopulated_fields = {"slug": ["name"]}
    autocomplete_fields = ["parent", "parking"]
    filter_horizontal = ["services"]
    inlines = [OpeningHoursInline, HoursExceptionInline]
    readonly_fields = ["footprint_preview"]

    @admin.display(description=_("footprint preview"))
    def footprint_preview(self, location):
        """The saved footprint drawn as the campus map draws it (north up, no map tiles from
        elsewhere), with the place's own point: a slip in the numbers shows as a wrong shape."""
        if not location.footprint:
            return _("No footprint saved yet. Paste a GeoJSON Polygon above and save to see it here.")
        return footprint_svg(location)

    def changelist_view(self, request, extra_context=None):
        if Location.objects.filter(is_demo=True).exists():
            messages.info(
                request,
                _("Locations marked “demo data” are made up for the demo site: they are not real places."),
            )
        return super().changelist_view(request, extra_context)


@admin.register(Service)
class ServiceAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Waypoint)
class WaypointAdmin(TranslationAdmin):
    list_display = ["name", "kind", "building", "floor"]
    list_filter = ["kind", "floor"]
    search_fields = [
        "name_en",
        "name_es",
        "building__name",
    ]  # also what ConnectionAdmin's autocomplete searches
    list_select_related = ["building"]
    autocomplete_fields = ["building"]
    fields = ["name", "kind", "building", "floor", "latitude", "longitude"]


@admin.register(Connection)
class ConnectionAdmin(TranslationAdmin):
    list_display = ["__str__", "kind", "indoors", "is_step_free", "length", "closed_from", "closed_until"]
    list_filter = ["kind", "indoors", ("closed_from", admin.EmptyFieldListFilter)]
    search_fields = ["start__name_en", "end__name_en", "start__name_es", "end__name_es"]
    list_select_related = ["start", "end"]
    autocomplete_fields = ["start", "end"]
    fieldsets = [
        (None, {"fields": ["start", "end", "kind", "indoors", "length"]}),
        (
            _("Closure"),
            {
                "fields": ["closed_from", "closed_until", "closure_note"],
                "description": _("Directions avoid it from the first day to the last, both included."),
            },
        ),
    ]

    @admin.display(boolean=True, description=_("step-free"))
    def is_step_free(self, connection):
        return connection.step_free


PREVIEW_WIDTH = 240  # px on the page; the drawing is the campus map's own, scaled down


def footprint_svg(location):
    """An SVG of `location`'s footprint (every ring) and its point, projected as the campus map
    projects them (north up, one scale for both axes)."""
    rings = [[(lat, lon) for lon, lat, *_altitude in ring] for ring in location.footprint["coordinates"]]
    here = (location.latitude, location.longitude)
    project = Projection([*itertools.chain.from_iterable(rings), here], location.latitude)
    shapes = format_html_join(
        "",
        '<polygon points="{}" fill="#dbe7f3" stroke="#1d4f7c" stroke-width="2"></polygon>',
        ((" ".join("{},{}".format(*project(*point)) for point in ring),) for ring in rings),
    )
    x, y = project(*here)
    return format_html(
        '<svg class="footprint-preview" width="{shown}" height="{shown_height}" '
        'viewBox="0 0 {width} {height}" role="img" aria-label="{label}">{shapes}'
        '<circle cx="{x}" cy="{y}" r="6" fill="#b3261e"></circle></svg>',
        shown=PREVIEW_WIDTH,
        shown_height=round(PREVIEW_WIDTH * HEIGHT / project.width),
        width=project.width,
        height=HEIGHT,
        label=_("Outline of %(name)s as saved, north up; the dot is its latitude and longitude.")
        % {"name": location.name},
        shapes=shapes,
        x=x,
        y=y,
    )
