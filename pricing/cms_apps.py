"""Hooks the price pages and the estimator onto the "Price Transparency" CMS page."""

from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class PricingApphook(CMSApp):
    app_name = "pricing"
    name = _("Price Transparency")

    def get_urls(self, page=None, language=None, **kwargs):
        return ["pricing.urls"]
