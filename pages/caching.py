"""Shared caches of public pages, versioned on their data.

Two layers, both in the cache that every app process shares (Redis when REDIS_URL is set):

- SharedPageCacheMiddleware, near the top of MIDDLEWARE, answers any page that anybody would get
  alike from one Redis read, before sessions, the CMS or the views run.
- cached_public_page keeps the apps' rendered pages for the rest (a visitor with a session).

Anonymous GET requests for an app's pages (the directory, the locations) are answered from the
cache (Redis when REDIS_URL is set, so every app process shares it). The key holds the full URL,
the language, the app's data version and django CMS's page cache version, so a change to the
app's data, or any publication in the CMS (header, footer, alert), makes every stored page stale
at once. Signed-in staff are never served from the cache, nor stored into it (their pages carry
the CMS toolbar). Nothing personal is on these pages.

The responses also say how long browsers may keep them (Cache-Control: max-age); whether a shared
cache (a CDN, and our own first layer) may keep them too is decided for every page in one place,
SharedPageCacheMiddleware.shareable().
"""

import hashlib
import logging
import time
from functools import wraps

from cms.cache import CMS_PAGE_CACHE_VERSION_KEY, _get_cache_version
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import get_conditional_response, get_max_age, patch_cache_control
from django.utils.translation import get_language

from editorial.alerts import NEXT_CHANGE_KEY

logger = logging.getLogger(__name__)

TIMEOUT = 60 * 10
# Moves on whenever any data_changed(): every page in the first layer is stale at once.
GENERATION_KEY = "data-generation"


def data_version(name):
    return cache.get_or_set(f"data-version:{name}", 1, None)


def data_changed(name):
    """Everything cached from `name`'s data (pages, choices, vocabularies) is stale from now on.

    Bumped at once, and again when the transaction commits: a request in another process between
    the two would otherwise read the new version with the old rows and cache those for good.
    """

    def bump():
        for key in (f"data-version:{name}", GENERATION_KEY):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, 1, None)

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


class SharedPageCacheMiddleware:
    """The first layer: pages anybody would get alike, answered from one Redis read.

    A response is shareable (shareable()) when it went to a visitor carrying no session, a GET
    answered 200, its view said it may be kept (a max-age, as the django CMS page cache and
    cached_public_page give), it sets no cookie, nobody marked it private or no-store, and it
    needed no CSP nonce. Such a response says `Cache-Control: public` with its max-age cut to
    PUBLIC_CACHE_SECONDS (browsers and a CDN cannot be told when it changes), and is stored here
    with the versions it was made under: django CMS's page cache version (moved by every
    publication) and GENERATION_KEY (moved by every data_changed()). One MGET reads those
    versions, the alert banner's next change and the page: any of them moved, and the page is
    made anew. Past its own max-age, one request makes it anew while the others still get the
    stale copy for a moment, rather than every worker rendering the same page at once.

    Responses keep `Vary: Cookie`: a CDN in front should pass requests carrying the session cookie
    to the app and leave other cookies out of its key (docs/deploy.md).
    """

    PRIVATE = ("private", "no-store", "no-cache")
    STALE_FOR = 30  # seconds a page past its max-age may still be served while one request renews it

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        key = self.key(request)
        versions = None
        if key:
            cached, versions = self.lookup(request, key)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if "Vary" in response:  # django CMS writes "Vary: , Cookie" for pages without plugin vary headers
            response["Vary"] = ", ".join(part.strip() for part in response["Vary"].split(",") if part.strip())
        if key and self.shareable(request, response):
            keep_for = get_max_age(response)
            del response["Cache-Control"]
            del response["Expires"]  # max-age says it; Expires would be the view's longer time
            patch_cache_control(response, public=True, max_age=min(keep_for, settings.PUBLIC_CACHE_SECONDS))
            if versions:
                entry = (
                    versions,
                    timezone.now().timestamp() + keep_for,
                    dict(response.items()),
                    response.content,
                )
                cache.set(key, entry, keep_for + self.STALE_FOR)
        return response

    def key(self, request):
        """The page's key, or None for a request that must go through the whole stack."""
        if request.method != "GET" or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None  # WhiteNoise, below, serves those
        if "messages" in request.COOKIES:  # a message waits to be shown to this visitor
            return None
        try:
            address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        except DisallowedHost:
            return None  # the stack below answers 400
        return "shared-page:" + hashlib.sha256(address.encode()).hexdigest()

    def lookup(self, request, key):
        """(response or None, the versions a page made now would be stored under, or None)."""
        try:
            found = cache.get_many([CMS_PAGE_CACHE_VERSION_KEY, GENERATION_KEY, NEXT_CHANGE_KEY, key])
        except Exception as error:  # the cache is away: the whole stack answers (and /readyz says so)
            logger.warning("shared page cache unavailable: %s", error.__class__.__name__)
            return None, None
        versions = (found.get(CMS_PAGE_CACHE_VERSION_KEY), found.get(GENERATION_KEY))
        if None in versions:  # first use, or django CMS's version lapsed: set them as the CMS would
            cache.add(GENERATION_KEY, 1, None)
            versions = (_get_cache_version(), cache.get(GENERATION_KEY))
        entry, now = found.get(key), timezone.now().timestamp()
        due = found.get(NEXT_CHANGE_KEY)
        if entry is None or entry[0] != versions or due is None or now >= due:
            return None, versions  # AlertScheduleMiddleware, below, deals with a due banner change
        _, fresh_until, headers, content = entry
        if now >= fresh_until and cache.add(f"{key}:renewing", 1, self.STALE_FOR):
            return None, versions  # this request renews the page; others get the stale copy meanwhile
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        max_age = max(0, min(int(fresh_until - now), settings.PUBLIC_CACHE_SECONDS))
        response["Cache-Control"] = f"public, max-age={max_age}"
        # A browser asking again with the ETag it has: 304 (ConditionalGetMiddleware is below).
        return get_conditional_response(request, etag=response.get("ETag"), response=response), versions

    def shareable(self, request, response):
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "")
        return (
            response.status_code == 200
            and not response.streaming
            and user is not None
            and not user.is_authenticated
            and not response.cookies
            and (get_max_age(response) or 0) > 0
            and not any(word in cache_control for word in self.PRIVATE)
            # A page with a nonce in it must not be served again: the next header has another.
            and not getattr(request, "_csp_nonce", None)
        )
