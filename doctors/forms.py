"""The directory's search and filter form: every field optional, every bad value explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from locations.models import Location
from pricing.models import Payer, Plan
from pricing.search_forms import PlanSelect, plan_choices, plan_options_key
from toolkit.forms import FastSelect, FilterForm, SearchField, SlugChoiceField, ZipCodeField, slug_choices
from toolkit.translation import in_language

from .models import AgeGroup, Doctor, Language, Specialty

# ?age=children: each age group by a word, not its bit.
AGE_SLUGS = {
    "newborns": AgeGroup.NEWBORNS,
    "children": AgeGroup.CHILDREN,
    "adolescents": AgeGroup.ADOLESCENTS,
    "adults": AgeGroup.ADULTS,
    "older-adults": AgeGroup.OLDER_ADULTS,
}


class InsurerField(SlugChoiceField):
    """An insurer, named as it names itself, in English: on another language's page its option says
    so (lang="en"), as the plans' do."""

    def __init__(self, queryset, unknown_message, empty_label, **kwargs):
        super().__init__(queryset, unknown_message, empty_label, **kwargs)
        self.choices = lambda: [
            ("", empty_label),
            *((slug, in_language({"en": name})) for slug, name in slug_choices(queryset)),
        ]


class DirectoryPlanField(forms.ChoiceField):
    """A plan of the insurers' (pricing's plans, which the price estimator offers too), grouped by
    insurer; cleans to the Plan."""

    def __init__(self, **kwargs):
        leading = [("", _("Any plan"))]
        super().__init__(
            choices=lambda: [*leading, *plan_choices()],
            required=False,
            widget=PlanSelect,
            error_messages={
                "invalid_choice": _("We don't know that plan, so the list shows doctors who take any plan.")
            },
            **kwargs,
        )
        self.widget.options_key = plan_options_key(leading)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        plan = Plan.objects.select_related("payer").filter(pk=value).first()
        if plan is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return plan


class DoctorSearchForm(FilterForm):
    SORT_RELEVANCE, SORT_NAME, SORT_DISTANCE, SORT_RATING = (
        "relevance",
        "name",
        FilterForm.SORT_DISTANCE,
        "rating",
    )
    default_sort = SORT_RELEVANCE
    SORT_CHOICES = [
        (SORT_RELEVANCE, _("Best match")),
        (SORT_NAME, _("Last name")),
        (SORT_DISTANCE, _("Distance from ZIP code")),
        # Doctors with a rating first, best first; those without one after them, never left out.
        (SORT_RATING, _("Patients' rating (rated doctors first)")),
    ]

    q = SearchField(label=_("Name, specialty, condition or symptom"))
    specialty = SlugChoiceField(
        Specialty.objects.all(),
        _("We don't know that specialty, so the list shows every specialty."),
        label=_("Specialty"),
        empty_label=_("Any specialty"),
    )
    insurer = InsurerField(
        Payer.objects.all(),
        _("We don't know that insurer, so the list shows doctors whatever insurance they take."),
        label=_("Insurance"),
        empty_label=_("Any insurance"),
    )
    plan = DirectoryPlanField(label=_("Insurance plan"))
    age = forms.ChoiceField(
        widget=FastSelect,
        label=_("Sees patients aged"),
        required=False,
        choices=[("", _("Any age")), *((slug, AgeGroup(value).label) for slug, value in AGE_SLUGS.items())],
        error_messages={"invalid_choice": _("That is not one of the choices, so this filter is off.")},
    )
    location = SlugChoiceField(
        Location.objects.published().exclude(kind=Location.Kind.GARAGE),
        _("We don't know that location, so the list shows every location."),
        label=_("Location"),
        empty_label=_("Any location"),
    )
    language = SlugChoiceField(
        Language.objects.all(),
        _("We don't know that language, so the list shows doctors of every language."),
        label=_("Language spoken"),
        empty_label=_("Any language"),
    )
    accepting = forms.ChoiceField(
        widget=FastSelect,
        label=_("New patients"),
        required=False,
        choices=[
            ("", _("Any")),
            (Doctor.Accepting.YES, _("Accepting new patients")),
            (Doctor.Accepting.REFERRAL, _("Accepting new patients with a referral")),
        ],
        error_messages={"invalid_choice": _("That is not one of the choices, so this filter is off.")},
    )
    virtual = forms.BooleanField(label=_("Offers virtual visits"), required=False)
    # ?seen=7: a new-patient time open within so many days (doctors.Practice.next_opening).
    seen = forms.ChoiceField(
        widget=FastSelect,
        label=_("Can be seen"),
        required=False,
        choices=[("", _("Any time")), ("7", _("Within a week")), ("14", _("Within two weeks"))],
        error_messages={"invalid_choice": _("That is not one of the choices, so this filter is off.")},
    )
    gender = forms.ChoiceField(
        widget=FastSelect,
        label=_("Doctor's gender"),
        required=False,
        choices=[("", _("Any")), *Doctor.Gender.choices],
        error_messages={"invalid_choice": _("That is not one of the choices, so this filter is off.")},
    )
    zip = ZipCodeField(label=_("Your ZIP code"))
    sort = forms.ChoiceField(
        widget=FastSelect,
        label=_("Sort by"),
        required=False,
        choices=SORT_CHOICES,
        error_messages={
            "invalid_choice": _("That is not one of the choices, so the list is sorted by best match.")
        },
    )

    # Filters that narrow the list, in the order their "remove" buttons appear.
    FILTERS = [
        "q", "specialty", "insurer", "plan", "age", "location", "language", "accepting", "virtual", "seen",
        "gender", "zip",
    ]  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        insurer, plan = cleaned.get("insurer"), cleaned.get("plan")
        if insurer and plan and plan.payer_id != insurer.pk:
            self.add_error(
                "plan",
                forms.ValidationError(
                    _("%(plan)s is not a plan of %(insurer)s, so the list shows every %(insurer)s plan."),
                    code="plan_of_another_insurer",
                    params={"plan": plan, "insurer": insurer},
                ),
            )
            cleaned["plan"] = None
        return cleaned
