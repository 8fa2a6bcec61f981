"""Taking a request in: one transaction for the request, its files and the e-mails it causes."""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.crypto import constant_time_compare, salted_hmac
from django.views.decorators.debug import sensitive_variables

from scheduling import holds
from toolkit.addresses import absolute_url
from toolkit.ratelimit import within_limit

from .models import Attachment, Request, RequestEvent, new_reference, response_business_days
from .outbox import queue_email


class SlotTaken(Exception):
    """The open time the form asked for was held or booked first: nothing was received."""


class Duplicate(Exception):
    """The form was sent before (a double click, or sent again): here is the request it made."""

    def __init__(self, request):
        self.request = request


def already_received(submission_key):
    return Request.objects.filter(submission_key=submission_key).only("reference", "kind").first()


def submission_proof(kind, submission_key, browser):
    """What binds a form's submission key to the form (`kind`) and to the browser it was given to.

    `browser` is the secret in that browser's CSRF cookie (HttpOnly, never in a page): visitors have
    no session, and the cookie is the one thing only the submitting browser holds. The proof goes
    into the form beside the key; a key sent again with a proof that does not match this form and
    this browser's cookie gets "already received", never the request's reference.
    """
    message = f"{kind}:{submission_key}:{browser}"
    return salted_hmac("appointments.submission-proof", message, algorithm="sha256").hexdigest()


def sent_from_this_browser(kind, submission_key, browser, proof):
    if not browser or not proof:
        return False
    return constant_time_compare(proof, submission_proof(kind, submission_key, browser))


@sensitive_variables("form", "request")
def receive(form):
    """Save the form's request, its files and its e-mails together; return the request.

    Raises Duplicate when the same form was saved first by another click, SlotTaken when the time
    it asks for was held or booked first (nothing is saved), and lets any other
    database error through: the caller tells the visitor nothing was received.
    """
    try:
        with transaction.atomic():
            request = form.save(commit=False)
            request.reference = _unused_reference()
            request.save()
            # In the same transaction: a time another patient holds first undoes the whole request.
            if request.slot_id and not holds.hold(request.slot):
                raise SlotTaken
            for upload in form.cleaned_data.get("records") or []:
                Attachment.objects.create(
                    request=request,
                    file=upload,
                    name=upload.name[:255],
                    content_type=upload.detected_type,
                    size=upload.size,
                )
            RequestEvent.record(request, RequestEvent.Action.RECEIVED)
            _queue_emails(request)
    except IntegrityError:
        earlier = already_received(form.cleaned_data["submission_key"])
        if earlier is None:
            raise
        raise Duplicate(earlier) from None
    return request


def _unused_reference():
    for _attempt in range(5):
        reference = new_reference()
        if not Request.objects.filter(reference=reference).exists():
            return reference
    raise RuntimeError("Could not find an unused reference")  # 29^8 references: not in practice


def _queue_emails(request):
    context = {
        "reference": request.reference,
        "kind": Request.Kind(request.kind).label,  # lazy: in each e-mail's own language
        "department": request.department,
        "response_days": response_business_days(request.kind),
        "phone": settings.APPOINTMENTS_PHONE,
        # On SITE_DOMAIN, never the Host header the form was sent with (toolkit.addresses).
        "admin_url": absolute_url(request.get_admin_url()),
        "is_referral": request.kind == Request.Kind.REFERRAL,
        "is_estimate": request.kind == Request.Kind.GOOD_FAITH_ESTIMATE,
    }
    intake = _queue_address(request)
    # Intake staff read the site's own language; the patient, the language of the page they wrote on.
    with translation.override(settings.LANGUAGE_CODE):
        queue_email(intake, "appointments/email/intake_notice.txt", context)
    if request.acknowledgement_address:
        queue_email(request.acknowledgement_address, "appointments/email/acknowledgement.txt", context)


def _queue_address(request):
    """Who is told of a new request: patient financial services for a Good Faith Estimate, else the
    department's intake address, else the central intake team's."""
    if request.kind == Request.Kind.GOOD_FAITH_ESTIMATE:
        return settings.PATIENT_FINANCIAL_SERVICES_EMAIL
    return (request.department and request.department.intake_email) or settings.APPOINTMENTS_INTAKE_EMAIL


def within_rate_limit(client_address):
    """Count one appointment request from this address; False once it has sent more than
    APPOINTMENTS_RATE_LIMIT this hour (toolkit.ratelimit)."""
    return within_limit(
        "appointments",
        client_address,
        settings.APPOINTMENTS_RATE_LIMIT,
        60 * 60,
        "Appointment requests are taken without a rate limit while the shared cache is away",
    )
