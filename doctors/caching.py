"""A shared cache of the directory's public pages, versioned on the directory's data.

Anonymous GET requests for the list and the profiles are answered from the cache (Redis when
REDIS_URL is set, so every app process shares it). The key holds the full URL, the language,
the directory's data version and django CMS's page cache version, so a change to any doctor,
location or vocabulary entry, or any publication in the CMS (header, footer, alert), makes
every stored page stale at once. Signed-in staff are never served from the cache, nor stored
into it (their pages carry the CMS toolbar). Nothing personal is on these pages.
"""

import hashlib
from functools import wraps

from cms.cache import _get_cache_version
from django.core.cache import cache
from django.http import HttpResponse
from django.utils.translation import get_language

DATA_VERSION_KEY = "doctors:data-version"
PAGE_PREFIX = "doctors:page:"
TIMEOUT = 60 * 10


def data_version():
    return cache.get_or_set(DATA_VERSION_KEY, 1, None)


def directory_changed(**kwargs):
    """Signal receiver (and plain function): the directory's data changed."""
    try:
        cache.incr(DATA_VERSION_KEY)
    except ValueError:
        cache.set(DATA_VERSION_KEY, 1, None)


def cached_public_page(view):
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method != "GET" or request.user.is_authenticated:
            return view(request, *args, **kwargs)
        url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
        key = f"{PAGE_PREFIX}{get_language()}:{data_version()}:{_get_cache_version()}:{url}"
        cached = cache.get(key)
        if cached is not None:
            content, content_type = cached
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if hasattr(response, "render"):
            response.render()
        if response.status_code == 200:
            cache.set(key, (response.content, response["Content-Type"]), TIMEOUT)
        return response

    return wrapper
