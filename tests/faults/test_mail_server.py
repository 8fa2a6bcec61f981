"""The mail worker against a mail server that accepts a connection and never answers.

A socket server started here stands in for the hung mail server: it accepts connections and never
sends the SMTP greeting. The worker talks to it through Django's own SMTP backend (nothing is
mocked), in a thread, while the test checks from another database connection that nothing is
locked. The stand-in is then replaced, on the same port, by a small SMTP server that does answer.

What must hold: a send gives up after EMAIL_TIMEOUT; the e-mail is marked failed, counted and
retried later; no queued e-mail or request row is held locked, and no write transaction is left
open, while a send hangs; the retry sends the e-mail exactly once, and workers side by side never
send one e-mail twice.
"""

import datetime
import email
import socket
import threading
import time
import uuid

import pytest
from django.db import connection, connections, transaction
from django.db.models import F
from django.test import override_settings
from django.utils import timezone

from appointments import outbox
from appointments.intake import _queue_emails
from appointments.models import OutgoingEmail, Request, new_reference

TIMEOUT = 2  # EMAIL_TIMEOUT for these tests: room for the checks made while a send hangs
WAIT = 20  # seconds: the most any one step may take before the test fails instead of hanging


class StandIn:
    """A server on 127.0.0.1 that hands each connection it accepts to `take`, until stop()."""

    def __init__(self, port=0):
        self.listener = _listen(port)
        self.port = self.listener.getsockname()[1]
        self.connections = []
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._accept, daemon=True)
        self._thread.start()

    def _accept(self):
        while not self._stop.is_set():
            try:
                conn, _address = self.listener.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self.take(conn)

    def stop(self):
        self._stop.set()
        self._thread.join(WAIT)
        self.listener.close()
        for conn in self.connections:
            conn.close()


class SilentServer(StandIn):
    """Accepts TCP connections and never says a word: a hung mail server."""

    def __init__(self, port=0):
        self.accepted = threading.Event()
        super().__init__(port)

    def take(self, conn):
        self.connections.append(conn)  # kept open, unanswered, until stop()
        self.accepted.set()


class SmtpServer(StandIn):
    """Just enough of an SMTP server to take mail, keeping each message it is given."""

    def __init__(self, port=0, delay=0.0):
        self.delay = delay  # seconds before each message is acknowledged: lets workers overlap
        self.messages = []
        super().__init__(port)

    def take(self, conn):
        threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn):
        with conn, conn.makefile("rb") as lines:
            conn.sendall(b"220 test ESMTP\r\n")
            for line in lines:
                command = line[:4].upper()
                if command == b"DATA":
                    conn.sendall(b"354 go ahead\r\n")
                    data = b"".join(iter(lines.readline, b".\r\n"))
                    time.sleep(self.delay)
                    self.messages.append(email.message_from_bytes(data))
                    conn.sendall(b"250 queued\r\n")
                elif command == b"QUIT":
                    conn.sendall(b"221 bye\r\n")
                    return
                else:  # EHLO, HELO, MAIL, RCPT, RSET, NOOP
                    conn.sendall(b"250 ok\r\n")


def _listen(port):
    listener = socket.socket()
    # The SMTP server takes over the silent one's port, whose connections it has just closed.
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", port))
    listener.listen()
    listener.settimeout(0.1)  # so that stop() is heard
    return listener


def smtp_settings(port):
    return override_settings(
        EMAIL_BACKEND="django.core.mail.backends.smtp.EmailBackend",
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=port,
        EMAIL_TIMEOUT=TIMEOUT,
        EMAIL_USE_TLS=False,
        EMAIL_USE_SSL=False,
        EMAIL_HOST_USER="",
        EMAIL_HOST_PASSWORD="",
    )


@pytest.fixture
def silent_server():
    server = SilentServer()
    yield server
    server.stop()


@pytest.fixture
def smtp_servers():
    """Starts SMTP servers on demand; stops them all after the test."""
    started = []

    def start(port=0, delay=0.0):
        started.append(SmtpServer(port, delay))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def queued_request(email_address="patient@example.org"):
    """A request saved with its e-mails as the form does: to intake, and to the patient if given."""
    request = Request.objects.create(
        reference=new_reference(),
        submission_key=uuid.uuid4(),
        kind=Request.Kind.APPOINTMENT,
        first_name="Test",
        last_name="Patient",
        date_of_birth=datetime.date(1970, 1, 1),
        phone="+16175550100",
        email=email_address,
        reason="A test of the mail worker",
    )
    _queue_emails(request)
    return request


class Worker(threading.Thread):
    """One round of the mail worker in a thread, with a database connection of its own."""

    def __init__(self, **kwargs):
        super().__init__(daemon=True)
        self.kwargs = kwargs
        self.result = self.error = None
        self.seconds = None

    def run(self):
        started = time.monotonic()
        try:
            self.result = outbox.send_due(**self.kwargs)
        except Exception as error:  # noqa: BLE001 - reported by the test, not lost in the thread
            self.error = error
        finally:
            self.seconds = time.monotonic() - started
            connections.close_all()

    def finish(self):
        self.join(WAIT)
        assert not self.is_alive(), "the worker is still hanging"
        assert self.error is None, repr(self.error)
        return self.result


def nothing_is_held(request, queued):
    """From this thread's own connection: the rows can be locked and written while the send hangs."""
    with transaction.atomic():
        if connection.features.has_select_for_update_nowait:
            # Raises at once (LockNotAvailable) if the worker holds either row.
            OutgoingEmail.objects.select_for_update(nowait=True).get(pk=queued.pk)
            Request.objects.select_for_update(nowait=True).get(pk=request.pk)
        # SQLite has no row locks: a write fails at once if the worker has a transaction open on
        # the table ("database table is locked"), and PostgreSQL would wait for the lock.
        Request.objects.filter(pk=request.pk).update(status=Request.Status.IN_PROGRESS)
        OutgoingEmail.objects.filter(pk=queued.pk).update(subject=F("subject"))


def test_a_hung_mail_server_holds_no_lock_and_the_send_gives_up_after_the_timeout(
    transactional_db, silent_server, smtp_servers
):
    request = queued_request(email_address="")  # one e-mail, to intake
    queued = OutgoingEmail.objects.get()

    with smtp_settings(silent_server.port):
        worker = Worker()
        worker.start()
        assert silent_server.accepted.wait(WAIT), "the worker never reached the mail server"
        nothing_is_held(request, queued)
        assert worker.is_alive(), "the send was over before the rows were checked"
        assert worker.finish() == (0, 1)
    assert TIMEOUT - 0.5 < worker.seconds < TIMEOUT + 5  # gave up after EMAIL_TIMEOUT, not never

    queued.refresh_from_db()
    assert (queued.sent_at, queued.attempts) == (None, 1)
    assert queued.last_error == "SMTPServerDisconnected"  # the class only, never the server's words
    assert queued.next_attempt_at > timezone.now() + datetime.timedelta(seconds=50)  # a minute on
    assert outbox.send_due() == (0, 0)  # not due again yet

    # The mail server comes back on the same address: the retry sends it, once.
    silent_server.stop()
    server = smtp_servers(port=silent_server.port)
    with smtp_settings(server.port):
        assert outbox.send_due(now=queued.next_attempt_at) == (1, 0)
        assert outbox.send_due(now=queued.next_attempt_at + datetime.timedelta(hours=2)) == (0, 0)
    assert len(server.messages) == 1
    assert request.reference in server.messages[0]["Subject"]
    queued.refresh_from_db()
    assert (queued.sent_at is not None, queued.attempts, queued.last_error) == (True, 2, "")


def test_a_round_against_a_hung_mail_server_costs_one_timeout_not_one_per_email(
    transactional_db, silent_server
):
    queued_request()
    queued_request()  # four e-mails due
    with smtp_settings(silent_server.port):
        worker = Worker()
        worker.start()
        assert worker.finish() == (0, 1)
    assert worker.seconds < 2 * TIMEOUT
    # The others were not tried: still due, nothing counted, nothing claimed.
    tried, *untried = OutgoingEmail.objects.order_by("-attempts", "pk")
    assert tried.attempts == 1
    assert [(e.attempts, e.next_attempt_at <= timezone.now()) for e in untried] == [(0, True)] * 3


@pytest.mark.skipif(
    connection.vendor == "sqlite",
    reason="SQLite's in-memory test database shares a cache whose table locks fail at once rather "
    "than wait (a database file waits, busy_timeout); one claim at a time holds there regardless",
)
def test_workers_side_by_side_send_each_email_once(transactional_db, smtp_servers):
    for _ in range(6):
        queued_request()  # twelve e-mails due
    server = smtp_servers(delay=0.05)  # each send takes a while, so the workers overlap
    with smtp_settings(server.port):
        workers = [Worker(), Worker()]
        for worker in workers:
            worker.start()
        results = [worker.finish() for worker in workers]
    assert sum(sent for sent, _failed in results) == 12
    assert all(sent for sent, _failed in results), "one worker did everything: no overlap tested"
    subjects = sorted((m["To"], m["Subject"]) for m in server.messages)
    assert len(subjects) == len(set(subjects)) == 12
    assert not OutgoingEmail.objects.filter(sent_at=None).exists()
    assert set(OutgoingEmail.objects.values_list("attempts", flat=True)) == {1}


def test_an_email_whose_worker_died_mid_send_is_retried_after_the_lease(transactional_db, smtp_servers):
    queued_request(email_address="")
    queued = OutgoingEmail.objects.get()
    now = timezone.now()
    # A worker claims the e-mail and is killed before it can record the outcome.
    assert outbox._claim(queued.pk, now) is not None

    server = smtp_servers()
    with smtp_settings(server.port):
        assert outbox.send_due(now=now) == (0, 0)  # another worker passes it by
        lease_over = now + outbox.lease()
        assert outbox.send_due(now=lease_over - datetime.timedelta(seconds=1)) == (0, 0)
        assert outbox.send_due(now=lease_over) == (1, 0)
    assert len(server.messages) == 1


def test_the_lease_outlasts_a_send(settings):
    settings.EMAIL_TIMEOUT = 10
    assert outbox.lease() == datetime.timedelta(minutes=5)
    settings.EMAIL_TIMEOUT = 60  # a slow server allowed: the lease grows with it
    assert outbox.lease() == datetime.timedelta(minutes=20)


def test_the_worker_gives_up_on_a_silent_server_by_default():
    from django.core.mail.backends.smtp import EmailBackend

    assert EmailBackend().timeout  # EMAIL_TIMEOUT is set (10 s unless the environment says)
