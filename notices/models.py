"""The documents the notice pages offer for download, each kept in every version it has had.

The Notice of Privacy Practices (HIPAA, 45 CFR 164.520) and the financial assistance papers
(IRS 501(r): the policy, its application, its plain-language summary, the billing and collections
policy, the Community Health Needs Assessment) are uploaded PDFs (django-filer) with a title, a
language, a version and the date they take effect.

A new version never overwrites an old one: it is another row of the same kind and language. Of the
published rows of a kind and language, the one that took effect last is current; each earlier one
was in effect until the day before the next took effect. Nothing is deleted by replacing, so the
notice pages list every earlier version, with its dates, still downloadable.
"""

import datetime

from cms.models import CMSPlugin
from django.conf import settings
from django.conf.locale import LANG_INFO
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from filer.fields.file import FilerFileField

from toolkit.autonyms import autonym


def document_languages():
    """The languages a document may be written in: the site's own (settings.LANGUAGES), then those
    the hospital offers its notices in besides (settings.NOTICE_DOCUMENT_LANGUAGES, BCP 47 codes),
    each named in itself."""
    codes = [code for code, _name in settings.LANGUAGES]
    codes += [code for code in settings.NOTICE_DOCUMENT_LANGUAGES if code not in codes]
    return [(code, autonym(code) or code) for code in codes]


def language_order(code):
    """Where a language comes in lists: in the order of document_languages()."""
    codes = [code for code, _name in document_languages()]
    return codes.index(code) if code in codes else len(codes)


def is_pdf(file):
    """True when a filer file is named .pdf and starts as every PDF does: the name gives its type
    when it is served, the content that it opens as one."""
    if not (file.original_filename or file.file.name).lower().endswith(".pdf"):
        return False
    with file.file.open("rb") as content:
        return content.read(5) == b"%PDF-"


class PolicyDocumentQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published=True)

    def shelves(self, kind, on=None):
        """The published documents of `kind` in effect by `on` (today), per language:
        [(language, current document, [earlier documents, newest first])], languages in the order
        of document_languages(). Each document gets `effective_until`: None for the current one,
        else the day before the next version took effect."""
        on = on or timezone.localdate()
        documents = self.published().filter(kind=kind, effective_date__lte=on).select_related("file")
        by_language = {}
        for document in documents.order_by("-effective_date", "-pk"):
            by_language.setdefault(document.language, []).append(document)
        shelves = []
        for language in sorted(by_language, key=language_order):
            versions = by_language[language]
            following = None
            for document in versions:
                document.effective_until = following and following.effective_date - datetime.timedelta(days=1)
                following = document
            shelves.append((language, versions[0], versions[1:]))
        return shelves

    def next_change(self, kind, after=None):
        """The date the next published version of `kind` takes effect, after `after` (today), or None."""
        after = after or timezone.localdate()
        found = self.published().filter(kind=kind, effective_date__gt=after).order_by("effective_date")
        return found.values_list("effective_date", flat=True).first()


class PolicyDocument(models.Model):
    """One version of a notice's document in one language.

    Editors upload new versions unpublished; a Publisher (permission "publish_policydocument")
    publishes them. That is how "an editor publishes a new version" maps to the site's roles
    (editorial.roles): the Editor prepares it, the Publisher makes it public, as with pages.
    """

    class Kind(models.TextChoices):
        NPP = "npp", _("Notice of Privacy Practices")
        FAP = "fap", _("Financial Assistance Policy")
        FAP_APPLICATION = "fap-application", _("Financial assistance application")
        FAP_SUMMARY = "fap-summary", _("Plain-language summary of the Financial Assistance Policy")
        BILLING = "billing", _("Billing and collections policy")
        CHNA = "chna", _("Community Health Needs Assessment")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(
        _("language"),
        max_length=16,
        choices=document_languages,
        help_text=_("The language the document is written in."),
    )
    title = models.CharField(_("title"), max_length=200, help_text=_("As the document itself is titled."))
    version = models.CharField(_("version"), max_length=40, help_text=_('e.g. "2026-1"'))
    effective_date = models.DateField(
        _("effective date"),
        help_text=_(
            "The day this version takes effect; the version before it is in effect until the day before."
        ),
    )
    file = FilerFileField(
        verbose_name=_("file (PDF)"),
        on_delete=models.PROTECT,  # the file of any version, even an earlier one, stays
        related_name="+",
    )
    published = models.BooleanField(
        _("published"), default=False, help_text=_("Only Publishers may publish or unpublish a document.")
    )

    objects = PolicyDocumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("policy document")
        verbose_name_plural = _("policy documents")
        ordering = ["kind", "language", "-effective_date"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "language", "version"], name="one_document_per_version"),
            models.UniqueConstraint(
                fields=["kind", "language", "effective_date"],
                name="one_document_per_effective_date",
                violation_error_message=_(
                    "A version of this document in this language already takes effect on that date."
                ),
            ),
        ]
        permissions = [("publish_policydocument", _("Can publish or unpublish a policy document"))]

    def __str__(self):
        return f"{self.title} ({self.language}, {self.version})"

    def clean(self):
        if self.file_id and not is_pdf(self.file):
            raise ValidationError({"file": _("Choose a PDF file: this one is not a PDF.")})

    @property
    def language_name(self):
        """The document's language named in itself ("Español"), for the visitor who reads it."""
        return autonym(self.language) or self.language

    @property
    def language_direction(self):
        return "rtl" if LANG_INFO.get(self.language.lower(), {}).get("bidi") else "ltr"

    def standing(self, on=None):
        """Draft, scheduled (published, not in effect yet), current or earlier."""
        on = on or timezone.localdate()
        if not self.published:
            return _("Draft")
        if self.effective_date > on:
            return _("Scheduled to take effect")
        newer = PolicyDocument.objects.published().filter(
            kind=self.kind,
            language=self.language,
            effective_date__gt=self.effective_date,
            effective_date__lte=on,
        )
        return _("Earlier") if newer.exists() else _("Current")


class Documents(CMSPlugin):
    """A notice page's list of the documents of one kind: the current ones, then the earlier ones."""

    kind = models.CharField(_("kind of document"), max_length=20, choices=PolicyDocument.Kind.choices)

    def __str__(self):
        return self.get_kind_display()
