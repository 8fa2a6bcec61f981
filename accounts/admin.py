"""The security record in the admin: for administrators (superusers) only, and read-only."""

from django.contrib import admin

from toolkit.admin import ReadOnlyAdminMixin

from .models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "action", "username", "address", "target", "detail"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["username", "target", "=address"]
    date_hierarchy = "at"
    readonly_fields = ["at", "action", "user", "username", "address", "target", "detail"]

    def has_module_permission(self, request):
        return request.user.is_active and request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_active and request.user.is_superuser
