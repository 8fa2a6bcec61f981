"""Real app servers for tests: gunicorn processes on the test run's database, and a client for them.

Used by the tests that need more than Django's test client can show: two servers sharing one
database and one Redis (tests/site/test_two_servers.py), and servers whose Redis, database or
clients misbehave (tests/faults/).
"""

import io
import os
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from http.cookiejar import CookieJar
from pathlib import Path

from django.conf import settings
from django.db import connection

from tests.services import free_port
from tests.staff import code_step, current_code, password_step

ROOT = Path(__file__).resolve().parents[1]


def database_url():
    """The URL of the database this test run uses (pytest-django's test_... database).

    None on SQLite, whose test database lives in this process's memory: a server then gets an
    empty SQLite file of its own, enough for what needs no table (/healthz, /readyz, a refused body).
    """
    if connection.vendor != "postgresql":
        return None
    db = connection.settings_dict
    user = urllib.parse.quote(db["USER"] or "", safe="")
    password = urllib.parse.quote(db["PASSWORD"] or "", safe="")
    credentials = f"{user}:{password}@" if password else (f"{user}@" if user else "")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{credentials}{db['HOST'] or ''}{port}/{db['NAME']}"


def end_process(process):
    """Stop a process the test started: politely, then for sure after 10 s."""
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a 302 is an answer to look at, not to follow


class Browser:
    """One visitor (with cookies) or one anonymous fetcher (without) talking to one server.

    Cookies are kept by host name, not port: both servers are 127.0.0.1, so each browser talks to
    one server only, and anything carried from one to the other is carried by hand.
    """

    def __init__(self, server, cookies=True):
        self.server = server
        self.jar = CookieJar() if cookies else None
        handlers = [NoRedirect()] + ([urllib.request.HTTPCookieProcessor(self.jar)] if cookies else [])
        self.opener = urllib.request.build_opener(*handlers)

    def cookie(self, name):
        return next((c.value for c in self.jar if c.name == name), None)

    def request(self, path, data=None, headers=None):
        """(status, body, headers) of a GET, or of a POST of `data` with the CSRF token added."""
        if data is not None:
            pairs = list(data.items()) if isinstance(data, dict) else list(data)
            if not any(name == "csrfmiddlewaretoken" for name, _ in pairs):
                pairs.append(("csrfmiddlewaretoken", self.cookie("csrftoken")))
            data = urllib.parse.urlencode(pairs).encode()
        url = self.server.url + path  # always http://127.0.0.1:<port>/...
        request = urllib.request.Request(url, data=data, headers=headers or {})  # noqa: S310
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode(), response.headers
        except urllib.error.HTTPError as error:
            with error:
                return error.code, error.read().decode(errors="replace"), error.headers

    def get(self, path, **kwargs):
        status, body, _ = self.request(path, **kwargs)
        assert status == 200, f"GET {path} on {self.server.name}: {status}\n{self.server.logs()}"
        return body

    def log_in(self, username, password, device):
        """Through the login form: the password, then the current code of the user's TOTP `device`."""
        self.get("/en/admin/login/")  # sets the CSRF cookie
        status, body, _ = self.request("/en/admin/login/", password_step(username, password, "/en/admin/"))
        assert status == 200 and "token-otp_token" in body, (
            f"password on {self.server.name}: {status}\n{body[:2000]}\n{self.server.logs()}"
        )
        status, body, headers = self.request(
            "/en/admin/login/", {**code_step(current_code(device)), "next": "/en/admin/"}
        )
        assert (status, headers.get("Location")) == (302, "/en/admin/"), (
            f"login on {self.server.name}: {status}\n{body[:2000]}\n{self.server.logs()}"
        )
        assert self.cookie("sessionid")


class Server:
    """A gunicorn process serving the site with production settings, on the test run's data."""

    def __init__(self, name, **env_overrides):
        """`env_overrides`: variables for the server; one given as None is left unset."""
        self.name = name
        self.address = f"127.0.0.1:{free_port()}"
        self.url = f"http://{self.address}"
        self.log = tempfile.NamedTemporaryFile(prefix=f"mgh-server-{name}-", suffix=".log")  # noqa: SIM115
        self.sqlite = None if database_url() else tempfile.NamedTemporaryFile(suffix=".sqlite3")  # noqa: SIM115
        env = {
            **os.environ,
            # pytest-django has set mgh_site.settings_test here: the servers run the real settings.
            "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
            # DEBUG on serves static files from the apps' folders: no collectstatic (5 s) needed.
            # Nothing checked here depends on it: caches, sessions and the database are configured
            # the same way with DEBUG on or off.
            "DJANGO_DEBUG": "true",
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1",
            "DATABASE_URL": database_url() or f"sqlite:///{self.sqlite.name}",
            "REDIS_URL": settings.REDIS_URL,
            "CACHE_KEY_PREFIX": settings.CACHES["default"].get("KEY_PREFIX", "mgh"),
            # One worker: the very process that cached a page must show its new version (with two,
            # the other worker, which never cached it, could answer and hide a stale copy).
            "WEB_CONCURRENCY": "1",
            "GUNICORN_THREADS": "1",
            # Pages B keeps in its own memory go stale only by the news of the change (pub/sub),
            # not by its periodic check of the versions in Redis.
            "DJANGO_NEAR_CACHE_VERIFY_SECONDS": "3600",
            **env_overrides,
        }
        env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # set by the browser tests for themselves
        env = {key: value for key, value in env.items() if value is not None}
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603
            [str(gunicorn), "mgh_site.wsgi", "-c", "mgh_site/gunicorn.conf.py", "--bind", self.address],
            cwd=ROOT,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )

    def logs(self):
        return f"--- server {self.name} ({self.url}) said:\n{Path(self.log.name).read_text(errors='replace')}"

    def wait_until_ready(self, seconds=20):
        deadline = time.monotonic() + seconds
        while True:
            assert self.process.poll() is None, f"server {self.name} exited\n{self.logs()}"
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=2) as response:  # noqa: S310
                    if response.status == 200:
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, f"server {self.name} not up in {seconds} s\n{self.logs()}"
            time.sleep(0.1)
        # /healthz needs neither; /readyz proves the server reaches the database and Redis.
        status, body, _ = Browser(self, cookies=False).request("/readyz")
        assert status == 200, f"server {self.name} not ready: {body}\n{self.logs()}"

    def stop(self):
        end_process(self.process)
        self.log.close()
        if self.sqlite:
            self.sqlite.close()


def multipart(fields, files):
    """A multipart/form-data body, as a browser sends a form with files: (content type, body).

    `fields`: (name, value) pairs; `files`: (field name, file name, content type, content) tuples."""
    boundary = uuid.uuid4().hex
    body = io.BytesIO()
    for name, value in fields:
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode()
        )
    for name, filename, content_type, content in files:
        body.write(
            f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
            f"Content-Type: {content_type}\r\n\r\n".encode()
            + content
            + b"\r\n"
        )
    body.write(f"--{boundary}--\r\n".encode())
    return f"multipart/form-data; boundary={boundary}", body.getvalue()
