"""{% open_times_at practices as times %}: the open new-patient times at these practices in the coming
two weeks, for a doctor's profile (templates/includes/open_times.html shows them)."""

from django import template

from ..holds import open_times

register = template.Library()

PROFILE_DAYS = 14
MOST = 60  # a week of a busy clinic's free times is more than anyone reads


@register.simple_tag
def open_times_at(practices):
    return open_times([practice.pk for practice in practices], days=PROFILE_DAYS, limit=MOST)
