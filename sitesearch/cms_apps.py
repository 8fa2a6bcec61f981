"""Hooks the site search onto the "Search" CMS page."""

from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class SearchApphook(CMSApp):
    app_name = "sitesearch"
    name = _("Site search")

    def get_urls(self, page=None, language=None, **kwargs):
        return ["sitesearch.urls"]
