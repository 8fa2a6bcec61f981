"""Sitemap sections for the apps' published records (doctors, locations)."""

from django.contrib.sitemaps import Sitemap


class PublishedSitemap(Sitemap):
    """Every published record of `model`, by its own URL (English; Spanish pages come later)."""

    changefreq = "weekly"
    priority = 0.6
    i18n = True
    languages = ["en"]

    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        return self.model.objects.published().only("slug").order_by("pk")
