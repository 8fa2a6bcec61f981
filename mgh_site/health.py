"""Probes for load balancers and orchestrators.

- /healthz: the process answers (no database, no cache): restart it if this fails.
- /readyz: the database and the shared cache answer: send it traffic only while this passes.
Neither is cached anywhere, and neither says more than "ok" or "unavailable" for each part.
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
    checks = {}
    for name, probe in (("database", _database_ready), ("cache", _cache_ready)):
        try:
            checks[name] = "ok" if probe() else "unavailable"
        except Exception as error:  # noqa: BLE001 - any failure means "not ready"
            logger.warning("readyz: %s unavailable (%s)", name, type(error).__name__)
            checks[name] = "unavailable"
    ready = all(state == "ok" for state in checks.values())
    return JsonResponse({"status": "ok" if ready else "unavailable", **checks}, status=200 if ready else 503)


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
