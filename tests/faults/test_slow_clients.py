"""Slow clients cannot starve the site, and a body over its route's limit is refused before it is read.

Real processes and sockets: a gunicorn started with mgh_site/gunicorn.conf.py (2 workers, its own
threads), and nginx from Debian with deploy/nginx/mgh-proxy.conf in front of it. The slow clients
send their headers, or their body, a byte every couple of seconds, as a client on a bad line (or
one doing it on purpose) would.

On SQLite the servers get an empty database of their own: what needs no table (/healthz, a
refused body) is tested on both; pages and forms only on PostgreSQL.
"""

import contextlib
import os
import re
import select
import shutil
import socket
import subprocess
import tempfile
import threading
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.cms_pages import load_committed_demo
from tests.html import one
from tests.servers import ROOT, Server, end_process, free_port, multipart

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
WORKERS = 2
# The bound that tells "answered" from "starved": generous, since the point is not speed.
PROMPT = 5.0
MB = 1024 * 1024
FORM = "/en/appointments/request/"
SECOND_OPINION = "/en/appointments/second-opinion/"
# The test database must exist for the server to share it (pytest-django makes it for tests that
# ask for one); each test's own transaction is rolled back, the demo site the server reads is not.
pytestmark = pytest.mark.django_db
on_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="pages and forms need the demo site in a database the server shares (set DATABASE_URL=postgres://...)",
)


# --- Raw HTTP over sockets: every wait is bounded -----------------------------------------------


def read_response(sock, seconds=PROMPT):
    """(status, headers, body) of the response on `sock`, read within `seconds`."""
    deadline = time.monotonic() + seconds
    data = b""
    while b"\r\n\r\n" not in data:
        data += _recv(sock, deadline)
    head, _, body = data.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split()[1])
    headers = {}
    for name, _, value in (line.partition(":") for line in lines[1:]):
        headers[name.lower()] = ", ".join(filter(None, [headers.get(name.lower()), value.strip()]))
    length = int(headers.get("content-length", 0))
    while len(body) < length:
        body += _recv(sock, deadline)
    return status, headers, body.decode(errors="replace")


def _recv(sock, deadline):
    remaining = deadline - time.monotonic()
    assert remaining > 0, "no complete response in time"
    sock.settimeout(remaining)
    chunk = sock.recv(65536)
    assert chunk, "connection closed before a complete response"
    return chunk


def timed_get(address, path, seconds=PROMPT):
    """(status, seconds taken) of a GET on a new connection."""
    started = time.monotonic()
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=seconds) as sock:
        sock.sendall(f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode())
        try:
            status, _, _ = read_response(sock, seconds)
        except (AssertionError, TimeoutError) as error:
            pytest.fail(f"GET {path}: no answer within {seconds} s ({error})")
    return status, time.monotonic() - started


class SlowClients:
    """Connections that send their request a byte every `interval` seconds and never finish it.

    kinds: "headers" (the headers never end), "body" (a form POST whose body never ends, with a
    CSRF cookie so that Django reads it), "chunked" (the same, chunked).
    """

    STARTS = {
        "headers": "GET /en/ HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ",
        "body": (
            f"POST {FORM} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            f"Cookie: csrftoken={'a' * 32}\r\nContent-Length: 100000\r\n\r\nname="
        ),
        "chunked": (
            f"POST {FORM} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\n\r\n"
        ),
    }
    TRICKLE = {"headers": b"a", "body": b"a", "chunked": b"1\r\na\r\n"}

    def __init__(self, address, kinds, interval=2.0, longest=90.0):
        self.address, self.kinds, self.interval, self.longest = address, kinds, interval, longest
        self.sockets = []
        self.stopped = threading.Event()
        self.thread = threading.Thread(target=self._trickle, daemon=True)

    def __enter__(self):
        host, port = self.address.split(":")
        for kind in self.kinds:
            sock = socket.create_connection((host, int(port)), timeout=5)
            sock.sendall(self.STARTS[kind].encode())
            self.sockets.append((kind, sock))
        self.thread.start()
        time.sleep(1.5)  # the server has taken them all (read the first bytes, or deferred them)
        return self

    def _trickle(self):
        deadline = time.monotonic() + self.longest
        while not self.stopped.wait(self.interval) and time.monotonic() < deadline:
            for kind, sock in self.sockets:
                with contextlib.suppress(OSError):
                    sock.sendall(self.TRICKLE[kind])

    def __exit__(self, *exc):
        self.stopped.set()
        self.thread.join(timeout=10)
        for _, sock in self.sockets:
            sock.close()


def send_headers_only(address, path, content_length):
    """Announce a body of `content_length` bytes, send none of it, and read the answer."""
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=PROMPT) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\n"
            f"Content-Length: {content_length}\r\n\r\n".encode()
        )
        return read_response(sock)


def send_chunked(address, path, most=64 * MB):
    """POST a chunked body of up to `most` bytes, stopping when the server answers or hangs up.

    Returns (status, headers, body, bytes sent).
    """
    host, port = address.split(":")
    chunk = b"a" * (256 * 1024)
    framed = f"{len(chunk):x}\r\n".encode() + chunk + b"\r\n"
    sent = 0
    with socket.create_connection((host, int(port)), timeout=PROMPT) as sock:
        sock.sendall(
            f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/x-www-form-urlencoded\r\n"
            "Transfer-Encoding: chunked\r\n\r\n".encode()
        )
        sock.settimeout(1)
        try:
            # As a browser would, stop sending once the server has answered.
            while sent < most and not select.select([sock], [], [], 0)[0]:
                sock.sendall(framed)
                sent += len(chunk)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # refused mid-way: the server stopped reading, or closed the connection
        return (*read_response(sock), sent)


# --- The servers ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def server(django_db_setup, django_db_blocker):
    """gunicorn as `make serve` runs it (its worker class and threads), on the demo site."""
    if connection.vendor == "postgresql":
        with django_db_blocker.unblock():
            load_committed_demo(doctors=0)
    started = Server("slow-clients", WEB_CONCURRENCY=str(WORKERS), GUNICORN_THREADS=None)
    try:
        started.wait_until_ready()
        yield started
    finally:
        started.stop()


class Nginx:
    """nginx in front of a server, with the production rules (deploy/nginx/mgh-proxy.conf)."""

    def __init__(self, upstream):
        self.folder = Path(tempfile.mkdtemp(prefix="mgh-nginx-"))
        self.address = f"127.0.0.1:{free_port()}"
        for temp in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
            (self.folder / temp).mkdir()
        # Run as root (CI), nginx's workers would otherwise become "nobody", who may not write here.
        user = "user root;" if os.geteuid() == 0 else ""
        self.stderr = (self.folder / "error.log").open("ab")  # what nginx says before reading its config
        (self.folder / "nginx.conf").write_text(
            f"""{user}
worker_processes 1;
error_log {self.folder}/error.log warn;
pid {self.folder}/nginx.pid;
events {{ worker_connections 512; }}
http {{
    access_log off;
    client_body_temp_path {self.folder}/body;
    proxy_temp_path {self.folder}/proxy;
    fastcgi_temp_path {self.folder}/fastcgi;
    uwsgi_temp_path {self.folder}/uwsgi;
    scgi_temp_path {self.folder}/scgi;
    upstream mgh_app {{ server {upstream.address}; }}
    server {{
        listen {self.address};
        include {ROOT}/deploy/nginx/mgh-proxy.conf;
    }}
}}
"""
        )
        self.process = subprocess.Popen(  # noqa: S603
            [NGINX, "-p", str(self.folder), "-c", str(self.folder / "nginx.conf"), "-g", "daemon off;"],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=self.stderr,
        )
        deadline = time.monotonic() + 10
        while True:
            assert self.process.poll() is None, f"nginx exited:\n{self.logs()}"
            with contextlib.suppress(OSError):
                socket.create_connection(self.address.split(":"), timeout=1).close()
                break
            assert time.monotonic() < deadline, f"nginx not up in 10 s:\n{self.logs()}"
            time.sleep(0.1)

    def logs(self):
        log = self.folder / "error.log"
        return log.read_text(errors="replace") if log.exists() else ""

    def stop(self):
        end_process(self.process)
        self.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def proxy(server):
    if not os.path.exists(NGINX):
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"CI=true but no nginx at {NGINX}: install it with 'apt-get install -y nginx-light'.")
        pytest.skip("nginx is not installed: 'sudo apt-get install -y nginx-light'")
    started = Nginx(server)
    try:
        yield started
    finally:
        started.stop()


# --- Slow clients --------------------------------------------------------------------------------


def slow_mix():
    # More slow clients than workers (as few as three held every sync worker), each kind of them;
    # a slow body is read by the form only where the form exists (PostgreSQL).
    return ["headers", "chunked", "body" if connection.vendor == "postgresql" else "headers"]


def test_slow_clients_do_not_starve_the_health_check(server):
    with SlowClients(server.address, slow_mix()):
        for _ in range(3):
            status, took = timed_get(server.address, "/healthz")
            assert status == 200
            assert took < PROMPT, f"/healthz took {took:.1f} s\n{server.logs()}"


@on_postgresql
def test_slow_clients_do_not_starve_pages(server):
    with SlowClients(server.address, slow_mix()):
        for path in ("/en/", "/en/find-a-doctor/", "/es/"):
            status, took = timed_get(server.address, path)
            assert status == 200, path
            assert took < PROMPT, f"{path} took {took:.1f} s\n{server.logs()}"


def test_proxy_keeps_serving_with_more_slow_clients_than_the_app_has_threads(server, proxy):
    # 2 workers of 4 threads: 24 slow clients would hold every thread of a gunicorn met directly.
    kinds = ["headers", "chunked", "body" if connection.vendor == "postgresql" else "headers"] * 8
    with SlowClients(proxy.address, kinds):
        paths = ["/healthz"] + (["/en/"] if connection.vendor == "postgresql" else [])
        for path in paths:
            status, took = timed_get(proxy.address, path)
            assert status == 200, f"{path}: {status}\n{proxy.logs()}"
            assert took < PROMPT, f"{path} took {took:.1f} s through nginx"


# --- Bodies over the limit -----------------------------------------------------------------------


def assert_refused_page(status, headers, body, language):
    assert status == 413
    assert headers["cache-control"] == "no-store"
    assert f'<html lang="{language}">' in body
    if language == "es":
        assert "Lo que envió es demasiado grande" in body
    else:
        assert "What you sent is too large" in body


@pytest.mark.parametrize(
    ("path", "language", "limit_mb"),
    [(FORM, "en", 5), (SECOND_OPINION, "en", 55), ("/es/appointments/second-opinion/", "es", 55)],
)
def test_body_announced_over_its_limit_is_refused_before_it_is_sent(server, path, language, limit_mb):
    status, headers, body = send_headers_only(server.address, path, 200 * MB)
    assert_refused_page(status, headers, body, language)
    assert f"{limit_mb} MB" in body


def test_chunked_body_over_the_limit_is_cut_off(server):
    status, headers, body, sent = send_chunked(server.address, FORM)
    assert_refused_page(status, headers, body, "en")
    assert sent < 64 * MB, "the whole body was taken"


def test_proxy_refuses_a_body_over_its_limit_with_the_sites_page(proxy):
    status, headers, body = send_headers_only(proxy.address, "/es/appointments/second-opinion/", 200 * MB)
    assert_refused_page(status, headers, body, "es")
    assert "55 MB" in body
    status, headers, body, sent = send_chunked(proxy.address, FORM)
    assert_refused_page(status, headers, body, "en")
    assert sent < 64 * MB


# --- Bodies within the limit ---------------------------------------------------------------------


@on_postgresql
@pytest.mark.parametrize("through", ["gunicorn", "nginx"])
def test_second_opinion_within_its_limit_reaches_the_form(server, proxy, through):
    address = server.address if through == "gunicorn" else proxy.address
    host, port = address.split(":")
    with socket.create_connection((host, int(port)), timeout=PROMPT) as sock:
        sock.sendall(
            f"GET {SECOND_OPINION} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".encode()
        )
        status, headers, page = read_response(sock)
    assert status == 200
    cookie = re.search(r"csrftoken=([A-Za-z0-9]+)", headers["set-cookie"]).group(1)
    token = one(page, 'input[name="csrfmiddlewaretoken"]').get("value")
    # Over the 5 MB of other routes, under the 55 MB of this one: the form reads the file and says
    # what is wrong with it (not a PDF, JPEG or PNG), beside the fields left empty.
    content_type, body = multipart(
        [("csrfmiddlewaretoken", token)],
        [("records", "scan.txt", "application/octet-stream", b"x" * (6 * MB))],
    )
    with socket.create_connection((host, int(port)), timeout=PROMPT) as sock:
        sock.sendall(
            f"POST {SECOND_OPINION} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            f"Cookie: csrftoken={cookie}\r\nContent-Type: {content_type}\r\n"
            f"Content-Length: {len(body)}\r\n\r\n".encode()
        )
        sock.sendall(body)
        status, _, page = read_response(sock, seconds=30)
    assert status == 400, page[:2000]  # the form's answer to fields in error
    assert "data-error-summary" in page
    assert "“scan.txt” is not a PDF, JPEG or PNG file" in page
