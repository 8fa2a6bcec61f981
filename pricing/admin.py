"""How finance staff keep the price transparency data: the hospital's disclosure, payers and plans,
the shoppable services in both languages, the chargemaster (loaded from the billing system's file,
with a preview before anything changes), and publishing the files.

The upload waits between preview and confirmation as toolkit.uploads keeps it: in the private
storage, under a token only the uploader's session holds, deleted once imported or cancelled.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.defaultfilters import filesizeformat
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from toolkit.admin import ImportWithPreviewMixin, ReadOnlyAdminMixin
from toolkit.uploads import KeptUploads

from .caching import pricing_changed
from .forms import ImportForm
from .importing import import_file, preview
from .models import (
    ATTESTATION,
    Ancillary,
    Charge,
    ChargeCode,
    Disclosure,
    Modifier,
    ModifierRate,
    Payer,
    Plan,
    PricedLocation,
    Publication,
    Rate,
    ShoppableService,
)
from .publishing import queue

UPLOADS = KeptUploads("pricing-imports", session_key="pricing_import")


@admin.register(Disclosure)
class DisclosureAdmin(admin.ModelAdmin):
    """One row: added once, never deleted; the attestation shown word for word beside its box."""

    list_display = ["hospital_name", "ein", "attester_name", "attestation_confirmed", "last_updated_on"]
    readonly_fields = ["attestation"]
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "hospital_name",
                    "ein",
                    "file_npi",
                    "license_number",
                    "license_state",
                    "type_2_npis",
                ]
            },
        ),
        (
            _("Attestation"),
            {"fields": ["attestation", "attester_name", "attester_title", "attestation_confirmed"]},
        ),
        (_("Contact for /cms-hpt.txt"), {"fields": ["contact_name", "contact_email"]}),
        (_("In the files"), {"fields": ["last_updated_on", "general_contract_provisions", "notes"]}),
    ]

    @admin.display(description=_("CMS's attestation"))
    def attestation(self, obj):
        return ATTESTATION

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not Disclosure.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(PricedLocation)
class PricedLocationAdmin(admin.ModelAdmin):
    list_display = ["name", "address", "position"]
    list_editable = ["position"]


class PlanInline(admin.TabularInline):
    model = Plan
    extra = 1


@admin.register(Payer)
class PayerAdmin(admin.ModelAdmin):
    """The vocabulary an imported file must use: a payer or plan not here is refused."""

    list_display = ["name", "slug", "plan_names"]
    search_fields = ["name", "plans__name"]
    # The directory's insurance filter names the insurer by it (?insurer=medicare).
    prepopulated_fields = {"slug": ["name"]}
    inlines = [PlanInline]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("plans")

    @admin.display(description=_("plans"))
    def plan_names(self, obj):
        return ", ".join(plan.name for plan in obj.plans.all())


@admin.register(Plan)
class PlanAdmin(admin.ModelAdmin):
    """Not in the admin's index (plans are kept on their payer's page): here so that the directory's
    practices can pick the plans they take by typing (autocomplete), each named "Payer – Plan"."""

    search_fields = ["name", "payer__name"]
    list_select_related = ["payer"]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("payer")

    def get_model_perms(self, request):
        return {}


class ChargeCodeInline(admin.TabularInline):
    model = ChargeCode
    extra = 0


class RateInline(admin.StackedInline):
    model = Rate
    extra = 0
    fields = [
        ("plan", "methodology"),
        ("dollar", "percentage"),
        "algorithm",
        ("median", "percentile_10", "percentile_90", "count"),
        "notes",
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("plan__payer")


class ChangesPricesMixin:
    """Rows edited one at a time here: the estimator's cached pages follow (pricing.caching)."""

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        pricing_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        pricing_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        pricing_changed()


@admin.register(Charge)
class ChargeAdmin(ImportWithPreviewMixin, ChangesPricesMixin, admin.ModelAdmin):
    """Read mostly: the chargemaster comes from the billing system's file (the import button)."""

    import_uploads = UPLOADS
    import_form_class = ImportForm
    import_template = "admin/pricing/import.html"
    import_title = _("Import the chargemaster")

    list_display = ["description", "code_list", "setting", "gross_charge", "discounted_cash", "position"]
    list_filter = ["setting"]
    search_fields = ["description", "codes__code"]
    inlines = [ChargeCodeInline, RateInline]
    list_per_page = 50

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("codes")

    @admin.display(description=_("codes"))
    def code_list(self, obj):
        return ", ".join(str(code) for code in obj.codes.all())

    def has_add_permission(self, request):
        return False

    def can_import(self, request):
        return request.user.has_perm("pricing.import_charges")

    def preview_upload(self, kept, filename):
        return preview(kept, filename)

    def import_upload(self, request, kept, filename):
        return import_file(kept, filename, user=request.user)

    def imported_message(self, report):
        return (
            report.summary()
            + " "
            + gettext("The published files do not change until the files are published.")
        )

    def import_context(self, request):
        return {"can_publish": request.user.has_perm("pricing.publish_prices")}


class ModifierRateInline(admin.TabularInline):
    model = ModifierRate
    extra = 0


@admin.register(Modifier)
class ModifierAdmin(ChangesPricesMixin, admin.ModelAdmin):
    list_display = ["code", "description", "setting", "position"]
    search_fields = ["code", "description"]
    inlines = [ModifierRateInline]

    def has_add_permission(self, request):
        return False


class AncillaryInline(TranslationTabularInline):
    model = Ancillary
    extra = 1


# Names and words in English and Spanish, one under the other (pricing/translation.py).
@admin.register(ShoppableService)
class ShoppableServiceAdmin(TranslationAdmin):
    list_display = ["name", "code_type", "code", "category", "setting", "cms_number", "offered"]
    list_filter = ["category", "setting", "offered", ("cms_number", admin.EmptyFieldListFilter)]
    search_fields = ["name_en", "name_es", "search_words_en", "search_words_es", "code"]
    inlines = [AncillaryInline]


@admin.register(Publication)
class PublicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What each run of the files' generation did: read only; publishing is the button above the list."""

    list_display = ["created_at", "status", "published_at", "last_updated_on", "file_sizes", "created_by"]
    list_filter = ["status"]
    fields = ["status", "created_at", "published_at", "last_updated_on", "file_sizes", "created_by", "report"]
    readonly_fields = fields

    @admin.display(description=_("files"))
    def file_sizes(self, obj):
        files = [(key, filesizeformat(info.get("size", 0))) for key, info in sorted(obj.files.items())]
        return format_html_join(", ", "{}: {}", files) or "-"

    def changelist_view(self, request, extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "can_publish": request.user.has_perm("pricing.publish_prices"),
        }
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path(
                "publish/", self.admin_site.admin_view(self.publish_view), name="pricing_publication_publish"
            ),
            *super().get_urls(),
        ]

    def publish_view(self, request):
        """Asks, then queues a publication the worker generates, validates and publishes within a minute."""
        if not request.user.has_perm("pricing.publish_prices"):
            raise PermissionDenied
        if request.method == "POST":
            publication = queue(request.user)
            self.log_addition(request, publication, gettext("Queued the publication of the files."))
            done = _(
                "The files will be generated, checked with CMS's validator and published within a minute; "
                "this list shows how it went."
            )
            messages.success(request, done)
            return redirect("admin:pricing_publication_changelist")
        context = {
            **self.admin_site.each_context(request),
            "title": _("Publish the files"),
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "admin/pricing/publish.html", context)
