"""How staff keep the directory true: search, filters, inlines, and a bulk "still accepting" check."""

from django import forms
from django.contrib import admin, messages
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin

from pricing.models import Plan

from .caching import directory_changed
from .models import (
    AgeGroup,
    BoardCertification,
    Condition,
    Department,
    Doctor,
    Language,
    Practice,
    Specialty,
    Training,
)


class PracticeInline(admin.TabularInline):
    model = Practice
    extra = 0
    autocomplete_fields = ["location"]

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "plans":  # each named "Insurer – Plan"
            kwargs["queryset"] = Plan.objects.select_related("payer")
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class DoctorForm(forms.ModelForm):
    """The ages seen as tick boxes, kept as the sum of their AgeGroup bits."""

    ages = forms.TypedMultipleChoiceField(
        label=_("Ages seen"),
        choices=AgeGroup.choices,
        coerce=int,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = Doctor
        exclude = ["ages_seen"]  # noqa: DJ006 - the admin's fieldsets list the fields; "ages" stands for this

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.initial["ages"] = [group.value for group in self.instance.age_groups]

    def save(self, commit=True):
        self.instance.ages_seen = sum(self.cleaned_data.get("ages") or [])
        return super().save(commit)


class TrainingInline(admin.TabularInline):
    model = Training
    extra = 0


class BoardCertificationInline(admin.TabularInline):
    model = BoardCertification
    extra = 0


# Clinical interests in English and Spanish, one under the other (doctors/translation.py).
@admin.register(Doctor)
class DoctorAdmin(TranslationAdmin):
    form = DoctorForm
    list_display = [
        "full_name",
        "credentials",
        "department",
        "accepting_new_patients",
        "accepting_confirmed_on",
        "offers_virtual_visits",
        "is_published",
        "is_demo",
    ]
    list_filter = [
        "is_published",
        "accepting_new_patients",
        "offers_virtual_visits",
        "gender",
        "department",
        "specialties",
        "languages",
        "is_demo",
    ]
    search_fields = [
        "first_name",
        "last_name",
        "npi",
        "specialties__name_en",
        "specialties__name_es",
        "clinical_interests_en",
        "clinical_interests_es",
    ]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    filter_horizontal = ["specialties", "conditions", "languages"]
    inlines = [PracticeInline, TrainingInline, BoardCertificationInline]
    actions = ["confirm_accepting_today"]
    list_select_related = ["department"]
    date_hierarchy = "accepting_confirmed_on"
    fieldsets = [
        (None, {"fields": ["first_name", "last_name", "credentials", "slug", "photo", "gender", "npi"]}),
        (
            _("Care"),
            {"fields": ["specialties", "department", "conditions", "clinical_interests", "languages"]},
        ),
        (
            _("Patients seen"),
            {"fields": ["ages"]},
        ),
        (
            _("New patients"),
            {"fields": ["accepting_new_patients", "accepting_confirmed_on", "offers_virtual_visits"]},
        ),
        (_("Publishing"), {"fields": ["is_published", "is_demo"]}),
    ]

    def changelist_view(self, request, extra_context=None):
        if Doctor.objects.filter(is_demo=True).exists():
            messages.info(
                request, _("Doctors marked “fictional demo clinician” were generated: they do not exist.")
            )
        return super().changelist_view(request, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        # Specialties and conditions are saved with the relations: search text follows them.
        form.instance.refresh_search_text()

    @admin.action(description=_("Confirm “new patients” status as checked today"))
    def confirm_accepting_today(self, request, queryset):
        updated = queryset.update(accepting_confirmed_on=timezone.localdate())
        directory_changed()  # update() sends no signals
        self.message_user(
            request,
            ngettext(
                "Confirmed today for %(count)d doctor.", "Confirmed today for %(count)d doctors.", updated
            )
            % {"count": updated},
            messages.SUCCESS,
        )


# The vocabulary's names in English and Spanish, one under the other (TranslationAdmin:
# doctors/translation.py); the slug is made from the English.
class VocabularyAdmin(TranslationAdmin):
    list_display = ["name", "slug"]
    search_fields = ["name_en", "name_es", "synonyms_en", "synonyms_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Specialty)
class SpecialtyAdmin(VocabularyAdmin):
    list_display = ["name", "parent", "department", "slug"]
    list_filter = [("parent", admin.EmptyFieldListFilter), "department"]


@admin.register(Condition)
class ConditionAdmin(VocabularyAdmin):
    filter_horizontal = ["specialties"]
    list_filter = ["specialties"]


@admin.register(Language)
class NamedAdmin(TranslationAdmin):
    search_fields = ["name_en", "name_es"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Department)
class DepartmentAdmin(NamedAdmin):
    list_display = ["name", "intake_email"]
