"""The record of who signed in, changed a role or moved where requests go: kept for the security team."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditEvent(models.Model):
    """One sign-in, sign-out, second-factor or role change, or change to where requests are routed.

    Written by accounts.audit's signal receivers, never by hand; nobody may change or delete one
    from the admin. The user name is kept as text too, so the record outlives the account.
    """

    class Action(models.TextChoices):
        SIGNED_IN = "signed_in", _("Signed in")
        SIGN_IN_FAILED = "sign_in_failed", _("Failed sign-in")
        SIGNED_OUT = "signed_out", _("Signed out")
        SESSION_ENDED = "session_ended", _("Session ended (idle or too long)")
        FACTOR_ADDED = "factor_added", _("Second factor added")
        FACTOR_REMOVED = "factor_removed", _("Second factor removed")
        ROLE_CHANGED = "role_changed", _("Role or permissions changed")
        INTAKE_CHANGED = "intake_changed", _("Intake departments changed")
        ROUTING_CHANGED = "routing_changed", _("Request routing changed")

    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("by"),
        help_text=_("Who did it, when known."),
    )
    username = models.CharField(_("user name"), max_length=150, blank=True)
    address = models.GenericIPAddressField(_("address"), null=True, blank=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices, db_index=True)
    target = models.CharField(_("concerning"), max_length=200, blank=True)
    detail = models.CharField(_("detail"), max_length=500, blank=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M} {self.action} {self.username or '-'} {self.target}".strip()
