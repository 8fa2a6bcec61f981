"""Moved pages keep working: the old address redirects to the new one."""

import pytest
from cms.models import Page
from django.contrib.redirects.models import Redirect
from django.test import Client

pytestmark = pytest.mark.django_db


def test_a_moved_page_answers_at_its_old_address(staff_client, demo):
    client = Client()
    page = Page.objects.get(reverse_id="research")
    new_parent = Page.objects.get(reverse_id="patient-experience")
    old = page.get_absolute_url("en")
    assert client.get(old).status_code == 200

    response = staff_client.post(
        f"/en/admin/cms/page/{page.pk}/move-page/", {"target": new_parent.pk, "position": 0}
    )
    assert response.status_code == 200, response.content
    page = Page.objects.get(pk=page.pk)
    new = page.get_absolute_url("en")
    assert new != old and new.startswith(new_parent.get_absolute_url("en"))

    moved = client.get(old)
    assert moved.status_code == 301
    assert moved["Location"] == new
    assert client.get(new).status_code == 200
    assert Redirect.objects.filter(old_path=old, new_path=new).exists()  # listed in the admin


def test_moving_a_page_back_removes_the_redirect_that_would_hide_it(staff_client, demo):
    client = Client()
    page = Page.objects.get(reverse_id="research")
    home_parent = page.parent
    old = page.get_absolute_url("en")
    staff_client.post(
        f"/en/admin/cms/page/{page.pk}/move-page/",
        {"target": Page.objects.get(reverse_id="patient-experience").pk, "position": 0},
    )
    staff_client.post(f"/en/admin/cms/page/{page.pk}/move-page/", {"target": home_parent.pk, "position": 0})
    assert client.get(old).status_code == 200
    assert not Redirect.objects.filter(old_path=old).exists()


def test_a_new_slug_redirects_once_it_is_published(demo, admin_user):
    from cms.models import PageContent
    from djangocms_versioning.models import Version

    client = Client()
    page = Page.objects.get(reverse_id="research")
    old = page.get_absolute_url("en")
    published = Version.objects.get_for_content(PageContent.objects.get(page=page, language="en"))
    draft = published.copy(admin_user)
    draft.content.slug = "research-and-discovery"
    draft.content.save()
    assert client.get(old).status_code == 200  # a draft changes nothing yet

    draft.publish(admin_user)
    new = Page.objects.get(pk=page.pk).get_absolute_url("en")
    assert new.endswith("/research-and-discovery/")
    response = client.get(old)
    assert (response.status_code, response["Location"]) == (301, new)


def test_an_old_address_with_a_query_string_still_redirects(demo):
    from django.conf import settings

    new = Page.objects.get(reverse_id="research").get_absolute_url("en")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/en/old-research/", new_path=new)
    client = Client()
    for old in ("/en/old-research/?utm_source=newsletter", "/en/old-research/?", "/en/old-research?page=2"):
        moved = client.get(old)
        assert moved.status_code == 301, old
        assert moved["Location"] == new, old  # the new address as stored, without the old query
    assert client.get("/en/no-such-page/?utm_source=newsletter").status_code == 404


def test_a_redirect_stored_with_its_query_string_wins(demo):
    from django.conf import settings

    research = Page.objects.get(reverse_id="research").get_absolute_url("en")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/en/old-research/", new_path="/en/")
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/en/old-research/?tab=2", new_path=research)
    assert Client().get("/en/old-research/?tab=2")["Location"] == research
    Redirect.objects.create(site_id=settings.SITE_ID, old_path="/en/retired/", new_path="")  # gone for good
    assert Client().get("/en/retired/?utm_source=x").status_code == 410
