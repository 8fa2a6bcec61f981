"""Review requests for publishers, the alert banner's schedule, and django CMS's page admin with
what changes the live site at once kept for publishers."""

from cms.admin.pageadmin import PageAdmin
from cms.models import Page
from cms.utils import page_permissions
from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from djangocms_versioning import constants
from djangocms_versioning.helpers import get_version_for_content
from djangocms_versioning.models import Version

from .models import AlertSchedule, ReviewRequest


def preview_url(version):
    content = version.content
    return content.get_absolute_url() if hasattr(content, "get_absolute_url") else ""


@admin.register(ReviewRequest)
class ReviewRequestAdmin(admin.ModelAdmin):
    list_display = ["title", "requested_by", "requested_at", "status", "decided_by", "preview"]
    list_filter = ["status"]
    readonly_fields = [
        "title",
        "version",
        "note",
        "requested_by",
        "requested_at",
        "decided_by",
        "decided_at",
        "preview",
    ]
    fields = ["title", "preview", "note", "requested_by", "requested_at", "status", "comment", "decided_by",
              "decided_at"]  # fmt: skip
    actions = ["approve_and_publish"]

    def has_add_permission(self, request):
        return False  # made from the CMS toolbar, on the draft itself

    @admin.display(description=_("draft"))
    def preview(self, obj):
        from cms.toolbar.utils import get_object_preview_url

        return format_html(
            '<a href="{}">{}</a>', get_object_preview_url(obj.version.content), _("Preview the draft")
        )

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if obj is not None and obj.status != ReviewRequest.Status.PENDING:
            fields += ["status", "comment"]
        return fields

    def save_model(self, request, obj, form, change):
        if "status" in form.changed_data and obj.status != ReviewRequest.Status.PENDING:
            if obj.status == ReviewRequest.Status.APPROVED and not self._publish(request, obj):
                return
            obj.decided_by, obj.decided_at = request.user, timezone.now()
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Approve and publish the selected drafts"), permissions=["change"])
    def approve_and_publish(self, request, queryset):
        done = 0
        for review in queryset.filter(status=ReviewRequest.Status.PENDING).select_related("version"):
            if self._publish(request, review):
                review.status = ReviewRequest.Status.APPROVED
                review.decided_by, review.decided_at = request.user, timezone.now()
                review.save()
                done += 1
        message = ngettext("%(count)d draft published.", "%(count)d drafts published.", done)
        self.message_user(request, message % {"count": done}, messages.SUCCESS)

    def _publish(self, request, review):
        version = Version.objects.get(pk=review.version_id)
        if not version.has_publish_permission(request.user):
            raise PermissionDenied
        if version.state != constants.DRAFT:
            self.message_user(
                request,
                _("“%(title)s” is no longer a draft (it was published or archived meanwhile).")
                % {"title": review},
                messages.WARNING,
            )
            return False
        version.publish(request.user)
        return True

    def get_urls(self):
        return [
            path(
                "submit/<int:version_id>/",
                self.admin_site.admin_view(self.submit_view),
                name="editorial_reviewrequest_submit",
            ),
            *super().get_urls(),
        ]

    def submit_view(self, request, version_id):
        """An editor sends their draft to the publishers, with a note."""
        version = get_object_or_404(Version, pk=version_id)
        if not (
            request.user.has_perm("editorial.add_reviewrequest")
            and version.has_change_permission(request.user)
        ):
            raise PermissionDenied
        back = request.GET.get("next") or request.POST.get("next") or ""
        # A path of this site only: redirect() would take anything else without a "/" for a view name.
        if not back.startswith("/") or not url_has_allowed_host_and_scheme(
            back, {request.get_host()}, request.is_secure()
        ):
            back = ""
        form = SubmitForm(request.POST or None)
        if version.state != constants.DRAFT:
            messages.warning(request, _("Only a draft can be sent for review."))
            return redirect(back or "admin:editorial_reviewrequest_changelist")
        if request.method == "POST" and form.is_valid():
            review, created = ReviewRequest.objects.get_or_create(
                version=version,
                status=ReviewRequest.Status.PENDING,
                defaults={
                    "title": str(version.content),
                    "requested_by": request.user,
                    "note": form.cleaned_data["note"],
                },
            )
            messages.success(request, _("“%(title)s” was sent for review.") % {"title": review.title})
            return redirect(back or reverse("admin:editorial_reviewrequest_changelist"))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Send “%(title)s” for review") % {"title": version.content},
            "form": form,
            "next": back,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "editorial/submit_for_review.html", context)


class SubmitForm(forms.Form):
    note = forms.CharField(
        label=_("Note to the publisher (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


@admin.register(AlertSchedule)
class AlertScheduleAdmin(admin.ModelAdmin):
    list_display = ["__str__", "starts_at", "ends_at"]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not AlertSchedule.objects.exists()


def may_change_live_site(user, page):
    """Whether `user` may change what visitors see of `page` without a review: who may publish it."""
    return page_permissions.user_can_publish_page(user, page, site=page.site)


class ReviewedPageAdmin(PageAdmin):
    """django CMS's page admin, where what changes the live site at once takes a publisher.

    A page's advanced settings (login required, apphook, reverse id, navigation extender), its
    place in the tree (its address), deleting it and making it the home page are kept on the Page
    itself, outside djangocms-versioning: saved, they are public at once, with no draft to review.
    So they take the permission to publish, as publishing does; editors send drafts for review.
    CMS_PERMISSION stays off: it would add view restrictions, and their queries, to every page.
    """

    def has_change_advanced_settings_permission(self, request, obj=None):
        return super().has_change_advanced_settings_permission(request, obj) and may_change_live_site(
            request.user, obj
        )

    def has_move_page_permission(self, request, obj=None):
        return super().has_move_page_permission(request, obj) and may_change_live_site(request.user, obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and may_change_live_site(request.user, obj)

    def set_home(self, request, object_id):
        page = self.get_object(request, object_id=object_id)
        home = Page.objects.filter(is_home=True, site=page.site_id).first() if page else None
        if page and not all(may_change_live_site(request.user, p) for p in (page, home) if p):
            raise PermissionDenied
        return super().set_home(request, object_id)

    def edit_title_fields(self, request, page_id, language):
        # The toolbar's in-place title editor changes the page's latest content, which is the
        # published one when there is no draft: only a draft may be changed (djangocms-versioning).
        page = self.get_object(request, object_id=page_id)
        content = page.get_admin_content(language) if page else None
        if content and not get_version_for_content(content).check_modify.as_bool(request.user):
            raise PermissionDenied
        return super().edit_title_fields(request, page_id, language)


admin.site.unregister(Page)
admin.site.register(Page, ReviewedPageAdmin)
