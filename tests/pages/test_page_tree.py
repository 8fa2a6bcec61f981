"""The demo page tree: every page answers, with its own heading and place in the breadcrumbs."""

import pytest
from cms.models import Page, PageContent
from django.core.management import call_command
from djangocms_versioning.models import Version

from demo import content as demo_content
from tests.html import one, select, text, texts


def walk(declarations, ancestors=()):
    for declaration in declarations:
        yield declaration, ancestors
        yield from walk(declaration.get("children", []), (*ancestors, declaration))


TREE = list(walk(demo_content.PAGES))


@pytest.mark.parametrize(("declaration", "ancestors"), TREE, ids=[d["key"] for d, _ in TREE])
def test_every_page_answers_the_public_with_its_heading_and_breadcrumbs(client, demo, declaration, ancestors):
    page = Page.objects.get(reverse_id=declaration["key"])
    response = client.get(page.get_absolute_url("en"))

    assert response.status_code == 200
    html = response.content.decode()
    headings = texts(html, "h1")
    assert len(headings) == 1
    assert headings[0] == declaration.get("page_title", declaration["title"])
    if declaration.get("home"):
        return
    crumbs = one(html, 'nav.breadcrumbs[aria-label="Breadcrumb"]')
    assert texts(crumbs, "li") == ["Home", *[a["title"] for a in ancestors], declaration["title"]]
    assert select(crumbs, '[aria-current="page"]')


def test_home_page_is_the_site_root(client, demo):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["request"].current_page.reverse_id == "home"


def test_section_landing_lists_its_children_as_cards(client, demo):
    section = Page.objects.get(reverse_id="difference")
    html = client.get(section.get_absolute_url("en")).content.decode()
    cards = one(html, "section.wrap.section-children")
    for child in section.get_child_pages():
        content = PageContent.objects.get(page=child, language="en")
        assert select(cards, f'a[href="{child.get_absolute_url("en")}"]')
        assert content.title in text(cards)
        if content.meta_description:
            assert content.meta_description in text(cards)


def test_content_page_shows_its_section_navigation(client, demo):
    page = Page.objects.get(reverse_id="research")
    html = client.get(page.get_absolute_url("en")).content.decode()
    nav = one(html, "nav.section-nav")
    siblings = page.parent.get_child_pages()
    assert len(select(nav, "li")) == siblings.count()
    assert select(nav, f'a[href="{page.get_absolute_url("en")}"][aria-current="page"]')
    # Only this section: pages of other sections stay out.
    icare = Page.objects.get(reverse_id="icare").get_absolute_url("en")
    assert not [a for a in select(nav, "a[href]") if icare in a.get("href")]


def test_main_menu_lists_the_sections_and_the_header_the_top_tasks(client, demo):
    html = client.get("/en/").content.decode()
    assert texts(one(html, "nav.main-menu"), "li") == [
        "The Mass General Difference",
        "Patient Experience",
        "Patient and Visitor Resources",
    ]
    tasks = {a.get("href") for a in select(one(html, "nav.top-tasks"), "a[href]")}
    assert "/en/find-a-doctor/" in tasks
    assert "/en/find-a-location/" in tasks
    assert "/en/appointments/" in tasks
    assert "/en/give-now/" in tasks


def test_patient_gateway_link_comes_from_settings(client, demo, settings):
    settings.PATIENT_PORTAL_URL = "https://portal.example.org/"
    html = client.get("/en/").content.decode()
    tasks = {a.get("href") for a in select(one(html, "nav.top-tasks"), "a[href]")}
    assert "https://portal.example.org/" in tasks


def test_load_demo_twice_changes_nothing(demo):
    from cms.models import CMSPlugin

    before = (Page.objects.count(), Version.objects.count(), CMSPlugin.objects.count())
    call_command("load_demo", admin_password="whatever")
    assert (Page.objects.count(), Version.objects.count(), CMSPlugin.objects.count()) == before
    assert before[0] == len(TREE)


def test_load_demo_reset_rebuilds_the_tree(demo):
    from cms.models import CMSPlugin

    before = (Page.objects.count(), Version.objects.count(), CMSPlugin.objects.count())
    Page.objects.get(reverse_id="icare").delete()
    call_command("load_demo", "--reset", admin_password="whatever")
    assert (Page.objects.count(), Version.objects.count(), CMSPlugin.objects.count()) == before


def test_load_demo_refuses_a_known_admin_password_without_debug(db, settings):
    from django.core.management.base import CommandError

    settings.DEBUG = False
    with pytest.raises(CommandError, match="--admin-password"):
        call_command("load_demo")
