from django.contrib.sitemaps import Sitemap

from .models import Doctor


class DoctorSitemap(Sitemap):
    changefreq = "weekly"
    priority = 0.6
    i18n = True
    languages = ["en"]

    def items(self):
        return Doctor.objects.published().only("slug").order_by("pk")
