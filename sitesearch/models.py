"""The words of each published CMS page, one row per page and language, for the site search.

Doctors and locations are searched in their own tables (doctors.search, locations); pages keep
their words in plugins spread over many tables, so they are gathered here when a page is
published, and dropped when it is unpublished.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _


class PageText(models.Model):
    page = models.ForeignKey("cms.Page", on_delete=models.CASCADE, related_name="+")
    language = models.CharField(_("language"), max_length=10)
    title = models.CharField(_("title"), max_length=255)
    description = models.TextField(_("description"), blank=True)
    path = models.CharField(_("address"), max_length=255)
    text = models.TextField(_("text"), blank=True)
    # PostgreSQL only: the weighted full-text vector (title A, description B, text C), GIN indexed.
    vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("page text")
        verbose_name_plural = _("page texts")
        constraints = [
            models.UniqueConstraint(fields=["page", "language"], name="one_text_per_page_language")
        ]

    def __str__(self):
        return f"{self.title} ({self.language})"

    def get_absolute_url(self):
        return f"/{self.language}/{self.path}/" if self.path else f"/{self.language}/"
