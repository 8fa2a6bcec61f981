"""Django's Redis cache, keeping one redis-py client per connection pool, and telling every app
process when a watched key is written.

Django builds a new `redis.Redis` for every cache call, and redis-py sets up its reply callbacks
anew each time: about a fifth of a cached page's time here. The client is thread-safe and holds
no connection of its own (the pool does), so one per pool serves every call.

A few keys say which version of everything else is current (django CMS's page cache version, the
site's data generation, the alert banner's next change). Whoever writes one of them, in any
process and through any code (django CMS's own included), announces it on a Redis pub/sub channel
after the write; a ChangeListener in each app process hears it. That lets a process keep copies
of pages in its own memory (pages.caching.NearPages) and still serve every change at once.
"""

import contextlib
import os
import time
from typing import ClassVar

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from django.utils.functional import cached_property
from redis.exceptions import RedisError


class ReusedClientRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    # Keys (as the code names them, before the prefix) whose writes are announced; shared by the
    # backend instances of every thread, as Django makes one per thread.
    watched: ClassVar[set] = set()

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient

    @cached_property
    def channel(self):
        return self.make_key("announced-writes")

    def watch(self, *keys):
        """From now on, writes of these keys by this process are announced to every listener."""
        self.watched.update(keys)

    def announce(self):
        self._cache.get_client(write=True).publish(self.channel, b"")

    def listener(self):
        """A ChangeListener on this cache's announcements."""
        return ChangeListener(self)

    # Every write, after it is made: announced if it touched a watched key.
    def _announce_if_watched(self, keys):
        if not self.watched.isdisjoint(keys):
            self.announce()

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        added = super().add(key, value, timeout, version)
        if added:
            self._announce_if_watched([key])
        return added

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        super().set(key, value, timeout, version)
        self._announce_if_watched([key])

    def delete(self, key, version=None):
        deleted = super().delete(key, version)
        if deleted:
            self._announce_if_watched([key])
        return deleted

    def incr(self, key, delta=1, version=None):
        value = super().incr(key, delta, version)
        self._announce_if_watched([key])
        return value

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        failed = super().set_many(data, timeout, version)
        self._announce_if_watched(data)
        return failed

    def delete_many(self, keys, version=None):
        super().delete_many(keys, version)
        self._announce_if_watched(keys)

    def clear(self):
        cleared = super().clear()
        self.announce()
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
        if self._pubsub is None or self._pid != os.getpid():  # first use, a forked copy, or broken
            if time.monotonic() < self._retry_at:
                return True
            try:
                self._pubsub = self.cache._cache.get_client().pubsub()
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
