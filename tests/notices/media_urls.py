"""The site's URLs with the media files served as `make run` serves them (django.views.static.serve,
what django.conf.urls.static() adds with DEBUG on): the tests run with DEBUG off, which leaves the
media to nginx or the bucket in production."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from mgh_site.urls import urlpatterns as site_urlpatterns

urlpatterns = [
    re_path(
        rf"^{settings.MEDIA_URL.strip('/')}/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}
    ),
    *site_urlpatterns,
]
