"""Model texts in the page's language, and English marked as English where none is written yet.

The apps register their translated fields with django-modeltranslation (`<app>/translation.py`):
each language is a column (name_en, name_es). Reading `specialty.name` gives the page's language or
silently the English; `translated(specialty, "name")` says which it gave, so that a page can mark the
English it shows in a Spanish page with lang="en" (WCAG 3.1.2). Templates use the filters of
`{% load translated %}`; filter choices use `choice_label()`.
"""

import unicodedata

from django.utils.html import escape, format_html, linebreaks
from django.utils.safestring import mark_safe
from modeltranslation import settings as mt_settings
from modeltranslation.translator import NotRegistered, translator
from modeltranslation.utils import build_localized_fieldname, get_language, resolution_order


class Text(str):
    """A text in the page's language, or in `lang`, the language it fell back to.

    In a template it marks itself: <span lang="en">Cardiology</span> on a Spanish page. As a plain
    string (str(), an attribute, JSON-LD) it is just the text.
    """

    def __new__(cls, value, lang=None):
        text = super().__new__(cls, value)
        text.lang = lang
        return text

    def __html__(self):
        if self.lang:
            return format_html('<span lang="{}">{}</span>', self.lang, str(self))
        return escape(str(self))

    def __reduce__(self):  # kept in the cache: the language too
        return Text, (str(self), self.lang)


def translated_fields(model):
    """The names of `model`'s fields registered for translation (empty when none is)."""
    try:
        return set(translator.get_options_for_model(model).get_field_names())
    except NotRegistered:
        return set()


def translations(obj, field):
    """{language: text} of `obj`'s `field`, "" where it is not written (kept by caches that serve
    every language, then read with in_language())."""
    if field not in translated_fields(type(obj)):
        return {mt_settings.DEFAULT_LANGUAGE: getattr(obj, field) or ""}
    return {
        lang: getattr(obj, build_localized_fieldname(field, lang), None) or ""
        for lang in mt_settings.AVAILABLE_LANGUAGES
    }


def english(obj, field):
    """`obj`'s `field` as written in the default language (English), with no fallback: what
    search reads, whatever the page's language."""
    return translations(obj, field).get(mt_settings.DEFAULT_LANGUAGE, "")


def in_language(texts, language=None):
    """The text of {language: text} in `language` (the page's by default), or else in the first
    fallback language that has one, as a Text that knows which."""
    language = language or get_language()
    for lang in resolution_order(language, mt_settings.FALLBACK_LANGUAGES):
        if texts.get(lang):
            return Text(texts[lang], None if lang == language else lang)
    return Text("")


def translated(obj, field, language=None):
    """`obj`'s `field` in `language` (the page's by default), or in the first fallback language
    that has it, as a Text that knows which. A field not registered for translation is written in
    the default language (English): on a page in another language, it is marked so."""
    return in_language(translations(obj, field), language)


def paragraphs(text):
    """A translated text of several lines as paragraphs (Django's linebreaks), each marked with the
    language it fell back to; nothing at all (no empty <p>) for an empty text."""
    if not text:
        return ""
    html = linebreaks(text, autoescape=True)
    if getattr(text, "lang", None):
        html = html.replace("<p>", format_html('<p lang="{}">', text.lang))
    return mark_safe(html)  # noqa: S308 - built from escaped text  # nosec B308 B703


def sort_key(text):
    """Alphabetical order that reads right in Spanish as in English: accents and case aside
    ("Árabe" among the A's, not after "Vietnamita")."""
    decomposed = unicodedata.normalize("NFKD", str(text))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def names(objects, field="name", language=None):
    """The `field` of each of `objects`, translated, in alphabetical order for that language."""
    return sorted((translated(obj, field, language) for obj in objects), key=sort_key)


def choice_label(obj, field="name"):
    """A filter option's label: a Text (whose `lang` the select puts on the <option>) for a
    translated model, the plain name otherwise."""
    if field in translated_fields(type(obj)):
        return translated(obj, field)
    return str(obj)
