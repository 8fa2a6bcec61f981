"""Find a Location's search and filter form: every field optional, every bad value explained."""

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.forms import (
    DescribedErrorsMixin,
    FastSelect,
    FilterForm,
    SearchField,
    SlugChoiceField,
    ZipCodeField,
)

from .models import Location, Service, Waypoint

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


# --- Directions on campus (locations.directions) --------------------------------------------------

WAYPOINT_PREFIX = "waypoint-"
ENTRANCES = {
    Waypoint.Kind.MAIN_ENTRANCE,
    Waypoint.Kind.ACCESSIBLE_ENTRANCE,
    Waypoint.Kind.EMERGENCY_ENTRANCE,
    Waypoint.Kind.DROP_OFF,
    Waypoint.Kind.DOOR,
}


def waypoint_value(waypoint):
    """A waypoint's value in the form and the URL: "waypoint-12" (a place's is its slug)."""
    return f"{WAYPOINT_PREFIX}{waypoint.pk}"


class PlaceField(forms.ChoiceField):
    """A place on the walkways: a Location by slug or a Waypoint as "waypoint-<id>", cleaned to the
    object itself from `places` (value: object), which the form is given: no query of its own."""

    widget = FastSelect

    def __init__(self, unknown_message, **kwargs):
        super().__init__(required=False, **kwargs)
        self.places = {}
        self.unknown_message = unknown_message

    def validate(self, value):
        pass  # the choice is checked in clean(), against `places`, with the value in the message

    def clean(self, value):
        value = (value or "").strip()
        if not value:
            return None
        if value not in self.places:
            raise forms.ValidationError(
                self.unknown_message, code="unknown_place", params={"value": value[:80]}
            )
        return self.places[value]


class DirectionsForm(DescribedErrorsMixin, forms.Form):
    """From where to where, step-free or indoors: every field optional, every bad value explained
    beside it with what was typed, and the rest of the form kept."""

    MOBILITY_STEP_FREE = ("wheelchair", "stroller")

    mobility = forms.ChoiceField(
        label=_("How do you get around?"),
        required=False,
        widget=forms.RadioSelect,
        choices=[
            ("", _("I walk, and can take stairs")),
            ("wheelchair", _("I use a wheelchair, a walker or crutches")),
            ("stroller", _("I have a stroller or luggage")),
        ],
        error_messages={"invalid_choice": NOT_A_CHOICE},
    )
    step_free = forms.BooleanField(label=_("Step-free: no stairs"), required=False)
    indoors = forms.BooleanField(label=_("Indoors where possible"), required=False)

    def __init__(self, data, origins, targets):
        """`origins` and `targets`: [(group label, [(value, label, object)])] of the choices."""
        if data.get("mobility") in self.MOBILITY_STEP_FREE and not data.get("step_free"):
            data = data.copy()
            data["step_free"] = "on"  # step-free is their default: the box shows ticked
        super().__init__(data)
        self.fields = {
            "from": PlaceField(
                _("We don't know the starting point “%(value)s”. Choose one from the list."),
                label=_("From"),
            ),
            "to": PlaceField(
                _("We don't know the place “%(value)s”. Choose one from the list."),
                label=_("To"),
            ),
            **self.fields,
        }
        for name, groups in (("from", origins), ("to", targets)):
            field = self.fields[name]
            field.choices = [
                ("", _("Choose a place")),
                *((g, [(v, label) for v, label, _o in rows]) for g, rows in groups),
            ]
            field.places = {value: obj for _g, rows in groups for value, _label, obj in rows}
