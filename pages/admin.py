from cms.extensions import PageContentExtensionAdmin, PageExtensionAdmin
from cms.models import PageContent
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from .models import NoticeReview, SocialSharing, Tagline


@admin.register(SocialSharing)
class SocialSharingAdmin(PageContentExtensionAdmin):
    """Chosen on a draft, like the rest of the page: what visitors see changes only when a draft
    that changes it is published (the toolbar offers it in edit mode only; this refuses the rest)."""

    def save_model(self, request, obj, form, change):
        if change:
            content = obj.extended_object
        else:
            content = PageContent.admin_manager.filter(pk=request.GET.get("extended_object")).first()
        if content is not None and Version.objects.get_for_content(content).state != constants.DRAFT:
            raise PermissionDenied
        super().save_model(request, obj, form, change)


@admin.register(Tagline)
class TaglineAdmin(admin.ModelAdmin):
    """The languages of the language assistance block, in the order it shows them."""

    list_display = ("autonym", "language", "position", "active")
    list_editable = ("position", "active")
    list_filter = ("active",)
    fieldsets = (
        (
            None,
            {
                "fields": ("language", "autonym", "text", "position", "active"),
                "description": _(
                    "Federal rules (45 CFR 92.11) ask for these taglines in English and the 15 languages "
                    "most commonly spoken by people with limited English in the hospital's state. The "
                    "list differs by state and changes: the hospital must confirm its own against the "
                    "list HHS publishes for its state."
                ),
            },
        ),
    )


class ReviewDueFilter(admin.SimpleListFilter):
    title = _("yearly review")
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("due", _("Due: reviewed more than a year ago")), ("current", _("Up to date"))]

    def queryset(self, request, queryset):
        if self.value() == "due":
            return queryset.due()
        if self.value() == "current":
            return queryset.exclude(pk__in=queryset.due())
        return queryset


@admin.register(NoticeReview)
class NoticeReviewAdmin(PageExtensionAdmin):
    """The notices with the day each was last reviewed, oldest first, those past their yearly review
    marked. A date is set from the notice's own page (the toolbar's Page menu, "Notice review"),
    and takes effect at once: it is not part of a version."""

    list_display = ("notice", "reviewed_on", "next_review_on", "review_due", "page_link")
    list_filter = (ReviewDueFilter,)
    ordering = ("reviewed_on",)
    list_select_related = ("extended_object",)

    def get_model_perms(self, request):
        # Unlike other page extensions, shown in the admin's index: this list is where staff see what is due.
        return admin.ModelAdmin.get_model_perms(self, request)

    def has_add_permission(self, request):
        # A review belongs to a page: it is added from that page's toolbar, which names the page.
        return "extended_object" in request.GET and super().has_add_permission(request)

    @admin.display(description=_("notice"))
    def notice(self, review):
        return str(review)

    @admin.display(description=_("next review by"))
    def next_review_on(self, review):
        return review.next_review_on

    @admin.display(description=_("review due"), boolean=True)
    def review_due(self, review):
        return review.is_due()

    @admin.display(description=_("page"))
    def page_link(self, review):
        return format_html('<a href="{}">{}</a>', review.extended_object.get_absolute_url(), _("View"))
