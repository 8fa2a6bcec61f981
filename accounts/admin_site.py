"""The admin site, open only to staff whose session passed a second factor."""

from django.contrib.admin import AdminSite
from two_factor.admin import AdminSiteOTPRequiredMixin


class StaffAdminSite(AdminSiteOTPRequiredMixin, AdminSite):
    """Django's admin site (every app registers here, django CMS included, whose editing endpoints
    are admin views too), refusing any session that has not passed a second factor.

    Its login page is the two-factor one; staff signed in by a password alone, with no second
    factor yet, are sent from there to enrol.
    """

    def login(self, request, extra_context=None):
        from accounts.two_factor import admin_login  # imports views, which need the app registry

        return admin_login(self, request, extra_context)
