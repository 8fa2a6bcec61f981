"""Each of the site's plugins renders what the editor typed, in accessible markup."""

import io

import pytest
from cms.api import add_plugin, create_page
from cms.models import PageContent
from django.core.files.uploadedfile import SimpleUploadedFile
from djangocms_link.helpers import LinkDict
from djangocms_versioning.models import Version
from filer.models import Image
from PIL import Image as PILImage

from tests.html import one, select, text, texts


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
    hero = one(html, "section.hero")
    assert "Care close to home" in texts(hero, "h2")
    assert "Primary care in your neighbourhood." in text(hero)
    assert "Find a location" in texts(hero, 'a.button[href="https://example.org/locations/"]')
    image = one(hero, 'img[alt="The bright lobby of the Yawkey Center"]')
    widths = [candidate.split()[-1] for candidate in image.get("srcset").split(", ")]
    assert widths == ["480w", "720w", "1440w"]


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
    grid = one(html, "ul.card-grid")
    assert len(select(grid, "li.card")) == 2
    assert "Parking" in texts(grid, 'a[href="https://example.org/parking/"]')
    assert "Getting here" in text(grid) and "By T, bus or car." in text(grid)
    assert "Plan your visit" in texts(html, "h2")


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
    assert "Support our patients" in texts(html, "h2")
    assert 'href="https://give.example.org/now" rel="noopener">Give now</a>' in html


def test_figures_render_each_value_with_its_caption(page_with):
    def add(ph):
        figures = add_plugin(ph, "FiguresPlugin", "en", heading="Research in numbers")
        add_plugin(
            ph,
            "FigurePlugin",
            "en",
            target=figures,
            prefix="$",
            number=1,
            suffix="B+",
            caption="in research operations",
        )
        add_plugin(ph, "FigurePlugin", "en", target=figures, number=1200, caption="clinical trials under way")

    html = page_with(add)
    assert "Research in numbers" in texts(html, "h2")
    items = select(html, "li.figure")
    assert len(items) == 2
    assert "$1B+" in texts(items[0], "span.figure__value")
    assert "clinical trials under way" in text(items[1])


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
    # The note's text comes straight after its heading.
    [heading] = [h2 for h2 in select(html, "h2") if text(h2) == "Bring your insurance card"]
    assert not (heading.tail or "").strip()
    assert heading.getnext().tag == "p" and text(heading.getnext()) == "And a list of medicines."
    quote = one(html, "figure.callout.callout--quote")
    assert "They treated me like family." in texts(quote, "blockquote > p")
    assert "A patient's daughter" in texts(quote, "figcaption")


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
    items = select(html, "li.recognition")
    assert len(items) == 2
    assert "American Nurses Credentialing Center" in texts(items[0], "p")  # and no year after it
    [issuer] = [p for p in select(items[1], "p") if p.text == "The Leapfrog Group, "]
    assert texts(issuer, "span") == ["2019"]


def test_plugin_text_is_escaped(page_with):
    html = page_with(lambda ph: add_plugin(ph, "CalloutPlugin", "en", text="<script>alert(1)</script>"))
    assert "<script>alert(1)</script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html


@pytest.mark.parametrize(
    "language, figures",
    [("en", ["$1B+", "~1,200", "13", "30+"]), ("es", ["+US$1\u00a0000 M", "~1\u00a0200", "13", "+30"])],
)
def test_figures_write_their_numbers_the_pages_languages_way(client, demo, language, figures):
    # The number is a number: 1,200 in English, 1 200 in Spanish (a no-break space, as the RAE
    # writes it), by Django's localisation.
    html = client.get(f"/{language}/").content.decode()
    assert [value.text_content() for value in select(html, "span.figure__value")] == figures
