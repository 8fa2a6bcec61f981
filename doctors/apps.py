from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DoctorsConfig(AppConfig):
    name = "doctors"
    verbose_name = _("Find a Doctor")

    def ready(self):
        from . import cards, insurance

        cards.connect()
        insurance.connect()
