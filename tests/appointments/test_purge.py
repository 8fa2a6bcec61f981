"""purge_requests: requests and their files go after the retention period; the access record stays."""

import datetime
import io
import os

import pytest
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone

from appointments.models import Attachment, OutgoingEmail, Request, RequestEvent

from .conftest import make_request

pytestmark = pytest.mark.django_db


def aged(request, days):
    Request.objects.filter(pk=request.pk).update(created_at=timezone.now() - datetime.timedelta(days=days))
    return request


def test_requests_older_than_the_retention_period_go_with_their_files(demo, settings):
    settings.APPOINTMENTS_RETENTION_DAYS = 30
    old = aged(make_request(), 31)
    recent = aged(make_request(), 29)
    attachment = Attachment.objects.create(
        request=old,
        file=ContentFile(b"%PDF-1.4", name="x.pdf"),
        name="x.pdf",
        content_type="application/pdf",
        size=8,
    )
    path = attachment.file.path
    RequestEvent.record(old, RequestEvent.Action.RECEIVED)
    sent = OutgoingEmail.objects.create(
        to="a@example.org", subject="s", body="b", next_attempt_at=timezone.now(),
        sent_at=timezone.now() - datetime.timedelta(days=8),
    )  # fmt: skip
    waiting = OutgoingEmail.objects.create(
        to="b@example.org", subject="s", body="b", next_attempt_at=timezone.now()
    )

    out = io.StringIO()
    call_command("purge_requests", "--dry-run", stdout=out)
    assert "Would delete 1 requests older than 30 days, 1 files and 1 e-mails." in out.getvalue()
    assert Request.objects.count() == 2 and os.path.exists(path)

    out = io.StringIO()
    call_command("purge_requests", stdout=out)
    assert "Deleted 1 requests older than 30 days, 1 files and 1 e-mails." in out.getvalue()
    assert list(Request.objects.all()) == [recent]
    assert not Attachment.objects.exists()
    assert not os.path.exists(path)
    assert list(OutgoingEmail.objects.all()) == [waiting]
    assert not OutgoingEmail.objects.filter(pk=sent.pk).exists()
    # Who saw or did what stays, by reference, without the patient's details.
    event = RequestEvent.objects.get(reference=old.reference)
    assert event.request is None
