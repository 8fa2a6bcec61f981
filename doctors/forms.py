"""The directory's search and filter form: every field optional, every bad value explained."""

import re

import zipcodes
from django import forms
from django.core.cache import cache
from django.utils.translation import gettext_lazy as _

from locations.models import Location
from pages.forms import DescribedErrorsMixin, FastSelect

from .models import Doctor, Language, Specialty

QUERY_MAX_LENGTH = 200
CHOICES_CACHE_PREFIX = "doctors:choices:"
ZIP_PATTERN = re.compile(r"^\d{5}$")


def slug_choices(queryset):
    """(slug, name) pairs for a filter's options, kept in the cache until one of the rows changes."""
    key = f"{CHOICES_CACHE_PREFIX}{queryset.model._meta.label_lower}"
    choices = cache.get(key)
    if choices is None:
        choices = list(queryset.values_list("slug", "name"))
        cache.set(key, choices, 60 * 60)
    return choices


def forget_slug_choices(sender, **kwargs):
    """Signal receiver: a specialty, location or language changed, so its options are stale."""
    cache.delete(f"{CHOICES_CACHE_PREFIX}{sender._meta.label_lower}")


class SlugChoiceField(forms.ChoiceField):
    """A choice by slug, which keeps URLs readable and shareable (?specialty=cardiology)."""

    widget = FastSelect

    def __init__(self, queryset, unknown_message, empty_label, **kwargs):
        self.queryset = queryset
        super().__init__(
            choices=lambda: [("", empty_label), *slug_choices(queryset)],
            required=False,
            error_messages={"invalid_choice": unknown_message},
            **kwargs,
        )

    def clean(self, value):
        slug = super().clean(value)
        if not slug:
            return None
        try:
            return self.queryset.get(slug=slug)
        except self.queryset.model.DoesNotExist:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice"
            ) from None


class DoctorSearchForm(DescribedErrorsMixin, forms.Form):
    SORT_RELEVANCE, SORT_NAME, SORT_DISTANCE = "relevance", "name", "distance"
    SORT_CHOICES = [
        (SORT_RELEVANCE, _("Best match")),
        (SORT_NAME, _("Last name")),
        (SORT_DISTANCE, _("Distance from ZIP code")),
    ]

    q = forms.CharField(
        label=_("Name, specialty, condition or symptom"),
        required=False,
        max_length=QUERY_MAX_LENGTH,
        error_messages={
            "max_length": _(
                "Please shorten your search to %(limit_value)d characters or fewer (it has %(show_value)d)."
            )
        },
        widget=forms.TextInput(attrs={"type": "search", "autocomplete": "off", "enterkeyhint": "search"}),
    )
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
    zip = forms.CharField(
        label=_("Your ZIP code"),
        required=False,
        max_length=10,
        error_messages={"max_length": _("A ZIP code is 5 digits, like 02114.")},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}),
    )
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

    def clean_zip(self):
        value = self.cleaned_data["zip"].strip()
        if not value:
            return None
        if not ZIP_PATTERN.match(value):
            raise forms.ValidationError(_("A ZIP code is 5 digits, like 02114."), code="zip_format")
        matches = zipcodes.matching(value)
        if not matches:
            raise forms.ValidationError(
                _("We couldn't find the ZIP code %(zip)s. Please check it."),
                code="zip_unknown",
                params={"zip": value},
            )
        return {"code": value, "latitude": float(matches[0]["lat"]), "longitude": float(matches[0]["long"])}

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == self.SORT_DISTANCE and not cleaned.get("zip") and "zip" not in self.errors:
            self.add_error(
                "zip", forms.ValidationError(_("Enter your ZIP code to sort by distance."), code="zip_needed")
            )
            cleaned["sort"] = self.SORT_RELEVANCE
        return cleaned

    def valid_data(self):
        """The values that passed validation; a bad value drops only its own filter."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}
