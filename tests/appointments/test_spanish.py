"""The three forms for a Spanish-speaking patient: every label, help text, choice and error in
Spanish, the languages named in themselves, the page's language chosen to begin with, and the
acknowledgement e-mail in the language the form was filled in."""

import io

import pytest
from django import forms
from django.core import mail
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.utils import translation

from appointments.forms import FORMS, AppointmentForm
from appointments.models import Request
from doctors.models import Language
from tests.html import one, select, text
from toolkit.autonyms import autonym
from toolkit.forms import DescribedErrorsMixin

from .conftest import URLS, proof_in, valid_data

pytestmark = pytest.mark.django_db

SPANISH_URLS = {kind: url.replace("/en/", "/es/", 1) for kind, url in URLS.items()}


def get(client, kind, language):
    urls = SPANISH_URLS if language == "es" else URLS
    response = client.get(urls[kind])
    assert response.status_code == 200
    return response.content.decode()


def labels(html):
    """The text of each field's label or group legend in the form, by the field it names."""
    form = one(html, "form[method=post]")
    found = {label.get("for"): text(label) for label in select(form, "label[for]")}
    for fieldset in select(form, "fieldset.field--group"):
        first = select(fieldset, "input")[0]
        found[first.get("id")] = text(select(fieldset, "legend")[0])
    return found


def summary(html):
    """The error summary's links: {anchor: text}."""
    return {a.get("href"): text(a) for a in select(html, ".error-summary a[href]")}


def form_texts(form_class):
    """Every label, help text, choice and error message of a form, in the active language."""
    form = form_class()
    found = []
    for name, field in form.fields.items():
        if field.widget.is_hidden:
            continue
        found += [(name, "label", str(field.label))]
        if field.help_text:
            found += [(name, "help", str(field.help_text))]
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            found += [(name, f"choice {value}", str(label)) for value, label in field.choices if value]
        if getattr(field, "empty_label", None):
            found += [(name, "empty", str(field.empty_label))]
        found += [(name, f"error {code}", str(message)) for code, message in field.error_messages.items()]
    return found


def untranslated(form_class):
    """The texts of a form that read the same in English and Spanish."""
    with translation.override("en"):
        english = form_texts(form_class)
    with translation.override("es"):
        spanish = form_texts(form_class)
    assert [what[:2] for what in english] == [what[:2] for what in spanish]
    return [en for en, es in zip(english, spanish, strict=True) if en[2] and en[2] == es[2]]


@pytest.mark.parametrize("form_class", FORMS.values())
def test_every_label_help_choice_and_message_of_the_forms_is_translated(demo, form_class):
    assert untranslated(form_class) == []


def test_a_text_read_at_import_time_is_found_untranslated():
    with translation.override("en"):

        class ReadTooEarly(forms.Form):
            # gettext, not gettext_lazy: translated once, when the module is imported
            first_name = forms.CharField(label=translation.gettext("Last name"))
            last_name = forms.CharField(label=translation.gettext_lazy("Last name"))

    assert untranslated(ReadTooEarly) == [("first_name", "label", "Last name")]


def test_a_visible_field_without_a_label_is_refused():
    class Unlabelled(DescribedErrorsMixin, forms.Form):
        first_name = forms.CharField()  # Django would label it "First name" on every page

    with pytest.raises(ImproperlyConfigured, match="first_name"):
        Unlabelled()


@pytest.mark.parametrize("kind", URLS)
def test_the_spanish_form_labels_every_field_in_spanish(client, demo, kind):
    english, spanish = labels(get(client, kind, "en")), labels(get(client, kind, "es"))
    assert english.keys() == spanish.keys()
    assert [(field, english[field]) for field in english if english[field] == spanish[field]] == []
    if kind != "referral":
        assert spanish["id_first_name"] == "Nombre"
        assert spanish["id_date_of_birth"] == "Fecha de nacimiento"
        assert spanish["id_phone"] == "Teléfono"


@pytest.mark.parametrize("kind", URLS)
def test_the_spanish_error_summary_names_the_fields_in_spanish(client, demo, kind):
    html = get(client, kind, "es")
    data = {
        "submission_proof": proof_in(html),
        "submission_key": one(html, 'input[name="submission_key"]').get("value"),
    }
    response = client.post(SPANISH_URLS[kind], data)
    assert response.status_code == 400
    spanish = summary(response.content.decode())
    html = get(client, kind, "en")
    data = {
        "submission_proof": proof_in(html),
        "submission_key": one(html, 'input[name="submission_key"]').get("value"),
    }
    english = summary(client.post(URLS[kind], data).content.decode())
    assert spanish.keys() == english.keys() and len(spanish) >= 4
    assert [(anchor, english[anchor]) for anchor in english if english[anchor] == spanish[anchor]] == []
    assert spanish["#id_last_name"].startswith("Apellido")
    if kind != "referral":
        assert spanish["#id_first_name"] == "Nombre: Escriba su nombre."


def language_options(html):
    return select(one(html, 'select[name="language"]'), "option")


@pytest.mark.parametrize("kind", URLS)
def test_languages_are_named_in_themselves_each_marked_with_its_language(client, demo, kind):
    for language in ("en", "es"):
        options = language_options(get(client, kind, language))
        named = {(option.get("lang"), text(option)) for option in options}
        assert (
            set(
                {
                    "en": "English",
                    "es": "Español",
                    "ht": "Kreyòl ayisyen",
                    "pt": "Português",
                    "vi": "Tiếng Việt",
                    "fr": "Français",
                    "zh": "中文（普通话）",
                }.items()
            )
            <= named
        )
        assert all(option.get("lang") for option in options)
        assert len(options) == Language.objects.count()


@pytest.mark.parametrize("kind", URLS)
def test_the_pages_language_is_the_preferred_language_to_begin_with(client, demo, kind):
    for language, name in (("en", "English"), ("es", "Español")):
        chosen = [
            option
            for option in language_options(get(client, kind, language))
            if option.get("selected") is not None
        ]
        assert [(text(option), option.get("lang")) for option in chosen] == [(name, language)]
        assert chosen[0].get("value") == str(Language.objects.get(code=language).pk)


def submit_in_spanish(client, kind="appointment", **overrides):
    html = get(client, kind, "es")
    key = one(html, 'input[name="submission_key"]').get("value")
    language = one(html, 'select[name="language"] option[selected]').get("value")  # left as it was
    data = {"submission_proof": proof_in(html), "language": language} | valid_data(kind, key, **overrides)
    response = client.post(SPANISH_URLS[kind], data)
    assert response.status_code == 302, response.content.decode()[:2000]
    return response


@pytest.mark.parametrize("kind", URLS)
def test_a_spanish_speaker_who_leaves_the_choice_alone_is_recorded_as_preferring_spanish(client, demo, kind):
    submit_in_spanish(client, kind)
    assert Request.objects.get().language.code == "es"


def test_the_confirmation_and_acknowledgement_are_in_spanish_and_the_intake_notice_in_english(client, demo):
    response = submit_in_spanish(client)
    confirmation = client.get(response["Location"])
    assert text(one(confirmation.content.decode(), "h1")) == "Hemos recibido su solicitud"
    assert one(confirmation.content.decode(), "html").get("lang") == "es"
    call_command("send_queued_email", stdout=io.StringIO())
    intake, acknowledgement = mail.outbox
    assert acknowledgement.subject.startswith("Hemos recibido su solicitud (MGH-")
    assert "Hemos recibido su solicitud de cita." in acknowledgement.body
    assert "no repite lo que nos contó" in acknowledgement.body
    assert "We have received" not in acknowledgement.body
    assert intake.subject.startswith("New appointment request")


def test_autonyms_come_from_djangos_table_and_the_settings_for_the_rest():
    assert autonym("es") == "Español"  # LANG_INFO's "español", first letter capitalised
    assert autonym("ht") == "Kreyòl ayisyen"  # settings.LANGUAGE_AUTONYMS
    assert autonym("kea") == "Kriolu kabuverdianu"
    assert autonym("ase") is None  # no written name: the form names it in the page's language
    assert autonym("") is None


def test_a_language_without_a_known_autonym_is_named_in_the_pages_language(demo):
    with translation.override("es"):
        field = AppointmentForm().fields["language"]
        asl = Language.objects.get(code="ase")
        label = field.label_from_instance(asl)
    assert str(label) == asl.name_es
    assert label.lang == "es"
