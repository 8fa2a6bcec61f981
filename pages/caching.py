"""A shared cache of the apps' public pages, versioned on their data.

Anonymous GET requests for an app's pages (the directory, the locations) are answered from the
cache (Redis when REDIS_URL is set, so every app process shares it). The key holds the full URL,
the language, the app's data version and django CMS's page cache version, so a change to the
app's data, or any publication in the CMS (header, footer, alert), makes every stored page stale
at once. Signed-in staff are never served from the cache, nor stored into it (their pages carry
the CMS toolbar). Nothing personal is on these pages.

The responses also say how long browsers may keep them (Cache-Control: max-age); whether a shared
cache (a CDN) may keep them too is decided for every page in one place,
mgh_site.middleware.PublicCacheHeadersMiddleware.
"""

import hashlib
import time
from functools import wraps

from cms.cache import _get_cache_version
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

TIMEOUT = 60 * 10


def data_version(name):
    return cache.get_or_set(f"data-version:{name}", 1, None)


def data_changed(name):
    """Everything cached from `name`'s data (pages, choices, vocabularies) is stale from now on.

    Bumped at once, and again when the transaction commits: a request in another process between
    the two would otherwise read the new version with the old rows and cache those for good.
    """

    def bump():
        try:
            cache.incr(f"data-version:{name}")
        except ValueError:
            cache.set(f"data-version:{name}", 1, None)

    bump()
    transaction.on_commit(bump)


def cached_public_page(name, seconds=TIMEOUT, also=(), shared=True):
    """Decorate a view whose anonymous GET responses depend only on the URL and `name`'s data
    (and the data of the names in `also`).

    A page that tells the time (open now, closes at…) passes a short `seconds`: it is then also
    keyed on the clock, in slices of that length, so no visitor sees it older than that.
    `shared=False`: the page's address may say something of the visitor (a search), so only
    their own browser may keep it, not a CDN.
    """

    def cache_headers(response):
        max_age = min(seconds, settings.PUBLIC_CACHE_SECONDS)
        patch_cache_control(response, max_age=max_age, **({} if shared else {"private": True}))
        return response

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            versions = ".".join(str(data_version(n)) for n in (name, *also))
            key = f"page:{name}:{get_language()}:{versions}:{_get_cache_version()}:{url}"
            if seconds < TIMEOUT:
                key += f":{int(time.time() // seconds)}"
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                return cache_headers(HttpResponse(content, content_type=content_type))
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            if response.status_code == 200:
                cache.set(key, (response.content, response["Content-Type"]), seconds)
                cache_headers(response)
            return response

        return wrapper

    return decorator


def stale_on_change(name):
    """A signal receiver that marks `name`'s cached pages stale (connect it with weak=False)."""

    def receiver(**kwargs):
        data_changed(name)

    return receiver
