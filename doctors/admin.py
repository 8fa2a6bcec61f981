"""How staff keep the directory true: search, filters, inlines, and a bulk "still accepting" check."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Case, When
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from modeltranslation.admin import TranslationAdmin, TranslationStackedInline

from pricing.models import Plan
from toolkit.admin import ImportWithPreviewMixin, ReadOnlyAdminMixin
from toolkit.uploads import KeptUploads

from . import surveys
from .caching import directory_changed
from .models import (
    AgeGroup,
    BoardCertification,
    ClinicalInterests,
    CommentDecision,
    CommentStatus,
    Condition,
    Department,
    Doctor,
    DoctorRating,
    Language,
    Practice,
    Specialty,
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyQuestion,
    Training,
    WithholdReason,
)
from .ratings import decide


class PracticeInline(admin.TabularInline):
    model = Practice
    extra = 0
    # Plans are picked by typing an insurer's or a plan's name (pricing's PlanAdmin searches them).
    autocomplete_fields = ["location", "plans"]

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


# Clinical interests in English and Spanish, one under the other (doctors/translation.py); a row of
# their own (models.ClinicalInterests), written here with the doctor.
class ClinicalInterestsInline(TranslationStackedInline):
    model = ClinicalInterests
    extra = 1
    max_num = 1
    can_delete = False


@admin.register(Doctor)
class DoctorAdmin(admin.ModelAdmin):
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
        "interests__text_en",
        "interests__text_es",
    ]
    prepopulated_fields = {"slug": ["first_name", "last_name"]}
    filter_horizontal = ["specialties", "conditions", "languages"]
    inlines = [ClinicalInterestsInline, PracticeInline, TrainingInline, BoardCertificationInline]
    actions = ["confirm_accepting_today"]
    list_select_related = ["department"]
    date_hierarchy = "accepting_confirmed_on"
    fieldsets = [
        (None, {"fields": ["first_name", "last_name", "credentials", "slug", "photo", "gender", "npi"]}),
        (
            _("Care"),
            {"fields": ["specialties", "department", "conditions", "languages"]},
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


# --- Patient experience: the surveys' questions, the surveys, the comments and their moderation ---


@admin.register(SurveyQuestion)
class SurveyQuestionAdmin(TranslationAdmin):
    list_display = ["text", "key", "order"]
    list_editable = ["order"]
    search_fields = ["key", "text_en", "text_es"]


class SurveyAnswerInline(admin.TabularInline):
    model = SurveyAnswer
    extra = max_num = 0
    can_delete = False
    fields = ["question", "score"]
    readonly_fields = fields


# The vendor's file, kept between the preview and the import (toolkit.uploads).
SURVEY_UPLOADS = KeptUploads("survey-imports", session_key="survey_import")


class SurveyImportForm(forms.Form):
    file = forms.FileField(
        label=_("The survey vendor's export (CSV)"),
        help_text=_(
            "Columns: npi, survey_id, survey_date (YYYY-MM-DD), question (its key here), score (1 to 5), "
            "comment and comment_id (optional)."
        ),
    )


@admin.register(Survey)
class SurveyAdmin(ImportWithPreviewMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    """Surveys come only from the vendor's file (Import surveys, with a preview of what it adds);
    what was imported is kept as it was."""

    import_uploads = SURVEY_UPLOADS
    import_form_class = SurveyImportForm
    import_template = "admin/doctors/survey_import.html"
    import_title = _("Import surveys")

    list_display = ["vendor_id", "doctor", "date"]
    list_select_related = ["doctor"]
    search_fields = ["vendor_id", "doctor__last_name", "doctor__npi"]
    date_hierarchy = "date"
    inlines = [SurveyAnswerInline]

    def can_import(self, request):
        return request.user.has_perm("doctors.add_survey")

    def preview_upload(self, kept, filename):
        return surveys.preview(kept)

    def import_upload(self, request, kept, filename):
        return surveys.import_surveys(kept)

    def imported_message(self, report):
        return report.summary()


class CommentDecisionInline(admin.TabularInline):
    model = CommentDecision
    extra = max_num = 0
    can_delete = False
    fields = ["decided_at", "decided_by", "status", "reason"]
    readonly_fields = fields


class CommentModerationForm(forms.ModelForm):
    class Meta:
        model = SurveyComment
        fields = ["status", "reason"]

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("status") == CommentStatus.WITHHELD and not cleaned.get("reason"):
            self.add_error("reason", _("Say why the comment is not shown."))
        if cleaned.get("status") == CommentStatus.PENDING and self.instance.status != CommentStatus.PENDING:
            self.add_error("status", _("A decided comment is published or not shown; it cannot wait again."))
        return cleaned


@admin.register(SurveyComment)
class SurveyCommentAdmin(admin.ModelAdmin):
    """Patient experience staff read each comment before it shows: publish it, or withhold it for one
    of the published reasons. Every decision is kept (CommentDecision), and the rating follows."""

    form = CommentModerationForm
    list_display = ["excerpt", "doctor", "date", "status", "reason"]
    list_filter = ["status", "reason"]
    list_select_related = ["doctor"]
    search_fields = ["vendor_id", "text", "doctor__last_name"]
    readonly_fields = ["doctor", "date", "vendor_id", "text"]
    fields = ["doctor", "date", "vendor_id", "text", "status", "reason"]
    inlines = [CommentDecisionInline]
    actions = ["publish"]

    def get_queryset(self, request):
        # Waiting for review first, then the newest.
        waiting = Case(When(status=CommentStatus.PENDING, then=0), default=1)
        return super().get_queryset(request).order_by(waiting, "-date", "-pk")

    @admin.display(description=_("comment"))
    def excerpt(self, obj):
        return Truncator(obj.text).chars(90)

    def has_add_permission(self, request):
        return False  # comments come from the surveys

    def has_delete_permission(self, request, obj=None):
        return False  # a decision is kept, not erased

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("doctors.moderate_surveycomment")

    def save_model(self, request, obj, form, change):
        if {"status", "reason"} & set(form.changed_data):
            decide([obj], form.cleaned_data["status"], request.user, form.cleaned_data.get("reason", ""))

    def get_actions(self, request):
        actions = super().get_actions(request)
        if not request.user.has_perm("doctors.moderate_surveycomment"):
            return {}
        for reason in WithholdReason:
            name = f"withhold_{reason.value}"
            description = _("Do not show: %(reason)s") % {"reason": reason.label}
            actions[name] = (self.withhold_for(reason), name, description)
        return actions

    @admin.action(description=_("Publish the selected comments"), permissions=["change"])
    def publish(self, request, queryset):
        count = decide(queryset, CommentStatus.PUBLISHED, request.user)
        self.message_user(
            request,
            ngettext("%(count)d comment published.", "%(count)d comments published.", count)
            % {"count": count},
        )

    def withhold_for(self, reason):
        def withhold(modeladmin, request, queryset):
            count = decide(queryset, CommentStatus.WITHHELD, request.user, reason)
            self.message_user(
                request,
                ngettext(
                    "%(count)d comment will not be shown.", "%(count)d comments will not be shown.", count
                )
                % {"count": count},
            )

        return withhold


@admin.register(DoctorRating)
class DoctorRatingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """What the profiles show, worked out from the surveys: read only."""

    list_display = ["doctor", "score", "surveys", "first_date", "last_date", "comments_published"]
    list_select_related = ["doctor"]
    search_fields = ["doctor__last_name", "doctor__npi"]
