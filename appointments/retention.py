"""What is kept, and for how long: requests and their files for APPOINTMENTS_RETENTION_DAYS, sent
e-mail for a week. `manage.py purge_requests` and the mail worker's daily run both purge here."""

import datetime
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from .models import Attachment, OutgoingEmail, Request

SENT_EMAIL_KEPT = datetime.timedelta(days=7)


@dataclass
class Purged:
    requests: int
    files: int
    emails: int


def purge(days, dry_run=False):
    """Delete requests older than `days` with their files, and e-mail no longer needed; the counts.

    The record of who saw or did what to a request stays, by reference, without its details.
    """
    now = timezone.now()
    old = Request.objects.filter(created_at__lt=now - datetime.timedelta(days=days))
    files = list(Attachment.objects.filter(request__in=old).values_list("file", flat=True))
    emails = OutgoingEmail.objects.filter(created_at__lt=now - datetime.timedelta(days=days)) | (
        OutgoingEmail.objects.filter(sent_at__lt=now - SENT_EMAIL_KEPT)
    )
    requests_count = old.count()
    if dry_run:
        return Purged(requests_count, len(files), emails.count())
    with transaction.atomic():
        deleted_emails, _ = emails.delete()
        old.delete()  # their files' rows too; the history of who saw them stays, by reference
    storage = Attachment._meta.get_field("file").storage
    for name in files:  # after the commit: a file is never missing for a request still there
        storage.delete(name)
    return Purged(requests_count, len(files), deleted_emails)
