"""Hooks the request forms onto the "Appointments & Referrals" CMS page."""

from cms.app_base import CMSApp
from cms.apphook_pool import apphook_pool
from django.utils.translation import gettext_lazy as _


@apphook_pool.register
class AppointmentsApphook(CMSApp):
    app_name = "appointments"
    name = _("Appointments & Referrals")

    def get_urls(self, page=None, language=None, **kwargs):
        return ["appointments.urls"]
