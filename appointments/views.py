"""The entry page, the request forms and the confirmation.

The forms and the confirmation are never cached anywhere (Cache-Control: no-store), their POST
data is hidden from error reports, and no patient detail goes into a URL: the confirmation finds
its reference in a signed, short-lived cookie.
"""

import logging

from django.conf import settings
from django.core import signing
from django.core.exceptions import ValidationError
from django.db import DatabaseError
from django.middleware.csrf import get_token
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from doctors.models import Doctor
from scheduling import holds
from scheduling.models import Slot
from toolkit.caching import cached_public_page
from toolkit.client_ip import client_address
from toolkit.views import (
    AppLanguageChangerMixin,
    service_unavailable,
    show_in_breadcrumbs,
    use_app_language_changer,
)

from .forms import FORMS, initial_for_booking_link, initial_for_doctor, initial_for_service
from .intake import (
    Duplicate,
    SlotTaken,
    already_received,
    receive,
    sent_from_this_browser,
    submission_proof,
    within_rate_limit,
)
from .models import Request, response_business_days

logger = logging.getLogger(__name__)

RECEIVED_COOKIE = "appointment_received"
RECEIVED_SALT = "appointments.received"
RECEIVED_MAX_AGE = 60 * 60


@cached_public_page()
def index(request):
    use_app_language_changer(request)
    doctor = request.GET.get("doctor", "")
    return render(request, "appointments/index.html", {"doctor": doctor[:180]})


DESCRIPTIONS = {
    Request.Kind.APPOINTMENT: gettext_lazy(
        "Ask for an appointment with a Mass General doctor or department, whether you are new to us or not."
    ),
    Request.Kind.SECOND_OPINION: gettext_lazy(
        "Ask Mass General specialists for a second opinion on a diagnosis or treatment plan."
    ),
    Request.Kind.REFERRAL: gettext_lazy(
        "For clinicians: refer a patient to a Mass General doctor or department."
    ),
    Request.Kind.GOOD_FAITH_ESTIMATE: gettext_lazy(
        "No insurance, or not using it? Ask for a Good Faith Estimate of what your care will cost."
    ),
}
TITLES = {
    Request.Kind.APPOINTMENT: gettext_lazy("Request an appointment"),
    Request.Kind.SECOND_OPINION: gettext_lazy("Request a second opinion"),
    Request.Kind.REFERRAL: gettext_lazy("Refer a patient"),
    Request.Kind.GOOD_FAITH_ESTIMATE: gettext_lazy("Request a Good Faith Estimate"),
}


@method_decorator(never_cache, name="dispatch")
@method_decorator(sensitive_post_parameters(), name="dispatch")
class RequestFormView(AppLanguageChangerMixin, View):
    kind = None
    template_name = "appointments/request_form.html"

    @property
    def form_class(self):
        return FORMS[self.kind]

    def get(self, request):
        doctor = None
        if slug := request.GET.get("doctor"):
            doctor = Doctor.objects.published().filter(slug=slug[:180]).first()
        slot = chosen_slot(request.GET.get("slot")) if "slot" in self.form_class.base_fields else None
        initial = initial_for_doctor(doctor, slot)
        if "booking_source" in self.form_class.base_fields:
            initial |= initial_for_booking_link(request.GET)
        if "service_code" in self.form_class.base_fields:  # a link from the price estimator
            initial = initial_for_service(request.GET.get("service"))
        form = self.form_class(initial=initial)
        get_token(self.request)  # this browser's CSRF secret, made now if it has none (set with the page)
        form.initial["submission_proof"] = submission_proof(
            self.kind, form.initial["submission_key"], self.request.META["CSRF_COOKIE"]
        )
        return self.render(form, doctor)

    def post(self, request):
        form = self.form_class(request.POST, request.FILES)
        try:
            key = form.fields["submission_key"].clean(form["submission_key"].data)
        except ValidationError:  # a missing or malformed key: a form error, shown below
            key = None
        earlier = already_received(key) if key else None
        if earlier:
            return self.answer_again(earlier, key, form)
        if not form.is_valid():
            return self.render(form, form.cleaned_data.get("doctor"), status=400)
        if form.is_spam():
            form.add_error(
                None,
                _(
                    "This form looked automated, so it was not sent. If you are a person, please leave "
                    "the last field empty and send it again, or call us at %(phone)s."
                )
                % {"phone": settings.APPOINTMENTS_PHONE},
            )
            return self.render(form, form.cleaned_data.get("doctor"), status=400)
        if not within_rate_limit(client_address(request)):
            form.add_error(
                None,
                _(
                    "We have received several requests from your connection in the last hour, so this one "
                    "was not sent. Please try again in an hour, or call us at %(phone)s."
                )
                % {"phone": settings.APPOINTMENTS_PHONE},
            )
            return self.render(form, form.cleaned_data.get("doctor"), status=429)
        try:
            received = receive(form)
        except SlotTaken:
            return self.slot_taken(request)
        except Duplicate as duplicate:
            return self.answer_again(duplicate.request, key, form)
        except DatabaseError as error:
            logger.error("A %s request was not saved: %s", self.kind, type(error).__name__)
            return service_unavailable(request)
        return self.confirm(received)

    def slot_taken(self, request):
        """Another patient held the time first (or it was booked meanwhile): the form again, as it
        was typed but for the time, saying so, with the doctor's next open times."""
        data = request.POST.copy()
        data["slot"] = ""
        form = self.form_class(data, request.FILES)
        form.is_valid()
        form.add_error(
            "slot",
            ValidationError(
                _(
                    "Someone else has just asked for that time, so it is no longer open. Choose another "
                    "below, or send the form without one and we will find you a time."
                ),
                code="taken",
            ),
        )
        return self.render(form, form.cleaned_data.get("doctor"), status=409)

    def answer_again(self, earlier, key, form):
        """A form sent again (a double click, a resend): the browser that sent it, on the same form,
        gets its confirmation; anyone else replaying the key learns only that it was received."""
        browser = self.request.META.get("CSRF_COOKIE")  # this browser's secret, if it has one
        proof = form["submission_proof"].data
        if earlier.kind == self.kind and sent_from_this_browser(self.kind, key, browser, proof):
            return self.confirm(earlier)
        show_in_breadcrumbs(self.request, (TITLES[self.kind], self.request.path))
        context = {"kind": self.kind, "phone": settings.APPOINTMENTS_PHONE}
        return render(self.request, "appointments/already_received.html", context)

    def confirm(self, received):
        response = redirect("appointments:received")
        response.set_signed_cookie(
            RECEIVED_COOKIE,
            received.reference,
            salt=RECEIVED_SALT,
            max_age=RECEIVED_MAX_AGE,
            path=reverse("appointments:index"),
            secure=settings.SESSION_COOKIE_SECURE,
            httponly=True,
            samesite="Lax",
        )
        return response

    def chosen_time(self, form):
        """The open time the form asks for (the appointment form's), or None."""
        if "slot" not in form.fields:
            return None
        if form.is_bound:
            return getattr(form, "cleaned_data", {}).get("slot")
        return chosen_slot(form.initial.get("slot"))

    def render(self, form, doctor=None, status=200):
        show_in_breadcrumbs(self.request, (TITLES[self.kind], self.request.path))
        slot = self.chosen_time(form)
        context = {
            "slot": slot,
            # Other times to choose from, when the one chosen was taken or none was.
            "other_times": open_times(doctor, limit=6)
            if doctor and "slot" in form.fields and not slot
            else [],
            "form": form,
            "title": TITLES[self.kind],
            "description": DESCRIPTIONS[self.kind],
            "kind": self.kind,
            "doctor": doctor,
            "phone": settings.APPOINTMENTS_PHONE,
            "response_days": response_business_days(self.kind),
        }
        return render(self.request, self.template_name, context, status=status)


def chosen_slot(pk):
    """The open time a link names (?slot=), or None."""
    pk = str(pk or "")
    if not pk.isdigit() or len(pk) > 18:
        return None
    return Slot.objects.select_related("schedule__practice__location").filter(pk=pk).first()


def open_times(doctor, limit):
    practices = [practice.pk for practice in doctor.practices.filter(location__is_published=True)]
    return holds.open_times(practices, days=settings.SCHEDULING_SHOW_DAYS, limit=limit)


def received_reference(request):
    """The reference in this browser's confirmation cookie (signed, an hour at most), or None."""
    try:
        return request.get_signed_cookie(RECEIVED_COOKIE, salt=RECEIVED_SALT, max_age=RECEIVED_MAX_AGE)
    except (KeyError, signing.BadSignature):
        return None


def reference_on_confirmation_page(request):
    """The reference the confirmation page would show, when `request` is for that page: the 503
    page names it (toolkit.views.received_lookups), so the visitor is not told to send it again.
    With the database down the URL may not have been resolved (django CMS needs the database to
    find the page the app hangs under), so the page is then known by the end of its address."""
    match = getattr(request, "resolver_match", None)
    if match is not None:
        is_confirmation = match.view_name == "appointments:received"
    else:
        is_confirmation = request.path_info.endswith("/received/")
    return received_reference(request) if is_confirmation else None


@never_cache
def received(request):
    reference = received_reference(request)
    if reference is None:
        return redirect("appointments:index")
    received = Request.objects.filter(reference=reference).only("reference", "kind", "slot_start").first()
    if received is None:
        return redirect("appointments:index")
    use_app_language_changer(request)
    show_in_breadcrumbs(request, (_("Request received"), request.path))
    context = {
        "reference": received.reference,
        "kind": received.kind,
        "response_days": received.response_business_days,
        "phone": settings.APPOINTMENTS_PHONE,
        "slot_start": received.slot_start,
    }
    return render(request, "appointments/received.html", context)
