from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PagesConfig(AppConfig):
    name = "pages"
    verbose_name = _("Site pages")

    def ready(self):
        from django.db.models.signals import post_migrate

        from toolkit.caching import watch_versions

        from . import signals

        post_migrate.connect(signals.configure_site, sender=self)
        watch_versions()
