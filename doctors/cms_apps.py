"""Hooks the directory onto the "Find a Doctor" CMS page."""

from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class DoctorsApphook(CMSApp):
    app_name = "doctors"
    name = _("Find a Doctor")

    def get_urls(self, page=None, language=None, **kwargs):
        return ["doctors.urls"]
