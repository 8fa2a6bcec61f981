from django import template

from editorial import alerts

register = template.Library()


@register.simple_tag
def alert_is_showing():
    """Whether the alert banner's schedule lets it show now (its text is the "site-alert" alias)."""
    return alerts.is_showing()
