"""Fault benchmark: visitors through gunicorn while Redis stops, then pauses, then PostgreSQL stops.

    .venv/bin/python bench/faults.py                      # 1000 visitors, 50 clients, about 2 minutes
    .venv/bin/python bench/faults.py --visitors 300 --seconds 25

Everything it breaks is its own: a throw-away Redis (redis-server on a free port, nothing saved) and a
throw-away PostgreSQL cluster (initdb and pg_ctl in a temporary folder, on a free port), so it can run
while others test against the shared servers, and it never stops those. It sets the database up as
appointments_load.py does (migrate, load_demo --doctors 20) and runs gunicorn as `make serve` does.

Visitors arrive at a steady pace over --seconds; 50 clients (threads) each take the next one. A visitor
reads a public page or two, then asks for an appointment as appointments_load.py's visitors do (GET the
form, POST it, one in 20 double-clicking, then the confirmation). Meanwhile, at fixed times from the start:
Redis is killed and started again on the same port 10 s later (empty), then paused (SIGSTOP: it accepts
connections and never answers) for 5 s, then PostgreSQL is stopped (pg_ctl stop -m fast) for 5 s.

Each request is put in the phase whose outage it overlapped (from the fault until the service answers
again), else "normal". There is no proxy in front of gunicorn: a connection refused or dropped without an
answer (a worker killed at its 30 s timeout) is counted as the 502 a proxy would give, a client timeout
(60 s) as its 504. Then the database is checked against what each visitor was told.
Goal (exit 1 otherwise): nothing accepted lost, nothing duplicated, no false confirmation, no one told
"not received" whose request was stored, and no 5xx but 503, and 503 only while PostgreSQL is away.
"""

import argparse
import contextlib
import glob
import os
import re
import secrets
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import appointments_load as load  # bench/ is on sys.path when this file is run as a script
import common
from common import percentile

sys.path.insert(0, str(common.ROOT))
from tests.services import ThrowawayRedis, free_port  # noqa: E402 - the fault tests' own Redis, shared

PUBLIC = [
    "/en/",
    "/en/find-a-doctor/",
    "/en/find-a-location/",
    "/en/appointments/",
    "/es/",
    "/en/find-a-doctor/?q=heart",
    "/en/search/?q=parking",
]
NORMAL, REDIS_DOWN, REDIS_PAUSED, POSTGRES_DOWN = "normal", "Redis down", "Redis paused", "PostgreSQL down"
KINDS = ["500", "502*", "503", "504*"]
DROPPED = {"ConnectionRefusedError", "ConnectionResetError", "RemoteDisconnected", "BrokenPipeError"}


class ThrowawayPostgres:
    """A PostgreSQL cluster of our own (initdb, pg_ctl) in a temporary folder, on a free port."""

    def __init__(self, folder):
        self.folder, self.port = Path(folder), free_port()
        self.bin = Path(
            sorted(glob.glob("/usr/lib/postgresql/*/bin"), key=lambda p: int(p.split("/")[-2]))[-1]
        )
        self.as_owner = []
        if os.geteuid() == 0:  # PostgreSQL refuses to run as root: run it as its own system user
            shutil.chown(self.folder, "postgres")
            self.as_owner = ["/usr/sbin/runuser", "-u", "postgres", "--"]
        initdb = [str(self.bin / "initdb"), "-D", str(self.folder / "data"), "-U", "postgres", "--auth=trust"]
        self.run(initdb + ["-E", "UTF8", "--locale=C.UTF-8", "--no-sync"])
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/mgh_bench_faults"
        self.running = False
        self.start()

    def run(self, command):
        done = subprocess.run(self.as_owner + command, capture_output=True, text=True, timeout=120)  # noqa: S603
        if done.returncode:
            raise RuntimeError(f"{' '.join(command[:1])} failed: {done.stderr or done.stdout}")

    def pg_ctl(self, *args):
        self.run([str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-w", "-t", "60", *args])

    def start(self):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1"
        self.pg_ctl("-l", str(self.folder / "postgres.log"), "-o", options, "start")
        self.running = True

    def stop(self):
        self.running = False
        self.pg_ctl("-m", "fast", "stop")  # every session is ended, as appointments_load --outage does

    def close(self):
        if self.running:
            self.stop()


def visit(base, seq, record):
    """One visitor: a public page or two, then an appointment request (appointments_load.submit)."""
    opener = load.visitor_opener()
    for page in range(1 + seq % 2):
        with contextlib.suppress(OSError):  # recorded; the visitor goes on to the form
            load.fetch(opener, base + PUBLIC[(seq + page * 3) % len(PUBLIC)], record=record)
    return load.submit(base, seq, double=seq % 20 == 7, record=record, opener=opener)


def run(args, base, redis, postgres):
    """Visitors and faults together; returns (results, requests, outage windows, seconds)."""
    results, requests, windows = [], [], {}
    lock, next_visitor, began = threading.Lock(), iter(range(args.visitors)), time.monotonic()
    pace = args.seconds / args.visitors

    def client():
        while True:
            with lock:
                seq = next(next_visitor, None)
            if seq is None:
                return
            time.sleep(max(0.0, began + seq * pace - time.monotonic()))  # arrives on schedule
            results.append(visit(base, seq, requests))

    schedule = [  # (phase, seconds from the start, how long, break it, mend it)
        (REDIS_DOWN, 0.12, 10, redis.stop, redis.start),
        (REDIS_PAUSED, 0.40, 5, redis.hang, redis.resume),
        (POSTGRES_DOWN, 0.60, 5, postgres.stop, postgres.start),
    ]
    stop_faults = threading.Event()

    def faults():
        for phase, at, seconds, cause, mend in schedule:
            if stop_faults.wait(max(0.0, began + at * args.seconds - time.monotonic())):
                return
            windows[phase] = [time.monotonic(), None]
            cause()
            stop_faults.wait(seconds)  # mended even when the visitors are all done
            mend()  # returns once the service answers again
            windows[phase][1] = time.monotonic()

    threads = [threading.Thread(target=client) for _ in range(args.clients)]
    fault_thread = threading.Thread(target=faults)
    fault_thread.start()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.monotonic() - began
    stop_faults.set()
    fault_thread.join(90)
    return results, requests, windows, elapsed, began


def phase_of(request, windows):
    for phase, (start, end) in windows.items():
        if request["began"] < (end or float("inf")) and request["ended"] > start:
            return phase
    return NORMAL


def kind_of(status):
    """500/502*/503/504* for a request that got one (* what a proxy would have answered), else None."""
    if isinstance(status, int):
        return str(status) if status >= 500 else None
    if status in DROPPED:
        return "502*"
    if status in ("TimeoutError", "timeout"):
        return "504*"
    return "502*"  # any other network failure: no answer at all


def report(args, results, requests, windows, elapsed, began, log_path):
    checked = load.check_database(args.database_url, results)
    accepted, row_for_key = checked["accepted"], checked["row_for_key"]
    lost = [r["seq"] for r in accepted if r["key"] not in row_for_key]
    shown_wrong = [r["seq"] for r in accepted if r["key"] in row_for_key and r["seq"] in checked["missing"]]
    outcomes = Counter(r["outcome"] for r in results)
    doubles = [r for r in results if "double_same" in r]
    by_phase = {phase: [] for phase in (NORMAL, REDIS_DOWN, REDIS_PAUSED, POSTGRES_DOWN)}
    for request in requests:
        by_phase[phase_of(request, windows)].append(request)
    levels = Counter(re.findall(r'"level": "([A-Z]+)"', log_path.read_text(errors="replace")))

    print(
        f"Faults: {len(results)} visitors from {args.clients} clients, {args.workers} gunicorn workers, ",
        end="",
    )
    print(f"{len(requests)} requests in {elapsed:.0f} s")
    figures = {
        "accepted (told received, with a reference)": len(accepted),
        "stored (rows in the database)": len(checked["rows"]),
        "lost (accepted, no row)": len(lost),
        "duplicated rows": checked["duplicates"],
        "false confirmations (a reference not theirs)": len(shown_wrong),
        'told "not received" but stored': sum(checked["unexplained"].values()),
        "saw the 503 page: POST / form GET": f"{outcomes['unavailable']} / {outcomes['unavailable GET']}",
        "accepted, but the confirmation page failed": len(checked["unconfirmed"]),
        "other outcomes": dict(
            o for o in outcomes.items() if o[0] not in ("accepted", "unavailable", "unavailable GET")
        ),
        "unknown outcome, stored anyway": len(checked["extra"]) - sum(checked["unexplained"].values()),
        "double clicks with the same answer": f"{sum(r['double_same'] for r in doubles)} of {len(doubles)}",
        "queued e-mails (expected)": f"{checked['emails']} ({checked['expected_emails']})",
        "server log lines: ERROR / WARNING": f"{levels['ERROR']} / {levels['WARNING']}",
    }
    for label, value in figures.items():
        print(f"  {label:<46} {value}")

    print(
        f"\n  {'phase':<16} {'window (s)':<12} {'requests':>8} " + " ".join(f"{k:>5}" for k in KINDS), end=""
    )
    print(f" {'p50 ms':>7} {'p99 ms':>7}")
    for phase, seen in [*by_phase.items(), ("all", requests)]:
        window = windows.get(phase)
        span = f"{window[0] - began:.1f}-{window[1] - began:.1f}" if window and window[1] else ""
        kinds = Counter(kind_of(r["status"]) for r in seen)
        times = sorted((r["ended"] - r["began"]) * 1000 for r in seen) or [0]
        print(f"  {phase:<16} {span:<12} {len(seen):>8} " + " ".join(f"{kinds[k]:>5}" for k in KINDS), end="")
        print(f" {statistics.median(times):>7.0f} {percentile(times, 0.99):>7.0f}")
    print("  * no proxy in front: no answer (refused, dropped) counts as a proxy's 502, a timeout as its 504")
    for r in [r for r in results if r.get("detail")][:8]:
        print(f"  e.g. visitor {r['seq']}: {r['detail']}")
    print(f"  server log: {log_path}")

    bad_5xx = Counter(
        (phase, kind)
        for phase, seen in by_phase.items()
        for r in seen
        if (kind := kind_of(r["status"])) and not (kind == "503" and phase == POSTGRES_DOWN)
    )
    goals = {
        "0 lost": not lost,
        "0 duplicated": not checked["duplicates"],
        '0 false confirmations (and no false "not received")': not shown_wrong and not checked["unexplained"],
        "no 500 (nor 502/504), and 503 only while PostgreSQL is away": not bad_5xx,
        "every outage happened": all(w[1] for w in windows.values()) and len(windows) == 3,
    }
    if bad_5xx:
        print("  5xx outside the rule:", dict(bad_5xx))
    for label, ok in goals.items():
        print(f"{'PASS' if ok else 'FAIL'}: {label}")
    return all(goals.values())


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--visitors", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--seconds", type=float, default=70, help="visitors arrive over this long")
    args = parser.parse_args()
    folder = tempfile.mkdtemp(prefix="mgh_bench_faults_")
    log_path = Path(tempfile.mkdtemp(prefix="mgh_bench_faults_log_")) / "gunicorn.log"  # kept to read
    redis = postgres = server = None
    try:
        redis, postgres = ThrowawayRedis(folder), ThrowawayPostgres(folder)
        args.database_url = postgres.url
        env = {
            **os.environ,
            **common.SERVE_ENV,
            "REDIS_URL": f"redis://127.0.0.1:{redis.port}/0",
            "CACHE_KEY_PREFIX": "bench-faults",
            "DATABASE_URL": postgres.url,
            "STATIC_ROOT": str(Path(folder) / "static"),
            "PRIVATE_MEDIA_ROOT": str(Path(folder) / "private"),
            "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),  # a fresh one each run
        }
        load.prepare(postgres.url, env)
        port = free_port()
        server = common.start_gunicorn(env, port, args.workers, log_path, ready_path=load.FORM)
        results, requests, windows, elapsed, began = run(args, f"http://127.0.0.1:{port}", redis, postgres)
        common.stop(server)  # its log is complete once it has stopped
        passed = report(args, results, requests, windows, elapsed, began, log_path)
    finally:
        common.stop(server)
        for service in (redis, postgres):
            if service:
                service.close()
        shutil.rmtree(folder, ignore_errors=True)
    sys.exit(0 if passed else 1)


if __name__ == "__main__":
    main()
