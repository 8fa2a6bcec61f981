"""Model texts in the page's language, English marked lang="en" where none is written yet
(toolkit.translation):

    {{ specialty|translated:"name" }}             Cardiología, or <span lang="en">Cardiology</span>
    {{ location|translated_paragraphs:"transit" }}  paragraphs, each <p lang="en"> when English
    {% for name in doctor.languages.all|translated_names %}   names in the page's alphabetical order
"""

from django import template

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
