from django.contrib.sitemaps import Sitemap

from .models import Location


class LocationSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = True
    languages = ["en"]

    def items(self):
        return Location.objects.published().only("slug").order_by("pk")
