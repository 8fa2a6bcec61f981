"""Publishing the standard-charges files: generate, validate, and only then swap.

A publication writes the three files (pricing.files) to temporary files, with their SHA-256 (the
ETag), size and a gzip copy computed as they are written; runs CMS's validator on them; and only
when all three pass with no error and no alert copies them to storage under
`standard-charges/<publication>/<json|csv-tall|csv-wide>/<CMS's file name>` and marks the
publication PUBLISHED in one UPDATE. The site always serves `Publication.current()`, the latest
published one, so until that UPDATE commits the previous files are served, whole and valid; a
refused or failed run changes nothing visitors see. Files of publications older than the last
KEEP_PUBLISHED are deleted.

Staff publish now (`manage.py publish_prices`, `publish()`), or queue a publication (`queue()`) that
the worker's scheduled job generates (`run_queued()`, appointments.schedule).
"""

import contextlib
import gzip
import hashlib
import io
import logging
import tempfile
from dataclasses import dataclass
from pathlib import Path

from django.core.files import File
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .caching import pricing_changed
from .files import file_name, write
from .models import Charge, Disclosure, Publication
from .validation import ValidatorUnavailable, validate

logger = logging.getLogger(__name__)

KEEP_PUBLISHED = 3
REPORT_LINES = 50
# Fast, and still a tenth of the size: text of repeated columns compresses well at any level.
GZIP_LEVEL = 4


@dataclass(frozen=True)
class Format:
    key: str  # in Publication.files
    folder: str  # in storage and in the URL
    extension: str
    validator_format: str
    content_type: str


FORMATS = (
    Format("json", "json", "json", "json", "application/json; charset=utf-8"),
    Format("tall", "csv-tall", "csv", "csv", "text/csv; charset=utf-8"),
    Format("wide", "csv-wide", "csv", "csv", "text/csv; charset=utf-8"),
)
FORMAT = {form.key: form for form in FORMATS}
FOLDERS = {form.folder: form for form in FORMATS}


class _Written(io.RawIOBase):
    """A binary sink that writes each chunk to a file and to its gzip copy, and counts and hashes it."""

    def __init__(self, plain, compressed):
        self.plain = plain
        self.compressed = gzip.GzipFile(fileobj=compressed, mode="wb", compresslevel=GZIP_LEVEL, mtime=0)
        self.sha256 = hashlib.sha256()
        self.size = 0

    def writable(self):
        return True

    def write(self, chunk):
        self.plain.write(chunk)
        self.compressed.write(chunk)
        self.sha256.update(chunk)
        self.size += len(chunk)
        return len(chunk)

    def close(self):
        if not self.closed:
            self.compressed.close()
        super().close()


def write_files(paths):
    """Writes the files at {format key: path} (each with a gzip copy beside it) in one pass over the
    chargemaster; {format key: {size, sha256}}."""
    with contextlib.ExitStack() as stack:
        sinks, texts = {}, {}
        for key, path in paths.items():
            plain = stack.enter_context(open(path, "wb"))
            compressed = stack.enter_context(open(f"{path}.gz", "wb"))
            sinks[key] = _Written(plain, compressed)
            texts[key] = stack.enter_context(
                io.TextIOWrapper(io.BufferedWriter(sinks[key], 1 << 16), encoding="utf-8", newline="")
            )
        write(texts)
    return {key: {"size": sink.size, "sha256": sink.sha256.hexdigest()} for key, sink in sinks.items()}


def refusal():
    """Why nothing can be published now, or None."""
    disclosure = Disclosure.current()
    if disclosure is None:
        return _("Nothing was published: the hospital's disclosure (name, EIN, attestation) is missing.")
    if not disclosure.attestation_confirmed:
        return _("Nothing was published: the attester has not confirmed CMS's attestation.")
    if not Charge.objects.exists():
        return _("Nothing was published: the chargemaster is empty.")
    return None


def queue(user=None):
    """A publication for the worker to generate within a minute (run_queued)."""
    return Publication.objects.create(status=Publication.Status.QUEUED, created_by=_name(user))


def queued_publications():
    """True while a queued publication waits for the worker (one indexed EXISTS)."""
    return Publication.objects.filter(status=Publication.Status.QUEUED).exists()


def run_queued():
    """Generates the oldest queued publication, if this worker claims it first; None if none."""
    queued = Publication.objects.filter(status=Publication.Status.QUEUED)
    oldest = queued.order_by("created_at", "pk").values_list("pk", flat=True).first()
    if oldest is None:
        return None
    # Of two workers only one moves it from QUEUED to RUNNING.
    if not queued.filter(pk=oldest).update(status=Publication.Status.RUNNING):
        return None
    return generate(Publication.objects.get(pk=oldest))


def publish(user=None):
    """Generates, validates and (if CMS's validator passes all three files) publishes the files now."""
    return generate(Publication.objects.create(status=Publication.Status.RUNNING, created_by=_name(user)))


def generate(publication):
    reason = refusal()
    if reason:
        return _finish(publication, Publication.Status.FAILED, reason)
    disclosure = Disclosure.current()
    try:
        with tempfile.TemporaryDirectory(prefix="standard-charges-") as folder:
            written = {form.key: Path(folder, f"{form.key}.{form.extension}") for form in FORMATS}
            files = {
                key: {"name": file_name(disclosure, FORMAT[key].extension), **made}
                for key, made in write_files(written).items()
            }
            verdicts = validate(
                *((form.validator_format, written[form.key], files[form.key]["name"]) for form in FORMATS)
            )
            problems = [line for verdict in verdicts for line in verdict.messages()]
            if problems or not all(verdict.valid for verdict in verdicts):
                report = _("CMS's validator refused the files; nothing was published.")
                return _finish(publication, Publication.Status.INVALID, _report(report, problems))
            for form in FORMATS:
                files[form.key].update(_store(publication, form, files[form.key]["name"], written[form.key]))
    except ValidatorUnavailable as missing:
        return _finish(
            publication, Publication.Status.FAILED, _("Nothing was published: %(why)s") % {"why": missing}
        )
    except Exception as error:
        logger.exception("Publication %s of the standard charges failed", publication.pk)
        message = _("Nothing was published: the files could not be generated (%(error)s).")
        return _finish(publication, Publication.Status.FAILED, message % {"error": error})
    published = _swap(publication, files, disclosure)
    remove_old_files()
    return published


def _store(publication, form, name, path):
    """Copies the file and its gzip copy to storage; their storage paths and the file's URL."""
    base = f"standard-charges/{publication.pk}/{form.folder}/{name}"
    with open(path, "rb") as plain:
        stored = default_storage.save(base, File(plain))
    with open(f"{path}.gz", "rb") as compressed:
        stored_gzip = default_storage.save(f"{base}.gz", File(compressed))
    return {
        "path": stored,
        "gzip_path": stored_gzip,
        "gzip_size": default_storage.size(stored_gzip),
        "url": f"/standard-charges/{form.folder}/{name}",
    }


def _swap(publication, files, disclosure):
    """The atomic swap: from this UPDATE's commit on, the site serves these files."""
    summary = ", ".join(f"{entry['name']} ({key}, {entry['size']} bytes)" for key, entry in files.items())
    with transaction.atomic():
        Publication.objects.filter(pk=publication.pk).update(
            status=Publication.Status.PUBLISHED,
            published_at=timezone.now(),
            last_updated_on=disclosure.last_updated_on,
            files=files,
            report=_("CMS's validator passed the three files: no error, no alert. %(files)s")
            % {"files": summary},
        )
        pricing_changed()  # the price pages and /cms-hpt.txt point at the new files
    publication.refresh_from_db()
    return publication


def _finish(publication, status, report):
    publication.status = status
    publication.report = report
    publication.save(update_fields=["status", "report"])
    return publication


def _report(heading, problems):
    lines = problems[:REPORT_LINES]
    if len(problems) > REPORT_LINES:
        lines.append(_("… and %(count)s more.") % {"count": len(problems) - REPORT_LINES})
    return "\n".join([heading, *lines])


def remove_old_files():
    """Deletes the files of publications older than the last KEEP_PUBLISHED published ones (a visitor
    who started a download of one still gets it whole: an open file outlives its name)."""
    published = Publication.objects.filter(status=Publication.Status.PUBLISHED).exclude(files={})
    for old in published.order_by("-published_at")[KEEP_PUBLISHED:]:
        for entry in old.files.values():
            for path in (entry.get("path"), entry.get("gzip_path")):
                if path:
                    default_storage.delete(path)
        Publication.objects.filter(pk=old.pk).update(files={})


def _name(user):
    return user.get_username() if user is not None and user.is_authenticated else ""
