"""The vulnerability audit of requirements.lock (what production installs), run by `make lint`.

pip-audit looks every pinned version up in PyPI's vulnerability data. Left alone, it reports a
package it could not look up (a network that does not reach the service) as skipped and still
exits 0: an audit that did not happen would pass. Here a skipped package fails it, with one line
that says so. PIP_AUDIT chooses what an audit that cannot run does:

- `required` (the default): fail.
- `if-reachable`: warn loudly and pass; still fail on any vulnerability found. For a CI whose
  network cannot reach the service (this project's: only the package indexes are reachable).
- `skip`: do not audit at all, with a loud warning (a laptop offline).

PIP_AUDIT_ARGS adds pip-audit options, e.g. `--vulnerability-service osv` where the OSV service is
reachable and PyPI's is not.

Usage: python deploy/audit_lock.py [requirements.lock]
"""

import json
import os
import shlex
import subprocess
import sys
import tempfile
from pathlib import Path

MODES = ("required", "if-reachable", "skip")
BANNER = "!" * 78


def verdict(report, lock, mode, error=""):
    """(exit status, message) for pip-audit's JSON report of `lock`, or for None when it wrote
    none (it could not run at all: `error` is the last line it printed)."""
    if report is None:
        return unreachable(lock, mode, f"pip-audit failed ({error or 'no report'})")
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    if vulnerable:
        lines = [
            f"{d['name']} {d['version']}: {v['id']} (fixed in {', '.join(v.get('fix_versions') or ['-'])})"
            for d in vulnerable
            for v in d["vulns"]
        ]
        return 1, (
            f"Known vulnerabilities in {lock}: upgrade these within pyproject.toml's ranges "
            "(make lock LOCK_ARGS='--upgrade-package NAME'):\n  " + "\n  ".join(lines)
        )
    if skipped or not dependencies:
        reason = skipped[0]["skip_reason"] if skipped else "no package was audited"
        return unreachable(
            lock, mode, f"{len(skipped)} of {len(dependencies)} packages could not be looked up ({reason})"
        )
    return 0, f"No known vulnerability in the {len(dependencies)} packages of {lock}."


def unreachable(lock, mode, why):
    if mode == "if-reachable":
        return 0, warning(
            f"The vulnerability audit of {lock} could NOT run: {why}. Passing (PIP_AUDIT=if-reachable)."
        )
    return 1, (
        f"The vulnerability audit of {lock} could not run: {why}. Is PyPI's vulnerability data "
        "reachable? To skip the audit knowingly (offline): PIP_AUDIT=skip make lint."
    )


def warning(text):
    return f"{BANNER}\nWARNING: {text}\n{BANNER}"


def main(argv):
    lock = argv[1] if len(argv) > 1 else "requirements.lock"
    mode = os.environ.get("PIP_AUDIT", "required") or "required"
    if mode not in MODES:
        print(f"PIP_AUDIT={mode!r}: expected one of {', '.join(MODES)}.", file=sys.stderr)
        return 2
    if mode == "skip":
        print(warning(f"The vulnerability audit of {lock} was SKIPPED (PIP_AUDIT=skip): not checked."))
        return 0
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder) / "audit.json"
        # Exact, hashed pins looked up as they are: no resolution, nothing downloaded. Its own
        # summary is left out: it says "No known vulnerabilities found" of an audit that looked
        # nothing up.
        arguments = ["--requirement", lock, "--require-hashes", "--disable-pip", "--progress-spinner", "off"]
        result = subprocess.run(  # noqa: S603 (this interpreter's pip-audit)
            [
                sys.executable,
                "-m",
                "pip_audit",
                *arguments,
                *shlex.split(os.environ.get("PIP_AUDIT_ARGS", "")),
            ]
            + ["--format", "json", "--desc", "off", "--output", output],
            check=False,
            capture_output=True,
            text=True,
        )
        try:
            report = json.loads(output.read_text())
        except (OSError, ValueError):
            report = None
    error = (result.stderr.strip().splitlines() or [""])[-1]
    status, message = verdict(report, lock, mode, error)
    print(message, file=sys.stderr if status else sys.stdout)
    return status


if __name__ == "__main__":
    sys.exit(main(sys.argv))
