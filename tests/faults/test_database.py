"""PostgreSQL lost mid-request and mid-run: a real gunicorn whose database link the test cuts.

The server reaches PostgreSQL through a TCP proxy in this process (`CuttableLink`). Cutting it
resets every open connection and refuses new ones, as a database that crashed, restarted or
dropped off the network would; restoring it lets connections through again on the same port,
with no restart of the app server. Nothing in the app is patched.

What must hold: a form sent while the database is away, or whose write is cut while it runs,
gets the 503 page that says it was not received (never a 500, never a confirmation) and leaves no
row; public pages answer from the cache or with the 503 page; once the database is back the next
POST is stored and truthfully confirmed.

The server runs with DEBUG off, as in production: with DEBUG on, Django answers any uncaught
error with its technical 500 page and never calls the site's handler500, which is what turns a
lost database into the 503 page.
"""

import re
import secrets
import shutil
import socket
import tempfile
import threading
import urllib.parse

import pytest
from django.conf import settings
from django.db import connection, transaction

from appointments.models import OutgoingEmail, Request
from tests.appointments.conftest import URLS, valid_data
from tests.cms_pages import load_committed_demo
from tests.html import one
from tests.servers import Browser, Server, database_url
from tests.services import free_port, wait_for
from tests.site.production import manage_py

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="cuts the link between gunicorn and a PostgreSQL server (set DATABASE_URL=postgres://...)",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="tests.servers shares the test run's Redis with the server (set REDIS_URL=redis://...)",
    ),
]

RECEIVED = "/en/appointments/received/"
WAIT = 15  # seconds: the most any one step may take before the test fails instead of hanging


class CuttableLink:
    """A TCP proxy to PostgreSQL, listening on a port of its own, that can be cut and restored.

    cut(): every open connection is reset and the port refuses new ones (ECONNREFUSED, as with
    PostgreSQL stopped). restore(): the same port accepts again. Each connection is two threads
    copying bytes, so a query in flight is cut wherever it is.
    """

    def __init__(self, host, port):
        self.target = (host, port)
        self.port = free_port()
        self.lock = threading.Lock()
        self.pairs = set()
        self.listener = None
        self.threads = []
        self.accepted = 0
        self.restore()

    def restore(self):
        listener = socket.socket()
        # Connections cut a moment ago may still hold the port in TIME_WAIT.
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        # accept() wakes every 0.1 s to notice a cut: closing a socket from another thread does not
        # wake a thread blocked on it.
        listener.settimeout(0.1)
        with self.lock:
            self.listener = listener
        self.acceptor = self._start(self._accept, listener)

    def cut(self):
        with self.lock:
            listener, self.listener = self.listener, None
            pairs, self.pairs = self.pairs, set()
        if listener is not None:
            listener.close()  # from now on the port refuses connections
            # The port is free only once the accepting thread has let go of the socket.
            self.acceptor.join(timeout=5)
        for pair in pairs:
            self._reset(*pair)

    def close(self):
        self.cut()
        for thread in self.threads:
            thread.join(timeout=5)

    def _start(self, target, *args):
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        self.threads.append(thread)
        return thread

    def _accept(self, listener):
        while True:
            try:
                client, _ = listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return  # cut: the listener is closed
            try:
                upstream = socket.create_connection(self.target, timeout=5)
            except OSError:
                self._reset(client)
                continue
            client.settimeout(None)
            upstream.settimeout(None)
            with self.lock:
                if listener is not self.listener:  # cut while this one was being connected
                    self._reset(client, upstream)
                    return
                self.pairs.add((client, upstream))
                self.accepted += 1
            self._start(self._pump, client, upstream)
            self._start(self._pump, upstream, client)

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass  # reset by a cut, or by either end
        # One end closed its side: close the other, so neither waits on a half-open connection.
        with self.lock:
            pair = next((p for p in self.pairs if source in p), None)
            self.pairs.discard(pair)
        if pair:
            self._reset(*pair)

    @staticmethod
    def _reset(*sockets):
        for sock in sockets:
            try:
                # Close with an RST, not a FIN: the peer sees "connection reset", not a clean goodbye.
                sock.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
                sock.shutdown(socket.SHUT_RD)  # wakes the pump thread blocked in recv()
            except OSError:
                pass
            sock.close()


@pytest.fixture(scope="module")
def static_root():
    """Static files collected as a deploy does: with DEBUG off the site reads their manifest."""
    folder = tempfile.mkdtemp(prefix="mgh-faults-static-")
    done = manage_py("collectstatic", "--noinput", "-v0", STATIC_ROOT=folder)
    assert done.returncode == 0, done.stderr
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def link(transactional_db):
    db = connection.settings_dict
    proxy = CuttableLink(db["HOST"] or "127.0.0.1", int(db["PORT"] or 5432))
    yield proxy
    proxy.close()


@pytest.fixture
def server(transactional_db, link, static_root):
    """A gunicorn with production settings, on the demo site, reaching PostgreSQL through `link`."""
    load_committed_demo(doctors=5)

    parts = urllib.parse.urlsplit(database_url())
    credentials, at, _ = parts.netloc.rpartition("@")
    through_link = parts._replace(netloc=f"{credentials}{at}127.0.0.1:{link.port}").geturl()
    private = tempfile.mkdtemp(prefix="mgh-faults-private-")
    started = Server(
        "db-faults",
        DATABASE_URL=through_link,
        DJANGO_DEBUG="false",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        # Plain HTTP on 127.0.0.1: no HTTPS redirect, and cookies a browser sends back over HTTP.
        DJANGO_SECURE_SSL_REDIRECT="false",
        DJANGO_SECURE_COOKIES="false",
        DJANGO_SECURE_HSTS_SECONDS="0",
        STATIC_ROOT=static_root,
        PRIVATE_MEDIA_ROOT=private,
        APPOINTMENTS_RATE_LIMIT="0",  # every request here comes from 127.0.0.1
    )
    try:
        started.wait_until_ready()
        yield started
    finally:
        started.stop()
        shutil.rmtree(private, ignore_errors=True)


def form_data(browser, kind, **overrides):
    """GET the form (the database is up) and return what a visitor would POST: (name, value) pairs."""
    status, html, _ = browser.request(URLS[kind])
    assert status == 200, f"GET {URLS[kind]}: {status}\n{browser.server.logs()}"
    key = one(html, 'input[name="submission_key"]').get("value")
    data = valid_data(kind, key, first_name=visitor(kind), **overrides)
    return [
        (name, v) for name, value in data.items() for v in (value if isinstance(value, list) else [value])
    ]


def visitor(kind):
    """The first name the visitor of form `kind` gives, to find their row."""
    return "Fault" + kind.title().replace("_", "")


def assert_not_received(answer, server):
    status, body, headers = answer
    assert status == 503, f"expected the 503 page, got {status}\n{body[:1500]}\n{server.logs()}"
    assert "data-service-unavailable" in body
    assert "we have not received it" in body
    assert "appointment_received" not in (headers.get("Set-Cookie") or "")  # no confirmation
    assert headers["Retry-After"] == "30"


def assert_confirmed(browser, answer, first_name):
    """The POST was accepted, and the confirmation shows the reference of the row it stored."""
    status, body, headers = answer
    assert (status, headers.get("Location")) == (302, RECEIVED), f"{status}\n{body[:1500]}"
    stored = Request.objects.get(first_name=first_name)
    page = browser.get(RECEIVED)
    assert f"data-reference>{stored.reference}<" in page
    return stored


def served_statuses(server):
    """Every status the server's request log shows (one JSON line per request, DEBUG off)."""
    return [int(status) for status in re.findall(r'"status": (\d{3})', server.logs())]


def server_sessions(waiting_on_a_lock=False):
    """Sessions on the test database other than this process's own: the server's, through `link`."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
            "AND (NOT %s OR wait_event_type = 'Lock')",
            [waiting_on_a_lock],
        )
        return cursor.fetchone()[0]


def waiting_pids():
    """The server sessions waiting on a lock, by process id (only the cut INSERT's, in the test)."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
            "AND state <> 'idle' AND (wait_event_type = 'Lock' OR query ILIKE 'INSERT%%')"
        )
        return {pid for (pid,) in cursor.fetchall()}


def test_forms_sent_while_the_database_is_away_get_the_503_page_and_are_stored_once_it_is_back(server, link):
    browser = Browser(server)
    forms = {kind: form_data(browser, kind) for kind in URLS}

    link.cut()
    for kind, data in forms.items():
        assert_not_received(browser.request(URLS[kind], data), server)
        # Sent again while it is still away (the visitor tries once more): the same answer.
        assert_not_received(browser.request(URLS[kind], data), server)

    link.restore()  # the same server, not restarted
    assert not Request.objects.exists()
    assert not OutgoingEmail.objects.exists()
    for kind, data in forms.items():
        # The very form that was refused, sent again: taken now, and only once.
        assert_confirmed(browser, browser.request(URLS[kind], data), visitor(kind))
    assert Request.objects.count() == 3
    assert 500 not in served_statuses(server), server.logs()


def test_a_connection_lost_between_the_form_and_its_post_is_replaced_without_an_error(server, link):
    browser = Browser(server)
    data = form_data(browser, "appointment")  # the worker keeps this connection open (CONN_MAX_AGE)
    connected = link.accepted

    link.cut()  # PostgreSQL restarts between the visitor's GET and POST
    link.restore()
    # The worker's health check finds its connection dead and opens another: the visitor sees
    # nothing of it.
    assert_confirmed(browser, browser.request(URLS["appointment"], data), visitor("appointment"))
    assert link.accepted > connected
    assert 500 not in served_statuses(server), server.logs()


def test_a_write_cut_while_its_query_runs_gets_the_503_page_and_leaves_no_row(server, link):
    browser = Browser(server)
    data = form_data(browser, "appointment")
    answers = []
    post = threading.Thread(
        target=lambda: answers.append(browser.request(URLS["appointment"], data)), daemon=True
    )

    with transaction.atomic():
        # SHARE mode lets reads through and holds back writes: the POST passes its SELECTs and
        # waits inside its transaction, at the INSERT, for as long as this lock is held.
        with connection.cursor() as cursor:
            cursor.execute("LOCK TABLE appointments_request IN SHARE MODE")
        post.start()
        wait_for("the INSERT to wait", lambda: server_sessions(waiting_on_a_lock=True) == 1, WAIT)
        inserting = waiting_pids()
        link.cut()  # the write is in flight, its transaction open
        post.join(timeout=WAIT)
        assert not post.is_alive(), "the POST is still waiting after its connection was cut"
    # The lock is gone: the orphaned PostgreSQL session ends its INSERT, finds its client gone and
    # rolls back; wait for it to go before counting rows.
    wait_for("the cut session to end", lambda: not waiting_pids() & inserting, WAIT)

    assert_not_received(answers[0], server)
    assert not Request.objects.exists()
    assert not OutgoingEmail.objects.exists()

    link.restore()
    assert_confirmed(browser, browser.request(URLS["appointment"], data), visitor("appointment"))
    assert Request.objects.count() == 1
    assert 500 not in served_statuses(server), server.logs()


PUBLIC = ["/en/", "/en/find-a-doctor/", "/en/find-a-location/", "/en/appointments/", "/es/"]
NEVER_VISITED = ["/en/find-a-doctor/?q=heart", "/en/search/?q=parking", "/en/appointments/request/"]


def test_public_pages_while_the_database_is_away_answer_from_the_cache_or_with_the_503_page(server, link):
    anonymous = Browser(server, cookies=False)
    for path in PUBLIC:
        anonymous.get(path)  # each is now in the page cache
        anonymous.get(path)

    link.cut()
    answers = {path: anonymous.request(path) for path in PUBLIC + NEVER_VISITED}
    for path, (status, body, _) in answers.items():
        assert status in (200, 503), f"{path}: {status}\n{body[:1500]}\n{server.logs()}"
        if status == 503:
            assert "data-service-unavailable" in body, path
    assert answers["/en/"][0] == 200  # a page anybody gets alike, from the cache
    assert answers["/en/search/?q=parking"][0] == 503  # has to ask the database

    link.restore()
    for path in PUBLIC + NEVER_VISITED:
        anonymous.get(path)
    assert 500 not in served_statuses(server), server.logs()
