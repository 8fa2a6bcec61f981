"""The intake queue: staff see their departments' requests (patient financial services, the Good
Faith Estimate requests), and every look at one is recorded."""

import csv

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _

from scheduling import holds
from toolkit.admin import ReadOnlyAdminMixin

from .models import IntakeAssignment, OutgoingEmail, Request, RequestEvent

# What the patient or clinician sent: shown to staff, never changed by them.
SENT_FIELDS = [
    "reference",
    "kind",
    "created_at",
    "first_name",
    "last_name",
    "date_of_birth",
    "phone",
    "email",
    "contact_method",
    "language",
    "needs_interpreter",
    "existing_patient",
    "insurance",
    "consent",
    "specialty",
    "doctor",
    "location",
    "slot_start",
    "booking_source",
    "booking_referral",
    "preferred_days",
    "preferred_times",
    "reason",
    "diagnosis",
    "treating_doctor",
    "referrer_name",
    "referrer_npi",
    "referrer_practice",
    "referrer_phone",
    "referrer_fax",
    "referrer_email",
    "urgency",
    "coverage",
    "service_code",
    "service_when",
]


class EventInline(admin.TabularInline):
    model = RequestEvent
    fields = ["at", "username", "action", "detail"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("History: who saw or changed this request")

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Request)
class RequestAdmin(admin.ModelAdmin):
    list_display = ["reference", "kind", "status", "department", "created_at", "urgency"]
    list_filter = ["status", "kind", "department", ("created_at", admin.DateFieldListFilter), "urgency"]
    list_select_related = ["department"]
    search_fields = ["=reference"]
    date_hierarchy = "created_at"
    readonly_fields = [*SENT_FIELDS, "records", "time_held"]
    fieldsets = [
        (None, {"fields": ["reference", "kind", "created_at", "status", "department"]}),
        (
            _("Patient"),
            {
                "fields": [
                    "first_name",
                    "last_name",
                    "date_of_birth",
                    "existing_patient",
                    "phone",
                    "email",
                    "contact_method",
                    "language",
                    "needs_interpreter",
                    "insurance",
                    "consent",
                ]
            },
        ),
        (
            _("Request"),
            {
                "fields": [
                    "specialty",
                    "doctor",
                    "location",
                    "slot_start",
                    "time_held",
                    "booking_source",
                    "booking_referral",
                    "preferred_days",
                    "preferred_times",
                    "reason",
                    "diagnosis",
                    "treating_doctor",
                    "records",
                ]
            },
        ),
        (
            _("Referring clinician"),
            {
                "fields": [
                    "referrer_name",
                    "referrer_npi",
                    "referrer_practice",
                    "referrer_phone",
                    "referrer_fax",
                    "referrer_email",
                    "urgency",
                ]
            },
        ),
        (_("Good Faith Estimate"), {"fields": ["coverage", "service_code", "service_when"]}),
    ]
    inlines = [EventInline]
    actions = ["export_csv", "confirm_time", "release_time"]

    def get_queryset(self, request):
        return super().get_queryset(request).visible_to(request.user)

    def has_add_permission(self, request):
        return False  # requests come from the public forms only

    def get_readonly_fields(self, request, obj=None):
        fields = list(self.readonly_fields)
        if not request.user.has_perm("appointments.view_all_departments"):
            fields.append("department")  # passing a request on is for the central team
        return fields

    @admin.display(description=_("Medical records"))
    def records(self, obj):
        attachments = list(obj.attachments.all())
        if not attachments:
            return "-"
        return format_html(
            "<ul>{}</ul>",
            format_html_join(
                "",
                '<li><a href="{}">{}</a> ({}, {} KB)</li>',
                (
                    (
                        reverse("admin:appointments_request_file", args=[obj.pk, a.pk]),
                        a.name,
                        a.content_type,
                        a.size // 1024 or 1,
                    )
                    for a in attachments
                ),
            ),
        )

    def change_view(self, request, object_id, form_url="", extra_context=None):
        if request.method == "GET":
            obj = self.get_object(request, object_id)
            if obj is not None:
                RequestEvent.record(obj, RequestEvent.Action.VIEWED, request.user)
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if change and form.changed_data:
            changes = []
            for name in form.changed_data:
                before = form.initial.get(name)
                if name == "status":
                    before = Request.Status(before).label if before else "-"
                    changes.append(f"status: {before} → {obj.get_status_display()}")
                elif name == "department":
                    changes.append(f"department → {obj.department or '-'}")
            RequestEvent.record(obj, RequestEvent.Action.CHANGED, request.user, "; ".join(changes))

    def get_urls(self):
        return [
            path(
                "<int:request_id>/file/<int:attachment_id>/",
                self.admin_site.admin_view(self.download),
                name="appointments_request_file",
            ),
            *super().get_urls(),
        ]

    def download(self, request, request_id, attachment_id):
        """A medical record, to staff who may see its request; recorded like a view."""
        obj = self.get_queryset(request).filter(pk=request_id).first()
        if obj is None or not self.has_view_permission(request, obj):
            raise Http404
        attachment = obj.attachments.filter(pk=attachment_id).first()
        if attachment is None:
            raise Http404
        RequestEvent.record(obj, RequestEvent.Action.DOWNLOADED, request.user, f"file {attachment.pk}")
        response = FileResponse(
            attachment.file.open("rb"),
            as_attachment=True,
            filename=attachment.name,
            content_type=attachment.content_type,
        )
        response["Cache-Control"] = "no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response

    @admin.display(description=_("Open time held"))
    def time_held(self, obj):
        if obj.slot is None:
            return _("Released or confirmed") if obj.slot_start else "-"
        if obj.slot.is_held:
            return _("Held until %(when)s") % {
                "when": f"{timezone.localtime(obj.slot.held_until):%Y-%m-%d %H:%M}"
            }
        return obj.slot.get_status_display()

    @admin.action(
        description=_("Confirm the time asked for (once booked in the scheduling system)"),
        permissions=["change"],
    )
    def confirm_time(self, request, queryset):
        for obj in queryset.filter(slot__isnull=False).select_related("slot__schedule"):
            holds.confirm(obj.slot)
            before = obj.get_status_display()
            obj.status, obj.slot = Request.Status.SCHEDULED, None
            obj.save(update_fields=["status", "slot", "updated_at"])
            detail = f"time confirmed; status: {before} → {obj.get_status_display()}"
            RequestEvent.record(obj, RequestEvent.Action.CHANGED, request.user, detail)

    @admin.action(
        description=_("Release the time asked for (it is open to others again)"), permissions=["change"]
    )
    def release_time(self, request, queryset):
        for obj in queryset.filter(slot__isnull=False).select_related("slot__schedule"):
            holds.release(obj.slot)
            obj.slot = None
            obj.save(update_fields=["slot", "updated_at"])
            RequestEvent.record(obj, RequestEvent.Action.CHANGED, request.user, "time released")

    @admin.action(description=_("Export selected requests (CSV)"))
    def export_csv(self, request, queryset):
        if not request.user.has_perm("appointments.export_request"):
            raise PermissionDenied
        requests = list(queryset.select_related("department", "specialty", "doctor", "location", "language"))
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
        response["Content-Disposition"] = f'attachment; filename="requests-{stamp}.csv"'
        response["Cache-Control"] = "no-store"
        columns = [*SENT_FIELDS[:3], "status", "department", *SENT_FIELDS[3:]]
        writer = csv.writer(response)
        writer.writerow(columns)
        for obj in requests:
            writer.writerow([_csv_safe(_value(obj, name)) for name in columns])
        RequestEvent.objects.bulk_create(
            [
                RequestEvent(
                    request=obj,
                    reference=obj.reference,
                    user=request.user,
                    username=request.user.get_username(),
                    action=RequestEvent.Action.EXPORTED,
                )
                for obj in requests
            ]
        )
        return response


def _value(obj, name):
    value = getattr(obj, name)
    if isinstance(value, list):
        return ", ".join(value)
    return "" if value is None else value


def _csv_safe(value):
    """Text a spreadsheet would run as a formula (=, +, -, @) is written as text."""
    text = str(value)
    return f"'{text}" if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


@admin.register(RequestEvent)
class RequestEventAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "reference", "username", "action", "detail"]
    list_filter = ["action", ("at", admin.DateFieldListFilter)]
    search_fields = ["=reference", "username"]
    readonly_fields = ["at", "reference", "request", "user", "username", "action", "detail"]

    def get_queryset(self, request):
        """Scoped like the requests: intake staff see the events of their departments' requests;
        those who may see every department also see the events of requests since purged."""
        events = super().get_queryset(request)
        if request.user.has_perm("appointments.view_all_departments"):
            return events
        return events.filter(request__in=Request.objects.visible_to(request.user))


@admin.register(OutgoingEmail)
class OutgoingEmailAdmin(admin.ModelAdmin):
    """The mail queue, to see that mail is flowing: what waits, how often it failed, and why."""

    list_display = ["subject", "created_at", "attempts", "next_attempt_at", "sent_at", "last_error"]
    list_filter = [("sent_at", admin.EmptyFieldListFilter)]
    readonly_fields = [
        "to",
        "subject",
        "body",
        "created_at",
        "attempts",
        "next_attempt_at",
        "sent_at",
        "last_error",
    ]

    def has_add_permission(self, request):
        return False


class IntakeAssignmentInline(admin.TabularInline):
    model = IntakeAssignment
    extra = 0
    verbose_name_plural = _("Intake: departments whose appointment requests this person works")


User = get_user_model()
admin.site.unregister(User)


@admin.register(User)
class IntakeUserAdmin(UserAdmin):
    inlines = [*UserAdmin.inlines, IntakeAssignmentInline]
