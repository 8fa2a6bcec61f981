"""Patients' files in a private S3-compatible bucket (settings: S3_PRIVATE_BUCKET)."""

from storages.backends.s3 import S3Storage

from .storage import NoPublicURL


class PrivateS3Storage(NoPublicURL, S3Storage):
    """Files nobody outside can read, and no address to hand out, not even a signed one."""
