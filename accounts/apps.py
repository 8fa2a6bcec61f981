from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Staff accounts: sign-in with a second factor, short sessions, and the record of who did what."""

    name = "accounts"
    verbose_name = _("Staff accounts")

    def ready(self):
        from django.contrib.auth import user_logged_in

        from . import audit, sessions

        audit.connect()
        user_logged_in.connect(sessions.started, dispatch_uid="accounts.sessions")
