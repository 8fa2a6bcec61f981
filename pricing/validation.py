"""CMS's own validator on the files we generate: @cmsgov/hpt-validator (npm, pinned in
package-lock.json), run by Node on pricing/validate.mjs.

CMS reviews hospitals with this validator; a file it refuses, or one it merely warns about (its
`valid` ignores alerts), is not published. Node and the package are found at run time: with either
missing, `validate` raises ValidatorUnavailable rather than let an unchecked file through.
"""

import json
import shutil
import subprocess  # runs the pinned validator on files we wrote, no shell  # nosec B404
from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings

SCRIPT = Path(__file__).resolve().parent / "validate.mjs"
# Generous: the validator streams, about 1 s per 20 MB of CSV on one core.
TIMEOUT_SECONDS = 30 * 60


class ValidatorUnavailable(RuntimeError):
    """Node or the npm package is missing: nothing can be checked, so nothing is published."""


@dataclass
class Verdict:
    """What the validator said of one file."""

    name: str
    name_valid: bool
    schema_valid: bool
    errors: list = field(default_factory=list)
    alerts: list = field(default_factory=list)

    @property
    def valid(self):
        return self.schema_valid and self.name_valid and not self.errors and not self.alerts

    def messages(self):
        """One line per problem, the file's name first."""
        lines = [] if self.name_valid else [f"{self.name}: the file name is not in CMS's pattern"]
        for kind, found in (("error", self.errors), ("alert", self.alerts)):
            for message in found:
                where = ", ".join(str(part) for part in (message["path"], message["field"]) if part)
                lines.append(f"{self.name}: {kind} at {where or 'the file'}: {message['message']}")
        return lines


def node_binary():
    node = settings.NODE_BINARY or shutil.which("node")
    if not node:
        raise ValidatorUnavailable(
            "Node.js is not installed (no `node` on PATH): CMS's validator cannot run."
        )
    return node


def package_folder():
    folder = Path(settings.BASE_DIR) / "node_modules" / "@cmsgov" / "hpt-validator"
    if not (folder / "package.json").exists():
        raise ValidatorUnavailable(f"CMS's validator is not installed ({folder}): run `npm ci`.")
    return folder


def validate(*files):
    """[Verdict, ...] for files given as (format, path, public name), format "json" or "csv"."""
    package_folder()
    arguments = [str(part) for entry in files for part in entry]
    node = node_binary()
    try:
        finished = subprocess.run(  # noqa: S603 (our script, the pinned package, no shell)  # nosec B603
            [node, str(SCRIPT), *arguments],
            capture_output=True,
            text=True,
            cwd=settings.BASE_DIR,
            timeout=TIMEOUT_SECONDS,
            check=False,
        )
    except OSError as error:
        raise ValidatorUnavailable(f"Node.js could not be started ({node}): {error}") from error
    if finished.returncode != 0:
        raise ValidatorUnavailable(f"CMS's validator did not run: {finished.stderr.strip()[-2000:]}")
    return [
        Verdict(
            name=result["name"],
            name_valid=result["name_valid"],
            schema_valid=result["valid"],
            errors=result["errors"],
            alerts=result["alerts"],
        )
        for result in json.loads(finished.stdout)
    ]
