"""`{% hospital as hospital %}`: the hospital's identity (toolkit.identity) for a template, then
{{ hospital.name }}, {{ hospital.phone }}, {{ hospital.phone_href }}, {{ hospital.emergency_number }}…

A tag, so that it works on every page, the error pages rendered without a request included."""

from django import template

from toolkit import identity

register = template.Library()


@register.simple_tag
def hospital():
    return identity.hospital()


@register.filter
def tel_href(number):
    """A phone number as people write it, as a link's address in E.164: "tel:+16175550123"."""
    return identity.phone_href(number)
