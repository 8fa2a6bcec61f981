"""Each practice's next new-patient time, kept on the practice (doctors.Practice.next_opening) where
the directory's cards, profiles and "can be seen within" filter read it without reading slots."""

from django.db.models import OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import timezone

from doctors.models import Practice
from locations.caching import DIRECTORY

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
    DIRECTORY.changed()  # now, and again when the transaction commits (toolkit.caching)
    return changed
