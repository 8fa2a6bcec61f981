"""Whether the site-wide alert banner shows now, with its schedule kept in the cache.

Pages are cached whole (django CMS's page cache, the apps' page cache), banner included. So
when the schedule's next start or end passes, the first request after it invalidates those
caches (AlertScheduleMiddleware): the banner appears and disappears on time, in every process.
"""

import datetime

from django.core.cache import cache
from django.db import DatabaseError, transaction
from django.utils import timezone

from toolkit.caching import NEXT_CHANGE_KEY, invalidate_cms_pages

SCHEDULE_KEY = "alert-schedule"


def schedule():
    """(starts_at, ends_at) of the banner's schedule, from the cache."""
    cached = cache.get(SCHEDULE_KEY)
    if cached is None:
        from .models import AlertSchedule

        row = AlertSchedule.objects.first()
        cached = (row.starts_at, row.ends_at) if row else (None, None)
        cache.set(SCHEDULE_KEY, cached, None)
    return cached


def is_showing(now=None):
    starts_at, ends_at = schedule()
    now = now or timezone.now()
    return (starts_at is None or starts_at <= now) and (ends_at is None or now < ends_at)


def next_change(now=None):
    now = now or timezone.now()
    return min((moment for moment in schedule() if moment and moment > now), default=None)


def remember_next_change(now=None):
    moment = next_change(now)
    # A far-off sentinel when nothing is due, so the check stays one cache read.
    cache.set(NEXT_CHANGE_KEY, (moment or timezone.now() + datetime.timedelta(days=365)).timestamp(), None)


def schedule_changed(**kwargs):
    """Signal receiver: the schedule was saved, so pages must show (or hide) the banner now.

    Again after commit: another process may have cached the old schedule in between."""

    def forget():
        cache.delete(SCHEDULE_KEY)
        remember_next_change()
        invalidate_cms_pages()

    forget()
    transaction.on_commit(forget)


class AlertScheduleMiddleware:
    """Once the banner's start or end has passed, make every cached page show the change."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        due = cache.get(NEXT_CHANGE_KEY)
        if due is None or timezone.now().timestamp() >= due:
            try:
                if due is not None:
                    invalidate_cms_pages()
                remember_next_change()
            except DatabaseError:
                pass  # the database is away: cached pages and /healthz must still be served
        return self.get_response(request)
