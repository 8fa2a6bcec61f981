"""What search engines and link previews read: canonical, Open Graph, JSON-LD, sitemap alternates."""

import re
from io import BytesIO
from urllib.parse import urlsplit

import pytest
from cms.models import Page, PageContent
from django.conf import settings
from django.core.files.base import ContentFile
from djangocms_versioning.models import Version
from filer.models import Image
from lxml import etree
from PIL import Image as PILImage

from pages.models import SocialSharing
from tests.html import json_ld, one, select

pytestmark = pytest.mark.django_db


def head(client, path):
    return one(client.get(path), "head")


def content(meta, css):
    """The content of each <meta> in the head that matches `css`."""
    return [element.get("content") for element in select(meta, css)]


def test_content_pages_have_canonical_and_open_graph_tags(client, demo):
    page = Page.objects.get(reverse_id="research")
    path = page.get_absolute_url("en")
    meta = head(client, path + "?utm_source=newsletter")
    canonical = [link.get("href") for link in select(meta, 'link[rel="canonical"]')]
    assert f"http://{settings.SITE_DOMAIN}{path}" in canonical  # without the query
    assert "Research" in content(meta, 'meta[property="og:title"]')
    assert any(content(meta, 'meta[property="og:description"]'))
    assert not select(meta, '[property^="og:image"]')  # none chosen yet


def sharing_image(owner, name):
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 630), "navy").save(buffer, "PNG")
    return Image.objects.create(
        owner=owner, original_filename=name, file=ContentFile(buffer.getvalue(), name)
    )


def shared_image(meta):
    found = content(meta, 'meta[property="og:image"]')
    return found[0] if found else None


def test_an_editor_chosen_sharing_image_is_shared(client, demo, admin_user):
    image = sharing_image(admin_user, "share.png")
    page = Page.objects.get(reverse_id="research")
    SocialSharing.objects.create(
        extended_object=PageContent.objects.get(page=page, language="en"), image=image
    )
    meta = head(client, page.get_absolute_url("en"))
    origin = re.escape(f"http://{settings.SITE_DOMAIN}")
    assert re.fullmatch(rf"{origin}/media/.+share.*\.png", shared_image(meta))
    assert "summary_large_image" in content(meta, 'meta[name="twitter:card"]')


def test_a_sharing_image_chosen_on_a_draft_shows_only_once_the_draft_is_published(client, demo, admin_user):
    page = Page.objects.get(reverse_id="research")
    path = page.get_absolute_url("en")
    published = PageContent.objects.get(page=page, language="en")
    SocialSharing.objects.create(extended_object=published, image=sharing_image(admin_user, "before.png"))

    draft = Version.objects.get_for_content(published).copy(admin_user).content
    sharing = SocialSharing.objects.get(
        extended_object=draft
    )  # the new draft starts from the published image
    assert sharing.image.original_filename == "before.png"
    sharing.image = sharing_image(admin_user, "after.png")
    sharing.save()
    assert "before" in shared_image(head(client, path))  # the draft's image is not live

    Version.objects.get_for_content(draft).publish(admin_user)
    assert "after" in shared_image(head(client, path))


def test_the_home_page_describes_the_hospital_in_json_ld(client, demo):
    meta = head(client, "/en/")
    data = json_ld(meta)[0]
    assert data["@type"] == "Hospital"
    assert data["name"] == "Massachusetts General Hospital"
    assert data["address"]["streetAddress"] == "55 Fruit Street"
    assert data["telephone"] == "+16177262000"


SITEMAP = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "xhtml": "http://www.w3.org/1999/xhtml"}


def test_the_sitemap_lists_each_language_with_its_alternates(client, demo):
    urlset = etree.fromstring(client.get("/sitemap.xml").content)
    entries = {url.findtext("s:loc", namespaces=SITEMAP): url for url in urlset.iterfind("s:url", SITEMAP)}
    loc = next(
        loc
        for loc in entries
        if loc.startswith("http://") and loc.endswith("/en/the-mass-general-difference/research/")
    )
    entry = entries[loc]
    alternates = {link.get("hreflang"): link.get("href") for link in entry.iterfind("xhtml:link", SITEMAP)}
    assert alternates["en"].startswith("http://")
    assert "x-default" in alternates
    spanish = Page.objects.get(reverse_id="research").get_absolute_url("es")
    if spanish and "/es/" in spanish:  # published in Spanish too
        assert alternates["es"] == f"http://{urlsplit(loc).netloc}{spanish}"
