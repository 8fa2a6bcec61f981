"""Deletes requests (and their files) past the retention period, and old sent e-mail."""

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from appointments.models import Attachment, OutgoingEmail, Request

SENT_EMAIL_KEPT = datetime.timedelta(days=7)


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
        now = timezone.now()
        cutoff = now - datetime.timedelta(days=days)
        old = Request.objects.filter(created_at__lt=cutoff)
        files = list(Attachment.objects.filter(request__in=old).values_list("file", flat=True))
        emails = OutgoingEmail.objects.filter(created_at__lt=cutoff) | OutgoingEmail.objects.filter(
            sent_at__lt=now - SENT_EMAIL_KEPT
        )
        requests_count = old.count()
        if dry_run:
            self.stdout.write(
                f"Would delete {requests_count} requests older than {days} days, {len(files)} files "
                f"and {emails.count()} e-mails."
            )
            return
        with transaction.atomic():
            deleted_emails, _ = emails.delete()
            old.delete()  # their files' rows too; the history of who saw them stays, by reference
        storage = Attachment._meta.get_field("file").storage
        for name in files:  # after the commit: a file is never missing for a request still there
            storage.delete(name)
        self.stdout.write(
            f"Deleted {requests_count} requests older than {days} days, {len(files)} files "
            f"and {deleted_emails} e-mails."
        )
