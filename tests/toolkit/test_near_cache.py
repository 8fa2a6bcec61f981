"""Each app process keeps copies of the public pages in its own memory (toolkit.caching.NearPages),
and serves them without reading Redis, but never once something they were made from has changed:
writes of the version keys are announced on Redis pub/sub (mgh_site.cache), by any process.

Only with Redis (without REDIS_URL the cache is already in the process): skipped otherwise. CI runs
the suite on both.
"""

import os
import subprocess
import sys
import time

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client

from tests.site.production import ROOT
from toolkit import caching

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not settings.REDIS_URL, reason="near copies are kept only with Redis (set REDIS_URL)"),
]


@pytest.fixture
def redis_reads(monkeypatch):
    """How many times the first layer has read Redis for a page."""
    reads = []
    get_many = cache.get_many

    def counted(keys, *args, **kwargs):
        if any(key.startswith("shared-page:") for key in keys):  # not a page's other reads (its versions)
            reads.append(keys)
        return get_many(keys, *args, **kwargs)

    monkeypatch.setattr(cache, "get_many", counted)
    return reads


def raw_redis():
    """A Redis client that bypasses the cache backend, so its writes are announced to nobody."""
    return cache.redis()


def test_a_page_served_twice_is_then_served_without_reading_redis(
    demo, redis_reads, django_assert_num_queries
):
    first = Client().get("/en/")
    assert first.status_code == 200
    Client().get("/en/")  # from Redis: the versions are known again, and the copy kept
    reads = len(redis_reads)
    with django_assert_num_queries(0):
        again = Client().get("/en/")
    assert len(redis_reads) == reads  # from this process's memory
    assert again.content == first.content
    assert again["ETag"] == first["ETag"]
    assert again["Content-Security-Policy"] == first["Content-Security-Policy"]
    assert again["Cache-Control"].startswith("public, max-age=")


def test_a_change_announced_by_another_process_is_heard_before_the_next_page(demo, redis_reads):
    Client().get("/en/")
    Client().get("/en/")
    Client().get("/en/")
    reads = len(redis_reads)

    # Another process (a management command, another app server) marks the directory changed.
    script = (
        "import django; django.setup(); from toolkit.caching import data_changed; data_changed('doctors')"
    )
    done = subprocess.run(  # noqa: S603 (this project's own code)
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "mgh_site.settings_test"},
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr

    response = Client().get("/en/")
    assert len(redis_reads) == reads + 1  # the news was heard: Redis was asked again
    assert response.status_code == 200
    assert hasattr(response.wsgi_request, "user")  # and the page made anew, under the new generation


def test_django_cms_writing_its_version_is_announced_too(demo, redis_reads):
    from cms.cache import invalidate_cms_page_cache

    for _ in range(3):
        Client().get("/en/")
    reads = len(redis_reads)
    invalidate_cms_page_cache()  # django CMS's own code, as on every publication
    response = Client().get("/en/")
    assert len(redis_reads) == reads + 1
    assert hasattr(response.wsgi_request, "user")  # made anew


def test_news_lost_without_a_word_costs_at_most_a_second(demo, redis_reads, monkeypatch):
    assert settings.NEAR_CACHE_VERIFY_SECONDS == 1
    monkeypatch.setattr(caching.near_pages(), "verify_every", 0.3)
    for _ in range(3):
        Client().get("/en/")
    reads = len(redis_reads)

    # The generation moves behind the backend's back: nobody announces it.
    raw_redis().incr(cache.make_key(caching.GENERATION_KEY))
    Client().get("/en/")
    assert len(redis_reads) == reads  # not heard: the copy is served for now
    time.sleep(0.35)
    response = Client().get("/en/")
    assert len(redis_reads) == reads + 1  # verify_every later, Redis is read again
    assert hasattr(response.wsgi_request, "user")  # and the page made anew


def test_a_broken_subscription_is_taken_for_a_change(demo, redis_reads):
    for _ in range(3):
        Client().get("/en/")
    reads = len(redis_reads)

    # Redis drops the listening connection, and the generation moves before it is back.
    assert raw_redis().client_kill_filter(_type="pubsub") >= 1
    raw_redis().incr(cache.make_key(caching.GENERATION_KEY))
    response = Client().get("/en/")
    assert len(redis_reads) == reads + 1
    assert hasattr(response.wsgi_request, "user")

    # Listening again: copies are kept and served without Redis once more.
    Client().get("/en/")
    Client().get("/en/")
    reads = len(redis_reads)
    Client().get("/en/")
    assert len(redis_reads) == reads


def test_only_writes_of_the_version_keys_are_announced(db):
    listening = raw_redis().pubsub()
    listening.subscribe(cache.channel)
    assert listening.get_message(timeout=5)["type"] == "subscribe"

    cache.set("some-page-of-the-second-layer", "x", 60)
    cache.set(caching.GENERATION_KEY, 5, None)
    message = listening.get_message(timeout=5)
    assert message["type"] == "message"
    assert listening.get_message(timeout=0.2) is None  # one write of a version key, one message
    listening.close()


@pytest.fixture
def listening_copies():
    """make(max_bytes) -> (NearPages subscribed to the announcements and verified at versions
    ("v1", 1), the epoch of that reading); their subscriptions are closed after the test."""
    made = []

    def make(max_bytes):
        kept = caching.NearPages(cache.listener(), max_bytes=max_bytes, verify_every=60)
        made.append(kept)
        deadline = time.monotonic() + 5
        while kept.listener.changed():  # until the subscription is confirmed
            assert time.monotonic() < deadline, "no subscription confirmed by Redis"
            time.sleep(0.01)
        _, epoch = kept.get("a", time.time())
        kept.verified(epoch, ("v1", 1), due=time.time() + 60)
        return kept, epoch

    yield make
    for kept in made:
        kept.listener.close()


def test_near_copies_stay_within_their_memory(db, listening_copies):
    kept, epoch = listening_copies(max_bytes=250)
    page = ("v1", 1), time.time() + 60, {}, b"x" * 100
    for key in ("a", "b", "c"):
        kept.put(epoch, key, page)
    assert list(kept.entries) == ["b", "c"]  # the least recently used went first
    assert kept.size == 200
    assert kept.get("b", time.time()) == (page, epoch)
    kept.put(epoch, "d", page)
    assert list(kept.entries) == ["b", "d"]

    kept.put(epoch, "e", (("v1", 1), time.time() + 60, {}, b"x" * 300))  # bigger than it all: not kept
    kept.put(epoch, "f", (("v0", 1), time.time() + 60, {}, b"x"))  # made under other versions: not kept
    assert list(kept.entries) == ["b", "d"]

    kept.verified(epoch, ("v2", 1), due=time.time() + 60)  # the versions moved
    assert not kept.entries and kept.size == 0


def test_what_was_read_before_the_news_is_not_kept_after_it(db, listening_copies):
    kept, before = listening_copies(max_bytes=10_000)
    page = ("v1", 1), time.time() + 60, {}, b"<html>"
    kept.put(before, "a", page)

    cache.set(caching.GENERATION_KEY, 7, None)  # announced; heard by the next get()
    assert kept.get("a", time.time()) == (None, before + 1)
    assert not kept.entries
    kept.put(before, "b", page)  # a reading from before the news, finishing late
    kept.verified(before, ("v1", 1), due=time.time() + 60)
    assert not kept.entries and kept.versions is None
