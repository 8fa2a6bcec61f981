"""/favicon.ico: a real icon at the root, for the browsers and tools that ask for it there."""

import io

import pytest
from django.conf import settings
from PIL import Image

from tests.html import select


@pytest.mark.django_db  # django CMS's request_finished handler may record an apphook change another test left
def test_favicon_ico_is_an_icon_served_at_the_root_and_cached(client):
    response = client.get("/favicon.ico")
    assert response.status_code == 200  # not a redirect to a page that is not found
    assert response["Content-Type"] == "image/x-icon"
    assert "max-age=86400" in response["Cache-Control"]
    body = b"".join(response.streaming_content)
    assert body == (settings.WHITENOISE_ROOT / "favicon.ico").read_bytes()
    icon = Image.open(io.BytesIO(body))
    assert icon.format == "ICO" and {(16, 16), (32, 32)} <= icon.info["sizes"]
    assert icon.convert("RGB").getpixel((24, 4)) == (0, 75, 135)  # the brand's blue (#004b87)


@pytest.mark.django_db
def test_every_page_names_the_icon(client, demo):
    for path in ("/en/", "/es/find-a-doctor/"):
        hrefs = [link.get("href") for link in select(client.get(path), 'link[rel="icon"]')]
        assert "/favicon.ico" in hrefs, path
