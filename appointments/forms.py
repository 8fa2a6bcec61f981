"""The request forms: an appointment, a second opinion, a referral from a clinician, and a Good
Faith Estimate for a patient without insurance or not using it."""

import datetime
import re
import uuid

import phonenumbers
import puremagic
from django import forms
from django.conf import settings
from django.template.defaultfilters import filesizeformat
from django.utils import timezone
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext_lazy as _

from doctors.models import Doctor, Language, Specialty, validate_npi
from locations.models import Location
from pricing.models import ShoppableService
from scheduling.models import Slot
from toolkit import translation
from toolkit.autonyms import autonym
from toolkit.forms import DescribedErrorsMixin, FastSelect, TranslatedChoiceIterator

from .models import Request

OLDEST_AGE = 125
# A booking deep link's `source` or `booking-referral`: a handle, never free text.
BOOKING_HANDLE = r"^[A-Za-z0-9._:~-]{1,100}$"

# What to say beside a field left empty, where "This field is required." would not help.
REQUIRED_MESSAGES = {
    "submission_key": _("This form has expired. Please reload the page and send it again."),
    "date_of_birth": _("Enter the date of birth, like 04/27/1961."),
    "phone": _("Enter a phone number we can call."),
    "contact_method": _("Choose how we should contact you."),
    "reason": _("Tell us briefly what this is about."),
    "referrer_email": _("Enter your e-mail address."),
    "urgency": _("Choose how soon the patient should be seen."),
}


class PhoneField(forms.CharField):
    """A phone number checked with Google's libphonenumber (US unless it starts with +), stored as E.164."""

    default_error_messages = {
        "invalid": _("Enter a phone number we can call, with its area code, like 617-726-2000."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 30)
        attrs = {"type": "tel", "autocomplete": "tel", "inputmode": "tel"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        try:
            number = phonenumbers.parse(value, settings.PHONE_REGION)
        except phonenumbers.NumberParseException:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if not phonenumbers.is_valid_number(number):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


class DateOfBirthField(forms.DateField):
    """A real date in the past: typed as month/day/year, or picked (the browser sends year-month-day)."""

    input_formats = ["%Y-%m-%d", "%m/%d/%Y", "%m-%d-%Y"]
    default_error_messages = {
        "invalid": _("Enter the date of birth as month/day/year, like 04/27/1961."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}))
        super().__init__(**kwargs)

    def validate(self, value):
        super().validate(value)
        if value is None:
            return
        today = timezone.localdate()
        if value > today:
            raise forms.ValidationError(_("A date of birth can't be in the future."), code="future")
        if value < today.replace(year=today.year - OLDEST_AGE):
            raise forms.ValidationError(
                _("Please check the year: that is more than %(years)d years ago."),
                code="too_old",
                params={"years": OLDEST_AGE},
            )


class ServiceWhenField(forms.CharField):
    """When a service is expected: a day, or only a month, typed month first ("03/15/2027", "03/2027")
    or as the browser's ISO forms; cleaned to "2027-03-15" or "2027-03". Not past, nor years ahead."""

    YEARS_AHEAD = 2
    DAY = re.compile(r"(?P<month>\d{1,2})[/-](?P<day>\d{1,2})[/-](?P<year>\d{4})|(?P<iso>\d{4}-\d{2}-\d{2})")
    MONTH = re.compile(r"(?P<month>\d{1,2})[/-](?P<year>\d{4})|(?P<year_first>\d{4})-(?P<month_last>\d{2})")
    default_error_messages = {
        "invalid": _("Enter a date like 03/15/2027, or only the month, like 03/2027."),
        "past": _("That date has passed. Enter when you expect to have the service."),
        "too_far": _("Please check the year: that is more than %(years)d years from now."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        kwargs.setdefault("widget", forms.TextInput(attrs={"autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        if not value:
            return value
        day, month = self.DAY.fullmatch(value), self.MONTH.fullmatch(value)
        try:
            if day and day["iso"]:
                return datetime.date.fromisoformat(day["iso"]).isoformat()
            if day:
                return datetime.date(int(day["year"]), int(day["month"]), int(day["day"])).isoformat()
            if month:
                year, number = month["year"] or month["year_first"], month["month"] or month["month_last"]
                return datetime.date(int(year), int(number), 1).isoformat()[:7]
        except ValueError:
            pass
        raise forms.ValidationError(self.error_messages["invalid"], code="invalid")

    def validate(self, value):
        super().validate(value)
        if not value:
            return
        today = timezone.localdate()
        if value < today.isoformat()[: len(value)]:  # ISO dates and months sort as text
            raise forms.ValidationError(self.error_messages["past"], code="past")
        if value[:4] > str(today.year + self.YEARS_AHEAD):
            raise forms.ValidationError(
                self.error_messages["too_far"], code="too_far", params={"years": self.YEARS_AHEAD}
            )


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MedicalRecordsField(forms.FileField):
    """Up to MAX_FILES files of PDF, JPEG or PNG, each at most MAX_SIZE; the type read from the content."""

    MAX_FILES = 5
    MAX_SIZE = 10 * 1024 * 1024
    TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        accept = ",".join([*self.TYPES, ".pdf", ".jpg", ".jpeg", ".png"])
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)

    def clean(self, data, initial=None):
        files = [f for f in (data if isinstance(data, list | tuple) else [data]) if f]
        if not files:
            if self.required:
                raise forms.ValidationError(self.error_messages["required"], code="required")
            return []
        if len(files) > self.MAX_FILES:
            raise forms.ValidationError(
                ngettext(
                    "You can send at most %(limit)d file; you chose %(count)d.",
                    "You can send at most %(limit)d files; you chose %(count)d.",
                    self.MAX_FILES,
                ),
                code="too_many",
                params={"limit": self.MAX_FILES, "count": len(files)},
            )
        errors = []
        for upload in files:
            if upload.size > self.MAX_SIZE:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is %(size)s: each file must be %(limit)s or smaller."),
                        code="too_big",
                        params={
                            "name": upload.name,
                            "size": filesizeformat(upload.size),
                            "limit": filesizeformat(self.MAX_SIZE),
                        },
                    )
                )
                continue
            upload.seek(0)
            kind = self.detect_type(upload.read(2048))
            upload.seek(0)
            if kind is None:
                errors.append(
                    forms.ValidationError(
                        _("“%(name)s” is not a PDF, JPEG or PNG file. Please send records in one of those."),
                        code="file_type",
                        params={"name": upload.name},
                    )
                )
                continue
            upload.detected_type = kind
        if errors:
            raise forms.ValidationError(errors)
        return files

    @classmethod
    def detect_type(cls, head):
        """The one of TYPES the file's first bytes say it is, or None; its name and the type the
        browser sent are not trusted.

        puremagic ranks what the bytes could be by how much of a signature they match; only the best
        ranked count, so a file that merely contains a PDF header after another format's is refused.
        """
        try:
            matches = puremagic.magic_string(head)
        except (puremagic.PureError, ValueError):  # nothing recognised, or an empty file
            return None
        best = max(match.confidence for match in matches)
        kinds = {match.mime_type for match in matches if match.confidence == best} & cls.TYPES.keys()
        return kinds.pop() if len(kinds) == 1 else None


class PreferredLanguageField(forms.ModelChoiceField):
    """A choice of the directory's languages, each named in itself ("Español", "Kreyòl ayisyen",
    "Tiếng Việt") and marked with its language code (lang on its <option>), as someone who reads it
    looks for it; a language with no written name known (American Sign Language) is named in the
    page's language. The value is the language's record, whose code is what interpreters plan by."""

    iterator = TranslatedChoiceIterator

    def label_from_instance(self, obj):
        name = autonym(obj.code)
        if name is None:
            name = translation.choice_label(obj)
            return translation.Text(name, getattr(name, "lang", None) or get_language())
        return translation.Text(name, obj.code)


class RequestForm(DescribedErrorsMixin, forms.ModelForm):
    """What the request forms share: the patient, how to reach them, what is asked for.

    `fieldsets` gives the form's sections in order; the template renders them as <fieldset>s.
    """

    kind = None
    fieldsets = []
    labels = {}
    required_messages = {}

    submission_key = forms.UUIDField(
        widget=forms.HiddenInput,
        error_messages={"invalid": _("This form has expired. Please reload the page and send it again.")},
    )
    # Binds the key to this form and to the browser it was given to (appointments.intake.submission_proof).
    submission_proof = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # A honeypot: hidden from people (and from assistive technology), filled in by spam robots.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    first_name = forms.CharField(
        max_length=80, label=_("First name"), widget=forms.TextInput(attrs={"autocomplete": "given-name"})
    )
    last_name = forms.CharField(
        max_length=80, label=_("Last name"), widget=forms.TextInput(attrs={"autocomplete": "family-name"})
    )
    date_of_birth = DateOfBirthField(label=_("Date of birth"))
    phone = PhoneField(label=_("Phone"))
    language = PreferredLanguageField(
        Language.objects.all(),
        required=False,
        empty_label=None,  # the page's language is in the list, and chosen to begin with
        widget=FastSelect,
        label=_("Preferred language"),
        error_messages={"invalid_choice": _("Please choose a language from the list.")},
    )
    needs_interpreter = forms.BooleanField(
        required=False, label=_("An interpreter is needed (free of charge)")
    )
    specialty = forms.ModelChoiceField(
        Specialty.objects.filter(parent=None),
        required=False,
        empty_label=_("Not sure: please help me choose"),
        widget=FastSelect,
        label=_("Specialty or department"),
        error_messages={"invalid_choice": _("Please choose a specialty from the list.")},
    )
    doctor = forms.ModelChoiceField(
        Doctor.objects.published(),
        to_field_name="slug",
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("We couldn't find that doctor. Please choose them again.")},
    )
    location = forms.ModelChoiceField(
        Location.objects.published().filter(kind__in=[Location.Kind.HOSPITAL, Location.Kind.PRACTICE]),
        required=False,
        empty_label=_("No preference"),
        widget=FastSelect,
        label=_("Preferred location"),
        error_messages={"invalid_choice": _("Please choose a location from the list.")},
    )
    reason = forms.CharField(
        max_length=Request.REASON_MAX_LENGTH,
        label=_("Reason for the request"),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "max_length": _(
                "Please keep this to %(limit_value)d characters (it has %(show_value)d): "
                "we will ask for the details when we call."
            )
        },
    )

    class Meta:
        model = Request
        fields = []

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, label in self.labels.items():
            self.fields[name].label = label
        for name, message in {**REQUIRED_MESSAGES, **self.required_messages}.items():
            if name in self.fields:
                self.fields[name].error_messages["required"] = message
        if not self.is_bound:
            self.initial.setdefault("submission_key", uuid.uuid4())
            # The page's language: a patient who leaves the choice alone prefers the one they read.
            self.initial.setdefault("language", Language.objects.filter(code=get_language()).first())

    def sections(self):
        """(legend, bound fields) for each fieldset."""
        return [(legend, [self[name] for name in names]) for legend, names in self.fieldsets]

    def error_links(self):
        """(anchor, label, messages) for each invalid field, for the summary at the top of the form."""
        links = []
        for name, errors in self.errors.items():
            if name not in self.fields:
                continue
            bound = self[name]
            if bound.is_hidden:
                continue  # said at the top of the summary, without a link
            anchor = bound.auto_id
            if bound.widget_type in ("radioselect", "checkboxselectmultiple"):
                anchor = f"{anchor}_0"
            links.append((anchor, str(bound.label).rstrip(".?:"), errors))
        return links

    def is_spam(self):
        return bool(self.data.get("website"))

    def clean(self):
        cleaned = super().clean()
        doctor = cleaned.get("doctor")
        if doctor and not cleaned.get("specialty"):
            cleaned["specialty"] = doctor.specialties.filter(parent=None).first()
        return cleaned

    def department(self):
        """Whose intake staff take the request: the doctor's department, else the specialty's."""
        doctor, specialty = self.cleaned_data.get("doctor"), self.cleaned_data.get("specialty")
        if doctor and doctor.department_id:
            return doctor.department
        return specialty.department if specialty else None

    def save(self, commit=True):
        request = super().save(commit=False)
        request.kind = self.kind
        request.submission_key = self.cleaned_data["submission_key"]
        request.department = self.department()
        if commit:
            request.save()
        return request


class ContactByEmailMixin(forms.Form):
    """An e-mail address, and whether to be reached by phone or e-mail."""

    email = forms.EmailField(
        required=False,
        label=_("E-mail"),
        help_text=_("We send a short acknowledgement here, with your reference and no health details."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    contact_method = forms.ChoiceField(
        choices=Request.ContactMethod.choices,
        initial=Request.ContactMethod.PHONE,
        widget=forms.RadioSelect,
        label=_("How should we contact you?"),
    )
    consent = forms.BooleanField(
        label=_("You may contact me by phone or e-mail about this request."),
        error_messages={"required": _("We need your permission to contact you about this request.")},
    )

    def clean(self):
        cleaned = super().clean()
        wants_email = cleaned.get("contact_method") == Request.ContactMethod.EMAIL
        if wants_email and not cleaned.get("email") and "email" not in self.errors:
            self.add_error(
                "email", forms.ValidationError(_("Enter your e-mail address, or choose to be called."))
            )
        return cleaned


class PatientContactMixin(ContactByEmailMixin):
    """How a patient asking for themselves wants to be reached, and when suits them."""

    existing_patient = forms.TypedChoiceField(
        choices=[("no", _("No, I'm new to Mass General")), ("yes", _("Yes, I have been seen here before"))],
        coerce=lambda value: value == "yes",
        widget=forms.RadioSelect,
        label=_("Have you been seen at Mass General before?"),
        error_messages={"required": _("Please tell us whether you have been seen here before.")},
    )
    preferred_days = forms.MultipleChoiceField(
        choices=Request.Day.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Days that suit you"),
        help_text=_("Leave empty if any weekday suits you."),
    )
    preferred_times = forms.MultipleChoiceField(
        choices=Request.TimeOfDay.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        label=_("Times that suit you"),
    )
    insurance = forms.CharField(
        max_length=120,
        required=False,
        label=_("Insurance (optional)"),
        help_text=_("e.g. Medicare, MassHealth"),
    )


PATIENT = ["first_name", "last_name", "date_of_birth", "existing_patient"]
CONTACT = ["phone", "email", "contact_method", "language", "needs_interpreter"]
WHEN = ["preferred_days", "preferred_times"]


def field_names(fieldsets):
    return [name for _legend, names in fieldsets for name in names]


APPOINTMENT_FIELDSETS = [
    (_("About you"), PATIENT),
    (_("How to reach you"), CONTACT),
    (_("What you need"), ["doctor", "slot", "specialty", "location", "reason", "insurance"]),
    (_("When suits you"), WHEN),
    (_("Permission"), ["consent"]),
]
SECOND_OPINION_FIELDSETS = [
    (_("About you"), PATIENT),
    (_("How to reach you"), CONTACT),
    (_("Your diagnosis"), ["diagnosis", "treating_doctor", "records"]),
    (_("What you need"), ["doctor", "specialty", "location", "reason", "insurance"]),
    (_("When suits you"), WHEN),
    (_("Permission"), ["consent"]),
]
REFERRAL_FIELDSETS = [
    (
        _("About you, the referring clinician"),
        [
            "referrer_name",
            "referrer_npi",
            "referrer_practice",
            "referrer_phone",
            "referrer_fax",
            "referrer_email",
        ],
    ),
    (_("The referral"), ["urgency", "doctor", "specialty", "location", "reason"]),
    (
        _("The patient"),
        ["first_name", "last_name", "date_of_birth", "phone", "language", "needs_interpreter"],
    ),
    (_("Permission"), ["consent"]),
]


class AppointmentForm(PatientContactMixin, RequestForm):
    kind = Request.Kind.APPOINTMENT
    fieldsets = APPOINTMENT_FIELDSETS
    labels = {"reason": _("What would you like to be seen for?")}
    required_messages = {
        "first_name": _("Enter your first name."),
        "last_name": _("Enter your last name."),
    }

    # An open time chosen in the directory: held when the request is received (appointments.intake).
    slot = forms.ModelChoiceField(
        Slot.objects.select_related("schedule__practice__location"),
        required=False,
        widget=forms.HiddenInput,
        error_messages={"invalid_choice": _("We couldn't find that time. Please choose it again.")},
    )

    # What a booking deep link from another site's app says of where it came from.
    booking_source = forms.RegexField(
        BOOKING_HANDLE, max_length=100, required=False, widget=forms.HiddenInput
    )
    booking_referral = forms.RegexField(
        BOOKING_HANDLE, max_length=100, required=False, widget=forms.HiddenInput
    )

    class Meta(RequestForm.Meta):
        fields = [*field_names(APPOINTMENT_FIELDSETS), "booking_source", "booking_referral"]

    def clean(self):
        cleaned = super().clean()
        slot, doctor = cleaned.get("slot"), cleaned.get("doctor")
        if slot and (doctor is None or slot.schedule.practice.doctor_id != doctor.pk):
            self.add_error(
                "slot", forms.ValidationError(_("That time is not this doctor's."), code="other_doctor")
            )
        elif slot:
            cleaned["location"] = slot.schedule.practice.location
        return cleaned

    def save(self, commit=True):
        request = super().save(commit=False)
        if request.slot_id:
            request.slot_start = request.slot.start
        if commit:
            request.save()
        return request


class SecondOpinionForm(PatientContactMixin, RequestForm):
    kind = Request.Kind.SECOND_OPINION
    fieldsets = SECOND_OPINION_FIELDSETS
    labels = {"reason": _("What would you like from a second opinion?")}
    required_messages = AppointmentForm.required_messages

    diagnosis = forms.CharField(
        max_length=300,
        label=_("Your diagnosis"),
        error_messages={"required": _("Tell us the diagnosis you have been given.")},
    )
    treating_doctor = forms.CharField(
        max_length=160,
        label=_("Doctor treating you now"),
        help_text=_("Name and hospital or practice."),
        error_messages={"required": _("Tell us who is treating you now.")},
    )
    records = MedicalRecordsField(
        label=_("Medical records (optional)"),
        help_text=_("Up to 5 files: PDF, JPEG or PNG, each up to 10 MB. You can also send them later."),
    )

    class Meta(RequestForm.Meta):
        fields = field_names(SECOND_OPINION_FIELDSETS)


class ReferralForm(RequestForm):
    kind = Request.Kind.REFERRAL
    fieldsets = REFERRAL_FIELDSETS
    labels = {
        "first_name": _("Patient's first name"),
        "last_name": _("Patient's last name"),
        "date_of_birth": _("Patient's date of birth"),
        "phone": _("Patient's phone"),
        "language": _("Patient's preferred language"),
        "reason": _("Reason for referral"),
    }
    required_messages = {
        "first_name": _("Enter the patient's first name."),
        "last_name": _("Enter the patient's last name."),
    }

    referrer_name = forms.CharField(
        max_length=160,
        label=_("Your name and credentials"),
        error_messages={"required": _("Enter your name.")},
    )
    referrer_npi = forms.CharField(
        max_length=10,
        min_length=10,
        label=_("Your NPI"),
        help_text=_("Your 10-digit National Provider Identifier."),
        validators=[validate_npi],
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            "required": _("Enter your NPI."),
            "min_length": _("An NPI is 10 digits."),
            "max_length": _("An NPI is 10 digits."),
        },
    )
    referrer_practice = forms.CharField(
        max_length=160,
        label=_("Practice or hospital"),
        error_messages={"required": _("Enter your practice.")},
    )
    referrer_phone = PhoneField(label=_("Your phone"))
    referrer_fax = PhoneField(label=_("Your fax (optional)"), required=False)
    referrer_email = forms.EmailField(
        label=_("Your e-mail"),
        help_text=_("We confirm the referral here, with its reference and no patient details."),
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    urgency = forms.ChoiceField(
        choices=Request.Urgency.choices,
        initial=Request.Urgency.ROUTINE,
        widget=forms.RadioSelect,
        label=_("How soon should the patient be seen?"),
    )
    consent = forms.BooleanField(
        label=_("The patient agrees to be contacted by Mass General about this referral."),
        error_messages={"required": _("We can only contact the patient with their agreement.")},
    )

    class Meta(RequestForm.Meta):
        fields = field_names(REFERRAL_FIELDSETS)


GOOD_FAITH_ESTIMATE_FIELDSETS = [
    (_("About you"), ["first_name", "last_name", "date_of_birth"]),
    (_("How to reach you"), ["phone", "email", "contact_method", "language"]),
    (_("The care you want an estimate for"), ["reason", "service_code", "service_when", "coverage"]),
    (_("Permission"), ["consent"]),
]


class GoodFaithEstimateForm(ContactByEmailMixin, RequestForm):
    """A Good Faith Estimate for a patient without insurance or not using it (No Surprises Act):
    the service in plain words, and a phone number or an e-mail address, at least one."""

    kind = Request.Kind.GOOD_FAITH_ESTIMATE
    fieldsets = GOOD_FAITH_ESTIMATE_FIELDSETS
    labels = {"reason": _("The service you want an estimate for")}
    required_messages = {
        "first_name": _("Enter your first name."),
        "last_name": _("Enter your last name."),
        "reason": _("Tell us which service you want an estimate for."),
    }

    phone = PhoneField(label=_("Phone"), required=False)
    service_code = forms.CharField(
        max_length=60,
        required=False,
        label=_("Service code (optional)"),
        help_text=_("If you have one: a CPT code from your doctor, or the code in our price estimator."),
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    service_when = ServiceWhenField(
        label=_("When do you expect to have it? (optional)"),
        help_text=_("A date like 03/15/2027 (month/day/year), or only the month, like 03/2027."),
    )
    coverage = forms.ChoiceField(
        choices=Request.Coverage.choices,
        widget=forms.RadioSelect,
        label=_("Your insurance"),
        error_messages={"required": _("Tell us whether you have no insurance or will not use it.")},
    )

    class Meta(RequestForm.Meta):
        fields = field_names(GOOD_FAITH_ESTIMATE_FIELDSETS)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["reason"].widget.attrs["rows"] = 3

    def clean(self):
        cleaned = super().clean()
        if {"phone", "email"} & self.errors.keys():
            return cleaned
        if not cleaned.get("phone") and not cleaned.get("email"):
            self.add_error("phone", _("Enter a phone number or an e-mail address, so we can reach you."))
        elif cleaned.get("contact_method") == Request.ContactMethod.PHONE and not cleaned.get("phone"):
            self.add_error("phone", _("Enter a phone number, or choose to be contacted by e-mail."))
        return cleaned


FORMS = {
    form.kind: form for form in (AppointmentForm, SecondOpinionForm, ReferralForm, GoodFaithEstimateForm)
}


def initial_for_service(pk):
    """What a link from the price estimator fills in: the service's name in the page's language
    and its code. Anything but a service's number is left out."""
    pk = str(pk or "")
    service = ShoppableService.objects.filter(pk=pk).first() if pk.isdigit() and len(pk) < 10 else None
    if service is None:
        return {}
    return {
        "reason": str(translation.translated(service, "name")),
        "service_code": f"{service.code_type} {service.code}",
    }


def initial_for_doctor(doctor, slot=None):
    """What a link from a doctor's profile fills in: the doctor, their specialty and main location,
    or the practice and time chosen among their open times."""
    if doctor is None:
        return {}
    practice = doctor.practices.select_related("location").order_by("order").first()
    initial = {
        "doctor": doctor.slug,
        "specialty": doctor.specialties.filter(parent=None).first(),
        "location": practice.location if practice else None,
    }
    if slot is not None and slot.schedule.practice.doctor_id == doctor.pk:
        initial.update(slot=slot.pk, location=slot.schedule.practice.location)
    return initial


def initial_for_booking_link(query):
    """A booking deep link's `source` and `booking-referral` (SMART Scheduling Links), when they are
    handles; anything else is left out."""
    given = {"booking_source": query.get("source", ""), "booking_referral": query.get("booking-referral", "")}
    return {name: value for name, value in given.items() if re.fullmatch(BOOKING_HANDLE, value)}
