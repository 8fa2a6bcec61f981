from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo hospital's content and `manage.py load_demo`; installed in production too, for its
    deployment check (demo.checks: nobody signs in with the demo admin's published password)."""

    name = "demo"

    def ready(self):
        from . import checks  # noqa: F401 (registers the check)
