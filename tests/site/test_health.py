"""The load balancer's probes: the process is up; the database and cache are reachable."""

import pytest
from django.db import OperationalError, connection

pytestmark = pytest.mark.django_db


def test_healthz_answers_without_the_database(client):
    def refuse(*args, **kwargs):
        raise OperationalError("database is down")

    with connection.execute_wrapper(refuse):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}
    assert "no-store" in response["Cache-Control"]


def test_readyz_passes_with_database_and_cache(client):
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_readyz_fails_when_the_database_is_down(client):
    def refuse(*args, **kwargs):
        raise OperationalError("could not connect to server")

    with connection.execute_wrapper(refuse):
        response = client.get("/readyz")
    assert response.status_code == 503
    assert response.json() == {"status": "unavailable", "database": "unavailable", "cache": "ok"}
    assert "no-store" in response["Cache-Control"]
