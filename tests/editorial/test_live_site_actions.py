"""What changes the live site at once, outside review (a page's advanced settings, its place in the
tree, deleting it, the home page, a published title), takes a publisher; editors are refused and
visitors see the page as it was."""

import pytest
from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_edit_url
from django.test import Client
from djangocms_versioning.models import Version

from tests.staff import sign_in

pytestmark = pytest.mark.django_db


def staff(person, role):
    return sign_in(Client(), person(role))


def research():
    return Page.objects.get(reverse_id="research")


def advanced_settings(page, **changes):
    return {
        "login_required": "",
        "reverse_id": page.reverse_id or "",
        "navigation_extenders": page.navigation_extenders or "",
        "application_urls": page.application_urls or "",
        "application_namespace": page.application_namespace or "",
        "application_configs": "",
        **changes,
    }


def test_an_editor_cannot_change_a_pages_advanced_settings(person):
    client = staff(person, "Editor")
    page = research()
    url = f"/en/admin/cms/page/{page.pk}/advanced-settings/"
    assert client.get(url).status_code == 403
    for change in (
        {"login_required": "on"},
        {"application_urls": "DoctorsApphook", "application_namespace": "elsewhere"},
        {"reverse_id": "renamed"},
        {"navigation_extenders": "DoctorsMenu"},
    ):
        assert client.post(url, advanced_settings(page, **change)).status_code == 403, change
    page.refresh_from_db()
    assert (page.login_required, page.application_urls, page.reverse_id) == (False, None, "research")
    assert Client().get(page.get_absolute_url("en")).status_code == 200  # still public


def test_a_publisher_changes_advanced_settings(person):
    client = staff(person, "Publisher")
    page = research()
    url = f"/en/admin/cms/page/{page.pk}/advanced-settings/"
    assert client.get(url).status_code == 200
    response = client.post(url, advanced_settings(page, login_required="on"))
    assert response.status_code == 302, response.content
    page.refresh_from_db()
    assert page.login_required
    visitor = Client()
    sent_to = visitor.get(page.get_absolute_url("en"))
    assert sent_to.status_code == 302
    # LOGIN_URL is the admin's two-factor sign-in, a page that exists (Django's default, 404 here).
    assert visitor.get(sent_to["Location"]).status_code == 200


def test_an_editor_cannot_move_a_page(person):
    client = staff(person, "Editor")
    page = research()
    address = page.get_absolute_url("en")
    response = client.post(
        f"/en/admin/cms/page/{page.pk}/move-page/",
        {"target": Page.objects.get(reverse_id="patient-experience").pk, "position": 0},
    )
    assert response.json()["status"] == 403  # django CMS's tree reads the status from JSON
    assert research().get_absolute_url("en") == address
    assert Client().get(address).status_code == 200


def test_a_publisher_moves_a_page(person):
    client = staff(person, "Publisher")
    page = research()
    new_parent = Page.objects.get(reverse_id="patient-experience")
    response = client.post(
        f"/en/admin/cms/page/{page.pk}/move-page/", {"target": new_parent.pk, "position": 0}
    )
    assert response.json()["status"] == 200, response.content
    moved = research().get_absolute_url("en")
    assert moved.startswith(new_parent.get_absolute_url("en"))
    assert Client().get(moved).status_code == 200


def test_an_editor_cannot_delete_a_page(person):
    client = staff(person, "Editor")
    page = research()
    assert client.post(f"/en/admin/cms/page/{page.pk}/delete/", {"post": "yes"}).status_code == 403
    assert Client().get(page.get_absolute_url("en")).status_code == 200


def test_a_publisher_deletes_a_page(person):
    client = staff(person, "Publisher")
    page = research()
    address = page.get_absolute_url("en")
    assert client.post(f"/en/admin/cms/page/{page.pk}/delete/", {"post": "yes"}).status_code == 302
    assert not Page.objects.filter(pk=page.pk).exists()
    assert Client().get(address).status_code == 404


def test_only_a_publisher_makes_another_page_the_home_page(person):
    candidate = Page.objects.filter(depth=1, is_home=False).first()
    assert candidate.is_potential_home()
    home = Page.objects.get(is_home=True)
    assert staff(person, "Editor").post(f"/en/admin/cms/page/{candidate.pk}/set-home/").status_code == 403
    assert Page.objects.get(is_home=True) == home
    assert Client().get("/en/").status_code == 200

    publisher = sign_in(Client(), person("Publisher", "publisher"))
    assert publisher.post(f"/en/admin/cms/page/{candidate.pk}/set-home/").status_code == 200
    assert Page.objects.get(is_home=True) == candidate


def test_a_published_title_is_not_changed_in_place(person):
    """The toolbar's title editor works on drafts; with no draft it would change the published title."""
    editor = person("Editor")
    client = sign_in(Client(), editor)
    page = research()
    published = PageContent.objects.get(page=page, language="en")
    url = f"/en/admin/cms/page/{page.pk}/en/edit-field/?edit_fields=title"
    assert client.post(url, {"title": "Changed live"}).status_code == 403
    assert PageContent.objects.get(pk=published.pk).title == published.title
    assert "Changed live" not in Client().get(page.get_absolute_url("en")).content.decode()

    draft = Version.objects.get_for_content(published).copy(editor)
    assert client.post(url, {"title": "Changed in the draft"}).status_code == 200
    assert PageContent.admin_manager.get(pk=draft.content.pk).title == "Changed in the draft"
    assert PageContent.objects.get(pk=published.pk).title == published.title


def test_a_draft_slug_changes_the_address_only_once_published(person):
    """The slug is part of the versioned page content (django CMS 5): an editor's new slug waits for
    review. A guard, not a fix: this held before."""
    editor = person("Editor")
    client = sign_in(Client(), editor)
    page = research()
    address = page.get_absolute_url("en")
    published = PageContent.objects.get(page=page, language="en")
    assert client.post(f"/en/admin/cms/pagecontent/{published.pk}/change/", {}).status_code == 403
    draft = Version.objects.get_for_content(published).copy(editor).content
    response = client.post(
        f"/en/admin/cms/pagecontent/{draft.pk}/change/?language=en",
        {"title": draft.title, "slug": "renamed", "template": draft.template, "xframe_options": 0},
    )
    assert response.status_code == 302, response.content
    assert PageContent.admin_manager.get(pk=draft.pk).slug == "renamed"
    assert research().get_absolute_url("en") == address
    assert Client().get(address).status_code == 200


def test_the_page_menu_offers_advanced_settings_and_delete_to_publishers_only(person):
    page = research()
    advanced = f"/en/admin/cms/page/{page.pk}/advanced-settings/"
    delete = f"/en/admin/cms/page/{page.pk}/delete/"
    for role, offered in (("Editor", False), ("Publisher", True)):
        user = person(role)
        draft = Version.objects.get_for_content(PageContent.objects.get(page=page, language="en")).copy(user)
        html = sign_in(Client(), user).get(get_object_edit_url(draft.content)).content.decode()
        assert "cms-toolbar" in html
        assert (advanced in html, delete in html) == (offered, offered), role
        draft.delete()
