"""Rate limits by the visitor's address (toolkit.client_ip), counted in the shared cache: appointment
requests per hour, the open data endpoints per minute."""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger(__name__)


def within_limit(name, client_address, limit, window, outage_message):
    """Count one request of `name` from this address; False once it has made more than `limit` in
    this `window` (seconds). No limit when `limit` is 0; nobody is turned away while the shared cache
    is away (`outage_message` logged once per outage).

    The address is kept only as a keyed hash, in the cache, for the window.
    """
    if not limit:
        return True
    digest = hashlib.sha256(f"{settings.SECRET_KEY}:{client_address}".encode()).hexdigest()[:32]
    key = f"{name}:rate:{digest}:{int(time.time() // window)}"
    cache.add(key, 0, window)
    try:
        count = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        count = 1
    if count is None:  # the shared cache is away
        _warn_unlimited(name, outage_message)
        return True
    return count <= limit


_warned_for = {}


def _warn_unlimited(name, message):
    outage = getattr(cache, "outage", None)
    since = getattr(outage, "since", None)
    if since is None or since != _warned_for.get(name):
        _warned_for[name] = since
        logger.warning(message)
