"""What browsers and a CDN are told they may keep: public pages for a short while, with ETags;
never a form, a confirmation, a search, or anything a signed-in member of staff sees."""

import pytest
from cms.api import add_plugin
from cms.models import Page, PageContent
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils.cache import get_max_age
from djangocms_versioning.models import Version

from doctors.models import Doctor
from tests.doctors.factories import DoctorFactory

pytestmark = pytest.mark.django_db


def public_urls():
    doctor = Doctor.objects.published().first()
    return [
        "/en/",
        Page.objects.get(reverse_id="research").get_absolute_url("en"),
        "/es/",
        "/en/find-a-doctor/",
        f"/en/find-a-doctor/{doctor.slug}/",
        "/en/find-a-location/",
        "/en/find-a-location/yawkey-center-for-outpatient-care/",
        "/en/find-a-location/directions/?from=fruit-street-garage&to=yawkey-center-for-outpatient-care"
        "&step_free=on&mobility=wheelchair",
        "/en/appointments/",
    ]


@pytest.fixture
def published_doctor(demo):
    return DoctorFactory(first_name="Helen", last_name="Okafor")


def test_public_pages_may_be_kept_briefly_by_browsers_and_a_cdn(published_doctor, settings):
    assert settings.PUBLIC_CACHE_SECONDS == 60
    for url in public_urls():
        for attempt in ("rendered", "from the server's cache"):
            response = Client().get(url)
            assert response.status_code == 200, url
            cache_control = response["Cache-Control"]
            assert cache_control.split(", ")[0] == "public", (url, attempt, cache_control)
            assert 0 < get_max_age(response) <= 60, (url, attempt, cache_control)
            assert "Expires" not in response, url  # it would outlast the shorter max-age
            assert response["Vary"] == "Cookie", url  # staff see the same address with a toolbar
            assert response["ETag"], url
            assert not response.cookies, (url, response.cookies)  # no Set-Cookie on a shared page


def test_a_browser_revalidating_a_page_gets_a_304_until_it_changes(demo, admin_user):
    page = Page.objects.get(reverse_id="research")
    url = page.get_absolute_url("en")
    first = Client().get(url)
    etag = first["ETag"]

    again = Client().get(url, headers={"if-none-match": etag})
    assert again.status_code == 304
    assert again.content == b""

    published = PageContent.objects.get(page=page, language="en")
    draft = Version.objects.get_for_content(published).copy(admin_user).content
    add_plugin(draft.rescan_placeholders()["content"], "TextPlugin", "en", body="<p>New trial.</p>")
    Version.objects.get_for_content(draft).publish(admin_user)

    after = Client().get(url, headers={"if-none-match": etag})
    assert after.status_code == 200
    assert "New trial." in after.content.decode()
    assert after["ETag"] != etag


def test_a_changed_doctor_changes_the_directory_pages_etag(published_doctor):
    url = f"/en/find-a-doctor/{published_doctor.slug}/"
    etag = Client().get(url)["ETag"]
    published_doctor.first_name = "Helena"
    published_doctor.save()
    after = Client().get(url, headers={"if-none-match": etag})
    assert after.status_code == 200
    assert "Helena Okafor" in after.content.decode()


def test_staff_pages_are_never_kept(staff_client, published_doctor):
    Client().get("/en/find-a-doctor/")  # anonymous visits fill the server's caches first
    Client().get("/en/")
    for url in [*public_urls(), "/en/admin/", "/en/admin/appointments/request/"]:
        response = staff_client.get(url)
        assert response.status_code == 200, url
        cache_control = response.get("Cache-Control", "")
        assert "public" not in cache_control, (url, cache_control)
        if url.startswith("/en/admin/") or url in ("/en/", "/es/"):
            assert "private" in cache_control or "no-store" in cache_control, (url, cache_control)


def test_forms_confirmations_and_searches_are_never_shared(demo):
    for url in ["/en/appointments/request/", "/en/appointments/second-opinion/", "/en/appointments/refer/"]:
        response = Client().get(url)
        assert "no-store" in response["Cache-Control"], url
        assert "public" not in response["Cache-Control"], url

    # The words searched for are in the address, which only the searcher's own browser may keep.
    search = Client().get("/en/search/", {"q": "heart"})
    assert search.status_code == 200
    assert "private" in search["Cache-Control"] and "public" not in search["Cache-Control"]
    assert get_max_age(search) <= 60

    login = Client().get("/en/admin/login/")
    assert "public" not in login.get("Cache-Control", "")
    assert "no-store" in login["Cache-Control"] or "private" in login["Cache-Control"]


def test_not_found_and_redirects_are_not_shared(demo):
    missing = Client().get("/en/no-such-page/")
    assert missing.status_code == 404
    assert "public" not in missing.get("Cache-Control", "")
    root = Client().get("/")
    assert root.status_code == 302
    assert "public" not in root.get("Cache-Control", "")


def test_a_page_anybody_would_get_alike_comes_from_one_cache_read(
    published_doctor, django_assert_num_queries
):
    for url in public_urls():
        first = Client().get(url)
        with django_assert_num_queries(0):  # no session, no CMS page lookup, no view
            again = Client().get(url)
        assert not hasattr(again.wsgi_request, "user"), url  # answered before the auth middleware
        assert hasattr(first.wsgi_request, "user"), url
        assert again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"], url
        assert again["Content-Language"] == first["Content-Language"], url
        assert again["X-Frame-Options"] == "DENY", url
        assert "Content-Security-Policy" in again, url
        assert again["Cache-Control"].startswith("public, max-age="), url


def test_a_head_request_is_answered_from_the_page_a_get_stored(published_doctor, django_assert_num_queries):
    url = f"/en/find-a-doctor/{published_doctor.slug}/"
    head = Client().head(url)  # through the whole stack: nothing stored yet, and a HEAD stores nothing
    assert head.status_code == 200 and hasattr(head.wsgi_request, "user")
    assert Client().get(url).status_code == 200
    got = Client().get(url)
    with django_assert_num_queries(0):
        head = Client().head(url)
    assert head.status_code == 200
    assert not hasattr(head.wsgi_request, "user")  # answered by the first layer
    for header in ("ETag", "Content-Type", "Content-Length", "Content-Security-Policy", "Cache-Control"):
        assert head[header] == got[header], header


def test_a_visitor_with_a_session_goes_through_the_whole_stack(
    published_doctor, django_assert_max_num_queries
):
    url = f"/en/find-a-doctor/{published_doctor.slug}/"
    Client().get(url)
    visitor = Client()
    visitor.cookies["sessionid"] = "not-a-session"
    response = visitor.get(url)
    assert response.status_code == 200
    assert "public" not in response.get("Cache-Control", "")  # what a session may show is theirs


def test_a_page_past_its_max_age_is_renewed_by_one_request_while_others_get_it_stale(
    published_doctor, monkeypatch, django_assert_num_queries
):
    from django.core.cache import cache
    from django.test import RequestFactory
    from django.utils import timezone

    from toolkit.caching import SharedPageCacheMiddleware

    url = f"/en/find-a-doctor/{published_doctor.slug}/"
    assert get_max_age(Client().get(url)) == 60  # stored, fresh for a minute
    later = timezone.now() + timezone.timedelta(seconds=75)
    monkeypatch.setattr("django.utils.timezone.now", lambda: later)

    # Another request is renewing it: this one gets the stale copy at once, which nobody may keep.
    renewing = SharedPageCacheMiddleware(None).key(RequestFactory().get(url)) + ":renewing"
    assert cache.add(renewing, 1, 30)
    with django_assert_num_queries(0):
        stale = Client().get(url)
    assert stale["Cache-Control"] == "public, max-age=0"
    assert "Helen Okafor" in stale.content.decode()

    # Once nobody is renewing it, the next request does, and the page is fresh again.
    cache.delete(renewing)
    assert Client().get(url)["Cache-Control"] == "public, max-age=60"
    with django_assert_num_queries(0):
        assert Client().get(url)["Cache-Control"] == "public, max-age=60"


def test_a_due_alert_banner_change_is_not_answered_from_the_first_layer(demo, monkeypatch):
    from django.core.cache import cache
    from django.utils import timezone

    Client().get("/en/")
    cache.set("alert-schedule:next-change", timezone.now().timestamp() - 1, None)
    with CaptureQueriesContext(connection) as queries:
        assert Client().get("/en/").status_code == 200
    assert queries  # AlertScheduleMiddleware looked at the schedule again
