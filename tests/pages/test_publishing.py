"""Editors publish through djangocms-versioning; the public sees only what is published."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_preview_url
from django.test import Client
from djangocms_versioning.models import Version


def publish(content, user):
    Version.objects.get_for_content(content).publish(user)


def draft_with_text(page, user, body):
    """A new draft of the page's English content with a text plugin added to its content placeholder."""
    published = PageContent.objects.get(page=page, language="en")
    draft = Version.objects.get_for_content(published).copy(user).content
    add_plugin(draft.rescan_placeholders()["content"], "TextPlugin", "en", body=body)
    return draft


@pytest.fixture
def draft_page(admin_user):
    page = create_page("Visiting hours draft", "pages/content.html", "en", created_by=admin_user)
    content = PageContent.admin_manager.get(page=page, language="en")
    add_plugin(content.rescan_placeholders()["content"], "TextPlugin", "en", body="<p>Not ready yet.</p>")
    return page


def test_draft_page_is_hidden_from_the_public(client, draft_page):
    response = client.get("/en/visiting-hours-draft/")
    assert response.status_code == 404


def test_draft_page_shows_to_staff_in_preview_and_not_to_the_public(staff_client, draft_page):
    # Staff reach drafts through the CMS preview, which the toolbar links to.
    preview_url = get_object_preview_url(PageContent.admin_manager.get(page=draft_page, language="en"))
    response = staff_client.get(preview_url)
    assert response.status_code == 200
    assert "Not ready yet." in response.content.decode()

    response = Client().get(preview_url)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_publishing_a_draft_makes_it_public(client, draft_page, admin_user):
    publish(PageContent.admin_manager.get(page=draft_page, language="en"), admin_user)
    response = client.get("/en/visiting-hours-draft/")
    assert response.status_code == 200
    assert "Not ready yet." in response.content.decode()


def test_an_edit_published_through_versioning_reaches_the_next_anonymous_visitor(
    client, demo, admin_user, settings
):
    assert settings.CMS_PAGE_CACHE
    page = Page.objects.get(reverse_id="research")
    url = page.get_absolute_url("en")
    before = client.get(url).content.decode()  # the page cache now holds the old page
    assert "Our newest trial opened this week." not in before

    draft = draft_with_text(page, admin_user, "<p>Our newest trial opened this week.</p>")

    # Saved as a draft: the public still sees the published page.
    assert "Our newest trial opened this week." not in client.get(url).content.decode()

    publish(draft, admin_user)
    assert "Our newest trial opened this week." in client.get(url).content.decode()


def test_editing_a_plugin_in_a_new_draft_replaces_the_published_text(client, demo, admin_user):
    page = Page.objects.get(reverse_id="home")
    client.get("/en/")
    published = PageContent.objects.get(page=page, language="en")
    draft = Version.objects.get_for_content(published).copy(admin_user).content
    hero = next(
        plugin
        for plugin in draft.rescan_placeholders()["content"].get_plugins("en")
        if plugin.plugin_type == "HeroPlugin"
    ).get_bound_plugin()
    old_heading = hero.heading
    hero.heading = "Open every day for the people of Boston"
    hero.save()
    publish(draft, admin_user)

    html = client.get("/en/").content.decode()
    assert "Open every day for the people of Boston" in html
    assert old_heading not in html


@pytest.mark.parametrize(
    ("key", "search"), [("find-a-doctor", {"q": "knee"}), ("find-a-location", {"q": "chelsea"})]
)
def test_a_directory_pages_intro_edited_and_published_shows_on_every_search(
    client, demo, admin_user, key, search
):
    """The title and intro of a directory's page are kept for every search of it (a public fragment
    per page); publishing an edit shows it on the next search."""
    page = Page.objects.get(reverse_id=key)
    url = page.get_absolute_url("en")
    assert "Our newest clinic opened this week." not in client.get(url, search).content.decode()
    draft = draft_with_text(page, admin_user, "<p>Our newest clinic opened this week.</p>")
    assert "Our newest clinic opened this week." not in client.get(url, search).content.decode()
    publish(draft, admin_user)
    for params in (search, {**search, "page": "1"}, {}):
        assert "Our newest clinic opened this week." in client.get(url, params).content.decode(), params


def test_unpublishing_takes_a_page_away_from_the_public(client, demo, admin_user):
    page = Page.objects.get(reverse_id="icare")
    url = page.get_absolute_url("en")
    assert client.get(url).status_code == 200
    Version.objects.get_for_content(PageContent.objects.get(page=page, language="en")).unpublish(admin_user)
    assert client.get(url).status_code == 404


def test_toolbar_shows_for_staff_and_not_for_the_public(staff_client, demo):
    assert "cms-toolbar" not in Client().get("/en/").content.decode()
    assert "cms-toolbar" in staff_client.get("/en/").content.decode()


def test_staff_can_edit_a_draft_of_every_kind_of_page(staff_client, demo, admin_user):
    from cms.toolbar.utils import get_object_edit_url

    for key in ("home", "difference", "research"):
        published = PageContent.objects.get(page__reverse_id=key, language="en")
        draft = Version.objects.get_for_content(published).copy(admin_user).content
        response = staff_client.get(get_object_edit_url(draft))
        assert response.status_code == 200, key
        html = response.content.decode()
        assert "cms-toolbar" in html
        # Every plugin of the page is editable in place.
        assert html.count('class="cms-plugin cms-plugin-') >= 1, key
