"""The demo page tree: every page answers, with its own heading and place in the breadcrumbs."""

import html as htmllib
import re

import pytest
from cms.models import Page, PageContent
from django.core.management import call_command
from djangocms_versioning.models import Version

from demo import content as demo_content


def walk(declarations, ancestors=()):
    for declaration in declarations:
        yield declaration, ancestors
        yield from walk(declaration.get("children", []), (*ancestors, declaration))


TREE = list(walk(demo_content.PAGES))


def text_of(html):
    return htmllib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).strip())


@pytest.mark.parametrize(("declaration", "ancestors"), TREE, ids=[d["key"] for d, _ in TREE])
def test_every_page_answers_the_public_with_its_heading_and_breadcrumbs(client, demo, declaration, ancestors):
    page = Page.objects.get(reverse_id=declaration["key"])
    response = client.get(page.get_absolute_url("en"))

    assert response.status_code == 200
    html = response.content.decode()
    headings = re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)
    assert len(headings) == 1
    assert text_of(headings[0]) == declaration.get("page_title", declaration["title"])
    if declaration.get("home"):
        return
    crumbs = re.search(
        r'<nav class="breadcrumbs[^"]*" aria-label="Breadcrumb">(.*?)</nav>', html, re.S
    ).group(1)
    crumb_texts = [text_of(c) for c in re.findall(r"<li>(.*?)</li>", crumbs, re.S)]
    assert crumb_texts == ["Home", *[a["title"] for a in ancestors], declaration["title"]]
    assert 'aria-current="page"' in crumbs


def test_home_page_is_the_site_root(client, demo):
    response = client.get("/en/")
    assert response.status_code == 200
    assert response.context["request"].current_page.reverse_id == "home"


def test_section_landing_lists_its_children_as_cards(client, demo):
    section = Page.objects.get(reverse_id="difference")
    html = client.get(section.get_absolute_url("en")).content.decode()
    cards = re.search(r'<section class="wrap section-children".*?</section>', html, re.S).group(0)
    for child in section.get_child_pages():
        content = PageContent.objects.get(page=child, language="en")
        assert f'href="{child.get_absolute_url("en")}"' in cards
        assert content.title.replace("&", "&amp;") in cards
        if content.meta_description:
            assert content.meta_description.replace("&", "&amp;") in cards


def test_content_page_shows_its_section_navigation(client, demo):
    page = Page.objects.get(reverse_id="research")
    html = client.get(page.get_absolute_url("en")).content.decode()
    nav = re.search(r'<nav class="section-nav.*?</nav>', html, re.S).group(0)
    siblings = page.parent.get_child_pages()
    assert nav.count("<li>") == siblings.count()
    assert f'href="{page.get_absolute_url("en")}" aria-current="page"' in nav
    # Only this section: pages of other sections stay out.
    assert Page.objects.get(reverse_id="icare").get_absolute_url("en") not in nav


def test_main_menu_lists_the_sections_and_the_header_the_top_tasks(client, demo):
    html = client.get("/en/").content.decode()
    menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    assert [text_of(item) for item in re.findall(r"<li[^>]*>(.*?)</li>", menu, re.S)] == [
        "The Mass General Difference",
        "Patient Experience",
        "Patient and Visitor Resources",
    ]
    tasks = re.search(r'<nav class="top-tasks".*?</nav>', html, re.S).group(0)
    assert 'href="/en/find-a-doctor/"' in tasks
    assert 'href="/en/find-a-location/"' in tasks
    assert 'href="/en/appointments/"' in tasks
    assert 'href="/en/give-now/"' in tasks


def test_patient_gateway_link_comes_from_settings(client, demo, settings):
    settings.PATIENT_PORTAL_URL = "https://portal.example.org/"
    html = client.get("/en/").content.decode()
    tasks = re.search(r'<nav class="top-tasks".*?</nav>', html, re.S).group(0)
    assert 'href="https://portal.example.org/"' in tasks


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
