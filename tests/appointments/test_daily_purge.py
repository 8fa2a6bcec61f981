"""The mail worker purges old requests by itself, once per PURGE_INTERVAL_HOURS between all workers.

The last run is kept in the database (appointments.ScheduledJob): a worker restarted, or a second
worker beside the first, does not purge again until the interval is over.
"""

import datetime
import io
import logging
import os
import secrets
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from appointments.models import OutgoingEmail, Request, ScheduledJob
from appointments.schedule import JOBS
from tests.servers import ROOT, database_url, end_process
from tests.services import wait_for

from .conftest import make_request

WAIT = 15  # seconds


def aged(request, days):
    Request.objects.filter(pk=request.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    return request


def exists(request):
    return Request.objects.filter(pk=request.pk).exists()


@pytest.mark.django_db
def test_each_round_of_the_worker_purges_once_a_day(settings, caplog):
    settings.APPOINTMENTS_RETENTION_DAYS = 30
    caplog.set_level(logging.INFO, logger="appointments.schedule")
    old, recent = aged(make_request(), 31), aged(make_request(), 29)

    call_command("send_queued_email", stdout=io.StringIO())  # one round, as a worker's
    assert not exists(old) and exists(recent)
    assert "Scheduled job purge_requests done" in caplog.text
    assert "deleted 1 requests older than 30 days" in caplog.text
    job = ScheduledJob.objects.get(name="purge_requests")
    assert job.started_at and job.succeeded_at

    older = aged(make_request(), 40)  # too old, but the purge ran less than a day ago
    call_command("send_queued_email", stdout=io.StringIO())  # a worker started anew
    assert exists(older)

    ScheduledJob.objects.update(started_at=timezone.now() - datetime.timedelta(hours=24, minutes=1))
    call_command("send_queued_email", stdout=io.StringIO())  # a day later
    assert not exists(older) and exists(recent)


@pytest.mark.django_db
def test_an_interval_of_zero_leaves_the_purge_to_the_command(settings):
    settings.APPOINTMENTS_RETENTION_DAYS, settings.PURGE_INTERVAL_HOURS = 30, 0
    old = aged(make_request(), 31)
    call_command("send_queued_email", stdout=io.StringIO())
    assert exists(old) and not ScheduledJob.objects.filter(name="purge_requests").exists()


class Worker:
    """`manage.py send_queued_email --loop` (`make worker`) in a process of its own, with the
    production settings, on the test run's PostgreSQL database."""

    def __init__(self):
        self.log = tempfile.NamedTemporaryFile(prefix="mgh-worker-", suffix=".log")  # noqa: SIM115
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
            "DATABASE_URL": database_url(),
            "REDIS_URL": settings.REDIS_URL,
            "EMAIL_URL": "consolemail://",
            "APPOINTMENTS_RETENTION_DAYS": "30",
            "PURGE_INTERVAL_HOURS": "24",
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        self.process = subprocess.Popen(  # noqa: S603 - manage.py of this project
            [sys.executable, "manage.py", "send_queued_email", "--loop", "--interval", "0.2"],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def output(self):
        return Path(self.log.name).read_text(errors="replace")

    def stop(self):
        end_process(self.process)
        self.log.close()


@pytest.fixture
def start_worker(transactional_db):
    started = []

    def start():
        started.append(Worker())
        return started[-1]

    yield start
    for worker in started:
        worker.stop()


@pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the worker process must share the test's database (set DATABASE_URL=postgres://...)",
)
def test_the_running_worker_purges_old_requests_and_a_restart_does_not_purge_again(start_worker):
    old, recent = aged(make_request(), 31), aged(make_request(), 29)

    worker = start_worker()
    wait_for("the worker to purge", lambda: not exists(old) or worker.process.poll() is not None, WAIT)
    assert not exists(old), worker.output()
    assert exists(recent)
    wait_for("the purge to be logged", lambda: "Scheduled job purge_requests done" in worker.output(), WAIT)
    assert "deleted 1 requests older than 30 days" in worker.output()
    # Every job that is due has had its first run (the ratings' refresh comes after the purge)
    # before the worker stops: else the next worker would run that one, which is not what is tested.
    done = [f"Scheduled job {name} done" for name, (_job, every) in JOBS.items() if every()]
    wait_for("every job's first run", lambda: all(line in worker.output() for line in done), WAIT)
    worker.stop()

    # Restarted (or a second worker) within the day: the purge is not due, e-mail goes on.
    older = aged(make_request(), 40)
    email = OutgoingEmail.objects.create(
        to="intake@example.org", subject="New request", body="b", next_attempt_at=timezone.now()
    )
    worker = start_worker()
    # Its first round asks the schedule first, then sends what is due.
    wait_for(
        "the worker's first round",
        lambda: OutgoingEmail.objects.get(pk=email.pk).sent_at or worker.process.poll() is not None,
        WAIT,
    )
    assert OutgoingEmail.objects.get(pk=email.pk).sent_at, worker.output()
    assert exists(older) and exists(recent)
    assert "Scheduled job" not in worker.output()
