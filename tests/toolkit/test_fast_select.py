"""toolkit.forms.FastSelect: a filter's options written once per version and language, and on each
request only the chosen one marked."""

import lxml.html
import pytest
from django.utils import translation

from doctors.forms import DoctorSearchForm
from tests.doctors.factories import SpecialtyFactory

pytestmark = pytest.mark.django_db


def options(form, name):
    """(value, text, selected) of each option of the form's select `name`, as rendered."""
    select = lxml.html.fragment_fromstring(str(form[name]))
    return [(o.get("value"), o.text_content(), o.get("selected") is not None) for o in select.iter("option")]


def chosen(form, name):
    return [value for value, _text, selected in options(form, name) if selected]


def test_only_the_chosen_option_is_marked_however_alike_the_values():
    for name in ("Cardiology", "Cardiology Pediatric", "Pediatric Cardiology"):
        SpecialtyFactory(name=name)
    for value in ("", "cardiology", "cardiology-pediatric", "pediatric-cardiology", "cardio"):
        form = DoctorSearchForm({"specialty": value})
        form.is_valid()
        # Each time from the options written the first time; an unknown value marks none.
        assert chosen(form, "specialty") == {"": [""], "cardio": []}.get(value, [value])


def test_the_options_follow_the_data_and_the_language():
    specialty = SpecialtyFactory(name="Dermatology")
    assert ("dermatology", "Dermatology", False) in options(DoctorSearchForm({}), "specialty")

    specialty.name_es = "Dermatología"
    specialty.save()  # its choices' version moves
    with translation.override("es"):
        spanish = options(DoctorSearchForm({}), "specialty")
    assert ("dermatology", "Dermatología", False) in spanish
    assert spanish[0][1] != options(DoctorSearchForm({}), "specialty")[0][1]  # "any" in each language

    specialty.name = "Skin"
    specialty.save()
    assert ("dermatology", "Skin", False) in options(DoctorSearchForm({}), "specialty")
