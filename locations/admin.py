from django.contrib import admin

from .models import Location


@admin.register(Location)
class LocationAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "city", "zip_code", "is_published", "is_demo"]
    list_filter = ["kind", "is_published", "is_demo"]
    search_fields = ["name", "street", "city", "zip_code"]
    prepopulated_fields = {"slug": ["name"]}
