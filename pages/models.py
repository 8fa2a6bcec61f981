"""The site's own CMS plugins: the building blocks editors compose pages from."""

import datetime

from cms.extensions import PageContentExtension, PageExtension, extension_pool
from cms.models import CMSPlugin
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from djangocms_link.fields import LinkField
from filer.fields.image import FilerImageField

from toolkit.autonyms import autonym
from toolkit.identity import hospital


class ExternalService(models.TextChoices):
    """Systems the hospital runs outside this site; their addresses come from settings."""

    PATIENT_PORTAL = "patient_portal", _("Patient Gateway (patient portal)")
    GIVING = "giving", _("Online giving")

    @property
    def url(self):
        return {
            ExternalService.PATIENT_PORTAL: settings.PATIENT_PORTAL_URL,
            ExternalService.GIVING: settings.GIVING_URL,
        }[self]


class LinkTarget(models.Model):
    """Where a plugin's link goes: a page, a URL, or one of the hospital's outside services."""

    link = LinkField(_("link"), blank=True)
    service = models.CharField(
        _("or an outside service"),
        max_length=20,
        choices=ExternalService.choices,
        blank=True,
        help_text=_("Takes the service's address from the site settings, so it stays right if it changes."),
    )

    class Meta:
        abstract = True

    @property
    def href(self):
        if self.service:
            return ExternalService(self.service).url
        return self.link.url if self.link else ""

    @property
    def is_external(self):
        return bool(self.service) or self.href.startswith(("http://", "https://"))


class Hero(LinkTarget, CMSPlugin):
    """The opening band of a page: a heading, a sentence or two, a picture, one action."""

    heading = models.CharField(_("heading"), max_length=120)
    text = models.TextField(_("text"), blank=True, max_length=400)
    image = FilerImageField(
        verbose_name=_("image"), blank=True, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    image_alt = models.CharField(
        _("image description"),
        max_length=200,
        blank=True,
        help_text=_("What the picture shows, for people who cannot see it. Leave empty if it is decoration."),
    )
    link_label = models.CharField(_("button text"), max_length=60, blank=True)

    def __str__(self):
        return self.heading


class CardGrid(CMSPlugin):
    """A row of cards; each card is a child plugin."""

    heading = models.CharField(_("heading"), max_length=120, blank=True)
    intro = models.TextField(_("introduction"), blank=True, max_length=400)

    def __str__(self):
        return self.heading or str(_("Cards"))


class Card(LinkTarget, CMSPlugin):
    title = models.CharField(_("title"), max_length=120)
    text = models.TextField(_("text"), blank=True, max_length=300)
    image = FilerImageField(
        verbose_name=_("image"), blank=True, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    def __str__(self):
        return self.title


class CallToAction(LinkTarget, CMSPlugin):
    class Style(models.TextChoices):
        PRIMARY = "primary", _("Prominent")
        QUIET = "quiet", _("Quiet")

    heading = models.CharField(_("heading"), max_length=120)
    text = models.TextField(_("text"), blank=True, max_length=400)
    link_label = models.CharField(_("button text"), max_length=60)
    style = models.CharField(_("style"), max_length=10, choices=Style.choices, default=Style.PRIMARY)

    def __str__(self):
        return self.heading


class Figures(CMSPlugin):
    """A row of big numbers with captions; each figure is a child plugin."""

    heading = models.CharField(_("heading"), max_length=120, blank=True)

    def __str__(self):
        return self.heading or str(_("Figures"))


class Figure(CMSPlugin):
    """A big number with a caption. The number is a number, written the page's language's way
    (1,200 on English pages, 1.200 on Spanish ones, by Django's localisation); what goes around it
    ("$", "+", " M") is the editor's, per language."""

    prefix = models.CharField(
        _("before the number"), max_length=8, blank=True, help_text=_('e.g. "$", "~", "+", "#"')
    )
    number = models.DecimalField(
        _("number"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(0)],
        help_text=_("e.g. 1200"),
    )
    suffix = models.CharField(
        _("after the number"), max_length=12, blank=True, help_text=_('e.g. "B+", " M", "%"')
    )
    caption = models.CharField(_("caption"), max_length=160)

    def __str__(self):
        return f"{self.value} {self.caption}"

    @property
    def value(self):
        """The figure as the page's language writes it: never broken inside (the template keeps it whole)."""
        number = self.number.normalize() if self.number % 1 else self.number.quantize(1)
        return f"{self.prefix}{number_format(number, force_grouping=True)}{self.suffix}"


class Callout(CMSPlugin):
    class Kind(models.TextChoices):
        NOTE = "note", _("Note")
        QUOTE = "quote", _("Quote")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices, default=Kind.NOTE)
    heading = models.CharField(_("heading"), max_length=120, blank=True)
    text = models.TextField(_("text"), max_length=800)
    attribution = models.CharField(
        _("attribution"), max_length=160, blank=True, help_text=_("Who said it, for a quote.")
    )

    def __str__(self):
        return self.heading or self.text[:40]


class RecognitionList(CMSPlugin):
    """Awards and rankings; each recognition is a child plugin."""

    heading = models.CharField(_("heading"), max_length=120, blank=True)

    def __str__(self):
        return self.heading or str(_("Recognitions"))


class Recognition(CMSPlugin):
    title = models.CharField(_("recognition"), max_length=160)
    issuer = models.CharField(_("given by"), max_length=160)
    year = models.PositiveSmallIntegerField(
        _("year"), blank=True, null=True, validators=[MinValueValidator(1811), MaxValueValidator(2100)]
    )
    description = models.TextField(_("description"), blank=True, max_length=400)

    def __str__(self):
        return self.title


class SocialSharing(PageContentExtension):
    """What a page shows when it is shared (Open Graph): its picture. The description shared is
    the page's own meta description (page settings), the title its title.

    Kept on the page's content in one language, so it is versioned with the page: a new draft
    gets a copy (djangocms-versioning copies a content's extensions), and a changed image goes
    live when that draft is published, after review like the rest of the page.
    """

    image = FilerImageField(
        verbose_name=_("sharing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_(
            "Shown when the page is shared or linked in social media and messages: 1200 × 630 pixels is best."
        ),
    )

    class Meta:
        verbose_name = _("social sharing")
        verbose_name_plural = _("social sharing")

    def __str__(self):
        return str(self.extended_object)


extension_pool.register(SocialSharing)


# Language assistance (45 CFR 92.11): the taglines, one per language, that every notice carries.

PHONE = "{phone}"
# A BCP 47 tag: language, then optional script, region and variants ("zh-Hans", "pt-BR", "kea").
LANGUAGE_TAG = RegexValidator(
    r"^[a-zA-Z]{2,3}(-[a-zA-Z]{4})?(-([a-zA-Z]{2}|[0-9]{3}))?(-([a-zA-Z0-9]{5,8}|[0-9][a-zA-Z0-9]{3}))*$",
    _('Not a language tag: write it as BCP 47 does, e.g. "es", "ht", "kea", "zh-Hans", "pt-BR".'),
)
# Scripts written right to left, for a tag that names its script ("pa-Arab"); otherwise the
# language decides: Django's own right-to-left languages (LANGUAGES_BIDI) and a few it has no
# translation for.
RTL_SCRIPTS = {"arab", "hebr", "thaa", "syrc", "nkoo", "adlm", "rohg"}
MORE_RTL_LANGUAGES = {"dv", "ps", "sd", "yi"}


def direction(tag):
    """ "rtl" or "ltr": how text in the language `tag` (BCP 47) reads."""
    subtags = tag.lower().split("-")
    script = next((subtag for subtag in subtags[1:] if len(subtag) == 4 and subtag.isalpha()), None)
    if script:
        return "rtl" if script in RTL_SCRIPTS else "ltr"
    rtl = {code.split("-")[0] for code in settings.LANGUAGES_BIDI} | MORE_RTL_LANGUAGES
    return "rtl" if subtags[0] in rtl else "ltr"


def says_phone_once(text):
    if text.count(PHONE) != 1:
        raise ValidationError(
            _("Write %(phone)s once, where the phone number goes in the sentence."), params={"phone": PHONE}
        )


class TaglineQuerySet(models.QuerySet):
    def shown(self):
        return self.filter(active=True)


class Tagline(models.Model):
    """One language's line of the language assistance block ("free language help is available;
    call ..."), written in that language. The list is kept here, not in code, because it differs
    by state and changes when HHS publishes new figures."""

    language = models.CharField(
        _("language"),
        max_length=35,
        unique=True,
        validators=[LANGUAGE_TAG],
        help_text=_(
            'Its BCP 47 tag: "es", "ht", "kea", "zh-Hans", "pt-BR". Marks the text for screen readers, '
            "fonts and direction (right to left for Arabic, Persian, Hebrew, Urdu)."
        ),
    )
    autonym = models.CharField(
        _("name of the language in itself"),
        max_length=60,
        blank=True,
        help_text=_('e.g. "Español", "Kreyòl ayisyen". Left empty, it is filled in where it is known.'),
    )
    text = models.TextField(
        _("tagline"),
        max_length=500,
        validators=[says_phone_once],
        help_text=_(
            "In the language itself: that free language help is available, and the number to call. "
            "Write {phone} where the number goes: it becomes the hospital's main line, a link to call."
        ),
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    active = models.BooleanField(_("shown"), default=True)

    objects = TaglineQuerySet.as_manager()

    class Meta:
        ordering = ["position", "language"]
        verbose_name = _("language assistance tagline")
        verbose_name_plural = _("language assistance taglines")

    def __str__(self):
        return f"{self.autonym or self.language} ({self.language})"

    def save(self, *args, **kwargs):
        self.autonym = self.autonym or autonym(self.language) or ""
        super().save(*args, **kwargs)

    @property
    def direction(self):
        return direction(self.language)

    @property
    def html(self):
        """The tagline with the hospital's main line as a link to call, kept left to right in any script."""
        before, placeholder, after = self.text.partition(PHONE)
        main_line = hospital()
        return format_html(
            '{}<a href="{}" dir="ltr">{}</a>{}', before, main_line.phone_href, main_line.phone, after
        )


# A notice is reviewed at least once a year (the compliance office's rule for every required notice).
REVIEW_INTERVAL = datetime.timedelta(days=365)


class NoticeReviewQuerySet(models.QuerySet):
    def due(self, today=None):
        """The notices whose last review is more than a year old on `today`."""
        return self.filter(reviewed_on__lt=(today or timezone.localdate()) - REVIEW_INTERVAL)


class NoticeReview(PageExtension):
    """When a notice page (nondiscrimination, privacy practices ...) was last checked against the rules.

    Kept on the page itself, not on a version of its content: a review changes nothing a visitor
    reads, so it is set live, without a draft to publish, and outlasts every new version.
    """

    reviewed_on = models.DateField(
        _("reviewed on"),
        help_text=_(
            "The day the notice was last checked against the rules it follows. It is due again a year later."
        ),
    )

    objects = NoticeReviewQuerySet.as_manager()

    class Meta:
        verbose_name = _("notice review")
        verbose_name_plural = _("notice reviews")

    def __str__(self):
        return str(self.extended_object)

    @property
    def next_review_on(self):
        return self.reviewed_on + REVIEW_INTERVAL

    def is_due(self, today=None):
        return self.next_review_on < (today or timezone.localdate())


extension_pool.register(NoticeReview)
