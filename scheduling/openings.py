"""Each practice's next new-patient time, kept on the practice (doctors.Practice.next_opening) where
the directory's cards, profiles and "can be seen within" filter read it without reading slots."""

import datetime

from django.db.models import F, Min, OuterRef, Q, Subquery, Value
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save
from django.utils import timezone

from doctors.models import Doctor, Practice
from locations.caching import DIRECTORY
from locations.models import Location

from .models import Slot


def refresh(feed=None, practices=None):
    """Work the next times out again: of the practices with a schedule in `feed`, or of
    `practices` (ids), or of all. The directory's pages are stale after."""
    soonest = (
        Slot.objects.open(timezone.now())
        .filter(new_patients=True, schedule__practice=OuterRef("pk"))
        .order_by("start")
    )
    chosen = Practice.objects.all()
    if feed is not None:
        # And those that had a time, which may have been the feed's.
        chosen = chosen.filter(Q(schedules__feed=feed) | Q(next_opening__isnull=False))
    if practices is not None:
        chosen = chosen.filter(pk__in=practices)
    changed = Practice.objects.filter(pk__in=chosen.values("pk")).update(
        next_opening=Subquery(soonest.values("start")[:1]),
        next_opening_video=Coalesce(Subquery(soonest.values("schedule__video")[:1]), False),
    )
    whose = None if feed is None and practices is None else chosen.values("doctor_id")
    refresh_doctors(whose)
    return changed


NONE = datetime.datetime(1970, 1, 1, tzinfo=datetime.UTC)


def refresh_doctors(doctors=None):
    """Each doctor's soonest time (Doctor.next_opening) from their practices' at published places: of
    `doctors` (a queryset of ids), or of all; how many doctors' times moved. The directory's pages
    are stale after."""
    # The least of the doctor's practices' times, an aggregate over the practices the doctor index
    # finds. Ordering them by time with a LIMIT 1 let the planner walk the index of times instead
    # whenever its statistics still said few practices had one (as just after an import set them
    # all): every practice for each doctor, more than 5 minutes for 100,000 doctors.
    soonest = (
        Practice.objects.filter(doctor=OuterRef("pk"), location__is_published=True)
        .order_by()
        .values("doctor")
        .annotate(soonest=Min("next_opening"))
        .values("soonest")
    )
    chosen = Doctor.objects.all() if doctors is None else Doctor.objects.filter(pk__in=doctors)
    # Only the doctors whose time moves are written: each import refreshes every doctor, and
    # rewriting all their rows each time left the table several times its size between vacuums.
    # (None as a time long past, so that a time gained or lost counts as moved, in one comparison.)
    moved = (
        chosen.alias(
            was=Coalesce("next_opening", Value(NONE)), will_be=Coalesce(Subquery(soonest), Value(NONE))
        )
        .exclude(was=F("will_be"))
        .update(next_opening=Subquery(soonest))
    )
    DIRECTORY.changed()  # now, and again when the transaction commits (toolkit.caching)
    return moved


def place_changed(sender, instance, **kwargs):
    """A place published or withdrawn: its doctors' soonest times may be another practice's."""
    refresh_doctors(Practice.objects.filter(location=instance).values("doctor_id"))


def practice_changed(sender, instance, **kwargs):
    refresh_doctors([instance.doctor_id])


def connect():
    """Called once, when the app is ready."""
    post_save.connect(place_changed, sender=Location, dispatch_uid="openings-place")
    post_delete.connect(practice_changed, sender=Practice, dispatch_uid="openings-practice")
