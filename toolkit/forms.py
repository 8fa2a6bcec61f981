"""Form behaviour shared by every form of the site."""

import hashlib
import html
import re

import zipcodes
from django import forms
from django.core.exceptions import ImproperlyConfigured
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from . import translation
from .caching import Namespace, ProcessMemo

ZIP_PATTERN = re.compile(r"^\d{5}$")


class DescribedErrorsMixin:
    """Ties each field's error message to its input (aria-describedby), so screen readers read it.

    Django marks an invalid input with aria-invalid; the message beside it is rendered by
    templates/includes/forms/field.html with the id "<field id>_error" (help text: "<field id>_helptext").

    Every field a visitor sees must be given its label (through gettext_lazy): without one, Django
    makes it from the field's Python name ("first_name" is "First name"), in English on every page
    and in the error summary.
    """

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        unlabelled = [
            name for name, field in self.fields.items() if field.label is None and not field.widget.is_hidden
        ]
        if unlabelled:
            raise ImproperlyConfigured(
                f"{type(self).__name__}: give {', '.join(unlabelled)} a translated label, or Django "
                "labels it in English from the field's name."
            )

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name not in self.fields:
                continue
            bound = self[name]
            if bound.widget_type in ("radioselect", "checkboxselectmultiple"):
                continue  # the group's <fieldset> carries it (templates/includes/forms/field.html)
            ids = [f"{bound.auto_id}_error"]
            if self.fields[name].help_text:
                ids.append(f"{bound.auto_id}_helptext")  # the id Django itself uses for help text
            self.fields[name].widget.attrs["aria-describedby"] = " ".join(ids)


class FastSelect(forms.Select):
    """A select that writes its options (and their <optgroup>s) in Python, straight from its choices.

    Django makes a dictionary of each option and renders it through a template of its own, which
    for the directory's long lists (specialties, locations, languages, plans) costs more than the
    search itself. A subclass adds attributes to an option with option_attrs().

    Its field may name its options (`options_key`: a function giving a key that names the choices'
    version and language): they are then written once per process and key (ProcessMemo), and only
    the chosen ones marked on each request.
    """

    options_key = None

    def render(self, name, value, attrs=None, renderer=None):
        selected = set(self.format_value(value))
        key = self.options_key() if self.options_key else None
        if key is None:
            options = self.all_options_html(selected)
        else:
            options = _OPTIONS.get((type(self).__name__, key), lambda: self.all_options_html(set()))
            for chosen in selected:  # that value's option and no other: the closing quote is part of it
                start = f'<option value="{html.escape(chosen)}"'
                options = options.replace(start, f"{start} selected", 1)
        final_attrs = flatatt(self.build_attrs(self.attrs, attrs))
        options = mark_safe(options)  # noqa: S308 - escaped HTML (options_html)  # nosec B308 B703
        return format_html('<select name="{}"{}>{}</select>', name, final_attrs, options)

    def all_options_html(self, selected):
        parts = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # (group name, its options)
                group = self.options_html(label, selected)
                parts.append(format_html('<optgroup label="{}">{}</optgroup>', option_value, group))
            else:
                parts.append(self.options_html([(option_value, label)], selected))
        return "".join(parts)

    def options_html(self, choices, selected):
        """The <option>s of (value, label) pairs. An option holds only text: a label in another
        language than the page's (a translation.Text) says so on the option itself. Written with
        the standard library's escape(): Django's, made for any object, costs more than the rest."""
        rows = []
        for value, label in choices:
            value = "" if value is None else str(value)
            attrs = {**self.option_attrs(value)}
            lang = getattr(label, "lang", None)
            if lang:
                attrs["lang"] = lang
            more = "".join(f' {name}="{html.escape(str(text))}"' for name, text in attrs.items())
            chosen = " selected" if value in selected else ""
            text = html.escape(str(label))
            rows.append(f'<option value="{html.escape(value)}"{chosen}{more}>{text}</option>')
        return mark_safe("".join(rows))  # noqa: S308 - every value and text is escaped  # nosec B308 B703

    def option_attrs(self, value):
        """Attributes of the option of `value`, besides its value and selected."""
        return {}


def choices_of(label):
    """The cache namespace of the filter options made from a model's rows ("doctors.Specialty"),
    which any row saved or deleted makes stale. Declared in the app's `caching` module."""
    return Namespace(f"choices:{label.lower()}", models=[label])


def _query_digest(queryset):
    """A short digest of the queryset's SQL, worked out once per queryset: a form's querysets are
    made once, with the form class, and compiling one to SQL costs more than reading the cache."""
    digest = getattr(queryset, "_choices_digest", None)
    if digest is None:
        digest = queryset._choices_digest = hashlib.sha256(str(queryset.query).encode()).hexdigest()[:16]
    return digest


def slug_choices(queryset):
    """(slug, name) pairs for a filter's options, kept in the cache until a row of the model changes.

    A translated name is in the page's language (a translation.Text, English where no Spanish is
    written, which FastSelect marks), in that language's alphabetical order: the key names the
    language, so that no page is offered the options cached for another.
    """
    return _CHOICES.shared(slug_choices_key(queryset), lambda: _choices(queryset), 60 * 60)


def slug_choices_key(queryset):
    """The key slug_choices() keeps the options under: the model, the language, the version."""
    label = queryset.model._meta.label_lower
    namespace = Namespace.declared.get(f"choices:{label}")
    if namespace is None:
        raise ImproperlyConfigured(f"Declare choices_of({label!r}) in its app's caching module.")
    query = _query_digest(queryset)
    language = translation.get_language()
    return f"choices:{label}:{language}:{namespace.version()}:{query}"


# A page offers several filters' options, on every request: kept in each process too, and the
# options of each select written out (FastSelect).
_CHOICES = ProcessMemo()
_OPTIONS = ProcessMemo()


def _choices(queryset):
    if "name" in translation.translated_fields(queryset.model):
        labelled = ((obj.slug, translation.choice_label(obj)) for obj in queryset.only("slug", "name"))
        return sorted(labelled, key=lambda choice: translation.sort_key(choice[1]))
    return list(queryset.values_list("slug", "name"))


class TranslatedChoiceIterator(forms.models.ModelChoiceIterator):
    """The records in the alphabetical order of their names in the page's language."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        choices = [self.choice(obj) for obj in self.queryset]
        yield from sorted(choices, key=lambda choice: translation.sort_key(choice[1]))


class TranslatedModelChoiceField(forms.ModelChoiceField):
    """A choice of records named in the page's language (a name not written in it yet is the
    English, which FastSelect marks lang="en" on its option), in that language's order."""

    iterator = TranslatedChoiceIterator

    def label_from_instance(self, obj):
        return translation.choice_label(obj)


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
        # Its options: the queryset's, in a version and language, after the empty label.
        self.widget.options_key = lambda: (type(self).__name__, slug_choices_key(queryset), str(empty_label))

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


class SearchField(forms.CharField):
    """A list page's free-text search: bounded, and saying so beside the field when too long."""

    MAX_LENGTH = 200

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", self.MAX_LENGTH)
        too_long = _(
            "Please shorten your search to %(limit_value)d characters or fewer (it has %(show_value)d)."
        )
        kwargs.setdefault("error_messages", {"max_length": too_long})
        attrs = {"type": "search", "autocomplete": "off", "enterkeyhint": "search"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)


class ZipCodeField(forms.CharField):
    """A US ZIP code, checked against the ZIP centroids the zipcodes package carries offline.

    Cleans to {"code", "latitude", "longitude"}, or None when left empty.
    """

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("max_length", 10)
        kwargs.setdefault("error_messages", {"max_length": _("A ZIP code is 5 digits, like 02114.")})
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "postal-code", "size": 6}),
        )
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value).strip()
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


class FilterForm(DescribedErrorsMixin, forms.Form):
    """A list page's GET form: a bad value drops only its own filter, and says why beside it.

    Subclasses with a `zip` field and a "distance" sort get the check that one needs the other.
    """

    SORT_DISTANCE = "distance"
    default_sort = None

    def filter_fields(self):
        """The bound fields of the folding filter panel: all but the search box, tick boxes last."""
        fields = [self[name] for name in self.fields if name != "q"]
        return sorted(fields, key=lambda field: field.widget_type == "checkbox")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("sort") == self.SORT_DISTANCE and not cleaned.get("zip") and "zip" not in self.errors:
            self.add_error(
                "zip", forms.ValidationError(_("Enter your ZIP code to sort by distance."), code="zip_needed")
            )
            cleaned["sort"] = self.default_sort
        return cleaned

    def valid_data(self):
        """The values that passed validation, leaving out empty ones."""
        self.is_valid()
        return {name: value for name, value in self.cleaned_data.items() if value not in (None, "", False)}
