"""Holding an open time for a patient's request until staff confirm or release it.

A hold is one conditional UPDATE (the slot is free, not held, not begun): of two patients asking for
the same time at once, the database lets one update the row and finds the other's condition false.
The hold ends by itself after SCHEDULING_HOLD_HOURS; a held slot is busy to everyone else (on the
site and in our publication) and is never deleted by a feed's run while held.
"""

import datetime

from django.conf import settings
from django.utils import timezone

from . import openings
from .models import Slot


def hold(slot):
    """Hold `slot` (a Slot); False if it is no longer open (taken, held, or past)."""
    now = timezone.now()
    until = now + datetime.timedelta(hours=settings.SCHEDULING_HOLD_HOURS)
    held = Slot.objects.open(now).filter(pk=slot.pk).update(held_until=until)
    if held:
        slot.held_until = until
        openings.refresh(practices=[slot.schedule.practice_id])
    return bool(held)


def release(slot):
    """Free a held slot again (staff could not book it, or the patient no longer wants it)."""
    Slot.objects.filter(pk=slot.pk).update(held_until=None)
    openings.refresh(practices=[slot.schedule.practice_id])


def confirm(slot):
    """Staff booked the time in the scheduling system: busy here until its feed says otherwise."""
    Slot.objects.filter(pk=slot.pk).update(held_until=None, status=Slot.Status.BUSY)
    openings.refresh(practices=[slot.schedule.practice_id])


def open_times(practice_ids, days, limit=None):
    """The open new-patient times at these practices in the coming `days`, soonest first."""
    now = timezone.now()
    horizon = now + datetime.timedelta(days=days)
    times = (
        Slot.objects.open(now)
        .filter(new_patients=True, schedule__practice__in=practice_ids, start__lte=horizon)
        .select_related("schedule__practice__location")
        .order_by("start", "pk")
    )
    return list(times[:limit] if limit else times)
