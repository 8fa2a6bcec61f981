"""Benchmark: Find a Doctor list requests with 20,000 doctors, on PostgreSQL and on SQLite.

    .venv/bin/python bench/directory.py                 # both databases (PostgreSQL if reachable)
    .venv/bin/python bench/directory.py --only sqlite   # one of them
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/mgh_directory_bench .venv/bin/python bench/directory.py

Each database gets its own throw-away database (a SQLite file under /tmp, a PostgreSQL database
`mgh_directory_bench` made for the run), migrated and filled by `load_demo --doctors 20000`. It then times 20
typical list requests (text, typo, condition, filters, distance sort) in-process through Django's
test client with production settings (DEBUG off), over several rounds, and prints p50/p95 per
database: server time, no network. Two figures each: "rendered", with the directory's page cache
made stale before every request, so every request runs its search and renders the page (the CMS's
menus and placeholders stay cached, as on a running server); and "from the cache", the same URLs
again, as a visitor gets them until the directory changes. Goal: p95 under 50 ms on PostgreSQL.
"""

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCTORS = 20_000
ROUNDS = 10
REQUESTS = [
    {},
    {"q": "cardiology"},
    {"q": "cardiolgy"},
    {"q": "dermatolgy"},
    {"q": "chest pain"},
    {"q": "knee replacement"},
    {"q": "migraine", "language": "spanish"},
    {"q": "heart doctor", "accepting": "yes"},
    {"q": "smith"},
    {"q": "Maria"},
    {"specialty": "cardiology"},
    {"specialty": "dermatology", "accepting": "yes", "virtual": "on"},
    {"language": "portuguese", "gender": "female"},
    {"accepting": "referral", "page": "3"},
    {"zip": "02114", "sort": "distance"},
    {"zip": "02150", "sort": "distance", "specialty": "pediatrics"},
    {"zip": "01970", "sort": "distance", "q": "back pain"},
    {"sort": "name", "page": "50"},
    {"q": "skin rash", "zip": "02451", "sort": "distance"},
    {"q": "zzqxv"},  # no results: the relaxations are counted
]


def percentile(values, fraction):
    ordered = sorted(values)
    index = min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))
    return ordered[index]


def run_one(database_url):
    """In a child process: set up Django on database_url, fill it, time the requests."""
    os.environ.update(
        {
            "DATABASE_URL": database_url,
            "DJANGO_SETTINGS_MODULE": "mgh_site.settings",
            "DJANGO_ALLOWED_HOSTS": "testserver",
            "DJANGO_DEBUG": "false",
            "DJANGO_SECRET_KEY": "benchmark-only-not-a-secret-0123456789abcdefghijklmnopqrstuvwxyz",
            "DJANGO_SECURE_SSL_REDIRECT": "false",
            "STATIC_ROOT": "/tmp/mgh_bench_static",
        }
    )
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    started = time.perf_counter()
    call_command("migrate", verbosity=0)
    call_command("collectstatic", interactive=False, verbosity=0)
    call_command(
        "load_demo",
        doctors=DOCTORS,
        admin_password="bench-admin-password",
        stdout=open(os.devnull, "w"),  # noqa: SIM115
    )
    print(f"  set-up (migrate + {DOCTORS:,} doctors): {time.perf_counter() - started:.1f} s")

    from doctors.caching import directory_changed

    client = Client()
    for params in REQUESTS:  # one warm-up pass: imports, template loading, vocabulary
        assert client.get("/en/find-a-doctor/", params).status_code == 200
    for label, stale in (("rendered", True), ("from the cache", False)):
        if not stale:
            for params in REQUESTS:  # fill the cache: the first visitor of each URL renders it
                client.get("/en/find-a-doctor/", params)
        timings = []
        for _ in range(ROUNDS):
            for params in REQUESTS:
                if stale:
                    directory_changed()
                start = time.perf_counter()
                response = client.get("/en/find-a-doctor/", params)
                timings.append((time.perf_counter() - start) * 1000)
                assert response.status_code == 200, params
        slowest = sorted(zip(timings, REQUESTS * ROUNDS, strict=True), key=lambda t: -t[0])[0]
        p50, p95 = statistics.median(timings), percentile(timings, 0.95)
        print(f"  {label}: {len(timings)} requests, p50 {p50:.1f} ms, p95 {p95:.1f} ms")
        print(f"    slowest: {slowest[0]:.1f} ms for {slowest[1]}")


def pg_available(url):
    try:
        import psycopg

        with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", connect_timeout=3, autocommit=True) as conn:
            name = url.rsplit("/", 1)[1]
            if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
                conn.execute(f'CREATE DATABASE "{name}"')
        return True
    except Exception as error:  # noqa: BLE001
        print(f"PostgreSQL: skipped ({error})")
        return False


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=["postgresql", "sqlite"])
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        run_one(args.child)
        return

    targets = []
    if args.only in (None, "postgresql"):
        pg_url = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/mgh_directory_bench")
        if pg_available(pg_url):
            targets.append(("PostgreSQL", pg_url))
    if args.only in (None, "sqlite"):
        targets.append(
            ("SQLite", os.environ.get("BENCH_SQLITE_URL", "sqlite:////tmp/mgh_directory_bench.sqlite3"))
        )

    print(f"Find a Doctor list, {DOCTORS:,} doctors, {len(REQUESTS)} requests x {ROUNDS} rounds")
    for label, url in targets:
        print(f"{label}:")
        # Our own script with a URL we chose: a fresh process per database.
        subprocess.run([sys.executable, __file__, "--child", url], check=True, cwd=ROOT)


if __name__ == "__main__":
    main()
