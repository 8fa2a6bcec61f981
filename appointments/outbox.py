"""E-mail through a table: queued in the caller's transaction, sent by a worker, retried until sent.

A request and the e-mails it causes are written together or not at all; a mail server that is down
only delays them. `manage.py send_queued_email --loop` is the worker. Nothing here logs an address.

No row is locked while the mail server is talked to: each e-mail is claimed by one short write
that moves its next attempt a lease ahead (so other workers pass it by), sent outside any
transaction, then its outcome written. A send gives up after `EMAIL_TIMEOUT` seconds of silence.
"""

import datetime
import logging

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db.models import F
from django.template.loader import render_to_string
from django.utils import timezone

from .models import OutgoingEmail

logger = logging.getLogger(__name__)

FIRST_RETRY = datetime.timedelta(minutes=1)
LONGEST_WAIT = datetime.timedelta(hours=1)
# One send is about ten exchanges with the server (connect, greeting, EHLO, STARTTLS, AUTH, MAIL,
# RCPT, DATA, the message, QUIT), each given up after EMAIL_TIMEOUT: twenty timeouts cannot pass
# while a live worker is still sending. A worker killed mid-send has its e-mail retried after it.
SHORTEST_LEASE = datetime.timedelta(minutes=5)
TIMEOUTS_PER_LEASE = 20


def queue_email(to, template, context):
    """Queue the e-mail of `template` (its first line is the subject) to `to`."""
    subject, _, body = render_to_string(template, context).strip().partition("\n")
    return OutgoingEmail.objects.create(
        to=to, subject=subject.strip(), body=body.strip() + "\n", next_attempt_at=timezone.now()
    )


def retry_delay(attempts):
    """1 minute after the first failure, doubling each time, at most an hour: never giving up."""
    return min(FIRST_RETRY * 2 ** (attempts - 1), LONGEST_WAIT)


def lease():
    """How long a claimed e-mail is left to the worker that claimed it."""
    timeout = getattr(settings, "EMAIL_TIMEOUT", None)
    if not timeout:
        return SHORTEST_LEASE
    return max(SHORTEST_LEASE, datetime.timedelta(seconds=timeout * TIMEOUTS_PER_LEASE))


def send_due(batch=50, now=None):
    """Send up to `batch` e-mails that are due; returns (sent, failed).

    Several workers can run side by side, on PostgreSQL or SQLite: an e-mail goes to the one whose
    claim lands first. The round stops at the first failure: the server is most likely away, and
    each further e-mail would wait out the timeout only to fail too; the rest stay due.
    """
    due = OutgoingEmail.objects.filter(sent_at=None, next_attempt_at__lte=now or timezone.now())
    candidates = list(due.order_by("next_attempt_at").values_list("pk", flat=True)[:batch])
    if not candidates:
        return 0, 0
    sent = failed = 0
    mail_connection = get_connection(fail_silently=False)
    try:
        for pk in candidates:
            email = _claim(pk, now)
            if email is None:
                continue  # another worker has it, or sent it
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
                _record_failure(email, error, now)
                break
            else:
                sent += 1
                OutgoingEmail.objects.filter(pk=email.pk).update(sent_at=now or timezone.now(), last_error="")
    finally:
        _close(mail_connection)
    return sent, failed


def _claim(pk, now):
    """Take the e-mail `pk` for this worker if it is still due; None if another took it first.

    One UPDATE in its own transaction: its condition is checked again on the row as it is when
    the write happens (PostgreSQL waits for a concurrent claim to commit, SQLite runs one write at
    a time), so of two workers only one moves the attempt ahead.
    """
    moment = now or timezone.now()
    claimed = OutgoingEmail.objects.filter(pk=pk, sent_at=None, next_attempt_at__lte=moment).update(
        next_attempt_at=moment + lease(), attempts=F("attempts") + 1
    )
    if not claimed:
        return None
    return OutgoingEmail.objects.filter(pk=pk).only("to", "subject", "body", "attempts").first()


def _record_failure(email, error, now):
    # The error's class only: an SMTP server's message may quote the recipient.
    last_error = type(error).__name__
    next_attempt_at = (now or timezone.now()) + retry_delay(email.attempts)
    OutgoingEmail.objects.filter(pk=email.pk, sent_at=None).update(
        last_error=last_error, next_attempt_at=next_attempt_at
    )
    logger.warning(
        "Queued e-mail %s not sent (attempt %d, %s); next try at %s",
        email.pk,
        email.attempts,
        last_error,
        next_attempt_at.isoformat(),
    )


def _close(mail_connection):
    # After a timeout smtplib has dropped the socket already, so this does not wait out another;
    # whatever it raises must not hide the outcomes already recorded.
    try:
        mail_connection.close()
    except Exception as error:  # noqa: BLE001
        logger.warning("Mail server connection not closed cleanly (%s)", type(error).__name__)
