"""How staff keep places true: addresses, services, weekly hours and dated exceptions in one form."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from .models import HoursException, Location, OpeningHours, Service


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
