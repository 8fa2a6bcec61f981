"""Benchmark: Find a Doctor list requests with 20,000 doctors, on PostgreSQL and on SQLite.

    .venv/bin/python bench/directory.py                 # both databases (PostgreSQL if reachable)
    .venv/bin/python bench/directory.py --only sqlite   # one of them
    BENCH_SQLITE_URL=sqlite:////tmp/small.sqlite3 .venv/bin/python bench/directory.py --only sqlite \\
        --doctors 300 --rounds 2                        # a quick look
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/mgh_directory_bench .venv/bin/python bench/directory.py

Each database gets its own throw-away database (a SQLite file under /tmp, a PostgreSQL database
`mgh_directory_bench` made for the run), migrated and filled by `load_demo --doctors 20000`; it is kept
between runs, and load_demo only adds doctors, so a smaller --doctors needs a database of its own
(BENCH_SQLITE_URL, BENCH_PG_URL). It then times 28 typical list requests (text, typo, condition,
filters, insurance, ages, distance and rating sorts, Spanish words on /es/) in-process through
Django's test client with production settings (DEBUG off),
over several rounds, and prints p50/p95 per database, and each request's median: server time, no
network. `bench/directory_explain.py` says where a request's time goes. Two figures each:
"rendered", with the directory's page cache made stale before every request, so every request runs
its search and renders the page (the CMS's menus and placeholders stay cached, as on a running
server); and "from the cache", the same URLs again, as a visitor gets them until the directory
changes. Goals on PostgreSQL: p95 under 50 ms and none over 100 ms at 20,000 doctors, p95 under
100 ms at 100,000 (--doctors 100000, in a database of its own: BENCH_PG_URL). Only the figures are
printed (bench/common.py).
"""

import sys

import common  # bench/ is on sys.path when this file is run as a script

DOCTORS = 20_000
ROUNDS = 10
URL = "/en/find-a-doctor/"
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
    # Insurance, ages, the rating sort, and Spanish words on the Spanish page.
    {"insurer": "blue-cross-blue-shield-of-massachusetts"},
    {"insurer": "medicare", "age": "older-adults", "specialty": "cardiology"},
    {"age": "children", "q": "ear infections"},
    {"sort": "rating"},
    {"sort": "rating", "specialty": "dermatology", "insurer": "masshealth"},
    ("/es/find-a-doctor/", {"q": "dolor de rodilla"}),
    ("/es/find-a-doctor/", {"q": "erupcion", "insurer": "aetna"}),
    ("/es/find-a-doctor/", {"q": "medico del corazon", "age": "adults", "accepting": "yes"}),
]


def run_one(database_url, doctors, rounds):
    """In a child process: set up Django on database_url, fill it, time the requests."""
    common.setup_django(database_url)
    steps = common.Steps()
    common.fill(doctors)
    print(f"  set-up (migrate + {doctors:,} doctors): {steps.total():.1f} s")

    from locations.caching import DIRECTORY

    common.time_list_requests(URL, REQUESTS, rounds, DIRECTORY.changed, per_request=True)


def main():
    args = common.parse_args(
        __doc__,
        (["--doctors"], {"type": int, "default": DOCTORS, "help": f"default {DOCTORS:,}"}),
        (["--rounds"], {"type": int, "default": ROUNDS, "help": f"default {ROUNDS}"}),
    )
    if args.child:
        run_one(args.child, args.doctors, args.rounds)
        return
    targets = common.databases(args.only, "mgh_directory_bench", fresh=False)
    print(f"Find a Doctor list, {args.doctors:,} doctors, {len(REQUESTS)} requests x {args.rounds} rounds")
    sizes = ["--doctors", str(args.doctors), "--rounds", str(args.rounds)]
    sys.exit(0 if common.in_child_processes(__file__, targets, sizes) else 1)


if __name__ == "__main__":
    main()
