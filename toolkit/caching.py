"""Shared caches of public pages, versioned on their data.

Two layers, both in the cache that every app process shares (Redis when REDIS_URL is set):

- SharedPageCacheMiddleware, near the top of MIDDLEWARE, answers any page that anybody would get
  alike from one Redis read, before sessions, the CMS or the views run; with Redis, each process
  also keeps copies of those pages it can serve without the read while no version moved (NearPages).
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

One rule for addresses that may name a condition (names_free_text()): a query string with a value
for any parameter outside CHOICE_PARAMETERS (what a visitor typed: a search, a symptom, a ZIP code)
is answered `Cache-Control: private, no-store`, and the page is kept in no cache at all (first
layer, near copies, cached_public_page), so the words are never stored beside the page they made.
"""

import contextvars
import hashlib
import logging
import math
import threading
import time
from collections import OrderedDict
from functools import wraps

from cms.cache import (  # see cms_page_cache_version()
    CMS_PAGE_CACHE_VERSION_KEY,
    _get_cache_version,
    invalidate_cms_page_cache,
)
from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import DisallowedHost
from django.db import transaction
from django.http import HttpResponse
from django.utils import timezone
from django.utils.cache import (
    add_never_cache_headers,
    get_conditional_response,
    get_max_age,
    patch_cache_control,
)
from django.utils.translation import get_language

logger = logging.getLogger(__name__)

# When what the pages show next changes by itself (a timestamp), written by the app that schedules
# it (editorial's alert banner): a page stored before that moment is stale once it has passed.
NEXT_CHANGE_KEY = "alert-schedule:next-change"

TIMEOUT = 60 * 10
# Query parameters whose values are picked from lists the site offers (filters, sorting, paging, a
# doctor's link to the request form): a page addressed only by these is the same for anybody and may
# be shared. Every other parameter (q, zip, one we do not know) may carry what a visitor typed.
CHOICE_PARAMETERS = frozenset(
    {"specialty", "location", "language", "accepting", "virtual", "gender", "kind", "service",
     "open_now", "sort", "page", "doctor",
     # Find a Doctor's insurer, the ages a doctor sees and how soon they can see a new patient,
     # picked from their lists; a page of a profile's patient comments
     "insurer", "age", "seen", "comments",
     # the price estimator's insurance plan (or self-pay), picked from its list
     "plan",
     # /fhir/'s page size, a number: its pages of a whole list are kept like the site's own
     "_count",
     # campus directions: places and options picked from the form's lists (a value not in them is
     # answered privately by the view: its message repeats what was typed)
     "from", "to", "step_free", "indoors", "mobility"}
)  # fmt: skip
# Moves on whenever any data_changed(): every page in the first layer is stale at once.
GENERATION_KEY = "data-generation"


def cms_page_cache_version():
    """django CMS's page cache version, which every publication moves; read once per request, as
    the data versions are (data_version()).

    The one place that calls django CMS's private function for it (cms.cache has no public one)."""
    memo = _versions_read()
    if memo is not None and CMS_PAGE_CACHE_VERSION_KEY in memo:
        return memo[CMS_PAGE_CACHE_VERSION_KEY]
    version = _get_cache_version()
    if memo is not None:
        memo[CMS_PAGE_CACHE_VERSION_KEY] = version
    return version


def invalidate_cms_pages():
    """django CMS's invalidate_cms_page_cache(), after which this request reads the new version too."""
    invalidate_cms_page_cache()
    memo = _request_versions.get()
    if memo is not None:
        memo.pop(CMS_PAGE_CACHE_VERSION_KEY, None)


def cache_answers():
    """False while this process takes the shared cache for away (mgh_site.cache.Outage): a miss
    read then says nothing of what Redis holds, and nothing read may be kept for later."""
    available = getattr(cache, "available", None)
    return available() if available else True


def names_free_text(request):
    """True when the address carries free text (a non-empty value of a parameter outside
    CHOICE_PARAMETERS): it may name a condition, so the page is private and kept nowhere."""
    return any(
        value.strip()
        for name, values in request.GET.lists()
        if name not in CHOICE_PARAMETERS
        for value in values
    )


def keep_private(response):
    """Only the visitor's browser may have this page, and not keep it: private, no-store."""
    if "no-store" in response.get("Cache-Control", ""):
        return response  # kept nowhere already (the 400 and 413 pages, the forms)
    del response["Cache-Control"]
    del response["Expires"]
    add_never_cache_headers(response)  # max-age=0, no-cache, no-store, must-revalidate, private
    return response


# The versions read during the request being answered, each read from the cache once: a page asks
# for the same few a dozen times (each filter's choices, its cards, the page itself), and what it
# shows should be of one version throughout. None outside a request (commands, tests between
# requests): every call then reads the cache. Set and cleared by request_started/request_finished.
_request_versions = contextvars.ContextVar("request_versions", default=None)


def remember_versions(**kwargs):
    _request_versions.set({})


def forget_versions(**kwargs):
    _request_versions.set(None)


def data_version(name):
    """The current version of `name`'s data. A version never starts again at a number it had: after
    the cache is emptied (a Redis restarted, or flushed after an outage) it starts from the clock, so
    nothing kept under an older version (ProcessMemo, NearPages) can be taken for current."""
    memo = _versions_read()
    if memo is not None and name in memo:
        return memo[name]
    version = cache.get_or_set(f"data-version:{name}", time.time_ns, None)
    if memo is not None:
        memo[name] = version
    return version


_ALL_READ = object()  # in a request's memo: every declared namespace's version was read


def _versions_read():
    """The request's versions (None outside a request). A page asks for several, so at the first
    ask every declared namespace's and django CMS's are read at once; one not there yet is read
    (and set) when asked for."""
    memo = _request_versions.get()
    if memo is not None and _ALL_READ not in memo:
        memo[_ALL_READ] = True
        keys = {f"data-version:{declared}": declared for declared in Namespace.declared}
        keys[CMS_PAGE_CACHE_VERSION_KEY] = CMS_PAGE_CACHE_VERSION_KEY
        memo.update((keys[key], value) for key, value in cache.get_many(list(keys)).items())
    return memo


def data_changed(name):
    """Everything cached from `name`'s data (pages, choices, vocabularies) is stale from now on.

    Bumped at once, and again when the transaction commits: a request in another process between
    the two would otherwise read the new version with the old rows and cache those for good.
    """

    def bump():
        memo = _request_versions.get()
        if memo is not None:
            memo.pop(name, None)  # this request reads the new version from now on
        for key in (f"data-version:{name}", GENERATION_KEY):
            try:
                cache.incr(key)
            except ValueError:
                cache.set(key, time.time_ns(), None)

    bump()
    transaction.on_commit(bump)


class ProcessMemo:
    """Values kept in this process's memory under keys that name their data's version (so a key is
    never current again once its version moved on; see data_version()): what a page needs often
    and reads whole from the cache, such as a filter's options or the search vocabulary, read from
    Redis and unpickled once per process and version instead of on every request. At most `size`
    values, the least recently used dropped first; with `max_age`, none kept longer than that many
    seconds (for keys naming a version that can come back, as django CMS's does when it lapses)."""

    def __init__(self, size=256, max_age=None):
        self.size = size
        self.max_age = max_age
        self.values = OrderedDict()  # key: (value, when it was kept, by time.monotonic())
        self.lock = threading.Lock()

    def get(self, key, make):
        """The value kept under `key`, or make() (which reads the shared cache or builds it)."""
        with self.lock:
            kept = self.values.get(key)
            if kept is not None and (self.max_age is None or time.monotonic() - kept[1] < self.max_age):
                self.values.move_to_end(key)
                return kept[0]
        value = make()
        with self.lock:
            self.values[key] = (value, time.monotonic())
            self.values.move_to_end(key)
            while len(self.values) > self.size:
                self.values.popitem(last=False)
        return value

    def shared(self, key, build, seconds):
        """The value kept under `key` here, else in the shared cache, else build() (kept in both,
        `seconds` in the shared cache)."""

        def read_or_build():
            value = cache.get(key)
            if value is None:
                value = build()
                cache.set(key, value, seconds)
            return value

        return self.get(key, read_or_build)


class Namespace:
    """Data kept in the cache under a version, declared once with what makes it stale.

    `models`: labels ("doctors.Doctor") whose rows, saved or deleted, make it stale;
    `many_to_many`: "app_label.Model.field" whose links, changed, do; `publication`: every
    publication or unpublication in django CMS does. The receivers are connected by one mechanism,
    connect_namespaces(), when the apps are ready: each app declares its namespaces in its
    `caching` module, which the toolkit app imports. A namespace nothing declares as a cause is
    made stale by its owner calling changed() (after a bulk change that sends no signal, too).
    """

    declared = {}

    def __init__(self, name, *, models=(), many_to_many=(), publication=False):
        if name in Namespace.declared:
            raise ValueError(f"The cache namespace {name!r} is declared twice.")
        self.name, self.models, self.many_to_many, self.publication = name, models, many_to_many, publication
        Namespace.declared[name] = self

    def __repr__(self):
        return f"Namespace({self.name!r})"

    def version(self):
        return data_version(self.name)

    def changed(self, **kwargs):
        """Stale from now on. Also a signal receiver."""
        data_changed(self.name)

    def cached_page(self, seconds=TIMEOUT, also=()):
        """cached_public_page() for a view that shows this data (and that of the namespaces in `also`)."""
        return cached_public_page(self, *also, seconds=seconds)


def connect_namespaces():
    """Connect every declared namespace to the signals that make it stale (toolkit's AppConfig.ready)."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save
    from djangocms_versioning.signals import post_version_operation

    for namespace in Namespace.declared.values():
        for label in namespace.models:
            model = apps.get_model(label)
            for signal in (post_save, post_delete):
                uid = f"namespace:{namespace.name}:{label}:{signal is post_save}"
                signal.connect(namespace.changed, sender=model, weak=False, dispatch_uid=uid)
        for path in namespace.many_to_many:
            label, field = path.rsplit(".", 1)
            through = getattr(apps.get_model(label), field).through
            m2m_changed.connect(
                namespace.changed,
                sender=through,
                weak=False,
                dispatch_uid=f"namespace:{namespace.name}:{path}",
            )
        if namespace.publication:
            post_version_operation.connect(
                _on_publication(namespace), weak=False, dispatch_uid=f"namespace:{namespace.name}:publication"
            )


def _on_publication(namespace):
    from djangocms_versioning import constants

    def receiver(operation, **kwargs):
        if operation in (constants.OPERATION_PUBLISH, constants.OPERATION_UNPUBLISH):
            namespace.changed()

    return receiver


# What every page shows: the header, footer and alert banner are CMS content. The first layer keys
# on django CMS's own version too, but that lapses after ten idle minutes and starts again at 1;
# this one never does.
PUBLICATION = Namespace("publication", publication=True)


def cached_public_page(*namespaces, seconds=TIMEOUT):
    """Decorate a view whose anonymous GET responses depend only on the URL, what is published in
    the CMS, and the data of `namespaces` (none for a page of the CMS's content only).

    A page that tells the time (open now, closes at…) passes a short `seconds`: it is then also
    keyed on the clock, in slices of that length, so no visitor sees it older than that.
    A page whose address carries free text (names_free_text()) is made afresh and kept nowhere.
    """
    data = "+".join(namespace.name for namespace in namespaces) or PUBLICATION.name
    namespaces = (*namespaces, PUBLICATION)

    def cache_headers(response):
        patch_cache_control(response, max_age=min(seconds, settings.PUBLIC_CACHE_SECONDS))
        return response

    def decorator(view):
        named = getattr(view, "view_class", view)  # a class-based view: its class
        prefix = f"page:{data}:{named.__module__}.{named.__qualname__}"  # page:directory:doctors.views…

        @wraps(view)
        def wrapper(request, *args, **kwargs):
            if request.method != "GET" or request.user.is_authenticated:
                return view(request, *args, **kwargs)
            if names_free_text(request):
                return keep_private(view(request, *args, **kwargs))
            url = hashlib.sha256(request.get_full_path().encode()).hexdigest()
            versions = ".".join(str(namespace.version()) for namespace in namespaces)
            key = f"{prefix}:{get_language()}:{versions}:{cms_page_cache_version()}:{url}"
            if seconds < TIMEOUT:
                key += f":{int(time.time() // seconds)}"
            cached = cache.get(key)
            if cached is not None:
                content, content_type = cached
                return cache_headers(HttpResponse(content, content_type=content_type))
            response = view(request, *args, **kwargs)
            if hasattr(response, "render"):
                response.render()
            # A view that made its answer private (keep_private()) has it kept nowhere.
            if response.status_code == 200 and "no-store" not in response.get("Cache-Control", ""):
                cache.set(key, (response.content, response["Content-Type"]), seconds)
                cache_headers(response)
            return response

        return wrapper

    return decorator


class NearPages:
    """Copies of the first layer's entries in this process's memory: a page without a Redis read.

    Every write of a version key, by any process, is announced (mgh_site.cache.ChangeListener).
    Hearing anything, this drops every copy and starts a new epoch: the next requests read Redis
    as before, and copies are kept again from what those reads find valid (or what is rendered)
    in the same epoch. A reading begun before the news is never kept after it. As news could be
    lost without the connection saying so, the first request after `verify_every` seconds reads
    Redis too, and the copies go if the versions moved. Copies are kept for what the versions
    were at the last reading, while fresh and before the alert banner's next change; at most
    max_bytes of pages, the least recently used out first.
    """

    def __init__(self, listener, max_bytes, verify_every):
        self.listener = listener
        self.max_bytes = max_bytes
        self.verify_every = verify_every
        self.entries = OrderedDict()
        self.size = 0
        self.epoch = 0
        self.versions = None
        self.due = 0.0
        self.verified_at = -math.inf
        self.lock = threading.Lock()

    def get(self, key, now):
        """(the entry stored under `key` if it may be served at `now` without asking Redis, or
        None; the epoch in which whatever is read from Redis next may be kept)."""
        with self.lock:
            if self.listener.changed():
                self.drop()
                return None, self.epoch
            if time.monotonic() - self.verified_at >= self.verify_every:
                return None, self.epoch
            entry = self.entries.get(key)
            if entry is None or entry[0] != self.versions or now >= min(entry[1], self.due):
                return None, self.epoch
            self.entries.move_to_end(key)
            return entry, self.epoch

    def drop(self):
        self.entries.clear()
        self.size = 0
        self.epoch += 1
        self.versions = None
        self.verified_at = -math.inf

    def verified(self, epoch, versions, due):
        """Redis held these versions and this next alert change, read in `epoch`."""
        with self.lock:
            if epoch != self.epoch:
                return
            if versions != self.versions:
                self.entries.clear()
                self.size = 0
            self.versions, self.due, self.verified_at = versions, due or 0.0, time.monotonic()

    def put(self, epoch, key, entry):
        """Keep `entry`, read from Redis or stored there in `epoch`."""
        size = len(entry[3])
        with self.lock:
            if epoch != self.epoch or entry[0] != self.versions or size > self.max_bytes:
                return
            if (old := self.entries.pop(key, None)) is not None:
                self.size -= len(old[3])
            self.entries[key] = entry
            self.size += size
            while self.size > self.max_bytes:
                self.size -= len(self.entries.popitem(last=False)[1][3])


_near_pages = None


def near_pages():
    """This process's NearPages, or None where the cache has no announcements (local memory)."""
    global _near_pages
    if _near_pages is None and hasattr(cache, "listener") and settings.NEAR_CACHE_BYTES:
        _near_pages = NearPages(
            cache.listener(), settings.NEAR_CACHE_BYTES, settings.NEAR_CACHE_VERIFY_SECONDS
        )
    return _near_pages


def watch_versions():
    """Have every write of a key that versions the stored pages announced to every app process."""
    if hasattr(cache, "watch"):
        cache.watch(CMS_PAGE_CACHE_VERSION_KEY, GENERATION_KEY, NEXT_CHANGE_KEY)


class SharedPageCacheMiddleware:
    """The first layer: pages anybody would get alike, answered from one Redis read.

    A response is shareable (shareable()) when it went to a visitor carrying no session, a GET
    (or HEAD) answered 200, its view said it may be kept (a max-age, as the django CMS page cache and
    cached_public_page give), it sets no cookie, nobody marked it private or no-store, and it
    needed no CSP nonce. Such a response says `Cache-Control: public` with its max-age cut to
    PUBLIC_CACHE_SECONDS (browsers and a CDN cannot be told when it changes), and is stored here
    with the versions it was made under: django CMS's page cache version (moved by every
    publication) and GENERATION_KEY (moved by every data_changed()). One MGET reads those
    versions, the alert banner's next change and the page: any of them moved, and the page is
    made anew. Past its own max-age, one request makes it anew while the others still get the
    stale copy for a moment, rather than every worker rendering the same page at once. With Redis,
    each process keeps the entries it read or stored in its own memory too (NearPages), and serves
    them without the MGET while it knows no version has moved.

    Responses keep `Vary: Cookie`: a CDN in front should pass requests carrying the session cookie
    to the app and leave other cookies out of its key (docs/deploy.md).
    """

    PRIVATE = ("private", "no-store", "no-cache")
    STALE_FOR = 30  # seconds a page past its max-age may still be served while one request renews it

    def __init__(self, get_response):
        self.get_response = get_response
        self.near = near_pages()

    def __call__(self, request):
        key = self.key(request)
        versions = epoch = None
        if key:
            if self.near:
                now = timezone.now().timestamp()
                entry, epoch = self.near.get(key, now)
                if entry is not None:
                    return self.respond(request, entry, now)
            cached, versions = self.lookup(request, key, epoch)
            if cached is not None:
                return cached
        response = self.get_response(request)
        if names_free_text(request) and not request.path.startswith(settings.STATIC_URL):
            return keep_private(response)  # key() gave None: neither looked up nor stored
        if "Vary" in response:  # django CMS writes "Vary: , Cookie" for pages without plugin vary headers
            response["Vary"] = ", ".join(part.strip() for part in response["Vary"].split(",") if part.strip())
        if key and self.shareable(request, response):
            keep_for = get_max_age(response)
            del response["Cache-Control"]
            del response["Expires"]  # max-age says it; Expires would be the view's longer time
            patch_cache_control(response, public=True, max_age=min(keep_for, settings.PUBLIC_CACHE_SECONDS))
            if versions and request.method == "GET":  # a HEAD's body could be left out below
                entry = (
                    versions,
                    timezone.now().timestamp() + keep_for,
                    dict(response.items()),
                    response.content,
                )
                cache.set(key, entry, keep_for + self.STALE_FOR)
                if self.near:
                    self.near.put(epoch, key, entry)
        return response

    def key(self, request):
        """The page's key, or None for a request that must go through the whole stack.

        A HEAD (a monitor, a link checker) is answered from the GET's page; the server sends
        only its headers."""
        if request.method not in ("GET", "HEAD") or settings.SESSION_COOKIE_NAME in request.COOKIES:
            return None
        if request.path.startswith(settings.STATIC_URL):
            return None  # WhiteNoise, below, serves those
        if "messages" in request.COOKIES:  # a message waits to be shown to this visitor
            return None
        if names_free_text(request):  # what a visitor typed is kept in no cache
            return None
        try:
            address = f"{request.scheme}://{request.get_host()}{request.get_full_path()}"
        except DisallowedHost:
            return None  # the stack below answers 400
        return "shared-page:" + hashlib.sha256(address.encode()).hexdigest()

    def lookup(self, request, key, epoch):
        """(response or None, the versions a page made now would be stored under, or None)."""
        found = cache.get_many([CMS_PAGE_CACHE_VERSION_KEY, GENERATION_KEY, NEXT_CHANGE_KEY, key])
        if not cache_answers():  # Redis is away: the whole stack answers, and nothing is kept
            return None, None
        versions = (found.get(CMS_PAGE_CACHE_VERSION_KEY), found.get(GENERATION_KEY))
        if None in versions:  # first use, or django CMS's version lapsed: set them as the CMS would
            cache.add(GENERATION_KEY, time.time_ns(), None)
            versions = (cms_page_cache_version(), cache.get(GENERATION_KEY))
            if not cache_answers() or None in versions:
                return None, None
        entry, now = found.get(key), timezone.now().timestamp()
        due = found.get(NEXT_CHANGE_KEY)
        if self.near:
            self.near.verified(epoch, versions, due)
        if entry is None or entry[0] != versions or due is None or now >= due:
            return None, versions  # AlertScheduleMiddleware, below, deals with a due banner change
        if now >= entry[1]:
            if cache.add(f"{key}:renewing", 1, self.STALE_FOR):
                return None, versions  # this request renews the page; others get the stale copy meanwhile
        elif self.near:
            self.near.put(epoch, key, entry)
        return self.respond(request, entry, now), versions

    def respond(self, request, entry, now):
        """The stored page, as a response to this request (a 304 when the browser has it)."""
        _, fresh_until, headers, content = entry
        response = HttpResponse(content)
        for name, value in headers.items():
            response[name] = value
        max_age = max(0, min(int(fresh_until - now), settings.PUBLIC_CACHE_SECONDS))
        response["Cache-Control"] = f"public, max-age={max_age}"
        # A browser asking again with the ETag it has: 304 (ConditionalGetMiddleware is below).
        return get_conditional_response(request, etag=response.get("ETag"), response=response)

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
