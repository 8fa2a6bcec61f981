"""The shared cache: django-redis, kept working without Redis, and telling every app process when a
watched key is written.

Without Redis the site is slower, never down. django-redis (IGNORE_EXCEPTIONS) answers a cache call
that fails as a miss: a read finds nothing, a write is dropped. Two things it leaves to us:

- A Redis that hangs costs every call its socket timeout, and a page makes dozens of calls. So after
  one call fails, this process asks Redis nothing for RETRY_SECONDS and answers every call as a miss
  at once (Outage). It logs the outage once when it begins and once when it ends.
- A write dropped while Redis was away may leave Redis holding what is no longer true when it comes
  back (a page published meanwhile, a version that should have moved). So the first thing a process
  that saw an outage does when Redis answers again is to empty the cache (this site's keys only) and
  announce it, before any read of its own; pages are made afresh from the database.

A few keys say which version of everything else is current (django CMS's page cache version, the
site's data generation, the alert banner's next change). Whoever writes one of them, in any process
and through any code (django CMS's own included), announces it on a Redis pub/sub channel after the
write; a ChangeListener in each app process hears it. That lets a process keep copies of pages in
its own memory (toolkit.caching.NearPages) and still serve every change at once.
"""

import contextlib
import logging
import os
import threading
import time
from typing import ClassVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.utils.functional import cached_property
from django_redis.cache import RedisCache
from django_redis.client.default import glob_escape
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)


class Outage:
    """Whether this process may ask Redis now, and what it does when Redis is back.

    Shared by the threads of a process for one Redis. While Redis is taken for away, one call in
    each `retry_after` seconds tries again; the others are answered as misses without waiting.
    """

    def __init__(self, retry_after):
        self.retry_after = retry_after
        self.since = None  # time.monotonic() when the outage began; None while Redis answers
        self.retry_at = 0.0
        self.lock = threading.Lock()

    @property
    def ongoing(self):
        return self.since is not None

    def call(self, operation, args, kwargs, recover):
        """operation(*args, **kwargs), or ConnectionInterrupted at once while Redis is away.

        recover() runs first when Redis may be back: if it fails, so does this call."""
        if self.since is not None:
            with self.lock:
                if time.monotonic() < self.retry_at:
                    raise ConnectionInterrupted(connection=None)
                self.retry_at = time.monotonic() + self.retry_after  # the other threads keep waiting
            try:
                recover()
            except (ConnectionInterrupted, RedisError, OSError) as error:
                self.failed(error)
                raise ConnectionInterrupted(connection=None) from error
            self.ended()
        try:
            return operation(*args, **kwargs)
        except ConnectionInterrupted as error:
            self.failed(error.__cause__ or error)
            raise

    def failed(self, error):
        with self.lock:
            self.retry_at = time.monotonic() + self.retry_after
            if self.since is None:
                self.since = time.monotonic()
                logger.warning(
                    "Redis did not answer (%s): pages are made without the shared cache until it does; "
                    "trying again every %g s",
                    type(error).__name__,
                    self.retry_after,
                )

    def ended(self):
        with self.lock:
            if self.since is not None:
                logger.warning(
                    "Redis answers again after %.1f s: the shared cache was emptied, as writes made "
                    "meanwhile are missing from it",
                    time.monotonic() - self.since,
                )
            self.since = None


_outages = {}
_outages_lock = threading.Lock()


def outage_for(server, retry_after):
    """This process's Outage for the Redis at `server` (a fork starts with none)."""
    key = (os.getpid(), str(server))
    with _outages_lock:
        if key not in _outages:
            _outages[key] = Outage(retry_after)
        return _outages[key]


class GuardedClient:
    """django-redis's client, each of whose calls goes through the process's Outage."""

    # Calls that send nothing to Redis.
    LOCAL = frozenset({"get_client", "get_client_with_index", "connect", "disconnect", "close", "make_key",
                       "make_pattern", "encode", "decode"})  # fmt: skip

    def __init__(self, client, outage, recover):
        self._client, self._outage, self._recover = client, outage, recover

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if name in self.LOCAL or not callable(attribute):
            return attribute
        outage, recover = self._outage, self._recover

        def guarded(*args, **kwargs):
            return outage.call(attribute, args, kwargs, recover)

        return guarded


class ResilientRedisCache(RedisCache):
    """django-redis, answering as a miss while Redis is away, and announcing watched writes."""

    # Keys (as the code names them, before the prefix) whose writes are announced; shared by the
    # backend instances of every thread, as Django makes one per thread.
    watched: ClassVar[set] = set()
    RETRY_SECONDS = 5.0

    def __init__(self, server, params):
        params = {**params, "OPTIONS": {**params.get("OPTIONS", {}), "IGNORE_EXCEPTIONS": True}}
        super().__init__(server, params)
        self.retry_after = params["OPTIONS"].get("RETRY_SECONDS", self.RETRY_SECONDS)
        self._pid = self._outage = self._guarded = None

    def _bind(self):
        """This process's Outage and the client guarded by it, found once per process (a fork has
        its own), not on every call: available() is asked on every page."""
        if self._pid != os.getpid():
            self._outage = outage_for(self._server, self.retry_after)
            self._guarded = GuardedClient(super().client, self._outage, self.recover)
            self._pid = os.getpid()

    @property
    def client(self):
        self._bind()
        return self._guarded

    @property
    def outage(self):
        self._bind()
        return self._outage

    def available(self):
        """False while this process takes Redis for away (every call then answers as a miss)."""
        return not self.outage.ongoing

    def redis(self):
        """The redis-py client itself, for what django-redis has no call for (pub/sub)."""
        return super().client.get_client(write=True)

    def recover(self):
        """Redis answers again: forget everything it holds of this site, which may be stale."""
        client = self.redis()
        pattern = f"{glob_escape(self.key_prefix)}:*"
        batch = []
        for key in client.scan_iter(match=pattern, count=1000):
            batch.append(key)
            if len(batch) == 1000:
                client.unlink(*batch)
                batch.clear()
        if batch:
            client.unlink(*batch)
        client.publish(self.channel, b"")

    @cached_property
    def channel(self):
        return self.make_key("announced-writes")

    def watch(self, *keys):
        """From now on, writes of these keys by this process are announced to every listener."""
        self.watched.update(keys)

    def announce(self):
        self._announce()

    def listener(self):
        """A ChangeListener on this cache's announcements."""
        return ChangeListener(self)

    # Every write, after it is made: announced if it touched a watched key. A write that failed
    # is not announced (the Outage refuses at once): the whole cache is emptied, and that
    # announced, once Redis is back.
    def _announce_if_watched(self, keys):
        if not self.watched.isdisjoint(keys):
            self._announce()

    def _announce(self):
        with contextlib.suppress(ConnectionInterrupted):
            self.outage.call(self._publish, (), {}, self.recover)

    def _publish(self):
        try:
            self.redis().publish(self.channel, b"")
        except (RedisError, OSError) as error:
            raise ConnectionInterrupted(connection=None) from error

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        added = super().add(key, value, timeout, version, **kwargs)
        if added:
            self._announce_if_watched([key])
        return added

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        stored = super().set(key, value, timeout, version, **kwargs)
        self._announce_if_watched([key])
        return stored

    def delete(self, key, version=None, **kwargs):
        deleted = super().delete(key, version, **kwargs)
        if deleted:
            self._announce_if_watched([key])
        return deleted

    def incr(self, key, delta=1, version=None, **kwargs):
        value = super().incr(key, delta, version, **kwargs)
        self._announce_if_watched([key])
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None, **kwargs):
        failed = super().set_many(data, timeout, version, **kwargs)
        self._announce_if_watched(data)
        return failed

    def delete_many(self, keys, version=None, **kwargs):
        deleted = super().delete_many(keys, version, **kwargs)
        self._announce_if_watched(keys)
        return deleted

    def clear(self):
        cleared = super().clear()
        self._announce()
        return cleared


class ChangeListener:
    """Hears, in this process, the writes of watched keys that any process announces.

    changed() is True when something was announced since the last call, and also whenever this
    process cannot be sure nothing was: before its subscription is confirmed, after the connection
    broke (redis-py reconnects and subscribes again; the new confirmation counts as a change, for
    what was announced in between is lost), or while Redis is away. Reading what the watched keys
    hold after a True, the caller is up to date; nothing written later goes unheard.

    It reads only what has already arrived on its socket, without waiting: a few microseconds.
    Not thread-safe: callers hold a lock.
    """

    RETRY_AFTER = 1.0  # seconds between attempts to subscribe while Redis refuses

    def __init__(self, cache):
        self.cache = cache
        self._pubsub = None
        self._pid = None
        self._confirmed = False
        self._retry_at = 0.0

    def changed(self):
        if not self.cache.available():
            self.close()
            return True
        if self._pubsub is None or self._pid != os.getpid():  # first use, a forked copy, or broken
            if time.monotonic() < self._retry_at:
                return True
            try:
                self._pubsub = self.cache.redis().pubsub()
                self._pid, self._confirmed = os.getpid(), False
                self._pubsub.subscribe(self.cache.channel)
            except (RedisError, OSError):
                self.close()
                self._retry_at = time.monotonic() + self.RETRY_AFTER
            return True
        heard = False
        try:
            while (message := self._pubsub.get_message(timeout=0)) is not None:
                heard = True
                if message["type"] == "subscribe":
                    self._confirmed = True
        except (RedisError, OSError):
            self.close()  # subscribed again on the next call
            return True
        return heard or not self._confirmed

    def close(self):
        if self._pubsub is not None and self._pid == os.getpid():
            with contextlib.suppress(RedisError, OSError):
                self._pubsub.close()
        self._pubsub = None
