from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LocationsConfig(AppConfig):
    name = "locations"
    verbose_name = _("Locations")

    def ready(self):
        from django.db.models.signals import m2m_changed, post_delete, post_save

        from toolkit.caching import stale_on_change
        from toolkit.forms import forget_slug_choices

        from .models import HoursException, Location, OpeningHours, Service

        # Locations and doctors share one cache version: each shows the other.
        stale = stale_on_change("directory")
        for model in (Location, OpeningHours, HoursException, Service):
            post_save.connect(
                stale, sender=model, weak=False, dispatch_uid=f"directory-{model.__name__}-save"
            )
            post_delete.connect(
                stale, sender=model, weak=False, dispatch_uid=f"directory-{model.__name__}-delete"
            )
        m2m_changed.connect(
            stale, sender=Location.services.through, weak=False, dispatch_uid="directory-services"
        )
        # Both Find a Doctor (location) and Find a Location (service) offer these as filter options.
        for model in (Location, Service):
            for signal in (post_save, post_delete):
                signal.connect(
                    forget_slug_choices, sender=model, dispatch_uid=f"choices-{model.__name__}-{signal}"
                )
