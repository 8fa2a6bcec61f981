"""Services of the fault tests' and benchmark's own, which they break at will; no Django needed.

- free_port(): a port nothing on 127.0.0.1 listens on now.
- ThrowawayRedis: a redis-server on such a port, keeping nothing on disk, that can be stopped
  (connections refused), paused (CLIENT PAUSE) and hung (SIGSTOP: connections accepted, never
  answered). Used by tests/faults/ and bench/faults.py.
"""

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import time
from pathlib import Path

import redis

REDIS_SERVER = shutil.which("redis-server")


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(what, ready, seconds=10):
    deadline = time.monotonic() + seconds
    while not ready():
        assert time.monotonic() < deadline, f"waited {seconds} s for {what}"
        time.sleep(0.05)


class ThrowawayRedis:
    """A redis-server of the test's own, on a free port, keeping nothing on disk."""

    def __init__(self, folder):
        self.folder = Path(folder)
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None
        self.start()

    def start(self):
        """Start it (again, on the same port): empty, as a Redis that keeps nothing on disk."""
        self.process = subprocess.Popen(  # noqa: S603
            [REDIS_SERVER or "redis-server", "--port", str(self.port), "--bind", "127.0.0.1", "--save", "",
             "--appendonly", "no", "--dir", str(self.folder), "--logfile", str(self.folder / "redis.log")],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip

        def started():
            assert self.process.poll() is None, (self.folder / "redis.log").read_text()
            return self.answers()

        wait_for("the throw-away Redis to start", started)

    def answers(self):
        try:
            return self.client().ping()
        except redis.RedisError:
            return False

    def client(self):
        return redis.Redis(port=self.port, socket_timeout=1, socket_connect_timeout=1)

    def keys(self):
        return self.client().dbsize()

    def stop(self):
        """Stopped: connections are refused."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def hang(self):
        """Stopped by the system: connections are accepted and never answered."""
        os.kill(self.process.pid, signal.SIGSTOP)

    def resume(self):
        """Running again, and answering."""
        os.kill(self.process.pid, signal.SIGCONT)
        wait_for("the throw-away Redis to answer again", self.answers)

    def pause(self, seconds):
        """Redis's own pause: every client's commands wait until it ends."""
        self.client().execute_command("CLIENT", "PAUSE", int(seconds * 1000), "ALL")

    @contextlib.contextmanager
    def fault(self, kind, seconds=3):
        """Redis down (refusing), paused (CLIENT PAUSE for `seconds`, waited out) or hanging, for
        the block."""
        if kind == "down":
            self.stop()
            try:
                yield
            finally:
                self.start()
        elif kind == "paused":
            self.pause(seconds)
            ends = time.monotonic() + seconds
            try:
                yield
            finally:  # nothing can end Redis's pause early (CLIENT UNPAUSE waits too): wait it out
                time.sleep(max(0.0, ends - time.monotonic()))
        elif kind == "hanging":
            self.hang()
            try:
                yield
            finally:
                self.resume()
        else:
            raise ValueError(kind)

    def close(self):
        if self.process and self.process.poll() is None:
            with contextlib.suppress(ProcessLookupError):
                os.kill(self.process.pid, signal.SIGCONT)  # a stopped process cannot be killed cleanly
        self.stop()
