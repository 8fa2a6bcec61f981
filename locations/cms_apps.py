"""Hooks Find a Location onto its CMS page."""

from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class LocationsApphook(CMSApp):
    app_name = "locations"
    name = _("Find a Location")

    def get_urls(self, page=None, language=None, **kwargs):
        return ["locations.urls"]
