"""Test settings: fast and isolated, on whichever database DATABASE_URL names."""

import os
import tempfile
from pathlib import Path

# The tests run on the laptop's settings (plain HTTP, the development key) whatever the environment
# says, with nothing to set; pytest-django turns DEBUG off for the tests themselves. The variable is
# set only while mgh_site.settings loads: processes the tests start (tests/site/production.py,
# tests/servers.py) get the environment they are given, not this.
_debug_before = os.environ.get("DJANGO_DEBUG")
os.environ["DJANGO_DEBUG"] = "true"
try:
    from .settings import *  # noqa: E402, F403
    from .settings import REDIS_URL  # noqa: E402
finally:
    if _debug_before is None:
        del os.environ["DJANGO_DEBUG"]
    else:
        os.environ["DJANGO_DEBUG"] = _debug_before

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
# Uploaded test images (filer) and test medical records go to throw-away folders.
MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="mgh-test-media-"))
PRIVATE_MEDIA_ROOT = Path(tempfile.mkdtemp(prefix="mgh-test-private-"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "appointments.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if REDIS_URL:
    # CI runs the suite against a real Redis; keep test keys apart from anything else there.
    CACHES["default"]["KEY_PREFIX"] = "mgh-test"  # noqa: F405
APPOINTMENTS_RATE_LIMIT = 10
LOGGING = {"version": 1, "disable_existing_loggers": False}
STATIC_ROOT = Path(tempfile.mkdtemp(prefix="mgh-test-static-"))
