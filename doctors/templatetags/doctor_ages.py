"""The ages a doctor sees, said as a sentence on the directory's cards ("Sees children and adolescents")."""

from django import template
from django.utils.text import get_text_list
from django.utils.translation import gettext, pgettext

from doctors.models import AgeGroup

register = template.Library()


@register.filter
def ages_seen_sentence(groups):
    """The sentence for a doctor's `age_groups` (youngest first): "Sees adults and older adults",
    "Sees patients of all ages" for every group, nothing for none.
    """
    if not groups:
        return ""
    if len(groups) == len(AgeGroup):
        return gettext("Sees patients of all ages")
    # The labels are the filter's options ("Older adults"); inside a sentence they are lower case.
    labels = [str(group.label).lower() for group in groups]
    ages = get_text_list(labels, pgettext("the last of a list", "and"))
    return gettext("Sees %(ages)s") % {"ages": ages}
