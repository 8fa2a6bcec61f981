from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ToolkitConfig(AppConfig):
    """Wires the apps' cache namespaces (toolkit.caching.Namespace, declared in each app's `caching`
    module) to the signals that make them stale; the deployment check of SITE_DOMAIN; and
    `manage.py compile_translations`."""

    name = "toolkit"

    def ready(self):
        from . import checks  # noqa: F401 (registers the deployment check of SITE_DOMAIN)
        from .caching import connect_namespaces

        autodiscover_modules("caching")
        connect_namespaces()
