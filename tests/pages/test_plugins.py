"""Each of the site's plugins renders what the editor typed, in accessible markup."""

import io
import re

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.core.files.uploadedfile import SimpleUploadedFile
from djangocms_link.helpers import LinkDict
from djangocms_versioning.models import Version
from filer.models import Image
from PIL import Image as PILImage


@pytest.fixture
def page_with(admin_user, client):
    """Publish a page holding the plugins a test adds, and return its rendered HTML."""

    def build(add):
        page = create_page("Plugin test", "pages/content.html", "en", created_by=admin_user)
        content = PageContent.admin_manager.get(page=page, language="en")
        add(content.rescan_placeholders()["content"])
        Version.objects.get_for_content(content).publish(admin_user)
        response = client.get("/en/plugin-test/")
        assert response.status_code == 200
        return response.content.decode()

    return build


@pytest.fixture
def picture(admin_user):
    buffer = io.BytesIO()
    PILImage.new("RGB", (1600, 1000), (0, 75, 135)).save(buffer, "JPEG")
    upload = SimpleUploadedFile("lobby.jpg", buffer.getvalue(), content_type="image/jpeg")
    return Image.objects.create(owner=admin_user, original_filename="lobby.jpg", file=upload)


def test_hero_renders_heading_text_image_and_button(page_with, picture):
    html = page_with(
        lambda ph: add_plugin(
            ph,
            "HeroPlugin",
            "en",
            heading="Care close to home",
            text="Primary care in your neighbourhood.",
            image=picture,
            image_alt="The bright lobby of the Yawkey Center",
            link_label="Find a location",
            link=LinkDict("https://example.org/locations/"),
        )
    )
    hero = re.search(r'<section class="hero.*?</section>', html, re.S).group(0)
    assert re.search(r"<h2[^>]*>Care close to home</h2>", hero)
    assert "Primary care in your neighbourhood." in hero
    assert '<a class="button" href="https://example.org/locations/">Find a location</a>' in hero
    assert 'alt="The bright lobby of the Yawkey Center"' in hero
    assert re.search(r'srcset="[^"]+ 480w, [^"]+ 720w, [^"]+ 1440w"', hero)


def test_hero_without_a_link_has_no_empty_button(page_with):
    html = page_with(lambda ph: add_plugin(ph, "HeroPlugin", "en", heading="Welcome", link_label="Go"))
    assert 'class="button"' not in html


def test_card_grid_renders_its_cards_as_a_list_of_links(page_with):
    def add(ph):
        grid = add_plugin(ph, "CardGridPlugin", "en", heading="Plan your visit")
        add_plugin(
            ph,
            "CardPlugin",
            "en",
            target=grid,
            title="Parking",
            text="Garages and rates.",
            link=LinkDict("https://example.org/parking/"),
        )
        add_plugin(ph, "CardPlugin", "en", target=grid, title="Getting here", text="By T, bus or car.")

    html = page_with(add)
    grid = re.search(r'<ul class="card-grid".*?</ul>', html, re.S).group(0)
    assert grid.count('<li class="card">') == 2
    assert '<a href="https://example.org/parking/">Parking</a>' in grid
    assert "Getting here" in grid and "By T, bus or car." in grid
    assert re.search(r"<h2[^>]*>Plan your visit</h2>", html)


def test_call_to_action_to_an_outside_service_takes_its_address_from_settings(page_with, settings):
    settings.GIVING_URL = "https://give.example.org/now"
    html = page_with(
        lambda ph: add_plugin(
            ph,
            "CallToActionPlugin",
            "en",
            heading="Support our patients",
            text="Every gift helps.",
            link_label="Give now",
            service="giving",
        )
    )
    assert re.search(r"<h2[^>]*>Support our patients</h2>", html)
    assert 'href="https://give.example.org/now" rel="noopener">Give now</a>' in html


def test_figures_render_each_value_with_its_caption(page_with):
    def add(ph):
        figures = add_plugin(ph, "FiguresPlugin", "en", heading="Research in numbers")
        add_plugin(ph, "FigurePlugin", "en", target=figures, value="$1B+", caption="in research operations")
        add_plugin(
            ph, "FigurePlugin", "en", target=figures, value="1,200", caption="clinical trials under way"
        )

    html = page_with(add)
    assert re.search(r"<h2[^>]*>Research in numbers</h2>", html)
    items = re.findall(r'<li class="figure">(.*?)</li>', html, re.S)
    assert len(items) == 2
    assert '<span class="figure__value">$1B+</span>' in items[0]
    assert "clinical trials under way" in items[1]


def test_callout_note_and_quote(page_with):
    def add(ph):
        add_plugin(
            ph, "CalloutPlugin", "en", heading="Bring your insurance card", text="And a list of medicines."
        )
        add_plugin(
            ph,
            "CalloutPlugin",
            "en",
            kind="quote",
            text="They treated me like family.",
            attribution="A patient's daughter",
        )

    html = page_with(add)
    assert re.search(r"<h2[^>]*>Bring your insurance card</h2>\s*<p>And a list of medicines.</p>", html)
    quote = re.search(r"<figure class=\"callout callout--quote\">.*?</figure>", html, re.S).group(0)
    assert "<blockquote><p>They treated me like family.</p></blockquote>" in quote
    assert "<figcaption>A patient&#x27;s daughter</figcaption>" in quote


def test_recognition_list_renders_issuer_and_year(page_with):
    def add(ph):
        awards = add_plugin(ph, "RecognitionListPlugin", "en", heading="Recognitions")
        add_plugin(
            ph,
            "RecognitionPlugin",
            "en",
            target=awards,
            title="Magnet hospital",
            issuer="American Nurses Credentialing Center",
        )
        add_plugin(
            ph,
            "RecognitionPlugin",
            "en",
            target=awards,
            title="Safety grade A",
            issuer="The Leapfrog Group",
            year=2019,
        )

    html = page_with(add)
    items = re.findall(r'<li class="recognition">(.*?)</li>', html, re.S)
    assert len(items) == 2
    assert "American Nurses Credentialing Center</p>" in items[0]
    assert "The Leapfrog Group, <span>2019</span>" in items[1]


def test_plugin_text_is_escaped(page_with):
    html = page_with(lambda ph: add_plugin(ph, "CalloutPlugin", "en", text="<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
