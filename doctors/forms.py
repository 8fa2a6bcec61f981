"""The directory's search and filter form: every field optional, every bad value explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from locations.models import Location
from toolkit.forms import FastSelect, FilterForm, SearchField, SlugChoiceField, ZipCodeField

from .models import Doctor, Language, Specialty


class DoctorSearchForm(FilterForm):
    SORT_RELEVANCE, SORT_NAME, SORT_DISTANCE = "relevance", "name", FilterForm.SORT_DISTANCE
    default_sort = SORT_RELEVANCE
    SORT_CHOICES = [
        (SORT_RELEVANCE, _("Best match")),
        (SORT_NAME, _("Last name")),
        (SORT_DISTANCE, _("Distance from ZIP code")),
    ]

    q = SearchField(label=_("Name, specialty, condition or symptom"))
    specialty = SlugChoiceField(
        Specialty.objects.all(),
        _("We don't know that specialty, so the list shows every specialty."),
        label=_("Specialty"),
        empty_label=_("Any specialty"),
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
    FILTERS = ["q", "specialty", "location", "language", "accepting", "virtual", "gender", "zip"]
