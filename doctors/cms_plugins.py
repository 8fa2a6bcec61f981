"""The ratings policy block editors put on the page that explains patients' ratings: the thresholds
and the reasons a comment is not shown, read from the settings and the code, so the page never says
other than what the site does."""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .models import WithholdReason
from .ratings import period_months


@plugin_pool.register_plugin
class RatingsPolicyPlugin(CMSPluginBase):
    module = _("Mass General")
    name = _("Ratings: thresholds and reasons")
    render_template = "doctors/includes/ratings_policy.html"
    cache = True

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context.update(
            {
                "min_surveys": settings.RATINGS_MIN_SURVEYS,
                "period_months": period_months(),
                "min_comments": settings.RATINGS_MIN_COMMENTS,
                "reasons": [reason.label for reason in WithholdReason],
            }
        )
        return context
