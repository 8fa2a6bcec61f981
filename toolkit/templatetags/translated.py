"""Model texts in the page's language, English marked lang="en" where none is written yet
(toolkit.translation):

    {{ specialty|translated:"name" }}             Cardiología, or <span lang="en">Cardiology</span>
    {{ location|translated_paragraphs:"transit" }}  paragraphs, each <p lang="en"> when English
    {% for name in doctor.languages.all|translated_names %}   names in the page's alphabetical order
    {{ slot.start|date:_("l, F j")|in_sentence }}  "lunes 7 de diciembre" inside a Spanish sentence
"""

from django import template
from django.utils.translation import get_language

from toolkit import translation

register = template.Library()


@register.filter
def translated(obj, field):
    return translation.translated(obj, field)


@register.filter
def translated_paragraphs(obj, field):
    return translation.paragraphs(translation.translated(obj, field))


@register.filter
def translated_names(objects, field="name"):
    return translation.names(objects, field)


# Languages that write the names of days and months in lower case inside a sentence ("el lunes 7 de
# diciembre"). The catalog capitalises the days, as the labels of the hours tables and the forms.
LOWER_CASE_CALENDAR = {"es"}


@register.filter
def in_sentence(text):
    """A date as the `date` filter wrote it, as it reads inside a sentence of the page's language."""
    language = (get_language() or "").split("-")[0]
    return str(text).lower() if language in LOWER_CASE_CALENDAR else text
