"""What the benchmarks share: the site's settings for a run, their databases, the demo data, gunicorn,
and the figures (percentiles, timings of list requests).

Two kinds of benchmark use it. directory.py and locations.py time requests in-process (Django's test
client) in a child process per database: `in_child_processes()`, `setup_django()`, `fill()`,
`time_list_requests()`. appointments_load.py and faults.py drive gunicorn over HTTP: `SERVE_ENV`,
`prepare_with_manage()`, `start_gunicorn()`. Only the figures are printed: the site's per-request
log lines go nowhere (in-process) or to a log file (gunicorn), which the load tests then read.
bench/ is on sys.path when a benchmark is run as a script, so they `import common`.
"""

import argparse
import gc
import os
import secrets
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = str(ROOT / ".venv/bin/python")
# `make serve` over plain HTTP (production settings, DEBUG off), plus a cache of our own and no rate
# limit: every client of a load test is 127.0.0.1.
SERVE_ENV = {
    "DJANGO_DEBUG": "false",
    "DJANGO_SECURE_SSL_REDIRECT": "false",
    "DJANGO_SECURE_COOKIES": "false",
    "DJANGO_SECURE_HSTS_SECONDS": "0",
    "REDIS_URL": "redis://127.0.0.1:6379/3",
    "CACHE_KEY_PREFIX": "bench-appointments",
    "APPOINTMENTS_RATE_LIMIT": "0",
}


# --- Figures ---------------------------------------------------------------------------------------


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


class Steps:
    """Prints how long each set-up step took, and the whole, as the steps end."""

    def __init__(self):
        self.first = self.last = time.perf_counter()

    def done(self, label):
        now = time.perf_counter()
        print(f"  {label}: {now - self.last:.1f} s", flush=True)
        self.last = now

    def total(self):
        return time.perf_counter() - self.first


# --- In-process benchmarks: one child process per database -----------------------------------------


def parse_args(doc, *options):
    """The in-process benchmarks' command line: --only, the hidden --child, and their own `options`
    ((flags, keyword arguments) pairs, as for add_argument)."""
    parser = argparse.ArgumentParser(description=doc, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    for flags, kwargs in options:
        parser.add_argument(*flags, **kwargs)
    return parser.parse_args()


def databases(only, name, fresh):
    """[(label, URL)]: PostgreSQL's database `name` (BENCH_PG_URL), if the server answers, and a SQLite
    file /tmp/<name>.sqlite3 (BENCH_SQLITE_URL), or the one `only` names. `fresh`: made afresh (dropped,
    deleted) rather than kept from the last run and topped up."""
    found = []
    if only in (None, "postgresql"):
        url = os.environ.get("BENCH_PG_URL", f"postgres://postgres@127.0.0.1:5432/{name}")
        if _pg_database(url, fresh):
            found.append(("PostgreSQL", url))
    if only in (None, "sqlite"):
        url = os.environ.get("BENCH_SQLITE_URL", f"sqlite:////tmp/{name}.sqlite3")
        if fresh:
            path = Path(url.removeprefix("sqlite:///"))
            for suffix in ("", "-wal", "-shm", "-journal"):
                path.with_name(path.name + suffix).unlink(missing_ok=True)
        found.append(("SQLite", url))
    return found


def _pg_database(url, fresh):
    """Make the database of `url` (dropped first if `fresh`); False (and why) if PostgreSQL is not there."""
    try:
        import psycopg

        server, name = url.rsplit("/", 1)
        with psycopg.connect(server + "/postgres", connect_timeout=3, autocommit=True) as conn:
            if fresh:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as error:  # noqa: BLE001
        print(f"PostgreSQL: skipped ({error})")
        return False


def in_child_processes(script, targets, arguments=()):
    """Run `script --child URL [arguments]` for each (label, URL), one after the other, each in a fresh
    process (Django is set up once per process); True if every one succeeded."""
    succeeded = True
    for label, url in targets:
        print(f"{label}:", flush=True)
        # Our own script with a URL we chose.
        command = [sys.executable, str(script), "--child", url, *arguments]
        succeeded &= subprocess.run(command, cwd=ROOT).returncode == 0  # noqa: S603
    return succeeded


def setup_django(database_url):
    """Django with production settings (DEBUG off) on `database_url`, in this process. Its log shows
    warnings and errors only: the one line per request it writes at INFO would bury the figures."""
    os.environ.update(
        {
            **production_cache(),
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "DJANGO_LOG_LEVEL": "WARNING",
            "STATIC_ROOT": "/tmp/mgh_bench_static",
        }
    )
    # Each database's files of its own (load_demo writes the demo scheduling feed there): two
    # benchmarks filling their databases at once must not write one feed.
    os.environ.setdefault("MEDIA_ROOT", f"/tmp/mgh_bench_media/{database_url.rsplit('/', 1)[-1]}")
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def production_cache():
    """The cache settings of a running site: Redis (BENCH_REDIS_URL, its database 3 by default, keys
    of their own) when it answers, as in production; else the local memory cache `make run` has,
    which keeps only 300 entries and so forgets most cards and pages (said once, as figures without
    Redis are not production's)."""
    url = os.environ.get("BENCH_REDIS_URL", "redis://127.0.0.1:6379/3")
    address = urlsplit(url)
    try:
        socket.create_connection((address.hostname, address.port or 6379), timeout=1).close()
    except OSError as error:
        print(f"  (no Redis at {url}: {error}; the local memory cache, unlike production)")
        return {}
    return {"REDIS_URL": url, "CACHE_KEY_PREFIX": "bench-in-process"}


def fill(doctors, steps=None):
    """Migrate, collect the static files and top the demo data up to `doctors` doctors (load_demo is
    idempotent), quietly; `steps` (a Steps) times each. The demo admin gets a random password: load_demo
    refuses the known one with DEBUG off, and the benchmarks never sign in."""
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    if steps:
        steps.done("migrate")
    call_command("collectstatic", interactive=False, verbosity=0)
    if steps:
        steps.done("collectstatic")
    with open(os.devnull, "w") as quiet:
        call_command("load_demo", doctors=doctors, admin_password=secrets.token_urlsafe(16), stdout=quiet)
    if steps:
        steps.done(f"load_demo --doctors {doctors}")
    from django.db import connection

    if connection.vendor == "postgresql":
        # What autovacuum does on a running server soon after a bulk load: the visibility map that
        # lets an index answer alone (index-only scans), and fresh statistics.
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")
        if steps:
            steps.done("VACUUM ANALYZE")


def time_list_requests(url, requests, rounds, make_stale, per_request=False):
    """Time GET `url` with each of `requests` (query parameters), `rounds` times, through the test client,
    and print p50/p95 and the slowest: "rendered", with `make_stale()` called before every request so
    each runs its search and renders with nothing kept from before; "rendered, each search asked
    once", every request made new by a parameter never seen (no page is kept for it, as for a new
    combination of filters, while what is kept of the unchanged data, such as the doctors' cards,
    serves); then "from the cache", the same URLs as a visitor gets them until the data changes,
    and apart, those of them the cache keeps (a page of typed words is kept nowhere: toolkit.caching).
    `per_request`: also each request's median while rendered."""
    from django.test import Client

    # What is loaded so far stays out of the garbage collector's way, as gunicorn's master freezes
    # the loaded site before it starts the workers (pre_fork in mgh_site/gunicorn.conf.py).
    gc.collect()
    gc.freeze()
    # A request is its query parameters, or (another URL, its parameters): a Spanish page, say.
    requests = [item if isinstance(item, tuple) else (url, item) for item in requests]
    client = Client()
    for url, params in requests:  # one warm-up pass: imports, template loading, the specialty matcher
        assert client.get(url, params).status_code == 200, params
    modes = (
        ("rendered", "stale"),  # the data changed just before: nothing kept from before serves
        ("rendered, each search asked once", "once"),  # no page kept, but the data as it was
        ("from the cache", "cached"),
    )
    asked = 0
    for label, mode in modes:
        if mode == "cached":
            for url, params in requests:  # fill the cache: the first visitor of each URL renders it
                client.get(url, params)
        timings, kept = [], []
        for _ in range(rounds):
            for url, params in requests:
                if mode == "stale":
                    make_stale()
                elif mode == "once":
                    # A parameter of a value never asked before: a page kept for nobody (the
                    # search words rule), as a new combination of filters is in a running site.
                    asked += 1
                    params = {**params, "asked": str(asked)}
                start = time.perf_counter()
                response = client.get(url, params)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, params
                # A page kept in no cache (words typed: private, no-store) is rendered every time.
                if "no-store" not in response.get("Cache-Control", ""):
                    kept.append(timings[-1])
        slowest = sorted(zip(timings, requests * rounds, strict=True), key=lambda t: -t[0])[0]
        slowest = (slowest[0], slowest[1][1] if slowest[1][0] == requests[0][0] else slowest[1])
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"  {label}: {len(timings)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print(f"    slowest: {slowest[0]:.1f} ms for {slowest[1]}")
        if mode == "cached" and kept and len(kept) < len(timings):
            # The line above mixes the pages the cache serves with those it never keeps.
            p50, p95 = statistics.median(kept), percentile(kept, 0.95)
            print(f"    of them kept in the cache: {len(kept)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        if mode != "cached" and per_request:  # which requests cost what: the median of each over the rounds
            for index, (url, params) in enumerate(requests):
                print(f"    {statistics.median(timings[index :: len(requests)]):7.1f} ms  {url} {params}")


# --- Over HTTP: gunicorn as `make serve` runs it ---------------------------------------------------


def prepare_with_manage(env, doctors):
    """Migrate, collect the static files and load the demo with `doctors` doctors, through manage.py
    with `env` (the server's environment); the demo admin gets a random password."""
    manage = [PYTHON, "manage.py"]
    for command in (["migrate", "-v0"], ["collectstatic", "--noinput", "-v0"]):
        subprocess.run(manage + command, cwd=ROOT, env=env, check=True)  # noqa: S603
    demo = ["load_demo", "--doctors", str(doctors), "--admin-password", secrets.token_urlsafe(16)]
    subprocess.run(manage + demo, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL)  # noqa: S603


def start_gunicorn(env, port, workers, log_path, ready_path="/en/"):
    """gunicorn as `make serve` runs it, its log (one JSON line per request) in `log_path`, once it
    answers `ready_path` with a 200; exits the script if it cannot."""
    gunicorn = [".venv/bin/gunicorn", "mgh_site.wsgi", "-c", "mgh_site/gunicorn.conf.py", "--bind"]
    gunicorn += [f"127.0.0.1:{port}", "--workers", str(workers)]
    with open(log_path, "w") as log:
        server = subprocess.Popen(gunicorn, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)  # noqa: S603
    for _ in range(300):  # up to a minute for the workers to boot
        if server.poll() is not None:
            sys.exit(f"gunicorn exited ({server.returncode}): see {log_path}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}{ready_path}", timeout=60) as response:  # noqa: S310
                if response.status == 200:
                    return server
        except OSError:  # not listening yet, or not ready (an HTTPError is an OSError)
            time.sleep(0.2)
    stop(server)
    sys.exit(f"gunicorn did not answer {ready_path} within a minute: see {log_path}")


def stop(server):
    """Stop a server started here (if it still runs), and wait for it."""
    if server and server.poll() is None:
        server.terminate()
        server.wait(60)
