"""The W3C Nu HTML Checker (vnu-jar, pinned in package-lock.json), run offline with the machine's Java:
one JVM checks a whole batch of documents, about 4 s for 400 pages."""

import json
import os
import shutil
import subprocess  # nosec B404: runs the pinned checker on files the test wrote
import tempfile
from collections import Counter
from pathlib import Path

import pytest

JAR = Path(__file__).resolve().parents[2] / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
JAVA = shutil.which("java")


def require_checker():
    """Skip without Java or the npm packages (`make test` installs them); under CI=true, fail."""
    missing = None if JAVA else "no java on PATH (Java 17)"
    missing = missing or (None if JAR.exists() else f"no {JAR}: run 'npm ci' (make test does)")
    if missing:
        if os.environ.get("CI", "").lower() == "true":
            raise pytest.UsageError(f"CI=true but the Nu HTML Checker cannot run: {missing}")
        pytest.skip(missing)


def check(documents):
    """{name: [message, ...]} for a {name: HTML} batch. A message is vnu's JSON message: `type` is
    "error", "non-document-error" or "info" (with `subType` "warning" for warnings)."""
    require_checker()
    found = {name: [] for name in documents}
    with tempfile.TemporaryDirectory(prefix="nu-") as folder:
        names = {}
        for number, (name, html) in enumerate(documents.items()):
            path = Path(folder, f"{number:04d}.html")
            path.write_text(html, encoding="utf-8")
            names[path.name] = name
        finished = subprocess.run(  # noqa: S603 (the pinned checker on the files above, no shell)
            [
                JAVA,
                "-jar",
                str(JAR),
                "--format",
                "json",
                "--exit-zero-always",
                *sorted(Path(folder).glob("*.html")),
            ],
            capture_output=True,
            text=True,
            check=True,
            timeout=300,
        )
    for message in json.loads(finished.stderr)["messages"]:
        name = names.get(message.get("url", "").rsplit("/", 1)[-1], "(the checker)")
        found.setdefault(name, []).append(message)
    return found


def errors(messages):
    return [m for m in messages if m["type"] in ("error", "non-document-error")]


def warnings(messages):
    return [m for m in messages if m["type"] == "info" and m.get("subType") == "warning"]


def describe(name, message):
    extract = message.get("extract", "").strip()[:80]
    return f"{name}, line {message.get('lastLine', '?')}: {message['message']} [{extract}]"


def tally(found, kind):
    """How many of each message of one kind (errors or warnings), for the figures in a failure."""
    return Counter(m["message"] for messages in found.values() for m in kind(messages))
