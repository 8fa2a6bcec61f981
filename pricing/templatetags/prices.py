"""Money as each language writes it: `{{ amount|dollars }}` ("$1,234" on English pages, "1 234 US$"
on Spanish ones: Django's number formats, and where the sign goes is the translation's), and
`{% price_range low high %}` ("$100 to $250"), said in words so that a screen reader reads it."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

register = template.Library()


@register.filter
def dollars(amount):
    """Whole dollars without cents; other amounts with them."""
    if amount is None or amount == "":
        return ""
    amount = Decimal(amount)
    places = 0 if amount == amount.to_integral_value() else 2
    return _("$%(amount)s") % {"amount": number_format(amount, decimal_pos=places, force_grouping=True)}


@register.simple_tag
def price_range(low, high):
    if low == high:
        return dollars(low)
    return _("%(low)s to %(high)s") % {"low": dollars(low), "high": dollars(high)}


@register.filter
def percent(value):
    """A percentage as the language writes it, without trailing zeros: 45.5, 45,5, 80."""
    value = Decimal(value)
    return number_format(value, decimal_pos=max(0, -value.normalize().as_tuple().exponent))
