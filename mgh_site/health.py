"""Probes for load balancers and orchestrators.

- /healthz: the process answers (no database, no cache): restart it if this fails.
- /readyz: the database answers (503 if not: send it traffic only while this passes); the shared
  cache is reported as "ok" or "degraded", the latter with a 200, as the site works without it.
Neither is cached anywhere, and neither says more than "ok", "degraded" or "unavailable" of each part.
They answer from the first middleware, before sessions, the CMS or the alert schedule, none of
which may stand between a load balancer and the answer (some of them need the database).
"""

import logging
import uuid

from django.core.cache import cache
from django.db import connection
from django.http import JsonResponse
from django.utils.cache import add_never_cache_headers

logger = logging.getLogger(__name__)


def healthz(request):
    return JsonResponse({"status": "ok"})


def _database_ready():
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")
        return cursor.fetchone() == (1,)


def _cache_ready():
    key, value = "readyz:probe", uuid.uuid4().hex
    cache.set(key, value, 10)
    return cache.get(key) == value


def readyz(request):
    """503 only when this node cannot serve: the database is out of its reach.

    Without the cache every page and form still works, only slower ("degraded", 200): a load
    balancer must not take every node out at once for a cache that went away (docs/deploy.md).
    The cache's outage is logged once by mgh_site.cache, not on every probe.
    """
    checks = {}
    try:
        checks["database"] = "ok" if _database_ready() else "unavailable"
    except Exception as error:  # noqa: BLE001 - any failure means "not ready"
        logger.warning("readyz: database unavailable (%s)", type(error).__name__)
        checks["database"] = "unavailable"
    try:
        checks["cache"] = "ok" if _cache_ready() else "degraded"
    except Exception:  # noqa: BLE001 - a cache that fails is a slower site, not a down one
        checks["cache"] = "degraded"
    status = "ok" if checks["cache"] == "ok" else "degraded"
    if checks["database"] != "ok":
        status = "unavailable"
    return JsonResponse({"status": status, **checks}, status=503 if status == "unavailable" else 200)


PROBES = {"/healthz": healthz, "/readyz": readyz}


class HealthCheckMiddleware:
    """Answer the probes before any other middleware runs. Put it first in MIDDLEWARE."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        probe = PROBES.get(request.path_info)
        if probe is None:
            return self.get_response(request)
        response = probe(request)
        add_never_cache_headers(response)
        return response
