"""Helpers for the apps' views that sit under CMS pages."""

import json

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
