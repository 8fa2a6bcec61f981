from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NoticesConfig(AppConfig):
    """The notices' documents: the Notice of Privacy Practices and the financial assistance papers."""

    name = "notices"
    verbose_name = _("Notices and policy documents")

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from .models import PolicyDocument
        from .signals import refresh_pages

        for signal in (post_save, post_delete):
            signal.connect(
                refresh_pages, sender=PolicyDocument, dispatch_uid=f"notices:{signal is post_save}"
            )
