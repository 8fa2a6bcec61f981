"""The supply chain: production installs requirements.lock alone, every file checked against its hash,
and neither it nor the site needs a test, lint or demo tool (those are in requirements-dev.lock)."""

import http.server
import importlib.metadata
import importlib.util
import json
import os
import re
import subprocess
import sys
import threading
import tomllib

import pytest
from django.core.management import CommandError, call_command
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

from .production import ROOT, manage_py

RUNTIME_LOCK = ROOT / "requirements.lock"
DEV_LOCK = ROOT / "requirements-dev.lock"
DEV_ONLY = {
    "pytest", "pytest-django", "pytest-playwright", "playwright", "axe-playwright-python", "ruff",
    "bandit", "faker", "factory-boy", "detect-secrets", "pip-audit", "pip-tools",
}  # fmt: skip
PIN = re.compile(r"(?P<name>[A-Za-z0-9][A-Za-z0-9._-]*)==(?P<version>[^\s;]+)")


def locked(path):
    """{package: (version, hashes)} of a lock made by `make lock`; fails on anything else in it."""
    packages = {}
    for line in path.read_text().replace("\\\n", " ").splitlines():
        line = line.partition("#")[0].strip()
        if not line:
            continue
        requirement, *options = line.split()
        pin = PIN.fullmatch(requirement)
        assert pin, f"{path.name}: {requirement!r} is not pinned to one version"
        hashes = [option.removeprefix("--hash=") for option in options]
        assert options and all(option.startswith("--hash=sha256:") for option in options), (
            f"{path.name}: {requirement} has no hash, or an option other than --hash: {options}"
        )
        name = canonicalize_name(pin["name"])
        assert name not in packages, f"{path.name}: {name} twice"
        packages[name] = (pin["version"], hashes)
    return packages


def pyproject():
    return tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]


def test_the_runtime_lock_holds_no_test_lint_or_demo_tool():
    runtime = locked(RUNTIME_LOCK)
    assert "django" in runtime and "gunicorn" in runtime
    assert not DEV_ONLY & runtime.keys()
    assert locked(DEV_LOCK).keys() >= DEV_ONLY


def test_the_dev_lock_repeats_every_runtime_pin_and_hash_exactly():
    # So the laptop and CI test the very files production installs.
    runtime, dev = locked(RUNTIME_LOCK), locked(DEV_LOCK)
    assert {name: dev.get(name) for name in runtime} == runtime


def test_the_locks_hold_what_pyproject_asks_for_at_versions_it_allows():
    # Fails when pyproject.toml changed and `make lock` was not run.
    project = pyproject()
    for path, requirements in [
        (RUNTIME_LOCK, project["dependencies"]),
        (DEV_LOCK, [r for group in project["optional-dependencies"].values() for r in group]),
    ]:
        packages = locked(path)
        for requirement in map(Requirement, requirements):
            name = canonicalize_name(requirement.name)
            assert name in packages, f"{path.name} lacks {name}: run `make lock`"
            version = packages[name][0]
            assert requirement.specifier.contains(version, prereleases=True), (
                f"{path.name} pins {name}=={version}, outside {requirement}: run `make lock`"
            )


def test_production_passes_check_deploy_without_any_development_package(tmp_path):
    # Every module that only the dev lock brings is made unimportable in manage.py's process (by a
    # sitecustomize), as on a production server; check --deploy loads every app, model and URL.
    runtime = locked(RUNTIME_LOCK).keys()
    hidden = sorted(
        module
        for module, distributions in importlib.metadata.packages_distributions().items()
        if not {canonicalize_name(d) for d in distributions} & runtime
        and module not in {"pip", "setuptools", "pkg_resources", "_distutils_hack"}  # a venv has them
    )
    assert {"faker", "factory", "pytest", "playwright", "bandit", "pip_audit", "piptools"} <= set(hidden)
    (tmp_path / "sitecustomize.py").write_text(f"import sys\nsys.modules.update(dict.fromkeys({hidden!r}))\n")
    result = manage_py(
        "check", "--deploy", PYTHONPATH=str(tmp_path), DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}"
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_load_demo_says_what_to_install_when_faker_is_missing(monkeypatch):
    monkeypatch.setitem(sys.modules, "faker", None)  # as on a production server
    with pytest.raises(CommandError, match=r"load_demo needs Faker.*make install"):
        call_command("load_demo")


class StandInOSV(http.server.BaseHTTPRequestHandler):
    """Answers pip-audit's OSV queries: Django 4.2.0 has one known vulnerability, nothing else has."""

    def do_POST(self):
        query = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        found = {}
        if (query["package"]["name"].lower(), query["version"]) == ("django", "4.2.0"):
            found = {"vulns": [{
                "id": "PYSEC-2023-100", "modified": "2023-07-03T00:00:00Z", "details": "ReDoS",
                "affected": [{
                    "package": {"name": "django", "ecosystem": "PyPI"},
                    "ranges": [{"type": "ECOSYSTEM", "events": [{"introduced": "4.2"}, {"fixed": "4.2.3"}]}],
                }],
            }]}  # fmt: skip
        body = json.dumps(found).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def osv_url():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), StandInOSV)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/v1/query"
    server.shutdown()
    server.server_close()


def audit(tmp_path, pins, osv_url, mode=None):
    """deploy/audit_lock.py on a lock of `pins` (the hashes are not checked: nothing is downloaded)."""
    lock = tmp_path / "audited.lock"
    lock.write_text("".join(f"{pin} \\\n    --hash=sha256:{'0' * 64}\n" for pin in pins))
    env = {**os.environ, "PIP_AUDIT_ARGS": f"--vulnerability-service osv --osv-url {osv_url}"}
    env.pop("PIP_AUDIT", None)
    if mode:
        env["PIP_AUDIT"] = mode
    return subprocess.run(  # noqa: S603 (this interpreter, this project's script)
        [sys.executable, ROOT / "deploy" / "audit_lock.py", lock], env=env, capture_output=True, text=True
    )


def test_the_audit_fails_on_a_known_vulnerability_and_names_the_fix(tmp_path, osv_url):
    for mode in (None, "if-reachable"):
        result = audit(tmp_path, ["Django==4.2.0", "sqlparse==0.6.1"], osv_url, mode)
        assert result.returncode == 1
        assert "django 4.2.0: PYSEC-2023-100 (fixed in 4.2.3)" in result.stderr
    result = audit(tmp_path, ["Django==5.2.19", "sqlparse==0.6.1"], osv_url)
    assert result.returncode == 0, result.stderr
    assert "No known vulnerability in the 2 packages" in result.stdout


def test_an_audit_that_could_not_run_fails_and_says_so_unless_told_otherwise(tmp_path):
    unreachable = "http://127.0.0.1:9/v1/query"  # the discard port: nothing answers there
    result = audit(tmp_path, ["Django==4.2.0"], unreachable)
    assert result.returncode == 1
    assert f"The vulnerability audit of {tmp_path / 'audited.lock'} could not run" in result.stderr
    assert "PIP_AUDIT=skip make lint" in result.stderr
    result = audit(tmp_path, ["Django==4.2.0"], unreachable, mode="if-reachable")
    assert result.returncode == 0
    assert "WARNING: The vulnerability audit" in result.stdout and "could NOT run" in result.stdout
    result = audit(tmp_path, ["Django==4.2.0"], unreachable, mode="skip")
    assert result.returncode == 0
    assert "was SKIPPED (PIP_AUDIT=skip)" in result.stdout


def test_skipped_packages_are_a_failed_audit_not_a_clean_one():
    # What pip-audit reports (and exits 0 on) where PyPI's vulnerability data is out of reach.
    report = {
        "dependencies": [{"name": "django", "skip_reason": "Dependency not found on PyPI"}],
        "fixes": [],
    }
    status, message = audit_lock().verdict(report, "requirements.lock", "required")
    assert status == 1
    assert message.startswith("The vulnerability audit of requirements.lock could not run: 1 of 1 packages")


def audit_lock():
    spec = importlib.util.spec_from_file_location("audit_lock", ROOT / "deploy" / "audit_lock.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module
