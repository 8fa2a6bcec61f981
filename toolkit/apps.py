from django.apps import AppConfig


class ToolkitConfig(AppConfig):
    """An app only so that `manage.py compile_translations` is found; it has no models."""

    name = "toolkit"
