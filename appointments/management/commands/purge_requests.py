"""Deletes requests (and their files) past the retention period, and old sent e-mail.

The mail worker runs the same purge by itself every PURGE_INTERVAL_HOURS (appointments.schedule).
"""

from django.conf import settings
from django.core.management.base import BaseCommand

from appointments.retention import purge


class Command(BaseCommand):
    help = (
        "Delete appointment requests, their uploaded files and queued e-mail older than the retention period."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--days",
            type=int,
            default=settings.APPOINTMENTS_RETENTION_DAYS,
            help="Keep requests this many days (default: APPOINTMENTS_RETENTION_DAYS, %(default)s).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Count what would go, delete nothing.")

    def handle(self, *args, days, dry_run, **options):
        purged = purge(days, dry_run=dry_run)
        self.stdout.write(
            f"{'Would delete' if dry_run else 'Deleted'} {purged.requests} requests older than {days} days, "
            f"{purged.files} files and {purged.emails} e-mails."
        )
