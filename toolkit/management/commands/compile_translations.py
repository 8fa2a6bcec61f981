"""Compile the site's translations (locale/<lang>/LC_MESSAGES/*.po) into the .mo files Django reads.

Does what `manage.py compilemessages` does for settings.LOCALE_PATHS, with polib instead of GNU
gettext's msgfmt, so a fresh machine needs nothing beyond requirements.lock. A .mo newer than its
.po is left alone; `--force` compiles everything again. Like msgfmt, fuzzy and untranslated
entries are left out of the .mo, so they show in English.
"""

import os
import tempfile
from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation.reloader import translation_file_changed


def catalogs():
    """Every .po file under settings.LOCALE_PATHS, in a stable order."""
    for locale_path in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_path).glob("*/LC_MESSAGES/*.po"))


def is_up_to_date(po_path, mo_path):
    return mo_path.exists() and mo_path.stat().st_mtime_ns > po_path.stat().st_mtime_ns


def compile_catalog(po_path, mo_path):
    try:
        catalog = polib.pofile(str(po_path))
    except (OSError, ValueError) as error:
        raise CommandError(f"Cannot read {po_path}: {error}") from error
    # Write beside the target and rename it into place, so a server or test run reading the
    # catalog at the same moment never sees half a file.
    fd, tmp_path = tempfile.mkstemp(dir=mo_path.parent, prefix=f".{mo_path.name}.", suffix=".tmp")
    os.close(fd)
    try:
        catalog.save_as_mofile(tmp_path)
        os.chmod(tmp_path, 0o644)
        os.replace(tmp_path, mo_path)
    except BaseException:
        Path(tmp_path).unlink(missing_ok=True)
        raise


class Command(BaseCommand):
    help = "Compile the .po files under LOCALE_PATHS into .mo files (with polib; GNU gettext not needed)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Compile even the .mo files that are up to date."
        )

    def handle(self, *args, force, verbosity, **options):
        compiled = 0
        for po_path in catalogs():
            mo_path = po_path.with_suffix(".mo")
            if not force and is_up_to_date(po_path, mo_path):
                continue
            compile_catalog(po_path, mo_path)
            compiled += 1
            if verbosity >= 2:
                self.stdout.write(f"Compiled {po_path}")
        if compiled:
            # A process that has already loaded a catalog (a test session, a shell) reads the new
            # files on its next translation, as Django's autoreloader arranges for runserver.
            translation_file_changed(sender=None, file_path=mo_path)
        if verbosity >= 1:
            self.stdout.write(f"Compiled {compiled} translation file{'' if compiled == 1 else 's'}.")
