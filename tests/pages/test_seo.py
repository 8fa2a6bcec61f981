"""What search engines and link previews read: canonical, Open Graph, JSON-LD, sitemap alternates."""

import json
import re
from io import BytesIO

import pytest
from cms.models import Page, PageContent
from django.conf import settings
from django.core.files.base import ContentFile
from djangocms_versioning.models import Version
from filer.models import Image
from PIL import Image as PILImage

from pages.models import SocialSharing

pytestmark = pytest.mark.django_db


def head(client, path):
    html = client.get(path).content.decode()
    return html[: html.index("</head>")]


def test_content_pages_have_canonical_and_open_graph_tags(client, demo):
    page = Page.objects.get(reverse_id="research")
    path = page.get_absolute_url("en")
    meta = head(client, path + "?utm_source=newsletter")
    assert f'<link rel="canonical" href="http://{settings.SITE_DOMAIN}{path}">' in meta  # without the query
    assert '<meta property="og:title" content="Research">' in meta
    assert re.search(r'<meta property="og:description" content="[^"]+">', meta)
    assert "og:image" not in meta  # none chosen yet


def sharing_image(owner, name):
    buffer = BytesIO()
    PILImage.new("RGB", (1200, 630), "navy").save(buffer, "PNG")
    return Image.objects.create(
        owner=owner, original_filename=name, file=ContentFile(buffer.getvalue(), name)
    )


def shared_image(meta):
    found = re.search(r'<meta property="og:image" content="([^"]+)">', meta)
    return found and found.group(1)


def test_an_editor_chosen_sharing_image_is_shared(client, demo, admin_user):
    image = sharing_image(admin_user, "share.png")
    page = Page.objects.get(reverse_id="research")
    SocialSharing.objects.create(
        extended_object=PageContent.objects.get(page=page, language="en"), image=image
    )
    meta = head(client, page.get_absolute_url("en"))
    origin = re.escape(f"http://{settings.SITE_DOMAIN}")
    assert re.search(rf'<meta property="og:image" content="{origin}/media/[^"]+share[^"]*\.png">', meta)
    assert '<meta name="twitter:card" content="summary_large_image">' in meta


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
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', meta, re.S).group(1))
    assert data["@type"] == "Hospital"
    assert data["name"] == "Massachusetts General Hospital"
    assert data["address"]["streetAddress"] == "55 Fruit Street"
    assert data["telephone"] == "+1-617-726-2000"


def test_the_sitemap_lists_each_language_with_its_alternates(client, demo):
    xml = client.get("/sitemap.xml").content.decode()
    entry = re.search(
        r"<url><loc>http://[^<]+/en/the-mass-general-difference/research/</loc>.*?</url>", xml
    ).group(0)
    assert 'hreflang="en" href="http://' in entry
    assert 'hreflang="x-default"' in entry
    spanish = Page.objects.get(reverse_id="research").get_absolute_url("es")
    if spanish and "/es/" in spanish:  # published in Spanish too
        assert f'hreflang="es" href="http://{re.search("http://([^/]+)/", entry).group(1)}{spanish}"' in entry
