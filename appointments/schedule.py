"""Jobs the mail worker runs on a schedule besides sending e-mail: the purge of old requests, the
generation of the standard-charges files staff queued (pricing.publishing), the doctors' ratings
worked out again each day (doctors.ratings), and the open appointment times read from the
scheduling system's feeds (scheduling.feeds) every SCHEDULING_REFRESH_SECONDS.

Each job's last run is kept in the database (ScheduledJob), so that between all the workers, and
across restarts, it runs once per interval: a worker takes a run with one conditional UPDATE that
moves `started_at` to now where it is older than the interval, as it claims an e-mail
(appointments.outbox); of two workers only one moves it. A run that fails is tried again after
RETRY_AFTER_FAILURE, not at every round. Nothing here stops the e-mail: a failing job is logged.
"""

import contextlib
import datetime
import logging
import time

from django.conf import settings
from django.db import DatabaseError
from django.db.models import Q
from django.utils import timezone

from doctors.ratings import refresh as refresh_doctor_ratings
from pricing.publishing import queued_publications, run_queued
from scheduling import openings
from scheduling.feeds import FeedError
from scheduling.feeds import import_all as import_open_times

from .models import ScheduledJob
from .retention import purge

logger = logging.getLogger(__name__)

RETRY_AFTER_FAILURE = datetime.timedelta(minutes=15)
# When the schedule itself cannot be read (the database away, a migration not yet run).
RETRY_AFTER_DATABASE_ERROR = datetime.timedelta(minutes=1)


def purge_requests():
    days = settings.APPOINTMENTS_RETENTION_DAYS
    purged = purge(days)
    return (
        f"deleted {purged.requests} requests older than {days} days, {purged.files} files "
        f"and {purged.emails} e-mails"
    )


def purge_interval():
    return datetime.timedelta(hours=settings.PURGE_INTERVAL_HOURS)


def publish_prices():
    publication = run_queued()
    if publication is None:
        return "no publication of the standard charges queued"
    return f"publication {publication.pk} of the standard charges: {publication.status}"


def publish_interval():
    """Every minute while staff have a publication queued; otherwise never (no run, no log line)."""
    return datetime.timedelta(minutes=1) if queued_publications() else None


def refresh_ratings():
    return f"worked out the ratings of {refresh_doctor_ratings()} doctors"


def daily():
    """The rating period moves by a day each day: surveys leave it, and ratings change with them."""
    return datetime.timedelta(days=1)


def read_open_times():
    """Every feed's changes (scheduling.feeds), and every practice's next time worked out again,
    as times begin and holds lapse even when no feed changes. A feed that cannot be read is logged
    and keeps what it showed; the others are read."""
    results = import_open_times()
    openings.refresh()
    failed = [feed.name for feed, result in results.items() if isinstance(result, FeedError)]
    return f"read {len(results) - len(failed)} open times feeds" + (
        f"; not read: {', '.join(failed)}" if failed else ""
    )


def open_times_interval():
    return datetime.timedelta(seconds=settings.SCHEDULING_REFRESH_SECONDS)


# name: (the job, how often it runs: no time means never)
JOBS = {
    "purge_requests": (purge_requests, purge_interval),
    "publish_prices": (publish_prices, publish_interval),
    "refresh_ratings": (refresh_ratings, daily),
    "read_open_times": (read_open_times, open_times_interval),
}


class Schedule:
    """One worker's view of the jobs: call `run_due()` every round. Between a job's runs it asks
    the database nothing, as it knows when the job is next due."""

    def __init__(self, jobs=None):
        self.jobs = JOBS if jobs is None else jobs
        self.next_check = {}

    def run_due(self):
        for name, (job, every) in self.jobs.items():
            interval = every()
            now = timezone.now()
            if not interval or now < self.next_check.get(name, now):
                continue
            try:
                last = _take(name, interval, now)
            except DatabaseError as error:
                logger.warning("Scheduled job %s not checked (%s)", name, type(error).__name__)
                self.next_check[name] = now + RETRY_AFTER_DATABASE_ERROR
                continue
            if last is not None:  # run less than `interval` ago, by this worker or another
                self.next_check[name] = last + interval
                continue
            self.next_check[name] = now + interval
            self._run(name, job, now, interval)

    def _run(self, name, job, started_at, interval):
        started = time.monotonic()
        try:
            outcome = job()
        except Exception:
            retry_at = timezone.now() + RETRY_AFTER_FAILURE
            self.next_check[name] = retry_at
            # Due again at retry_at, for whichever worker comes first (if the database lets us say so;
            # otherwise when the interval is over).
            with contextlib.suppress(DatabaseError):
                ScheduledJob.objects.filter(name=name, started_at=started_at).update(
                    started_at=retry_at - interval
                )
            logger.exception("Scheduled job %s failed; next try at %s", name, retry_at.isoformat())
            return
        ScheduledJob.objects.filter(name=name).update(succeeded_at=timezone.now())
        logger.info("Scheduled job %s done in %.1f s: %s", name, time.monotonic() - started, outcome)


def _take(name, interval, now):
    """Take the run of `name` due at `now`: None if this worker has it, else when it last started."""
    ScheduledJob.objects.get_or_create(name=name)
    taken = (
        ScheduledJob.objects.filter(name=name)
        .filter(Q(started_at=None) | Q(started_at__lte=now - interval))
        .update(started_at=now)
    )
    if taken:
        return None
    return ScheduledJob.objects.filter(name=name).values_list("started_at", flat=True).get()
