"""Losing Redis costs speed only: with the throw-away Redis down, paused or hanging, every public page
answers, the request forms take requests, staff work the queue, and nothing stale is served after.

The site's cache here is the one settings.py makes (mgh_site.cache.ResilientRedisCache) on a Redis of
the test's own (tests/faults/conftest.py), which the tests really stop, pause and hang.
"""

import logging
import secrets
import time

import pytest
from django.contrib.auth.models import User

from appointments.models import Request
from tests.appointments.conftest import URLS, make_request, reference_shown, submit
from tests.cms_pages import draft_saying, publish_text_page
from tests.doctors.factories import DoctorFactory
from tests.faults.conftest import RETRY
from tests.locations.factories import LocationFactory
from tests.staff import code_step, current_code, password_step, totp_device

pytestmark = pytest.mark.django_db
FAULTS = ["down", "paused", "hanging"]
PASSWORD = secrets.token_urlsafe(16)


@pytest.fixture
def site(demo, shared_cache):
    """The demo pages, a doctor and a place, the site's cache on the throw-away Redis."""
    location = LocationFactory(name="Fault Street Practice")
    doctor = DoctorFactory(first_name="Resilia", last_name="Cachefree", locations=[location])
    return {"redis": shared_cache, "doctor": doctor, "location": location}


def public_pages(site):
    return [
        "/en/",
        "/es/",
        "/en/find-a-doctor/",
        "/en/find-a-doctor/?q=heart",
        site["doctor"].get_absolute_url(),
        "/en/find-a-location/",
        site["location"].get_absolute_url(),
        "/en/search/?q=cardiology",
        "/en/search/suggest/?q=car",
        "/en/appointments/",
        *URLS.values(),
        "/sitemap.xml",
        "/robots.txt",
    ]


@pytest.mark.parametrize("fault", FAULTS)
def test_every_public_page_answers_while_redis_is(fault, site, client):
    with site["redis"].fault(fault):
        for url in public_pages(site):
            response = client.get(url)
            assert response.status_code == 200, f"{url} answered {response.status_code} with Redis {fault}"
    # Made afresh each time, and still the real page.
    assert "Cachefree" in client.get(site["doctor"].get_absolute_url()).content.decode()


@pytest.mark.parametrize("fault", FAULTS)
@pytest.mark.parametrize("kind", ["appointment", "second_opinion", "referral"])
def test_the_forms_take_and_store_requests_while_redis_is(kind, fault, site, client):
    with site["redis"].fault(fault):
        response, key = submit(client, kind)
        assert response.status_code == 302, response.content.decode()[:2000]
        shown = reference_shown(client)
    stored = Request.objects.get(submission_key=key)
    assert stored.reference == shown and stored.kind == kind


def test_staff_sign_in_and_work_the_queue_while_redis_is_down(site, client):
    device = totp_device(User.objects.create_superuser("intake-lead", "lead@example.org", PASSWORD))
    waiting = make_request()
    with site["redis"].fault("down"):
        asked = client.post("/en/admin/login/", password_step("intake-lead", PASSWORD))
        assert asked.status_code == 200 and 'name="token-otp_token"' in asked.content.decode()
        signed_in = client.post("/en/admin/login/", code_step(current_code(device)))
        assert signed_in.status_code == 302, signed_in.content.decode()[:2000]
        queue = client.get("/en/admin/appointments/request/")
        assert queue.status_code == 200 and waiting.reference in queue.content.decode()
        changed = client.post(
            f"/en/admin/appointments/request/{waiting.pk}/change/",
            {"status": "in_progress", **{f"events-{n}": "0" for n in ("TOTAL_FORMS", "INITIAL_FORMS",
                                                                        "MIN_NUM_FORMS", "MAX_NUM_FORMS")}},
        )  # fmt: skip
        assert changed.status_code == 302, changed.content.decode()[:2000]
    waiting.refresh_from_db()
    assert waiting.status == "in_progress"


@pytest.mark.parametrize("fault", FAULTS)
def test_readyz_says_the_cache_is_degraded_and_keeps_the_node_in_rotation(fault, site, client):
    assert client.get("/readyz").json() == {"status": "ok", "database": "ok", "cache": "ok"}
    with site["redis"].fault(fault):
        response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json() == {"status": "degraded", "database": "ok", "cache": "degraded"}


def test_an_outage_is_logged_once_when_it_begins_and_once_when_it_ends(site, client, caplog):
    caplog.set_level(logging.WARNING, logger="mgh_site.cache")
    with site["redis"].fault("down"):
        for url in public_pages(site) * 2:
            client.get(url)
        client.get("/readyz")
    # Back: the first call after the retry interval finds it.
    site["redis"].client().ping()
    wait_for_retry()
    client.get("/en/")
    said = [record.getMessage() for record in caplog.records if record.name == "mgh_site.cache"]
    assert len(said) == 2, said
    assert said[0].startswith("Redis did not answer (ConnectionError)")
    assert said[1].startswith("Redis answers again after")


def test_the_rate_limit_lets_requests_through_while_redis_is_away(site, client, settings, caplog):
    settings.APPOINTMENTS_RATE_LIMIT = 1
    caplog.set_level(logging.WARNING, logger="toolkit.ratelimit")
    with site["redis"].fault("down"):
        for _ in range(3):
            response, key = submit(client, "appointment")
            assert response.status_code == 302
            assert Request.objects.filter(submission_key=key).exists()
    warnings = [r for r in caplog.records if r.name == "toolkit.ratelimit"]
    assert [r.getMessage() for r in warnings] == [
        "Appointment requests are taken without a rate limit while the shared cache is away"
    ]
    # With Redis back, the limit holds again.
    wait_for_retry()
    assert submit(client, "appointment")[0].status_code == 302
    assert submit(client, "appointment")[0].status_code == 429


@pytest.mark.parametrize("fault", FAULTS)
def test_caching_resumes_without_a_restart_when_redis_returns(fault, site, client, django_assert_num_queries):
    with site["redis"].fault(fault):
        assert client.get("/en/find-a-doctor/").status_code == 200
    wait_for_retry()
    client.get("/en/find-a-doctor/")  # made afresh, and kept again
    assert site["redis"].keys() > 0
    with django_assert_num_queries(0):
        assert client.get("/en/find-a-doctor/").status_code == 200


@pytest.mark.parametrize("fault", ["paused", "hanging"])
def test_a_page_published_while_redis_was_away_shows_on_the_first_request_after(fault, site, client):
    """Paused or hanging, Redis keeps what it held: the old page, under versions that the publication
    could not move. Back, it must not serve them."""
    editor = User.objects.create_superuser("editor-faults", "editor@example.org", PASSWORD)
    content = publish_text_page(editor, "visiting-hours-faults", "Visiting hours are from 8 a.m. to 8 p.m.")
    url = content.page.get_absolute_url("en")
    for _ in range(3):  # rendered, then from Redis, then from this process's own memory
        assert "8 a.m. to 8 p.m." in client.get(url).content.decode()

    with site["redis"].fault(fault):
        draft_saying(content, editor, "Visiting hours are now from 7 a.m. to 9 p.m.").publish(editor)
        during = client.get(url).content.decode()
        assert "7 a.m. to 9 p.m." in during  # made afresh from the database meanwhile
    seen = client.get(url).content.decode()
    assert "7 a.m. to 9 p.m." in seen and "8 a.m. to 8 p.m." not in seen
    wait_for_retry()
    seen = client.get(url).content.decode()
    assert "7 a.m. to 9 p.m." in seen and "8 a.m. to 8 p.m." not in seen


def wait_for_retry():
    """Past the interval in which a process that saw Redis fail does not ask it again."""
    time.sleep(RETRY + 0.1)
