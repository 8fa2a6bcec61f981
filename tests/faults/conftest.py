"""The fault suite's own Redis: a throw-away redis-server that the tests stop, pause and hang.

Nothing here mocks a client: a fault is the real server refusing connections (stopped), holding
every command (CLIENT PAUSE), or accepting connections and never answering (SIGSTOP).
"""

import os

import pytest

import toolkit.caching
from mgh_site import cache as site_cache
from tests.services import REDIS_SERVER, ThrowawayRedis

# Short enough that a test of a hanging Redis takes seconds, not minutes.
TIMEOUT, RETRY = 0.5, 0.5


@pytest.fixture
def redis_server(tmp_path):
    if REDIS_SERVER is None:
        if os.environ.get("CI") == "true":
            pytest.fail("redis-server is not installed: the fault suite needs it")
        pytest.skip("redis-server is not installed (sudo apt-get install -y redis-server)")
    server = ThrowawayRedis(tmp_path)
    yield server
    server.close()


def cache_settings(url, prefix="faults"):
    """The site's cache as settings.py makes it, on `url`, with short timeouts."""
    return {
        "default": {
            "BACKEND": "mgh_site.cache.ResilientRedisCache",
            "LOCATION": url,
            "KEY_PREFIX": prefix,
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": TIMEOUT, "SOCKET_TIMEOUT": TIMEOUT, "RETRY_SECONDS": RETRY},
        }
    }


@pytest.fixture
def shared_cache(redis_server, settings, monkeypatch):
    """The site's cache on the throw-away Redis, for this test's requests (test client)."""
    settings.CACHES = cache_settings(redis_server.url)
    # Each process's view of Redis and its near copies of pages start afresh for the test.
    monkeypatch.setattr(site_cache, "_outages", {})
    monkeypatch.setattr(toolkit.caching, "_near_pages", None)
    yield redis_server
