"""toolkit.translation: a model's text in the page's language, or English that says it is English."""

import pickle

import lxml.html
from django.template import Context, Template
from django.utils import translation

from doctors.models import Specialty
from toolkit.forms import FastSelect, TranslatedModelChoiceField
from toolkit.translation import Text, in_language, names, paragraphs, sort_key, translated


def render(source, **context):
    return Template("{% load translated %}" + source).render(Context(context))


def test_text_marks_itself_only_when_it_fell_back():
    assert render("{{ t }}", t=Text("Cardiología")) == "Cardiología"
    assert render("{{ t }}", t=Text("Heart & lungs", "en")) == '<span lang="en">Heart &amp; lungs</span>'
    assert str(Text("Heart", "en")) == "Heart"  # attributes, JSON-LD: the text alone


def test_in_language_falls_back_to_english_and_says_so():
    texts = {"en": "Chapel", "es": ""}
    assert (in_language(texts, "es"), in_language(texts, "es").lang) == ("Chapel", "en")
    assert in_language({"en": "Chapel", "es": "Capilla"}, "es").lang is None
    assert in_language({"en": "Chapel"}, "en").lang is None


def test_filters_read_the_translated_columns(db):
    specialty = Specialty(name_en="Cardiology", name_es="Cardiología", slug="c")
    unwritten = Specialty(name_en="Wilderness Medicine", slug="w")
    with translation.override("es"):
        assert render('{{ s|translated:"name" }}', s=specialty) == "Cardiología"
        assert (
            render('{{ s|translated:"name" }}', s=unwritten) == '<span lang="en">Wilderness Medicine</span>'
        )
        assert [str(n) for n in names([unwritten, specialty])] == ["Cardiología", "Wilderness Medicine"]
    with translation.override("en"):
        assert render('{{ s|translated:"name" }}', s=unwritten) == "Wilderness Medicine"
        assert translated(specialty, "name") == "Cardiology"


def test_paragraphs_mark_each_paragraph_and_leave_nothing_for_no_text():
    assert (
        paragraphs(Text("One.\n\nTwo <b>", "en")) == '<p lang="en">One.</p>\n\n<p lang="en">Two &lt;b&gt;</p>'
    )
    assert paragraphs(Text("Uno.")) == "<p>Uno.</p>"
    assert paragraphs(Text("")) == ""


def test_a_select_puts_the_language_on_the_option_never_inside_it():
    widget = FastSelect(choices=[("", "Any"), ("c", Text("Cardiología")), ("w", Text("Wilderness", "en"))])
    html = widget.render("specialty", "w")
    assert '<option value="c">Cardiología</option>' in html
    assert '<option value="w" selected lang="en">Wilderness</option>' in html
    assert "<span" not in html


def test_alphabetical_order_reads_right_in_spanish():
    words = ["Vietnamita", "Árabe", "inglés", "Coreano"]
    assert sorted(words, key=sort_key) == ["Árabe", "Coreano", "inglés", "Vietnamita"]


def test_a_cached_text_keeps_its_language():
    again = pickle.loads(pickle.dumps(Text("Chapel", "en")))  # noqa: S301 - our own bytes
    assert (again, again.lang) == ("Chapel", "en")


def test_a_model_choice_of_translated_records_is_in_the_pages_language_and_order(db):
    # Names of their own: the session's demo vocabulary may be in the database too.
    Specialty.objects.create(name_en="Test cardiology", name_es="Cardiología de prueba", slug="cardiology-t")
    Specialty.objects.create(name_en="Test allergy", name_es="Zzz alergia de prueba", slug="allergy-t")
    Specialty.objects.create(name_en="Wilderness", slug="wilderness-t")
    field = TranslatedModelChoiceField(
        Specialty.objects.filter(slug__endswith="-t"), empty_label=None, widget=FastSelect
    )
    with translation.override("es"):
        html = FastSelect(choices=field.choices).render("specialty", None)
    options = lxml.html.fragment_fromstring(html).findall("option")
    assert [(o.text, o.get("lang")) for o in options] == [
        ("Cardiología de prueba", None),
        ("Wilderness", "en"),
        ("Zzz alergia de prueba", None),
    ]
