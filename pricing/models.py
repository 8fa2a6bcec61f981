"""The hospital's standard charges (45 CFR Part 180), as CMS's v3.0 template lays them out.

- `Disclosure`: the one row of what the file says about the hospital (name, EIN, license, Type 2
  NPIs, the attestation and who signs it, whom to contact), and `PricedLocation`, the places the
  file covers (each a block of /cms-hpt.txt).
- The chargemaster: a `Charge` is one line of CMS's tall CSV without the payer (description, setting,
  modifiers, drug unit, gross charge, discounted cash price, minimum and maximum), with its `codes`
  and its negotiated `rates`, one per payer's `Plan`. `Modifier` and `ModifierRate` are the
  template's modifier information. Finance staff load all of it from a file (pricing.importing).
- `ShoppableService`: a service in plain words (English and Spanish), found by the estimator, made
  of a primary code and the ancillary codes usually billed with it. Services refer to charges by
  code, not by key, so that a new chargemaster replaces the charges without touching them.
- `Publication`: one run of the files' generation: the three files in storage, what CMS's validator
  said, and whether it is the one the site serves.
"""

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# CMS's text, word for word: the validator refuses any other (schema v3.0.0, "attestation").
ATTESTATION = (
    "To the best of its knowledge and belief, this hospital has included all applicable standard charge "
    "information in accordance with the requirements of 45 CFR 180.50, and the information encoded is true, "
    "accurate, and complete as of the date in the file. This hospital has included all payer-specific "
    "negotiated charges in dollars that can be expressed as a dollar amount. For payer-specific negotiated "
    "charges that cannot be expressed as a dollar amount in the machine-readable file or not knowable in "
    "advance, the hospital attests that the payer-specific negotiated charge is based on a contractual "
    "algorithm, percentage or formula that precludes the provision of a dollar amount and has provided all "
    "necessary information available to the hospital for the public to be able to derive the dollar amount, "
    "including, but not limited to, the specific fee schedule or components referenced in such percentage, "
    "algorithm or formula."
)
VERSION = "3.0.0"

STATES = [
    "AL", "AK", "AS", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FM", "FL", "GA", "GU", "HI", "ID", "IL",
    "IN", "IA", "KS", "KY", "LA", "ME", "MH", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
    "NJ", "NM", "NY", "NC", "ND", "MP", "OH", "OK", "OR", "PW", "PA", "PR", "RI", "SC", "SD", "TN", "TX",
    "UT", "VT", "VI", "VA", "WA", "WV", "WI", "WY",
]  # fmt: skip

npi_validator = RegexValidator(r"^\d{10}$", _("An NPI is ten digits."))
ein_validator = RegexValidator(r"^\d{2}-?\d{7}$", _("An EIN is nine digits, written 12-3456789."))
MONEY = {"max_digits": 14, "decimal_places": 2, "null": True, "blank": True}


class Setting(models.TextChoices):
    INPATIENT = "inpatient", _("inpatient")
    OUTPATIENT = "outpatient", _("outpatient")
    BOTH = "both", _("inpatient and outpatient")


class CodeType(models.TextChoices):
    # CMS's list, in its order (schema v3.0.0, code_information.type)
    CPT = "CPT"
    HCPCS = "HCPCS"
    ICD = "ICD"
    DRG = "DRG"
    MS_DRG = "MS-DRG"
    R_DRG = "R-DRG"
    S_DRG = "S-DRG"
    APS_DRG = "APS-DRG"
    AP_DRG = "AP-DRG"
    APR_DRG = "APR-DRG"
    TRIS_DRG = "TRIS-DRG"
    APC = "APC"
    NDC = "NDC"
    HIPPS = "HIPPS"
    LOCAL = "LOCAL"
    EAPG = "EAPG"
    CDT = "CDT"
    RC = "RC"
    CDM = "CDM"
    CMG = "CMG"
    MS_LTC_DRG = "MS-LTC-DRG"


class DrugUnitType(models.TextChoices):
    GR = "GR", _("grams (GR)")
    ML = "ML", _("milliliters")
    ME = "ME", _("milligrams")
    UN = "UN", _("units")
    F2 = "F2", _("international units")
    GM = "GM", _("grams (GM)")
    EA = "EA", _("each")


class Methodology(models.TextChoices):
    CASE_RATE = "case rate", _("case rate")
    FEE_SCHEDULE = "fee schedule", _("fee schedule")
    PERCENT_OF_CHARGES = "percent of total billed charges", _("percent of total billed charges")
    PER_DIEM = "per diem", _("per diem")
    OTHER = "other", _("other")


class Disclosure(models.Model):
    """What the file says about the hospital: one row (pk 1), edited by finance staff."""

    hospital_name = models.CharField(_("hospital name"), max_length=200)
    ein = models.CharField(
        _("EIN"), max_length=10, validators=[ein_validator],
        help_text=_("The hospital's Employer Identification Number; it begins the files' names."),
    )  # fmt: skip
    file_npi = models.CharField(
        _("NPI in the files' names"), max_length=10, blank=True, validators=[npi_validator],
        help_text=_("Optional: CMS's file name may carry one Type 2 NPI after the EIN."),
    )  # fmt: skip
    license_number = models.CharField(_("license number"), max_length=40, blank=True)
    license_state = models.CharField(
        _("license state"), max_length=2, choices=[(s, s) for s in STATES], default="MA"
    )
    type_2_npis = models.CharField(
        _("Type 2 NPIs"), max_length=500,
        help_text=_("The hospital's organizational NPIs, ten digits each, separated by commas."),
    )  # fmt: skip
    attester_name = models.CharField(
        _("attester"), max_length=200,
        help_text=_("The senior official who attests that the file is true, accurate and complete."),
    )  # fmt: skip
    attester_title = models.CharField(_("attester's title"), max_length=200)
    attestation_confirmed = models.BooleanField(
        _("the attestation is confirmed"), default=False,
        help_text=_("Nothing is published until the attester confirms CMS's attestation."),
    )  # fmt: skip
    general_contract_provisions = models.TextField(_("general contract provisions"), blank=True)
    contact_name = models.CharField(
        _("contact name"), max_length=200, help_text=_("Named in /cms-hpt.txt for questions about the files.")
    )
    contact_email = models.EmailField(_("contact e-mail"))
    last_updated_on = models.DateField(
        _("last updated on"), help_text=_("The date the standard charges were last updated (in the files).")
    )
    notes = models.TextField(
        _("notes in the files"), blank=True,
        help_text=_("Added to every charge's notes, e.g. that the demo hospital's figures are fictional."),
    )  # fmt: skip

    class Meta:
        verbose_name = _("disclosure")
        verbose_name_plural = _("disclosure")

    def __str__(self):
        return self.hospital_name

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @classmethod
    def current(cls):
        return cls.objects.filter(pk=1).first()

    def npi_list(self):
        return [npi.strip() for npi in self.type_2_npis.split(",") if npi.strip()]

    def clean(self):
        for npi in self.npi_list():
            try:
                npi_validator(npi)
            except ValidationError:
                raise ValidationError(
                    {"type_2_npis": _("“%(npi)s” is not ten digits.") % {"npi": npi}}
                ) from None
        if not self.npi_list():
            raise ValidationError({"type_2_npis": _("Give at least one Type 2 NPI.")})


class PricedLocation(models.Model):
    """A place the standard charges apply to: a block of /cms-hpt.txt, a location in the files."""

    name = models.CharField(_("location name"), max_length=200)
    address = models.CharField(_("address"), max_length=300)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("location in the files")
        verbose_name_plural = _("locations in the files")

    def __str__(self):
        return self.name


class Payer(models.Model):
    name = models.CharField(_("name"), max_length=200, unique=True)
    # The directory's insurance filter names the insurer by it (?insurer=medicare).
    slug = models.SlugField(_("slug"), max_length=200, unique=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("payer")
        verbose_name_plural = _("payers")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if not self.slug:
            self.slug = slugify(self.name)[:200]
        super().save(*args, **kwargs)


class Plan(models.Model):
    payer = models.ForeignKey(Payer, on_delete=models.CASCADE, related_name="plans", verbose_name=_("payer"))
    name = models.CharField(_("name"), max_length=200)

    class Meta:
        ordering = ["payer__name", "name"]
        constraints = [models.UniqueConstraint(fields=["payer", "name"], name="plan_unique_per_payer")]
        verbose_name = _("plan")
        verbose_name_plural = _("plans")

    def __str__(self):
        return f"{self.payer.name} – {self.name}"


class Charge(models.Model):
    """One item or service at one setting, with its charges that no payer changes."""

    description = models.TextField(_("description"))
    setting = models.CharField(_("setting"), max_length=10, choices=Setting.choices)
    modifiers = models.CharField(
        _("modifiers"), max_length=100, blank=True, help_text=_("Modifier codes, separated by “|”.")
    )
    drug_unit = models.DecimalField(_("drug unit of measurement"), max_digits=14, decimal_places=4, null=True,
                                    blank=True)  # fmt: skip
    drug_type = models.CharField(
        _("drug type of measurement"), max_length=2, choices=DrugUnitType.choices, blank=True
    )
    gross_charge = models.DecimalField(_("gross charge"), **MONEY)
    discounted_cash = models.DecimalField(_("discounted cash price"), **MONEY)
    minimum = models.DecimalField(_("de-identified minimum negotiated charge"), **MONEY)
    maximum = models.DecimalField(_("de-identified maximum negotiated charge"), **MONEY)
    notes = models.TextField(_("additional notes"), blank=True)
    position = models.PositiveIntegerField(_("position in the file"), default=0, db_index=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("charge")
        verbose_name_plural = _("chargemaster")

    def __str__(self):
        return self.description


class ChargeCode(models.Model):
    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="codes")
    code = models.CharField(_("code"), max_length=40)
    type = models.CharField(_("code type"), max_length=10, choices=CodeType.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["code", "type"], name="chargecode_code_type")]
        verbose_name = _("code")
        verbose_name_plural = _("codes")

    def __str__(self):
        return f"{self.type} {self.code}"


class Rate(models.Model):
    """A payer-specific negotiated charge: a dollar amount, a percentage or an algorithm."""

    charge = models.ForeignKey(Charge, on_delete=models.CASCADE, related_name="rates")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="rates", verbose_name=_("plan"))
    dollar = models.DecimalField(_("negotiated dollar amount"), **MONEY)
    percentage = models.DecimalField(_("negotiated percentage"), max_digits=7, decimal_places=3, null=True,
                                     blank=True)  # fmt: skip
    algorithm = models.TextField(_("negotiated algorithm"), blank=True)
    methodology = models.CharField(_("methodology"), max_length=40, choices=Methodology.choices)
    median = models.DecimalField(_("median allowed amount"), **MONEY)
    percentile_10 = models.DecimalField(_("10th percentile allowed amount"), **MONEY)
    percentile_90 = models.DecimalField(_("90th percentile allowed amount"), **MONEY)
    count = models.CharField(
        _("count of allowed amounts"), max_length=20, blank=True,
        help_text=_("“0”, “1 through 10”, or a whole number of 11 or more."),
    )  # fmt: skip
    notes = models.TextField(_("additional payer notes"), blank=True)

    class Meta:
        ordering = ["pk"]
        indexes = [models.Index(fields=["plan", "charge"], name="rate_plan_charge")]
        verbose_name = _("negotiated rate")
        verbose_name_plural = _("negotiated rates")

    def __str__(self):
        return f"{self.charge} · {self.plan}"


class Modifier(models.Model):
    """A modifier that changes what payers pay for the item it is appended to."""

    code = models.CharField(_("code"), max_length=20)
    description = models.CharField(_("description"), max_length=300)
    setting = models.CharField(_("setting"), max_length=10, choices=Setting.choices, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("modifier")
        verbose_name_plural = _("modifiers")

    def __str__(self):
        return f"{self.code} {self.description}"


class ModifierRate(models.Model):
    modifier = models.ForeignKey(Modifier, on_delete=models.CASCADE, related_name="rates")
    plan = models.ForeignKey(Plan, on_delete=models.PROTECT, related_name="modifier_rates")
    description = models.TextField(_("what the payer pays"))

    class Meta:
        ordering = ["pk"]
        verbose_name = _("modifier's effect for a plan")
        verbose_name_plural = _("modifier's effect for each plan")

    def __str__(self):
        return f"{self.modifier.code} · {self.plan}"


class ShoppableService(models.Model):
    """A service a patient can plan for (45 CFR 180.60), in plain words, for the estimator."""

    class Category(models.TextChoices):
        VISIT = "visit", _("Office visits and check-ups")
        LAB = "lab", _("Laboratory tests")
        IMAGING = "imaging", _("Imaging and scans")
        PROCEDURE = "procedure", _("Tests and treatments")
        SURGERY = "surgery", _("Surgery")
        HOSPITAL = "hospital", _("Hospital stays and childbirth")
        MENTAL = "mental", _("Mental health")

    name = models.CharField(_("name in plain words"), max_length=200)
    description = models.TextField(_("what it is"), blank=True)
    search_words = models.TextField(
        _("other words for it"), blank=True,
        help_text=_("What patients may type instead, separated by commas: “knee scan, MRI knee”."),
    )  # fmt: skip
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    code = models.CharField(_("primary code"), max_length=40)
    code_type = models.CharField(_("primary code type"), max_length=10, choices=CodeType.choices)
    setting = models.CharField(_("setting"), max_length=10, choices=Setting.choices)
    cms_number = models.PositiveSmallIntegerField(
        _("CMS-specified service"), null=True, blank=True, unique=True,
        help_text=_("Its number among the 70 shoppable services CMS specifies, if it is one of them."),
    )  # fmt: skip
    offered = models.BooleanField(
        _("offered"), default=True,
        help_text=_("Untick for a CMS-specified service the hospital does not provide: the list says so."),
    )  # fmt: skip

    class Meta:
        ordering = ["name"]
        indexes = [models.Index(fields=["code", "code_type"], name="shoppable_code_type")]
        verbose_name = _("shoppable service")
        verbose_name_plural = _("shoppable services")

    def __str__(self):
        return self.name


class Ancillary(models.Model):
    """A service usually billed with a shoppable service (anesthesia, a room, a reading)."""

    service = models.ForeignKey(ShoppableService, on_delete=models.CASCADE, related_name="ancillaries")
    label = models.CharField(_("name in plain words"), max_length=200)
    code = models.CharField(_("code"), max_length=40)
    code_type = models.CharField(_("code type"), max_length=10, choices=CodeType.choices)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("ancillary service")
        verbose_name_plural = _("ancillary services")

    def __str__(self):
        return self.label


class Publication(models.Model):
    """One generation of the three files. The site serves the latest published one."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting to be generated")
        RUNNING = "running", _("being generated")
        INVALID = "invalid", _("refused by the validator")
        FAILED = "failed", _("failed")
        PUBLISHED = "published", _("published")

    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RUNNING)
    created_at = models.DateTimeField(_("started"), auto_now_add=True)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, db_index=True)
    last_updated_on = models.DateField(_("last updated on"), null=True, blank=True)
    # Storage names of the files, and their sizes in bytes and SHA-256 digests (the ETags)
    files = models.JSONField(_("files"), default=dict, blank=True)
    report = models.TextField(_("what the validator said"), blank=True)
    created_by = models.CharField(_("started by"), max_length=150, blank=True)

    class Meta:
        ordering = ["-created_at"]
        get_latest_by = "published_at"
        verbose_name = _("publication of the files")
        verbose_name_plural = _("publications of the files")
        permissions = [
            ("publish_prices", _("Can publish the standard-charges files")),
            ("import_charges", _("Can import the chargemaster")),
        ]

    def __str__(self):
        return f"{self.get_status_display()} {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def current(cls):
        return cls.objects.filter(status=cls.Status.PUBLISHED).order_by("-published_at").first()
