"""The site's absolute addresses (e-mail links, canonical and hreflang links, JSON-LD, sitemap.xml):
always on SITE_DOMAIN, never taken from the request.

A request's Host header is the sender's to choose (ALLOWED_HOSTS checks the name, not the port), so
a link built from it could send staff, or a search engine, wherever the sender liked. Production
addresses are https; plain http only where the site is not served over HTTPS (a laptop, `make serve`).
"""

from urllib.parse import urljoin

from django.conf import settings


def site_scheme():
    return "https" if settings.SERVED_OVER_HTTPS else "http"


def site_origin():
    """`https://www.example.org`: the public scheme and host, without a trailing slash."""
    return f"{site_scheme()}://{settings.SITE_DOMAIN}"


def absolute_url(path):
    """`path` (`/en/find-a-doctor/`) on the public host; an address that is absolute already (a media
    file on its bucket's host) is returned as it is."""
    return urljoin(site_origin() + "/", str(path))


def own_path(context):
    """A page's own address, the one its canonical and hreflang links give, from its template's
    context: the view's `canonical_path` (a list's page: toolkit.listing.canonical_path), or else
    the request's path without the query (a search's words or a form's choices are not a page)."""
    return context.get("canonical_path") or context["request"].path
