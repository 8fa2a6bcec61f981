"""The admin app, with accounts.admin_site.StaffAdminSite as `admin.site`.

Apart from accounts.admin_site because INSTALLED_APPS imports it before the models are ready.
"""

from django.contrib.admin.apps import AdminConfig


class StaffAdminConfig(AdminConfig):
    default_site = "accounts.admin_site.StaffAdminSite"
