"""How staff keep places true: addresses, services, weekly hours and dated exceptions in one form;
and the campus's walkways (waypoints and the connections between them) that directions follow."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

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
