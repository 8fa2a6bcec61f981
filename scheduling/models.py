"""Open appointment times, as the hospital's scheduling system publishes them in SMART Scheduling
Links (feeds.py reads them): a schedule per doctor, practice and kind of visit, and its slots."""

from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Feed(models.Model):
    """A SMART Scheduling Links publisher: the address of its `$bulk-publish` manifest (http, https,
    or a file on this machine), and how far it has been read."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    url = models.CharField(
        _("manifest address"),
        max_length=500,
        help_text=_("The address of the publisher's $bulk-publish manifest, or a path on the server."),
    )
    transaction_time = models.DateTimeField(
        _("last publication read"),
        null=True,
        blank=True,
        editable=False,
        help_text=_(
            "The manifest's transactionTime at the last import: the next asks only for what changed since."
        ),
    )
    imported_at = models.DateTimeField(_("last imported"), null=True, blank=True, editable=False)
    last_report = models.TextField(_("last import's report"), blank=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("open times feed")
        verbose_name_plural = _("open times feeds")

    def __str__(self):
        return self.name


class Schedule(models.Model):
    """One doctor's calendar at one practice, in person or by video, as a feed names it."""

    feed = models.ForeignKey(Feed, on_delete=models.CASCADE, related_name="schedules")
    source_id = models.CharField(_("id in the feed"), max_length=64)
    practice = models.ForeignKey(
        "doctors.Practice", verbose_name=_("practice"), on_delete=models.CASCADE, related_name="schedules"
    )
    video = models.BooleanField(_("video visits"), default=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["feed", "source_id"], name="schedule_once_per_feed")]
        verbose_name = _("schedule")
        verbose_name_plural = _("schedules")

    def __str__(self):
        return f"{self.practice} ({_('video') if self.video else _('in person')})"


class SlotQuerySet(models.QuerySet):
    def open(self, now=None):
        """Times a patient can ask for: free in the feed, not held here, not begun."""
        now = now or timezone.now()
        return self.filter(
            Q(held_until__isnull=True) | Q(held_until__lte=now),
            status=Slot.Status.FREE,
            start__gt=now,
        )


class Slot(models.Model):
    class Status(models.TextChoices):
        FREE = "free", _("Free")
        BUSY_TENTATIVE = "busy-tentative", _("Held")
        BUSY = "busy", _("Booked")
        BUSY_UNAVAILABLE = "busy-unavailable", _("Unavailable")

    schedule = models.ForeignKey(Schedule, on_delete=models.CASCADE, related_name="slots")
    source_id = models.CharField(_("id in the feed"), max_length=64)
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    # As the feed says: a hold of ours (held_until) does not change it, and shows as busy.
    status = models.CharField(_("status in the feed"), max_length=20, choices=Status.choices)
    new_patients = models.BooleanField(_("new patients"), default=True)
    booking_phone = models.CharField(_("phone to book"), max_length=40, blank=True)
    # The import that last listed it: a full import deletes the ones it did not list.
    seen = models.PositiveBigIntegerField(default=0, editable=False)
    # Held by a patient's appointment request until staff confirm or release it, or this passes.
    held_until = models.DateTimeField(_("held until"), null=True, blank=True)

    objects = SlotQuerySet.as_manager()

    class Meta:
        ordering = ["start"]
        constraints = [
            models.UniqueConstraint(fields=["schedule", "source_id"], name="slot_once_per_schedule")
        ]
        indexes = [
            models.Index(fields=["schedule", "start"], name="slot_schedule_start"),
        ]
        verbose_name = _("open time")
        verbose_name_plural = _("open times")

    def __str__(self):
        return f"{self.schedule}: {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    @property
    def is_held(self):
        return self.held_until is not None and self.held_until > timezone.now()
