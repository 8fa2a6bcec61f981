"""The alert banner shows between its start and end, on cached pages too, and goes away on its own."""

import datetime

import pytest
from cms.api import add_plugin
from cms.models import Page
from django.utils import timezone
from djangocms_alias.models import Alias, AliasContent
from djangocms_versioning.models import Version

from editorial.models import AlertSchedule

pytestmark = pytest.mark.django_db
BANNER = "The Fruit Street garage is closed for repairs."


@pytest.fixture
def published_alert(demo, admin_user):
    content = AliasContent.admin_manager.get(alias=Alias.objects.get(static_code="site-alert"), language="en")
    add_plugin(content.placeholder, "TextPlugin", "en", body=f"<p>{BANNER}</p>")
    Version.objects.get_for_content(content).publish(admin_user)


def shows_banner(client, path):
    return BANNER in client.get(path).content.decode()


def test_the_banner_follows_its_schedule_on_cached_pages(client, published_alert, monkeypatch):
    paths = ["/en/", Page.objects.get(reverse_id="research").get_absolute_url("en"), "/en/find-a-location/"]
    now = timezone.now()
    schedule = AlertSchedule.objects.create(
        starts_at=now + datetime.timedelta(hours=1), ends_at=now + datetime.timedelta(hours=3)
    )
    assert not any(shows_banner(client, path) for path in paths)  # not yet: pages now cached without it

    clock = {"now": now + datetime.timedelta(hours=1, seconds=1)}
    monkeypatch.setattr("django.utils.timezone.now", lambda: clock["now"])
    assert all(shows_banner(client, path) for path in paths)  # on time, although the pages were cached

    clock["now"] = now + datetime.timedelta(hours=3, seconds=1)
    assert not any(shows_banner(client, path) for path in paths)  # gone on its own

    schedule.ends_at = None  # editors bring it back until they remove it
    schedule.save()
    assert all(shows_banner(client, path) for path in paths)


def test_without_a_schedule_a_published_banner_shows(client, published_alert):
    assert shows_banner(client, "/en/")


def test_an_english_only_banner_shows_on_spanish_pages_too(client, published_alert):
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    assert BANNER in html
    assert '<div class="wrap" lang="en">' in html  # read out in English
