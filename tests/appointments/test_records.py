"""Medical records sent with a second opinion: checked by content, kept out of the public media."""

import io

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from appointments.forms import MedicalRecordsField
from appointments.models import Attachment, Request

from .conftest import URLS, form_key, valid_data

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"


def image(fmt):
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), "white").save(buffer, fmt)
    return buffer.getvalue()


def send(client, files):
    _html, key = form_key(client, "second_opinion")
    data = valid_data("second_opinion", key, records=files)
    return client.post(URLS["second_opinion"], data)


def test_records_are_stored_privately_under_names_that_say_nothing(client, demo):
    files = [
        SimpleUploadedFile("Quarrington MRI.pdf", PDF, "application/pdf"),
        SimpleUploadedFile("scan.png", image("PNG"), "image/png"),
        SimpleUploadedFile("letter.JPG", image("JPEG"), "image/jpeg"),
    ]
    response = send(client, files)
    assert response.status_code == 302
    attachments = Attachment.objects.order_by("pk")
    assert [(a.name, a.content_type) for a in attachments] == [
        ("Quarrington MRI.pdf", "application/pdf"),
        ("scan.png", "image/png"),
        ("letter.JPG", "image/jpeg"),
    ]
    for attachment in attachments:
        path = attachment.file.path
        assert path.startswith(str(settings.PRIVATE_MEDIA_ROOT))
        assert not path.startswith(str(settings.MEDIA_ROOT))
        assert "Quarrington" not in path and "scan" not in path
        with pytest.raises(ValueError, match="no URL"):
            attachment.file.url  # noqa: B018 - no public address at all
    assert attachments[0].file.read() == PDF


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (SimpleUploadedFile("report.pdf", b"MZ\x90\x00 a program, not a PDF", "application/pdf"),
         "“report.pdf” is not a PDF, JPEG or PNG file."),
        (SimpleUploadedFile("notes.pdf", b"just some text that claims to be a pdf", "application/pdf"),
         "“notes.pdf” is not a PDF, JPEG or PNG file."),
        (SimpleUploadedFile("picture.png", image("GIF"), "image/png"),
         "“picture.png” is not a PDF, JPEG or PNG file."),
        (SimpleUploadedFile("huge.pdf", PDF + b"0" * MedicalRecordsField.MAX_SIZE, "application/pdf"),
         "“huge.pdf” is 10.0\xa0MB: each file must be 10.0\xa0MB or smaller."),
    ],
)  # fmt: skip
def test_disguised_or_oversized_files_are_refused_with_a_message(client, demo, upload, message):
    response = send(client, [upload])
    page = response.content.decode()
    assert response.status_code == 400
    assert message.replace("“", "&quot;").replace("”", "&quot;") in page or message in page
    assert 'id="id_records_error"' in page
    assert 'value="Paroxysmal atrial fibrillation"' in page  # the rest is kept
    assert not Request.objects.exists()
    assert not Attachment.objects.exists()


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (PDF, "application/pdf"),
        (image("PNG"), "image/png"),
        (image("JPEG"), "image/jpeg"),
        (image("GIF"), None),
        (image("WEBP"), None),
        (b"", None),
        (b"<html><script>alert(1)</script></html>", None),
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', None),
        (b"PK\x03\x04" + b"\x00" * 40, None),  # a zip (an Office document)
        (b"MZ" + PDF, None),  # a program that carries a PDF inside
    ],
)
def test_the_type_is_read_from_the_first_bytes_alone(content, expected):
    assert MedicalRecordsField.detect_type(content[:2048]) == expected


def test_at_most_five_files(client, demo):
    files = [SimpleUploadedFile(f"r{n}.pdf", PDF, "application/pdf") for n in range(6)]
    response = send(client, files)
    assert response.status_code == 400
    assert "You can send at most 5 files; you chose 6." in response.content.decode()
    assert not Request.objects.exists()
