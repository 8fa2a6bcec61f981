"""Review before publishing, and the schedule of the site-wide alert banner."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ReviewRequest(models.Model):
    """An editor's draft, sent to the publishers to approve (and publish) or send back.

    Built on djangocms-versioning's own states rather than djangocms-moderation: a draft stays a
    draft until a publisher publishes it, which versioning already enforces through the
    "cms.publish_page" permission; this adds only the request, the decision and who made it.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for review")
        APPROVED = "approved", _("Approved and published")
        RETURNED = "returned", _("Sent back")

    version = models.ForeignKey(
        "djangocms_versioning.Version", on_delete=models.CASCADE, related_name="review_requests"
    )
    title = models.CharField(_("what"), max_length=255)
    note = models.TextField(_("note to the publisher"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("requested by")
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.PENDING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("decided by"),
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("publisher's comment"), blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("review request")
        verbose_name_plural = _("review requests")
        constraints = [
            models.UniqueConstraint(
                fields=["version"],
                condition=models.Q(status="pending"),
                name="one_pending_review_per_version",
            )
        ]

    def __str__(self):
        return self.title


class AlertSchedule(models.Model):
    """When the site-wide alert banner shows: from `starts_at` until `ends_at` (either may be empty).

    One row. The banner's text is the "Site-wide alert banner" alias, written and published as
    usual; the schedule decides when the published text is shown.
    """

    starts_at = models.DateTimeField(_("show from"), null=True, blank=True, help_text=_("Empty: at once."))
    ends_at = models.DateTimeField(
        _("hide after"), null=True, blank=True, help_text=_("Empty: until removed.")
    )

    class Meta:
        verbose_name = _("alert banner schedule")
        verbose_name_plural = _("alert banner schedule")

    def __str__(self):
        return str(_("Alert banner schedule"))

    def is_showing(self, now=None):
        now = now or timezone.now()
        return (self.starts_at is None or self.starts_at <= now) and (
            self.ends_at is None or now < self.ends_at
        )

    def next_change(self, now=None):
        """The next moment the banner appears or disappears, or None."""
        now = now or timezone.now()
        upcoming = [moment for moment in (self.starts_at, self.ends_at) if moment and moment > now]
        return min(upcoming, default=None)
