"""The search results page and the suggestions for the header's search box."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from locations.caching import DIRECTORY
from toolkit.views import show_in_breadcrumbs, use_app_language_changer

from .caching import SEARCH
from .forms import SiteSearchForm
from .search import site_search, suggestions

SUGGEST_MAX_LENGTH = 100


def _app_url(name):
    try:
        return reverse(name)
    except NoReverseMatch:  # the app is not hooked onto a page (yet)
        return ""


# Versioned on the directory (doctors, locations) and on the page texts; CMS publications are in
# every cached page's key already. A page of results has the words searched for in its address:
# private and kept nowhere (toolkit.caching.names_free_text), like every such page.
@SEARCH.cached_page(also=[DIRECTORY])
def results(request):
    use_app_language_changer(request)
    form = SiteSearchForm(request.GET or None)
    query = form.cleaned_data["q"].strip() if form.is_valid() else ""
    found = None
    if query:
        found = site_search(query, get_language(), _app_url("doctors:list"), _app_url("locations:list"))
        show_in_breadcrumbs(request, (query[:60], request.get_full_path()))
    return render(request, "sitesearch/results.html", {"form": form, "query": query, "results": found})


def suggest(request):
    query = request.GET.get("q", "")[:SUGGEST_MAX_LENGTH]
    response = JsonResponse({"suggestions": suggestions(query, get_language())})
    # What was typed is in the address: private and kept nowhere (toolkit.caching.names_free_text,
    # applied by SharedPageCacheMiddleware to every response); without a query, still no CDN's.
    patch_cache_control(response, private=True, max_age=settings.PUBLIC_CACHE_SECONDS)
    return response
