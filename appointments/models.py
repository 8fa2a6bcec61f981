"""Requests for appointments, second opinions, referrals and Good Faith Estimates.

What a patient types here is personal health information: it lives in these tables and in the
private file storage, is shown only to intake staff of the request's department (or staff who may
see every department), Good Faith Estimate requests only to patient financial services, and leaves
the site in no e-mail, log line, URL or cache.
"""

import secrets
import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Letters and digits nobody misreads over the phone: no 0/O, 1/I/L, U (or V beside it).
REFERENCE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTWXYZ"
REFERENCE_PREFIX = "MGH"
# The No Surprises Act's deadline for a Good Faith Estimate an uninsured or self-pay patient asks for:
# 3 business days after the request (45 CFR 149.610(b)(1)(vi)(C)). Law, not a setting.
GOOD_FAITH_ESTIMATE_BUSINESS_DAYS = 3


def new_reference():
    """A short, unguessable, human-friendly reference such as MGH-7KQ4-MX2P (29^8, about 5e11)."""
    code = "".join(secrets.choice(REFERENCE_ALPHABET) for _ in range(8))
    return f"{REFERENCE_PREFIX}-{code[:4]}-{code[4:]}"


def private_storage():
    """Uploads are kept outside the public media folder: see STORAGES["private"] in the settings."""
    return storages["private"]


def attachment_path(attachment, filename):
    # The stored name says nothing of the patient: the original name is kept in the database only.
    suffix = PurePosixPath(filename).suffix.lower()[:5]
    return f"requests/{uuid.uuid4().hex}{suffix}"


class RequestQuerySet(models.QuerySet):
    def visible_to(self, user):
        """The requests `user` may read: clinical requests of their departments' (or of all, with the
        permission for it); Good Faith Estimate requests, which belong to no department, only with
        the permission of patient financial services."""
        if not user.is_active or not user.is_staff:
            return self.none()
        estimate = models.Q(kind=Request.Kind.GOOD_FAITH_ESTIMATE)
        clinical = ~estimate
        if not user.has_perm("appointments.view_all_departments"):
            departments = IntakeAssignment.objects.filter(user=user).values("department")
            clinical &= models.Q(department__in=departments)
        if user.has_perm("appointments.view_good_faith_estimates"):
            return self.filter(clinical | estimate)
        return self.filter(clinical)


class Request(models.Model):
    class Kind(models.TextChoices):
        APPOINTMENT = "appointment", _("Appointment")
        SECOND_OPINION = "second_opinion", _("Second opinion")
        REFERRAL = "referral", _("Referral")
        GOOD_FAITH_ESTIMATE = "good_faith_estimate", _("Good Faith Estimate")

    class Status(models.TextChoices):
        NEW = "new", _("New")
        IN_PROGRESS = "in_progress", _("In progress")
        SCHEDULED = "scheduled", _("Scheduled")
        CLOSED = "closed", _("Closed")
        SPAM = "spam", _("Spam")

    class ContactMethod(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("E-mail")

    class Coverage(models.TextChoices):
        UNINSURED = "uninsured", _("I don't have health insurance")
        SELF_PAY = "self_pay", _("I have insurance but won't use it for this care")

    class Urgency(models.TextChoices):
        ROUTINE = "routine", _("Routine")
        SOON = "soon", _("Soon: within 2 weeks")
        URGENT = "urgent", _("Urgent: within 2 business days")

    class Day(models.TextChoices):
        MONDAY = "mon", _("Monday")
        TUESDAY = "tue", _("Tuesday")
        WEDNESDAY = "wed", _("Wednesday")
        THURSDAY = "thu", _("Thursday")
        FRIDAY = "fri", _("Friday")
        SATURDAY = "sat", _("Saturday")

    class TimeOfDay(models.TextChoices):
        MORNING = "morning", _("Morning (8 am to noon)")
        AFTERNOON = "afternoon", _("Afternoon (noon to 5 pm)")
        EVENING = "evening", _("Evening (after 5 pm)")

    REASON_MAX_LENGTH = 1000

    reference = models.CharField(_("reference"), max_length=13, unique=True, editable=False)
    # Sent with the form and unique: a double click or a resent form finds the request it made.
    submission_key = models.UUIDField(_("submission key"), unique=True, editable=False)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NEW)
    department = models.ForeignKey(
        "doctors.Department",
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="requests",
        help_text=_("Whose intake staff handle it. Empty: the central intake team."),
    )
    created_at = models.DateTimeField(_("received"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    # The patient
    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    date_of_birth = models.DateField(_("date of birth"))
    phone = models.CharField(_("phone"), max_length=20, blank=True)  # a Good Faith Estimate may have none
    email = models.EmailField(_("e-mail"), blank=True)
    contact_method = models.CharField(
        _("preferred contact"), max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    language = models.ForeignKey(
        "doctors.Language",
        verbose_name=_("preferred language"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    needs_interpreter = models.BooleanField(_("needs an interpreter"), default=False)
    existing_patient = models.BooleanField(_("seen at Mass General before"), null=True)
    insurance = models.CharField(_("insurance"), max_length=120, blank=True)
    consent = models.BooleanField(_("agreed to be contacted"), default=False)

    # What is asked for
    specialty = models.ForeignKey(
        "doctors.Specialty",
        verbose_name=_("specialty"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    doctor = models.ForeignKey(
        "doctors.Doctor",
        verbose_name=_("doctor"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    location = models.ForeignKey(
        "locations.Location",
        verbose_name=_("preferred location"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # An open time chosen in the directory (scheduling), held until staff confirm or release it; its
    # start is kept as well, for when the feed no longer lists the slot.
    slot = models.ForeignKey(
        "scheduling.Slot",
        verbose_name=_("open time held"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    slot_start = models.DateTimeField(_("time asked for"), null=True, blank=True)
    # Who sent the patient to the time (an app's `source`) and its handle for this booking
    # (`booking-referral`), as SMART Scheduling Links' booking deep links carry them.
    booking_source = models.CharField(_("booked through"), max_length=100, blank=True)
    booking_referral = models.CharField(_("booking referral"), max_length=100, blank=True)
    preferred_days = models.JSONField(_("preferred days"), default=list, blank=True)
    preferred_times = models.JSONField(_("preferred times"), default=list, blank=True)
    reason = models.TextField(_("reason for the visit"), max_length=REASON_MAX_LENGTH)

    # Second opinions
    diagnosis = models.CharField(_("diagnosis"), max_length=300, blank=True)
    treating_doctor = models.CharField(_("treating doctor"), max_length=160, blank=True)

    # Referrals
    referrer_name = models.CharField(_("referring clinician"), max_length=160, blank=True)
    referrer_npi = models.CharField(_("referring clinician's NPI"), max_length=10, blank=True)
    referrer_practice = models.CharField(_("practice"), max_length=160, blank=True)
    referrer_phone = models.CharField(_("clinician's phone"), max_length=20, blank=True)
    referrer_fax = models.CharField(_("clinician's fax"), max_length=20, blank=True)
    referrer_email = models.EmailField(_("clinician's e-mail"), blank=True)
    urgency = models.CharField(_("urgency"), max_length=10, choices=Urgency.choices, blank=True)

    # Good Faith Estimates (the service asked about is `reason`)
    coverage = models.CharField(
        _("uninsured or self-pay"), max_length=10, choices=Coverage.choices, blank=True
    )
    service_code = models.CharField(_("service code"), max_length=60, blank=True)
    # "2027-03-15", or "2027-03" when only the month is known.
    service_when = models.CharField(_("expected date of the service"), max_length=10, blank=True)

    objects = RequestQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("request")
        verbose_name_plural = _("requests")
        permissions = [
            ("view_all_departments", _("Can see the requests of every department")),
            ("export_request", _("Can export requests")),
            ("view_good_faith_estimates", _("Can see Good Faith Estimate requests")),
        ]
        indexes = [models.Index(fields=["department", "status", "-created_at"])]

    def __str__(self):
        return self.reference

    def get_admin_url(self):
        return reverse("admin:appointments_request_change", args=[self.pk])

    @property
    def patient_name(self):
        return f"{self.first_name} {self.last_name}"

    @property
    def response_business_days(self):
        return response_business_days(self.kind)

    @property
    def acknowledgement_address(self):
        """Where the acknowledgement goes: the referring clinician, else the patient if they gave one."""
        return self.referrer_email if self.kind == self.Kind.REFERRAL else self.email


def response_business_days(kind):
    """The reply time promised for a request of `kind`: the law's for a Good Faith Estimate."""
    if kind == Request.Kind.GOOD_FAITH_ESTIMATE:
        return GOOD_FAITH_ESTIMATE_BUSINESS_DAYS
    return settings.APPOINTMENTS_RESPONSE_BUSINESS_DAYS


class Attachment(models.Model):
    """A medical record sent with a second-opinion request, in the private storage."""

    request = models.ForeignKey(Request, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), storage=private_storage, upload_to=attachment_path, max_length=200)
    name = models.CharField(_("name as sent"), max_length=255)
    content_type = models.CharField(_("type"), max_length=40)
    size = models.PositiveIntegerField(_("size in bytes"))

    class Meta:
        verbose_name = _("medical record")
        verbose_name_plural = _("medical records")

    def __str__(self):
        return self.name


class RequestEvent(models.Model):
    """Who did what to a request, and when: every view, status change, download and export.

    Kept when the request itself is purged (by its reference), so the record of access outlives it.
    """

    class Action(models.TextChoices):
        RECEIVED = "received", _("Received")
        VIEWED = "viewed", _("Viewed")
        CHANGED = "changed", _("Changed")
        DOWNLOADED = "downloaded", _("Downloaded a file")
        EXPORTED = "exported", _("Exported")

    request = models.ForeignKey(
        Request, null=True, on_delete=models.SET_NULL, related_name="events", verbose_name=_("request")
    )
    reference = models.CharField(_("reference"), max_length=13, db_index=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("user"),
    )
    username = models.CharField(_("username"), max_length=150, blank=True)
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    detail = models.CharField(_("detail"), max_length=200, blank=True)
    at = models.DateTimeField(_("at"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("request event")
        verbose_name_plural = _("request events")

    def __str__(self):
        return f"{self.reference} {self.action} by {self.username or '-'}"

    @classmethod
    def record(cls, request, action, user=None, detail=""):
        return cls.objects.create(
            request=request,
            reference=request.reference,
            user=user,
            username=user.get_username() if user else "",
            action=action,
            detail=detail[:200],
        )


class IntakeAssignment(models.Model):
    """A staff member who works a department's requests."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="intake_assignments"
    )
    department = models.ForeignKey(
        "doctors.Department", on_delete=models.CASCADE, related_name="intake_assignments"
    )

    class Meta:
        verbose_name = _("intake department")
        verbose_name_plural = _("intake departments")
        constraints = [models.UniqueConstraint(fields=["user", "department"], name="one_assignment_each")]

    def __str__(self):
        return str(self.department)


class OutgoingEmail(models.Model):
    """An e-mail waiting to be sent: written in the transaction that saves the request.

    `manage.py send_queued_email` sends what is due and retries failures with a growing delay,
    so a mail server that is down delays mail and loses none. Bodies hold no health details.
    """

    to = models.EmailField(_("to"))
    subject = models.CharField(_("subject"), max_length=200)
    body = models.TextField(_("body"))
    created_at = models.DateTimeField(_("queued"), auto_now_add=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), db_index=True)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True, db_index=True)
    last_error = models.CharField(_("last error"), max_length=200, blank=True)

    class Meta:
        ordering = ["next_attempt_at"]
        verbose_name = _("queued e-mail")
        verbose_name_plural = _("queued e-mails")

    def __str__(self):
        return self.subject


class ScheduledJob(models.Model):
    """When a job the mail worker runs on a schedule (the purge of old requests) last ran.

    Kept in the database so that several workers, or a worker restarted, run it once per interval
    between them: a worker takes a run by moving `started_at` with one conditional UPDATE.
    """

    name = models.CharField(_("name"), max_length=60, unique=True)
    started_at = models.DateTimeField(_("last started"), null=True, blank=True)
    succeeded_at = models.DateTimeField(_("last succeeded"), null=True, blank=True)

    class Meta:
        verbose_name = _("scheduled job")
        verbose_name_plural = _("scheduled jobs")

    def __str__(self):
        return self.name
