"""Error reports reach Sentry with the error and nothing of the patient's.

A real gunicorn runs the site with SENTRY_DSN pointing at a stand-in for Sentry in this process
(an HTTP server recording every envelope the SDK posts). A visitor sends a second-opinion request
with a medical record while the folder for records is not a folder (a disk that was not mounted,
a deploy that put a file in its place): saving the record fails and the visitor gets a 500. The
report must arrive, name the exception and the code it came from, and hold none of what was sent:
names, date of birth, phone, e-mail, the reason, the file, the query string, the cookies, the
headers that could identify the visitor. Each secret is searched for in every byte of every
envelope, decompressed, so a field the SDK adds that our allow-list missed shows up here.

The server test needs PostgreSQL: the server must share the test's database to serve the demo
pages the forms are hooked onto. The second test runs manage.py with a DSN on any database: what
is logged (the values of a message, a message with its values written in, the SQL parameters and
log lines before the error, an exception's message) reaches no report either.
"""

import gzip
import json
import threading
import time
import urllib.error
import urllib.request
import uuid
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from django.db import connection

from appointments.models import Request
from tests.appointments.conftest import URLS, valid_data
from tests.cms_pages import load_committed_demo
from tests.html import one
from tests.servers import Browser, Server, multipart
from tests.site.production import manage_py

needs_postgresql = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="the server must share the test's database (set DATABASE_URL=postgres://...)",
)

PROJECT, KEY = "4242", "fake-sentry-key"
WAIT = 15  # seconds

# What the visitor sends, each value found nowhere else in the site or the test.
PATIENT = {
    "first_name": "Zebulonia",
    "last_name": "Quillfeatherby",
    "date_of_birth": "1957-03-19",
    "phone": "617-555-0187",
    "email": "zeb.quill@leakcheck.example",
    "reason": "Tremors since the Vorpalmycin trial",
    "diagnosis": "Hypothetical Grelbin syndrome",
    "treating_doctor": "Dr Oswin Fennimore-Kettleby",
    "insurance": "Brightwater Mutual",
}
QUERY_VALUE = "Campaignxylophone42"
COOKIE_VALUE = "Cookiepreference77"
BEARER = "Bearertokenmarmalade9"
FORWARDED_FOR = "203.0.113.177"
USER_AGENT = "Leakcheckbrowser/9.1"
FILE_NAME = "Quillfeatherby-scan.pdf"
FILE_MARKER = b"Oncoscanvellumtext"
SECRETS = [
    *PATIENT.values(), "Zebulonia", "Quillfeatherby", "Vorpalmycin", "Grelbin", "Kettleby",
    "Brightwater", "03/19/1957", "1957, 3, 19", "555-0187", "5550187", "leakcheck.example",
    QUERY_VALUE, COOKIE_VALUE, BEARER, FORWARDED_FOR, USER_AGENT, FILE_NAME, FILE_MARKER.decode(),
]  # fmt: skip


class FakeSentry:
    """Stands in for Sentry (or GlitchTip): records every envelope POSTed to /api/<project>/envelope/,
    decompressed; anything else it is sent is kept apart, and fails the test."""

    def __init__(self):
        self.envelopes = []
        self.unexpected = []
        self.lock = threading.Lock()
        recorder = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                encoding = self.headers.get("Content-Encoding", "")
                with recorder.lock:
                    if self.path != f"/api/{PROJECT}/envelope/":
                        recorder.unexpected.append((self.path, body))
                    elif encoding == "gzip":
                        recorder.envelopes.append(gzip.decompress(body))
                    elif encoding == "deflate":
                        recorder.envelopes.append(zlib.decompress(body))
                    elif encoding in ("", "identity"):
                        recorder.envelopes.append(body)
                    else:  # one it cannot read (br): it could not be searched either
                        recorder.unexpected.append((f"{self.path} ({encoding})", body))
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.end_headers()
                self.wfile.write(b"{}")

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.dsn = f"http://{KEY}@127.0.0.1:{self.httpd.server_address[1]}/{PROJECT}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def events(self):
        """Every event item of every envelope so far, as parsed JSON."""
        with self.lock:
            envelopes = list(self.envelopes)
        return [json.loads(payload) for raw in envelopes for header, payload in envelope_items(raw)
                if header.get("type") == "event"]  # fmt: skip

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def envelope_items(raw):
    """(item header, payload bytes) of each item of a Sentry envelope: a JSON header line, then for
    each item a JSON header line and its payload (`length` bytes, or up to the next newline)."""
    _envelope_header, _, rest = raw.partition(b"\n")
    items = []
    while rest.strip():
        header_line, _, rest = rest.partition(b"\n")
        header = json.loads(header_line)
        if "length" in header:
            payload, rest = rest[: header["length"]], rest[header["length"] :].removeprefix(b"\n")
        else:
            payload, _, rest = rest.partition(b"\n")
        items.append((header, payload))
    return items


@pytest.fixture
def sentry():
    fake = FakeSentry()
    yield fake
    fake.close()


@pytest.fixture
def server(transactional_db, sentry, tmp_path):
    """A gunicorn reporting errors to `sentry`, whose folder for medical records is a file."""
    load_committed_demo(doctors=0)
    not_a_folder = tmp_path / "private-media"
    not_a_folder.write_text("a file where the records' folder should be\n")
    started = Server(
        "error-reports",
        SENTRY_DSN=sentry.dsn,
        SENTRY_ENVIRONMENT="fault-test",
        SENTRY_RELEASE="mgh-site@fault-test",
        PRIVATE_MEDIA_ROOT=str(not_a_folder),
        APPOINTMENTS_RATE_LIMIT="0",
    )
    try:
        started.wait_until_ready()
        yield started
    finally:
        started.stop()


def wait_for_event(sentry, server):
    deadline = time.monotonic() + WAIT
    while not (events := [e for e in sentry.events() if e.get("exception")]):
        assert time.monotonic() < deadline, f"no error report in {WAIT} s\n{server.logs()}"
        time.sleep(0.1)
    return events


@needs_postgresql
def test_an_error_report_names_the_error_and_carries_nothing_the_visitor_sent(server, sentry):
    browser = Browser(server)
    status, html, _ = browser.request(URLS["second_opinion"])
    assert status == 200, html[:2000]
    key = one(html, 'input[name="submission_key"]').get("value")
    token = browser.cookie("csrftoken")
    data = valid_data("second_opinion", key, **PATIENT) | {"csrfmiddlewaretoken": token}
    fields = [
        (name, v) for name, value in data.items() for v in (value if isinstance(value, list) else [value])
    ]
    record = b"%PDF-1.4\n% " + FILE_MARKER + b"\n%%EOF\n"
    content_type, body = multipart(fields, [("records", FILE_NAME, "application/pdf", record)])
    request_id = f"report-{uuid.uuid4().hex[:16]}"
    post = urllib.request.Request(  # noqa: S310 - http://127.0.0.1
        f"{server.url}{URLS['second_opinion']}?campaign={QUERY_VALUE}",
        data=body,
        headers={
            "Content-Type": content_type,
            "Cookie": f"csrftoken={token}; patient_pref={COOKIE_VALUE}",
            "Authorization": f"Bearer {BEARER}",
            "X-Forwarded-For": FORWARDED_FOR,
            "User-Agent": USER_AGENT,
            "X-Request-ID": request_id,
        },
    )
    with pytest.raises(urllib.error.HTTPError) as answer:
        urllib.request.urlopen(post, timeout=30)  # noqa: S310
    assert answer.value.code == 500, server.logs()
    assert not Request.objects.exists()  # the request's transaction was rolled back with its file

    events = wait_for_event(sentry, server)
    server.stop()  # every report still queued in the worker is flushed as it exits
    assert not sentry.unexpected, sentry.unexpected

    # Nothing of what the visitor sent, anywhere in anything the SDK posted.
    with sentry.lock:
        posted = b"\n".join(sentry.envelopes).lower()
    assert posted
    leaked = [secret for secret in [*SECRETS, token] if secret.lower().encode() in posted]
    assert not leaked, f"found in the error reports: {leaked}\n{posted.decode(errors='replace')[:5000]}"

    # ...yet the report says what broke, where, in which request and which release.
    (event,) = [e for e in sentry.events() if e.get("exception")]
    (exception,) = event["exception"]["values"]
    assert exception["type"] in ("FileExistsError", "NotADirectoryError"), exception
    frames = exception["stacktrace"]["frames"]
    assert any(f["module"] == "appointments.intake" and f["function"] == "receive" for f in frames), frames
    assert all("vars" not in frame for frame in frames)
    assert event["request"] == {"method": "POST", "url": URLS["second_opinion"]}
    assert event["tags"] == {"request_id": request_id}
    assert (event["environment"], event["release"]) == ("fault-test", "mgh-site@fault-test")
    assert events[0]["event_id"] == event["event_id"]


# Run in a manage.py process of its own (the site's settings, a DSN, an empty SQLite file): what
# code anywhere in the site might log, with a patient's details in it.
LOGGING_CODE = """
import logging
from django.db import connection

log = logging.getLogger("appointments.intake")
log.info("Checked in %s", "Zebulonia")  # a breadcrumb
with connection.cursor() as cursor:
    cursor.execute("SELECT %s", ["Quillfeatherby"])  # a breadcrumb, with a parameter
log.error("Could not take the request of %s", "Vorpalmycin")
log.error("Could not take the request of Grelbin")  # its value written into the message
try:
    {}["Brightwater"]
except KeyError:
    log.exception("Lookup failed")
"""


def test_logged_values_sql_parameters_and_exception_messages_reach_no_report(sentry, tmp_path):
    done = manage_py(
        "shell",
        "-c",
        LOGGING_CODE,
        SENTRY_DSN=sentry.dsn,
        DATABASE_URL=f"sqlite:///{tmp_path / 'empty.sqlite3'}",
        REDIS_URL=None,
        LOG_FORMAT="plain",
    )
    assert done.returncode == 0, done.stderr
    # The process sends what it has before it exits (the SDK's atexit flush).
    with sentry.lock:
        posted = b"\n".join(sentry.envelopes)
    leaked = [
        s
        for s in ("Zebulonia", "Quillfeatherby", "Vorpalmycin", "Grelbin", "Brightwater")
        if s.encode() in posted
    ]
    assert not leaked, f"found in the error reports: {leaked}\n{posted.decode(errors='replace')[:5000]}"

    events = sentry.events()
    assert [e["logentry"]["message"] for e in events] == [
        "Could not take the request of %s",  # the template: code, not data
        "[removed]",
        "[removed]",
    ]
    assert all(e["logger"] == "appointments.intake" and e["level"] == "error" for e in events)
    assert events[2]["exception"]["values"][0]["type"] == "KeyError"
    assert events[2]["exception"]["values"][0]["value"] == "[removed]"
    # What happened before: by kind only.
    crumbs = events[0]["breadcrumbs"]["values"]
    assert {"category": "appointments.intake", "level": "info"}.items() <= crumbs[0].items()
    assert [c["category"] for c in crumbs].count("query") >= 1
    assert all(set(c) <= {"type", "category", "level", "timestamp"} for c in crumbs)
