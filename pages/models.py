"""The site's own CMS plugins: the building blocks editors compose pages from."""

from cms.extensions import PageContentExtension, extension_pool
from cms.models import CMSPlugin
from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.formats import number_format
from django.utils.translation import gettext_lazy as _
from djangocms_link.fields import LinkField
from filer.fields.image import FilerImageField


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
