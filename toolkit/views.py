"""Helpers for the apps' views that sit under CMS pages, and the pages that answer without the
database or the CMS (503, the standalone pages, handler500)."""

import json
import sys

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.http import HttpResponse
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import get_language
from menus.utils import set_language_changer


class AppLanguageChangerMixin:
    """The language switcher's links for an app view: the same URL under the other language prefix.

    App URLs are the same in every language, so swapping the prefix is enough, without the page
    lookups django CMS's default changer makes on every request.
    """

    def dispatch(self, request, *args, **kwargs):
        use_app_language_changer(request)
        return super().dispatch(request, *args, **kwargs)


def use_app_language_changer(request):
    path = request.get_full_path()
    prefix = f"/{get_language()}/"

    def changer(language):
        return f"/{language}/{path.removeprefix(prefix)}" if path.startswith(prefix) else path

    set_language_changer(request, changer)


def show_in_breadcrumbs(request, *records):
    """Name the records (outermost first) that follow the app's page in the breadcrumbs."""
    request.breadcrumb_records = records


def json_for_script(data):
    """JSON to put inside a <script> element (JSON-LD): no "<", ">" or "&" can end it early."""
    return json.dumps(data, ensure_ascii=False).translate(
        {ord("<"): "\\u003c", ord(">"): "\\u003e", ord("&"): "\\u0026"}
    )


def service_unavailable(request, received=None):
    """503: the database could not be reached. Says plainly that nothing sent was received.

    Rendered without the request's context processors or the CMS, none of which work without
    the database. `received`: the reference of a request that *was* received, when the page
    that could not be shown is its confirmation, so the visitor is not told to send it again.
    """
    response = standalone_page(request, "503.html", 503, {"received": received})
    response["Retry-After"] = "30"
    return response


def standalone_page(request, template, status, context=None):
    """A page of the standalone.html family (no database, no CMS), in the language of the address:
    answered before LocaleMiddleware has run, so /es/... says Spanish. Never stored anywhere."""
    language = translation.get_language_from_path(request.path_info) or settings.LANGUAGE_CODE
    with translation.override(language):
        content = render_to_string(
            template, {"language": language, "phone": settings.APPOINTMENTS_PHONE, **(context or {})}
        )
    response = HttpResponse(content, status=status)
    response["Content-Language"] = language
    response["Cache-Control"] = "no-store"
    return response


# The pages that confirm that something sent was received, each registered by the app that owns it
# (in its AppConfig.ready): a function of the request that gives the reference the page confirms,
# or None when the request is not for that page or names nothing.
received_lookups = []


def server_error(request):
    """handler500: a database that is down or unreachable gets the 503 page, anything else the 500."""
    if isinstance(sys.exc_info()[1], OperationalError | InterfaceError):
        received = next(filter(None, (lookup(request) for lookup in received_lookups)), None)
        return service_unavailable(request, received)
    return standalone_page(request, "500.html", 500)
