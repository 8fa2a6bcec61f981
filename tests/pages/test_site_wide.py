"""Site-wide parts: the alert banner and footer aliases, error pages, robots and the sitemap."""

import pytest
from cms.api import add_plugin, create_page
from cms.models import Page, PageContent
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from djangocms_alias.models import Alias, AliasContent
from djangocms_versioning.models import Version

from doctors.models import Doctor
from locations.models import Location
from tests.doctors.factories import DoctorFactory
from tests.html import one, select, text


def site_alert_content():
    alias = Alias.objects.get(static_code="site-alert")
    return AliasContent.admin_manager.get(alias=alias, language="en")


def test_alert_banner_appears_with_content_and_disappears_without(client, demo, admin_user):
    paths = ("/en/", Page.objects.get(reverse_id="research").get_absolute_url("en"), "/en/find-a-doctor/")
    for path in paths:  # cached pages and cached fragments of app pages, all warm
        assert 'class="site-alert"' not in client.get(path).content.decode()

    content = site_alert_content()
    notice = "<p>The Fruit Street garage is closed today.</p>"
    add_plugin(content.placeholder, "TextPlugin", "en", body=notice)
    version = Version.objects.get_for_content(content)
    version.publish(admin_user)

    for path in paths:
        banner = select(client.get(path), "section.site-alert")
        assert banner, path
        assert "The Fruit Street garage is closed today." in text(banner[0])

    version.unpublish(admin_user)
    for path in paths:
        assert 'class="site-alert"' not in client.get(path).content.decode()


def test_footer_alias_is_on_every_page_and_edited_in_one_place(client, demo, admin_user):
    alias = Alias.objects.get(static_code="footer")
    published = AliasContent.objects.get(alias=alias, language="en")
    draft = Version.objects.get_for_content(published).copy(admin_user).content
    add_plugin(draft.placeholder, "TextPlugin", "en", body="<p>Free Wi-Fi in every building.</p>")
    Version.objects.get_for_content(draft).publish(admin_user)

    for key in ("home", "difference", "icare", "give"):
        page = client.get(Page.objects.get(reverse_id=key).get_absolute_url("en"))
        footer = text(one(page, "footer.site-footer"))
        assert "Free Wi-Fi in every building." in footer
        assert "617-726-2000" in footer


def test_the_menu_and_the_head_kept_for_each_page_follow_the_page_and_every_publication(
    client, demo, admin_user
):
    """The main menu (per page), the breadcrumbs, the description and the language links (per
    address) are kept between requests (pages.templatetags.site_tags.public_fragment): each page
    still marks itself, each list page names its own address, and a publication shows at once."""
    difference, experience = (
        Page.objects.get(reverse_id=key) for key in ("difference", "patient-experience")
    )
    # Free text in the address: the page is made anew on every request, only the fragments are kept.
    paths = [page.get_absolute_url("en") + "?utm_campaign=x" for page in (difference, experience)]
    for _ in range(2):  # the second time from what the first kept
        for page, path in zip((difference, experience), paths, strict=True):
            html = client.get(path).content.decode()
            menu = one(html, "nav.main-menu")
            assert select(menu, f'a[aria-current="page"][href="{page.get_absolute_url("en")}"]'), path
            assert len(select(menu, '[aria-current="page"]')) == 1
            crumbs = one(html, "nav.breadcrumbs")
            assert text(select(crumbs, '[aria-current="page"]')[0]) == page.get_title("en")

    DoctorFactory.create_batch(21)  # two pages of the directory, each its own address
    canonical = 'link[rel="canonical"]'
    first, second = (one(client.get(f"/en/find-a-doctor/?page={n}"), "head") for n in (1, 2))
    assert select(first, canonical)[0].get("href").endswith("/en/find-a-doctor/")
    assert select(second, canonical)[0].get("href").endswith("/en/find-a-doctor/?page=2")
    assert select(second, 'link[hreflang="es"]')[0].get("href").endswith("/es/find-a-doctor/?page=2")

    published = PageContent.objects.get(page=experience, language="en")
    draft = Version.objects.get_for_content(published).copy(admin_user).content
    draft.menu_title = "Your Visit"
    draft.meta_description = "What to expect when you come to Mass General."
    draft.save()
    Version.objects.get_for_content(draft).publish(admin_user)
    assert "Your Visit" in text(one(client.get(paths[0]), "nav.main-menu"))
    description = select(one(client.get(paths[1]), "head"), 'meta[name="description"]')
    assert description[0].get("content") == "What to expect when you come to Mass General."


def test_home_page_from_a_warm_cache_costs_a_fixed_few_queries(client, demo, django_assert_num_queries):
    client.get("/en/")  # warm the page cache
    with django_assert_num_queries(0):
        response = client.get("/en/")
    assert response.status_code == 200


def cold_render_queries(client, url):
    cache.clear()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_content_page_queries_do_not_grow_with_the_tree(client, demo, admin_user, django_assert_num_queries):
    url = Page.objects.get(reverse_id="research").get_absolute_url("en")
    cold_render_queries(client, url)  # fills the process's own caches (Site, content types)
    before = cold_render_queries(client, url)
    with django_assert_num_queries(0):  # warm: straight from the page cache
        client.get(url)

    # Ten more published pages in the same section: the section menu grows, the queries do not.
    parent = Page.objects.get(reverse_id="difference")
    for n in range(10):
        page = create_page(
            f"Extra {n}", "pages/content.html", "en", parent=parent, created_by=admin_user, in_navigation=True
        )
        content = PageContent.admin_manager.get(page=page, language="en")
        Version.objects.get_for_content(content).publish(admin_user)
    cold_render_queries(client, url)  # the first render after a publish registers the new menu cache key
    assert cold_render_queries(client, url) == before


def test_unknown_path_answers_the_404_page_in_the_site_look(client, demo):
    response = client.get("/en/no-such-page/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "<h1>We can't find that page</h1>" in html
    assert '<header class="site-header">' in html
    assert 'href="/en/find-a-doctor/"' in html


@pytest.mark.parametrize(
    "path",
    [
        "/en/?page=abc",
        "/en/?page=-1",
        "/en/?page=99999999999999999999",
        "/en/the-mass-general-difference/?page=%00",
        "/xx/",
        "/en-us/research/",
        "/EN/",
        "/en/%ff/",
        "/en/" + "a" * 3000 + "/",
    ],
)
def test_malformed_requests_never_give_a_server_error(client, demo, path):
    response = client.get(path)
    assert response.status_code in (200, 301, 302, 400, 404)


def test_robots_txt_points_at_the_sitemap(client, demo, settings):
    response = client.get("/robots.txt")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")
    assert f"Sitemap: http://{settings.SITE_DOMAIN}/sitemap.xml" in response.content.decode()
    assert "Disallow: /en/admin/" in response.content.decode()


def test_sitemap_lists_published_pages_and_not_drafts(client, demo, admin_user, settings):
    create_page("Secret draft", "pages/content.html", "en", created_by=admin_user)
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    xml = response.content.decode()
    assert f"<loc>http://{settings.SITE_DOMAIN}/en/the-mass-general-difference/research/</loc>" in xml
    assert "secret-draft" not in xml
    # One URL per page and language it is published in; the apps' records in each language their
    # page is published in (both, after load_demo).
    published_pages = PageContent.objects.filter(page__reverse_id__isnull=False).count()
    records = Location.objects.published().count() + Doctor.objects.published().count()
    assert xml.count("<url>") == published_pages + 2 * records
    assert f"<loc>http://{settings.SITE_DOMAIN}/es/find-a-location/" in xml


def test_server_error_page_gives_the_phone_number_in_the_site_look(rf):
    from django.views.defaults import server_error

    response = server_error(rf.get("/en/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert '<header class="site-header">' in html
    assert 'href="tel:+16177262000"' in html
    assert "call 911" in html
