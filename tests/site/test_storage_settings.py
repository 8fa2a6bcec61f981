"""Media and patients' files go to S3-compatible buckets when they are named, so that every app
server sees the same files; on this server's disk otherwise."""

import json

from .production import manage_py

SHOW_STORAGES = """
import json
from django.conf import settings
from django.core.files.storage import storages
media, private = storages["default"], storages["private"]
try:
    private_url = private.url("records/scan.pdf")
except ValueError as error:
    private_url = str(error)
print(json.dumps({
    "media": type(media).__module__ + "." + type(media).__name__,
    "media_url": media.url("filer_public/ab/lobby.jpg"),
    "private": type(private).__name__,
    "private_bucket": getattr(private, "bucket_name", None),
    "private_acl": getattr(private, "default_acl", None),
    "private_url": private_url,
    "img_src": settings.CONTENT_SECURITY_POLICY["DIRECTIVES"]["img-src"],
}))
"""


def storages_under(**variables):
    buckets = dict.fromkeys(("S3_MEDIA_BUCKET", "S3_PRIVATE_BUCKET", "S3_ENDPOINT_URL", "S3_MEDIA_DOMAIN"))
    result = manage_py("shell", "-c", SHOW_STORAGES, **{**buckets, **variables})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_files_stay_on_disk_unless_a_bucket_is_named():
    shown = storages_under()
    assert shown["media"] == "django.core.files.storage.filesystem.FileSystemStorage"
    assert shown["media_url"] == "/media/filer_public/ab/lobby.jpg"
    assert shown["private"] == "PrivateFileSystemStorage"
    assert "no URL" in shown["private_url"]
    assert shown["img_src"] == ["'self'", "data:"]


def test_named_buckets_take_the_media_and_the_patients_files():
    shown = storages_under(
        S3_MEDIA_BUCKET="hospital-media",
        S3_MEDIA_DOMAIN="media.hospital.example",
        S3_PRIVATE_BUCKET="hospital-records",
        S3_ENDPOINT_URL="https://objects.hospital.example",
        AWS_ACCESS_KEY_ID="test-key-id",
        AWS_SECRET_ACCESS_KEY="test-secret",  # noqa: S106
    )
    assert shown["media"] == "storages.backends.s3.S3Storage"
    # A plain address on the CDN's host (no signature), which the pages' policy lets images load from.
    assert shown["media_url"] == "https://media.hospital.example/filer_public/ab/lobby.jpg"
    assert shown["img_src"] == ["'self'", "data:", "https://media.hospital.example"]
    # Patients' files: a private bucket, and still no address to hand out, not even a signed one.
    assert shown["private"] == "PrivateS3Storage"
    assert shown["private_bucket"] == "hospital-records"
    assert shown["private_acl"] == "private"
    assert "no URL" in shown["private_url"]
