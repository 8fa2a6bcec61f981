"""Find a Location's search and filter form: every field optional, every bad value explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.forms import FastSelect, FilterForm, SearchField, SlugChoiceField, ZipCodeField

from .models import Location, Service

NOT_A_CHOICE = _("That is not one of the choices, so this filter is off.")


class LocationSearchForm(FilterForm):
    SORT_NAME, SORT_DISTANCE = "name", FilterForm.SORT_DISTANCE
    default_sort = SORT_NAME

    q = SearchField(label=_("Place or service"))
    kind = forms.ChoiceField(
        label=_("Kind of place"),
        required=False,
        widget=FastSelect,
        choices=[("", _("Any kind")), *Location.Kind.choices],
        error_messages={
            "invalid_choice": _("We don't know that kind of place, so the list shows every kind.")
        },
    )
    service = SlugChoiceField(
        Service.objects.all(),
        _("We don't know that service, so the list shows every service."),
        label=_("Service"),
        empty_label=_("Any service"),
    )
    open_now = forms.BooleanField(label=_("Open now"), required=False)
    zip = ZipCodeField(label=_("Your ZIP code"))
    sort = forms.ChoiceField(
        label=_("Sort by"),
        required=False,
        widget=FastSelect,
        choices=[(SORT_NAME, _("Name")), (SORT_DISTANCE, _("Distance from ZIP code"))],
        error_messages={"invalid_choice": NOT_A_CHOICE},
    )

    # Filters that narrow the list, in the order their "remove" links appear.
    FILTERS = ["q", "kind", "service", "open_now", "zip"]
