from django.apps import AppConfig
from django.utils.module_loading import autodiscover_modules


class ToolkitConfig(AppConfig):
    """Wires the apps' cache namespaces (toolkit.caching.Namespace, declared in each app's `caching`
    module) to the signals that make them stale, and each request's reading of their versions; the
    deployment check of SITE_DOMAIN; and `manage.py compile_translations`."""

    name = "toolkit"

    def ready(self):
        from django.core.signals import request_finished, request_started

        from . import checks  # noqa: F401 (registers the deployment check of SITE_DOMAIN)
        from .caching import connect_namespaces, forget_versions, remember_versions

        autodiscover_modules("caching")
        connect_namespaces()
        request_started.connect(remember_versions, dispatch_uid="toolkit:remember-versions")
        request_finished.connect(forget_versions, dispatch_uid="toolkit:forget-versions")
