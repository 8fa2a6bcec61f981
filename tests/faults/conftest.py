"""The fault suite's own Redis: a throw-away redis-server that the tests stop, pause and hang.

Nothing here mocks a client: a fault is the real server refusing connections (stopped), holding
every command (CLIENT PAUSE), or accepting connections and never answering (SIGSTOP).
"""

import contextlib
import os
import shutil
import signal
import subprocess
import time

import pytest
import redis

import pages.caching
from mgh_site import cache as site_cache
from tests.servers import free_port

REDIS_SERVER = shutil.which("redis-server")
# Short enough that a test of a hanging Redis takes seconds, not minutes.
TIMEOUT, RETRY = 0.5, 0.5


class ThrowawayRedis:
    """A redis-server of the test's own, on a free port, keeping nothing on disk."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        """Start it (again, on the same port): empty, as a Redis that keeps nothing on disk."""
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1", "--save", "", "--appendonly",
             "no", "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        deadline = time.monotonic() + 10
        while not self.answers():
            assert self.process.poll() is None, (self.folder / "redis.log").read_text()
            assert time.monotonic() < deadline, "the throw-away Redis did not start in 10 s"
            time.sleep(0.05)

    def answers(self):
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=1, socket_connect_timeout=1)

    def keys(self):
        return self.client().dbsize()

    def stop(self):
        """Stopped: connections are refused."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def hang(self):
        """Stopped by the system: connections are accepted and never answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        os.kill(self.process.pid, signal.SIGCONT)

    def pause(self, seconds):
        """Redis's own pause: every client's commands wait until it ends."""
        self.client().execute_command("CLIENT", "PAUSE", int(seconds * 1000), "ALL")

    @contextlib.contextmanager
    def fault(self, kind, seconds=3):
        """Redis down (refusing), paused (CLIENT PAUSE for `seconds`, waited out) or hanging, for
        the block."""
        if kind == "down":
            self.stop()
            try:
                yield
            finally:
                self.start()
        elif kind == "paused":
            self.pause(seconds)
            ends = time.monotonic() + seconds
            try:
                yield
            finally:  # nothing can end Redis's pause early (CLIENT UNPAUSE waits too): wait it out
                time.sleep(max(0.0, ends - time.monotonic()))
        elif kind == "hanging":
            self.hang()
            try:
                yield
            finally:
                self.resume()
        else:
            raise ValueError(kind)

    def close(self):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                self.resume()
        self.stop()


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
    monkeypatch.setattr(pages.caching, "_near_pages", None)
    yield redis_server
