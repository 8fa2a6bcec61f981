"""The estimator's GET forms: what the patient needs, in their words, and how they will pay.

Nothing personal is asked: a few words or a code, and a plan picked from the list (or self-pay).
"""

from django import forms
from django.utils.translation import gettext_lazy as _

from toolkit.caching import ProcessMemo
from toolkit.forms import DescribedErrorsMixin, FastSelect, SearchField

from .caching import PRICING
from .models import Plan

SELF_PAY = "self"


def plan_choices():
    """[(payer's name, [(plan's id, plan's name), ...]), ...]: the <optgroup>s of the plan select,
    kept in the cache until a payer or plan changes."""
    return _PLAN_CHOICES.shared(plan_choices_key(), _plan_groups, 60 * 60)


def plan_choices_key():
    """The key plan_choices() keeps the groups under, which names their version."""
    return f"pricing:plan-choices:{PRICING.version()}"


def plan_options_key(leading):
    """A PlanSelect's options_key (toolkit.forms.FastSelect) for a field that offers the `leading`
    choices before the plans: the plans' version, and those choices' labels in the page's language."""
    return lambda: (plan_choices_key(), *(str(label) for _value, label in leading))


_PLAN_CHOICES = ProcessMemo(size=4)  # offered on every page of the directory and the estimator


def _plan_groups():
    groups = {}
    for pk, payer, name in Plan.objects.values_list("pk", "payer__name", "name"):
        groups.setdefault(payer, []).append((str(pk), name))
    return list(groups.items())


class PlanSelect(FastSelect):
    """The plans are named as the insurers name them, in English: their options say so (lang="en"),
    so that a Spanish page's screen reader reads them as English."""

    def option_attrs(self, value):
        return {"lang": "en"} if value not in ("", SELF_PAY) else {}


class PlanField(forms.ChoiceField):
    """An insurance plan, grouped by insurer, or self-pay. Cleans to a Plan, SELF_PAY, or None
    (not chosen: the estimate then shows what every plan pays)."""

    def __init__(self, **kwargs):
        first = [("", _("I am not sure yet")), (SELF_PAY, _("I will pay myself (no insurance)"))]
        super().__init__(
            choices=lambda: [*first, *plan_choices()],
            required=False,
            widget=PlanSelect,
            error_messages={
                "invalid_choice": _(
                    "We do not know this plan. Please choose yours from the list, or choose that you will "
                    "pay yourself."
                )
            },
            **kwargs,
        )
        self.widget.options_key = plan_options_key(first)

    def clean(self, value):
        value = super().clean(value)
        if value in ("", SELF_PAY):
            return value or None
        plan = Plan.objects.select_related("payer").filter(pk=value).first()
        if plan is None:
            raise forms.ValidationError(self.error_messages["invalid_choice"], code="invalid_choice")
        return plan


class PlanForm(DescribedErrorsMixin, forms.Form):
    """How the patient will pay: on a service's estimate, to see it for another plan."""

    plan = PlanField(
        label=_("How will you pay?"),
        help_text=_("Your insurer and plan are on your insurance card."),
    )


class EstimateForm(PlanForm):
    """The estimator's search: what the patient needs, and how they will pay."""

    q = SearchField(
        label=_("What do you need?"),
        help_text=_("In your own words, like “knee MRI” or “having a baby”, or a code like 70551."),
        required=True,
        error_messages={
            "required": _("Tell us what you need: a few words like “knee MRI”, or a code like 70551."),
            "max_length": _(
                "Please shorten your search to %(limit_value)d characters or fewer (it has %(show_value)d)."
            ),
        },
    )
    field_order = ["q", "plan"]
