"""What CMS's reviewers and anybody else download, at the site's root, without a language, a login or
a cookie: `/cms-hpt.txt` and the current publication's files at `/standard-charges/<format>/<name>`.

The files are streamed from storage (a million rates make hundreds of megabytes), with an ETag (the
file's SHA-256) and, to a client that accepts gzip, the gzip copy publishing wrote beside each file:
nothing is compressed per request.
"""

from cms.models import Page
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpResponse, HttpResponseNotModified
from django.urls import NoReverseMatch, reverse
from django.utils import translation
from django.utils.cache import patch_cache_control, patch_vary_headers
from django.utils.http import parse_etags, quote_etag
from django.views.decorators.http import require_safe

from toolkit.addresses import absolute_url

from .models import Disclosure, PricedLocation, Publication
from .publishing import FOLDERS

# Browsers and a CDN may keep a file briefly: a new publication has new files under the same URLs.
MAX_AGE = 300


def source_page_url():
    """The English "Price Transparency" page (the pricing apphook's), on the public host."""
    with translation.override("en"):
        try:
            return absolute_url(reverse("pricing:index"))
        except NoReverseMatch:  # the app is not hooked onto a published page yet
            page = Page.objects.filter(application_namespace="pricing").first()
            return absolute_url(page.get_absolute_url("en") if page else reverse("pages-root"))


@require_safe
def cms_hpt_txt(request):
    """CMS's text file: one block per location, exactly five keys each, blocks apart by a blank line."""
    publication = Publication.current()
    disclosure = Disclosure.current()
    if publication is None or disclosure is None or "json" not in publication.files:
        raise Http404("No standard-charges file is published yet.")
    source, mrf = source_page_url(), absolute_url(publication.files["json"]["url"])
    blocks = [
        "\n".join(
            [
                f"location-name: {location.name}",
                f"source-page-url: {source}",
                f"mrf-url: {mrf}",
                f"contact-name: {disclosure.contact_name}",
                f"contact-email: {disclosure.contact_email}",
            ]
        )
        for location in PricedLocation.objects.all()
    ]
    response = HttpResponse("\n\n".join(blocks) + "\n", content_type="text/plain; charset=utf-8")
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    return response


def accepts_gzip(request):
    return any(
        part.split(";")[0].strip().lower() in ("gzip", "*") and not part.replace(" ", "").endswith(";q=0")
        for part in request.headers.get("Accept-Encoding", "").split(",")
    )


@require_safe
def standard_charges(request, folder, name):
    """The current publication's file in `folder` (json, csv-tall, csv-wide) if `name` is its name."""
    form = FOLDERS.get(folder)
    publication = Publication.current()
    entry = publication.files.get(form.key) if form and publication else None
    if not entry or entry["name"] != name:
        raise Http404("No such standard-charges file.")
    compressed = accepts_gzip(request) and bool(entry.get("gzip_path"))
    etag = quote_etag(entry["sha256"] + ("-gzip" if compressed else ""))
    if etag in parse_etags(request.headers.get("If-None-Match", "")):
        response = HttpResponseNotModified()
    else:
        response = FileResponse(
            default_storage.open(entry["gzip_path"] if compressed else entry["path"], "rb"),
            content_type=form.content_type,
            as_attachment=form.extension == "csv",
            filename=name,
        )
        if compressed:
            response["Content-Encoding"] = "gzip"
    response["ETag"] = etag
    patch_cache_control(response, public=True, max_age=MAX_AGE)
    patch_vary_headers(response, ("Accept-Encoding",))
    return response
