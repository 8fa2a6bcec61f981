"""URLs: robots and sitemap at the root, everything else under a language prefix."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path
from django.views.generic import RedirectView, TemplateView

from accounts.sessions import session_status
from doctors.models import Doctor
from interop.views import llms_txt
from locations.models import Location
from pages.sitemaps import PageSitemap, PublishedSitemap
from pricing import downloads

sitemaps = {
    "pages": PageSitemap(),
    "doctors": PublishedSitemap(Doctor),
    "locations": PublishedSitemap(Location),
}

urlpatterns = [
    path(
        "robots.txt",
        TemplateView.as_view(template_name="robots.txt", content_type="text/plain"),
        name="robots",
    ),
    path("sitemap.xml", sitemap, {"sitemaps": sitemaps}, name="sitemap"),
    # CMS's price transparency files (45 CFR 180.50): at the root, with no language, login or cookie.
    path("cms-hpt.txt", downloads.cms_hpt_txt, name="cms_hpt_txt"),
    path("standard-charges/<str:folder>/<str:name>", downloads.standard_charges, name="standard_charges"),
    # The directory in HL7 FHIR R4 (Plan-Net), for other apps, and the site described for language
    # models: at the root, in English.
    path("fhir/", include("interop.urls")),
    path("llms.txt", llms_txt, name="llms_txt"),
    # Staff pages ask how long their session has left, and "Stay signed in" posts here.
    path("staff/session/", session_status, name="staff_session"),
]

urlpatterns += i18n_patterns(
    path("admin/two-factor/", include("accounts.urls")),
    path("admin/", admin.site.urls),
    # django CMS's toolbar login takes a password alone: its address leads to the two-factor one.
    path("cms_login/", RedirectView.as_view(pattern_name="admin:login", query_string=True), name="cms_login"),
    path("", include("cms.urls")),
)

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "mgh_site.malformed.bad_request"
handler500 = "toolkit.views.server_error"
