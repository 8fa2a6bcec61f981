"""E-mail through a table: queued in the caller's transaction, sent by a worker, retried until sent.

A request and the e-mails it causes are written together or not at all; a mail server that is down
only delays them. `manage.py send_queued_email --loop` is the worker. Nothing here logs an address.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import connection, transaction
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(hours=1)


def queue_email(to, template, context):
    """Queue the e-mail of `template` (its first line is the subject) to `to`."""
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    return OutgoingEmail.objects.create(
        to=to, subject=subject.strip(), body=body.strip() + "\n", next_attempt_at=timezone.now()
    )


def retry_delay(attempts):
    """1 minute after the first failure, doubling each time, at most an hour: never giving up."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def send_due(batch=50, now=None):
    """Send up to `batch` e-mails that are due; returns (sent, failed).

    On PostgreSQL several workers can run side by side: each locks the rows it takes and skips
    those another holds.
    """
    now = now or timezone.now()
    sent = failed = 0
    with transaction.atomic():
        due = OutgoingEmail.objects.filter(sent_at=None, next_attempt_at__lte=now).order_by("next_attempt_at")
        if connection.features.has_select_for_update_skip_locked:
            due = due.select_for_update(skip_locked=True)
        emails = list(due[:batch])
        if not emails:
            return 0, 0
        mail_connection = get_connection(fail_silently=False)
        for email in emails:
            email.attempts += 1
            try:
                EmailMessage(
                    email.subject,
                    email.body,
                    settings.DEFAULT_FROM_EMAIL,
                    [email.to],
                    connection=mail_connection,
                ).send()
            except Exception as error:  # noqa: BLE001 - any failure of the mail server means "try later"
                failed += 1
                # The error's class only: an SMTP server's message may quote the recipient.
                email.last_error = type(error).__name__
                email.next_attempt_at = now + retry_delay(email.attempts)
                logger.warning(
                    "Queued e-mail %s not sent (attempt %d, %s); next try at %s",
                    email.pk,
                    email.attempts,
                    email.last_error,
                    email.next_attempt_at.isoformat(),
                )
            else:
                sent += 1
                email.sent_at = now
                email.last_error = ""
        OutgoingEmail.objects.bulk_update(emails, ["attempts", "sent_at", "last_error", "next_attempt_at"])
    return sent, failed
