from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AppointmentsConfig(AppConfig):
    name = "appointments"
    verbose_name = _("Appointment requests")

    def ready(self):
        from toolkit.views import received_lookups

        from .views import reference_on_confirmation_page

        received_lookups.append(reference_on_confirmation_page)
