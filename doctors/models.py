"""The doctor directory: clinicians, what they treat, where they practise, what they speak."""

from cms.models.fields import PlaceholderRelationField
from cms.utils.placeholder import get_placeholder_from_slot
from django.conf import settings
from django.contrib.postgres.search import SearchVector, SearchVectorField
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import connection, models
from django.db.models.functions import Now
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from toolkit.translation import english, translations


def validate_npi(value):
    """A National Provider Identifier: 10 digits, the last a Luhn check digit over 80840 + the first 9."""
    if not (len(value) == 10 and value.isdigit()):
        raise ValidationError(_("An NPI is 10 digits."), code="npi_format")
    digits = [int(d) for d in "80840" + value[:9]]
    total = 0
    for i, digit in enumerate(reversed(digits)):
        if i % 2 == 0:
            digit *= 2
            if digit > 9:
                digit -= 9
        total += digit
    if (10 - total % 10) % 10 != int(value[9]):
        raise ValidationError(
            _("This NPI's check digit is wrong: please check the number."), code="npi_check"
        )


def npi_check_digit(first_nine):
    """The check digit that completes a 9-digit NPI prefix (used to make demo NPIs)."""
    return next(str(d) for d in range(10) if _is_valid_npi(first_nine + str(d)))


def _is_valid_npi(value):
    try:
        validate_npi(value)
    except ValidationError:
        return False
    return True


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class Vocabulary(models.Model):
    """A term patients search by, with the other words people use for it."""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    synonyms = models.TextField(
        _("other words for it"),
        blank=True,
        help_text=_(
            "One per line: synonyms, plain-language terms and common misspellings patients type, in "
            "this language."
        ),
    )

    class Meta:
        abstract = True
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def terms(self):
        """The English words it is known by: its English name and synonyms (a doctor's search
        text, which PostgreSQL stems as English)."""
        name = english(self, "name") or self.name
        return [name, *_lines(english(self, "synonyms"))]

    @property
    def all_terms(self):
        """Every word it is known by, in every language: names and synonyms. Search understands
        them all whatever the page's language ("dolor de rodilla" on /en/ too)."""
        names = [name for name in translations(self, "name").values() if name]
        words = [word for text in translations(self, "synonyms").values() for word in _lines(text)]
        return list(dict.fromkeys([*names, *words]))


class MedicalSpecialty(models.TextChoices):
    """schema.org's MedicalSpecialty enumeration, the values its medicalSpecialty takes, without
    the superseded (Dermatologic): the test suite checks the list against schema.org's vocabulary.
    schema.org's own names, untranslated: they are identifiers."""

    ANESTHESIA = "Anesthesia"
    CARDIOVASCULAR = "Cardiovascular"
    COMMUNITY_HEALTH = "CommunityHealth"
    DENTISTRY = "Dentistry"
    DERMATOLOGY = "Dermatology"
    DIET_NUTRITION = "DietNutrition"
    EMERGENCY = "Emergency"
    ENDOCRINE = "Endocrine"
    GASTROENTEROLOGIC = "Gastroenterologic"
    GENETIC = "Genetic"
    GERIATRIC = "Geriatric"
    GYNECOLOGIC = "Gynecologic"
    HEMATOLOGIC = "Hematologic"
    INFECTIOUS = "Infectious"
    LABORATORY_SCIENCE = "LaboratoryScience"
    MIDWIFERY = "Midwifery"
    MUSCULOSKELETAL = "Musculoskeletal"
    NEUROLOGIC = "Neurologic"
    NURSING = "Nursing"
    OBSTETRIC = "Obstetric"
    ONCOLOGIC = "Oncologic"
    OPTOMETRIC = "Optometric"
    OTOLARYNGOLOGIC = "Otolaryngologic"
    PATHOLOGY = "Pathology"
    PEDIATRIC = "Pediatric"
    PHARMACY_SPECIALTY = "PharmacySpecialty"
    PHYSIOTHERAPY = "Physiotherapy"
    PLASTIC_SURGERY = "PlasticSurgery"
    PODIATRIC = "Podiatric"
    PRIMARY_CARE = "PrimaryCare"
    PSYCHIATRIC = "Psychiatric"
    PUBLIC_HEALTH = "PublicHealth"
    PULMONARY = "Pulmonary"
    RADIOGRAPHY = "Radiography"
    RENAL = "Renal"
    RESPIRATORY_THERAPY = "RespiratoryTherapy"
    RHEUMATOLOGIC = "Rheumatologic"
    SPEECH_PATHOLOGY = "SpeechPathology"
    SURGICAL = "Surgical"
    TOXICOLOGIC = "Toxicologic"
    UROLOGIC = "Urologic"


class Specialty(Vocabulary):
    parent = models.ForeignKey(
        "self",
        verbose_name=_("sub-specialty of"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="subspecialties",
    )
    department = models.ForeignKey(
        "Department",
        verbose_name=_("requests go to"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The department whose intake staff handle appointment requests for this specialty."),
    )
    medical_specialty = models.CharField(
        _("schema.org specialty"),
        max_length=30,
        blank=True,
        choices=MedicalSpecialty.choices,
        help_text=_(
            "What search engines are told the specialty is, from schema.org's list; blank when none fits."
        ),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("specialty")
        verbose_name_plural = _("specialties")


class Condition(Vocabulary):
    """A condition, symptom or procedure, and the specialties that treat it."""

    specialties = models.ManyToManyField(Specialty, verbose_name=_("treated by"), related_name="conditions")

    class Meta(Vocabulary.Meta):
        verbose_name = _("condition or symptom")
        verbose_name_plural = _("conditions and symptoms")


class Department(models.Model):
    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    intake_email = models.EmailField(
        _("intake e-mail"),
        blank=True,
        help_text=_(
            "Told of each new appointment request for this department (no patient details are sent)."
        ),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Language(models.Model):
    name = models.CharField(_("name"), max_length=60, unique=True)
    slug = models.SlugField(_("slug"), max_length=60, unique=True)
    code = models.CharField(_("language code"), max_length=10, blank=True, help_text=_("e.g. es, pt, zh"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("language")
        verbose_name_plural = _("languages")

    def __str__(self):
        return self.name


class AgeGroup(models.IntegerChoices):
    """The ages a doctor sees, as bits of `Doctor.ages_seen` (a doctor may see several)."""

    NEWBORNS = 1, _("Newborns")
    CHILDREN = 2, _("Children")
    ADOLESCENTS = 4, _("Adolescents")
    ADULTS = 8, _("Adults")
    OLDER_ADULTS = 16, _("Older adults")


class DoctorQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def update_search_vectors(self):
        """Rebuild these doctors' full-text vectors from their search text (PostgreSQL only;
        other databases search the text itself)."""
        if connection.vendor == "postgresql":
            DoctorSearch.objects.filter(doctor__in=self.values("pk")).update(
                vector=SearchVector("text", config="english")
            )

    def for_cards(self):
        """What a result card shows, in a fixed number of queries whatever the page size."""
        return self.select_related("department", "rating").prefetch_related(
            "specialties",
            "languages",
            models.Prefetch(
                "practices", queryset=Practice.objects.select_related("location").order_by("order")
            ),
        )


class Doctor(models.Model):
    class Gender(models.TextChoices):
        FEMALE = "female", _("Female")
        MALE = "male", _("Male")
        NONBINARY = "nonbinary", _("Nonbinary")

    class Accepting(models.TextChoices):
        YES = "yes", _("Accepting new patients")
        REFERRAL = "referral", _("New patients with a referral")
        NO = "no", _("Not accepting new patients")

    first_name = models.CharField(_("first name"), max_length=80)
    last_name = models.CharField(_("last name"), max_length=80)
    credentials = models.CharField(_("credentials"), max_length=60, help_text=_("e.g. MD, PhD"))
    full_name = models.CharField(_("full name"), max_length=170, editable=False, db_index=True)
    slug = models.SlugField(_("slug"), max_length=180, unique=True)
    photo = models.ImageField(_("photo"), upload_to="doctors/", blank=True)
    gender = models.CharField(_("gender"), max_length=12, choices=Gender.choices, blank=True)
    specialties = models.ManyToManyField(Specialty, verbose_name=_("specialties"), related_name="doctors")
    department = models.ForeignKey(
        Department,
        verbose_name=_("department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="doctors",
    )
    conditions = models.ManyToManyField(
        Condition, verbose_name=_("conditions treated"), blank=True, related_name="doctors"
    )
    languages = models.ManyToManyField(
        Language, verbose_name=_("languages spoken"), blank=True, related_name="doctors"
    )
    locations = models.ManyToManyField(
        "locations.Location", verbose_name=_("locations"), through="Practice", related_name="doctors"
    )
    accepting_new_patients = models.CharField(
        _("new patients"), max_length=10, choices=Accepting.choices, default=Accepting.YES
    )
    accepting_confirmed_on = models.DateField(
        _("new patients last confirmed"),
        default=timezone.localdate,
        help_text=_("When someone last checked."),
    )
    offers_virtual_visits = models.BooleanField(_("offers virtual visits"), default=False)
    ages_seen = models.PositiveSmallIntegerField(
        _("ages seen"),
        default=0,
        help_text=_("The age groups this doctor sees (AgeGroup values added together)."),
    )
    npi = models.CharField(
        _("NPI"),
        max_length=10,
        unique=True,
        validators=[validate_npi],
        help_text=_("National Provider Identifier"),
    )
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(
        _("fictional demo clinician"),
        default=False,
        help_text=_("Generated for the demonstration site: this person does not exist."),
    )
    # The soonest next new-patient time of their practices at published places (kept with those by
    # scheduling.openings): "can be seen within a week" reads it here, on the row every search reads,
    # instead of joining practices and places for every doctor.
    next_opening = models.DateTimeField(_("next new-patient time"), null=True, blank=True, editable=False)
    placeholders = PlaceholderRelationField()
    # When the doctor last changed: their own fields (a save), their specialties and languages, their
    # shown rating (doctors.cards moves it on those changes, and bulk changes to them must too). A kept
    # card is keyed on it, so a change to one doctor renders one card anew; /fhir/ gives it as the
    # resources' lastUpdated.
    changed_at = models.DateTimeField(_("last changed"), auto_now=True, db_default=Now())

    objects = DoctorQuerySet.as_manager()

    class Meta:
        ordering = ["last_name", "first_name"]
        verbose_name = _("doctor")
        verbose_name_plural = _("doctors")
        indexes = [models.Index(fields=["last_name", "first_name"])]

    def __str__(self):
        return self.display_name

    def save(self, *args, **kwargs):
        self.full_name = f"{self.first_name} {self.last_name}"
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("doctors:detail", kwargs={"slug": self.slug})

    @property
    def shown_rating(self):
        """The doctor's rating when it may be shown (enough surveys in the period), else None."""
        try:
            rating = self.rating
        except DoctorRating.DoesNotExist:
            return None
        return rating if rating.surveys >= settings.RATINGS_MIN_SURVEYS else None

    @property
    def age_groups(self):
        """The age groups this doctor sees, youngest first."""
        return [group for group in AgeGroup if self.ages_seen & group]

    @property
    def display_name(self):
        return (
            f"{self.first_name} {self.last_name}, {self.credentials}" if self.credentials else self.full_name
        )

    @cached_property
    def bio(self):
        """The editor-written biography: a placeholder with one set of plugins per language."""
        return get_placeholder_from_slot(self.placeholders, "bio")

    def get_placeholder_slots(self):
        return ["bio"]

    def build_search_text(self):
        interests = ClinicalInterests.objects.filter(doctor=self).first()  # as just saved, if it was
        words = [self.full_name, english(interests, "text") if interests else ""]
        for specialty in self.specialties.all():
            words.extend(specialty.terms)
        for condition in self.conditions.all():
            words.extend(condition.terms)
        if self.department_id:
            words.append(english(self.department, "name"))
        return " ".join(words).lower()

    def refresh_search_text(self):
        DoctorSearch.objects.update_or_create(doctor=self, defaults={"text": self.build_search_text()})
        type(self).objects.filter(pk=self.pk).update_search_vectors()


class DoctorSearch(models.Model):
    """The words a doctor is found by: name, specialties and conditions with all their synonyms,
    department and interests, lower-cased; on PostgreSQL also as a full-text vector (GIN index).

    Kept apart from the doctor's own row, which every filter and sort reads: these columns are
    wide, and are only ever read through their indexes.
    """

    doctor = models.OneToOneField(Doctor, primary_key=True, on_delete=models.CASCADE, related_name="search")
    text = models.TextField(blank=True)
    vector = SearchVectorField(null=True)

    class Meta:
        verbose_name = _("search words")
        verbose_name_plural = _("search words")

    def __str__(self):
        return str(self.doctor)


class ClinicalInterests(models.Model):
    """What a doctor's practice centres on, in their profile's words, in each language: shown on the
    profile, and part of the search words (DoctorSearch.text).

    Kept apart from the doctor's own row, as the search words are: in each language and the
    original, they were two thirds of the row, which every filter and sort reads when it reads the
    table whole (the table went from 45 to 14 MB at 100,000 doctors).
    """

    doctor = models.OneToOneField(
        Doctor, primary_key=True, on_delete=models.CASCADE, related_name="interests"
    )
    text = models.TextField(_("clinical interests"), blank=True)

    class Meta:
        verbose_name = _("clinical interests")
        verbose_name_plural = _("clinical interests")

    def __str__(self):
        return str(self.doctor)


class Practice(models.Model):
    """A doctor practising at a location, with the phone number patients call there."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="practices")
    location = models.ForeignKey("locations.Location", on_delete=models.CASCADE, related_name="practices")
    phone = models.CharField(_("practice phone"), max_length=30)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    # The insurers' plans (pricing's vocabulary, which the price estimator offers too) that the
    # doctor takes at this practice.
    plans = models.ManyToManyField(
        "pricing.Plan", verbose_name=_("insurance plans accepted"), blank=True, related_name="practices"
    )
    # The next free new-patient time here, and whether it is a video visit: kept by the scheduling
    # app from the scheduling system's open times (each import), shown and filtered on by the directory.
    next_opening = models.DateTimeField(_("next new-patient time"), null=True, blank=True, editable=False)
    next_opening_video = models.BooleanField(_("by video"), default=False, editable=False)

    class Meta:
        ordering = ["order"]
        constraints = [
            models.UniqueConstraint(fields=["doctor", "location"], name="one_practice_per_location")
        ]
        indexes = [models.Index(fields=["next_opening"], name="practice_next_opening")]
        verbose_name = _("practice location")
        verbose_name_plural = _("practice locations")

    def __str__(self):
        return f"{self.doctor} at {self.location}"


class AcceptedPlan(models.Model):
    """A plan a doctor takes at a practice patients can find (at a published place): worked out from
    Practice.plans (doctors.insurance), for the directory's insurance filter, which then reads one
    narrow indexed table rather than walking plans, practices and places for every doctor
    (bench/directory_explain.py: about 100 ms down to 17 ms for an insurer at 20,000 doctors)."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="+")
    plan = models.ForeignKey("pricing.Plan", on_delete=models.CASCADE, related_name="+", db_index=False)
    payer = models.ForeignKey("pricing.Payer", on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["doctor", "plan"], name="accepted_plan_once")]
        indexes = [
            models.Index(fields=["payer", "doctor"], name="accepted_plan_by_payer"),
            models.Index(fields=["plan", "doctor"], name="accepted_plan_by_plan"),
        ]

    def __str__(self):
        return f"{self.doctor_id}: {self.plan_id}"


class AcceptedInsurer(models.Model):
    """An insurer some of whose plans a doctor takes where patients can find them: AcceptedPlan's
    pairs of doctor and insurer, each once, kept with it (doctors.insurance). Filtering by an insurer
    that nearly every doctor takes read all its plans' rows and set the doubles aside: Blue Cross at
    100,000 doctors hashed 174,000 rows for 94,000 doctors (count 108 -> 83 ms, EXPLAIN ANALYZE)."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="+")
    payer = models.ForeignKey("pricing.Payer", on_delete=models.CASCADE, related_name="+", db_index=False)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["payer", "doctor"], name="accepted_insurer_once")]

    def __str__(self):
        return f"{self.doctor_id}: {self.payer_id}"


class Training(models.Model):
    class Kind(models.TextChoices):
        MEDICAL_SCHOOL = "medical_school", _("Medical school")
        RESIDENCY = "residency", _("Residency")
        FELLOWSHIP = "fellowship", _("Fellowship")
        INTERNSHIP = "internship", _("Internship")
        OTHER = "other", _("Other training")

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="training")
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    institution = models.CharField(_("institution"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year completed"), validators=[MinValueValidator(1940), MaxValueValidator(2100)]
    )

    class Meta:
        ordering = ["year"]
        verbose_name = _("education or training")
        verbose_name_plural = _("education and training")

    def __str__(self):
        return f"{self.get_kind_display()}: {self.institution} ({self.year})"


class BoardCertification(models.Model):
    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="certifications")
    board = models.CharField(_("board and specialty"), max_length=200)
    year = models.PositiveSmallIntegerField(
        _("year certified"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1940), MaxValueValidator(2100)],
    )

    class Meta:
        ordering = ["board"]
        verbose_name = _("board certification")
        verbose_name_plural = _("board certifications")

    def __str__(self):
        return self.board


# --- Patient experience: ratings and comments from the post-visit surveys -------------------------


class SurveyQuestion(models.Model):
    """A question of the post-visit survey that profiles show a score for, as the vendor's export
    names it (`key`) and as patients read it."""

    key = models.CharField(
        _("key in the survey file"),
        max_length=120,
        unique=True,
        help_text=_("How the survey vendor's export names the question, exactly."),
    )
    text = models.CharField(_("question"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")

    def __str__(self):
        return self.text


class Survey(models.Model):
    """One returned post-visit survey about one doctor."""

    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="surveys")
    vendor_id = models.CharField(_("survey id"), max_length=64, unique=True)
    date = models.DateField(_("survey date"))

    class Meta:
        ordering = ["-date", "pk"]
        indexes = [models.Index(fields=["doctor", "date"])]
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")

    def __str__(self):
        return self.vendor_id


class SurveyAnswer(models.Model):
    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(SurveyQuestion, on_delete=models.PROTECT, related_name="answers")
    score = models.PositiveSmallIntegerField(
        _("score"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["survey", "question"], name="one_answer_per_question"),
            models.CheckConstraint(condition=models.Q(score__gte=1, score__lte=5), name="score_1_to_5"),
        ]
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")

    def __str__(self):
        return f"{self.survey}: {self.question} {self.score}"


class CommentStatus(models.TextChoices):
    PENDING = "pending", _("Waiting for review")
    PUBLISHED = "published", _("Published")
    WITHHELD = "withheld", _("Not shown")


class WithholdReason(models.TextChoices):
    """Why a comment is not shown: the list the public page on ratings publishes."""

    IDENTIFIES_PERSON = "identifies_person", _("It names or identifies a patient or a member of staff")
    HEALTH_DETAILS = "health_details", _("It gives details of a patient's health or treatment")
    PROFANITY = "profanity", _("It uses profane, abusive or discriminatory language")
    NOT_ABOUT_CARE = (
        "not_about_care",
        _("It is about something other than the care the doctor gave (billing, parking, food)"),
    )
    WRONG_DOCTOR = "wrong_doctor", _("It is about another doctor or another visit")
    LEGAL_OR_THREAT = "legal_or_threat", _("It makes a threat or an accusation the hospital must follow up")
    UNCLEAR = "unclear", _("It cannot be understood, or says nothing about the visit")


class SurveyComment(models.Model):
    """A patient's own words from a survey: unpublished until staff of the Patient experience role
    publish it or withhold it with a reason."""

    survey = models.ForeignKey(Survey, on_delete=models.CASCADE, related_name="comments")
    doctor = models.ForeignKey(Doctor, on_delete=models.CASCADE, related_name="survey_comments")
    vendor_id = models.CharField(_("comment id"), max_length=64, unique=True)
    date = models.DateField(_("survey date"))
    text = models.TextField(_("comment"))
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The language the patient wrote in, e.g. en, es."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=CommentStatus.choices, default=CommentStatus.PENDING
    )
    reason = models.CharField(
        _("reason not shown"), max_length=30, choices=WithholdReason.choices, blank=True
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["doctor", "status", "date"])]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="withheld") | ~models.Q(reason=""), name="withheld_has_reason"
            )
        ]
        permissions = [("moderate_surveycomment", "Can publish or withhold patients' comments")]
        verbose_name = _("patient comment")
        verbose_name_plural = _("patient comments")

    def __str__(self):
        return self.vendor_id


class CommentDecision(models.Model):
    """Each publish or withhold decision on a comment, kept: who, when, what, why."""

    comment = models.ForeignKey(SurveyComment, on_delete=models.CASCADE, related_name="decisions")
    status = models.CharField(_("decision"), max_length=10, choices=CommentStatus.choices)
    reason = models.CharField(_("reason"), max_length=30, choices=WithholdReason.choices, blank=True)
    decided_at = models.DateTimeField(_("decided"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-decided_at", "-pk"]
        verbose_name = _("comment decision")
        verbose_name_plural = _("comment decisions")

    def __str__(self):
        return f"{self.comment}: {self.status}"


class DoctorRating(models.Model):
    """A doctor's survey results over the rating period, worked out after each import and each
    moderation decision (and daily, as the period moves): what profiles, cards and the rating sort
    read, one row per doctor with surveys. Whether it is shown is decided by `surveys` against the
    threshold setting."""

    doctor = models.OneToOneField(Doctor, primary_key=True, on_delete=models.CASCADE, related_name="rating")
    score = models.DecimalField(_("overall score"), max_digits=3, decimal_places=2)
    surveys = models.PositiveIntegerField(_("surveys"))
    first_date = models.DateField(_("period from"))
    last_date = models.DateField(_("period to"))
    # {question pk: average score}, {"1": count, ..., "5": count} of every answer in the period
    questions = models.JSONField(_("score per question"), default=dict)
    distribution = models.JSONField(_("distribution"), default=dict)
    comments_published = models.PositiveIntegerField(_("comments shown"), default=0)
    # {reason: count} of the comments withheld
    comments_withheld = models.JSONField(_("comments not shown"), default=dict)
    computed_at = models.DateTimeField(_("worked out"), default=timezone.now)

    class Meta:
        verbose_name = _("rating")
        verbose_name_plural = _("ratings")

    def __str__(self):
        return f"{self.doctor}: {self.score} ({self.surveys})"
