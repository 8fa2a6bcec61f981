from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .feeds import FeedError, import_feed
from .models import Feed, Slot


@admin.register(Feed)
class FeedAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "imported_at"]
    readonly_fields = ["transaction_time", "imported_at", "last_report"]
    actions = ["import_now"]

    @admin.action(description=_("Read the chosen feeds now"))
    def import_now(self, request, queryset):
        for feed in queryset:
            try:
                import_feed(feed)
            except FeedError as error:
                self.message_user(request, f"{feed}: {error}", messages.ERROR)
            else:
                self.message_user(request, f"{feed}: {feed.last_report}")


@admin.register(Slot)
class SlotAdmin(admin.ModelAdmin):
    """The open times as the feeds give them, to look at: the scheduling system is where they change."""

    list_display = ["schedule", "start", "end", "status", "new_patients", "held_until"]
    list_filter = ["status", "new_patients", "schedule__video"]
    list_select_related = ["schedule__practice__doctor", "schedule__practice__location"]
    date_hierarchy = "start"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
