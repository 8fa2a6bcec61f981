"""Where a Find a Doctor request's time goes: for each request of bench/directory.py's mix, rendered
anew (the directory's page cache stale), the whole request's time, its SQL queries' count and their
time in the database (PostgreSQL's EXPLAIN ANALYZE of each, run after the request), and what is left:
Python, the search's matching and the templates. Then the slowest queries, with their plans.

    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/mgh_directory_bench \\
        .venv/bin/python bench/directory_explain.py --only postgresql [--doctors 20000] [--plans 3]

It uses the database bench/directory.py fills (the same --doctors). Only the figures are printed.
"""

import statistics
import sys
import time

import common  # bench/ is on sys.path when this file is run as a script
from directory import DOCTORS, REQUESTS, URL

ROUNDS = 5


def explained(sql, params):
    """(milliseconds the database spent, the plan) for one query, by PostgreSQL's EXPLAIN ANALYZE."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        plan = cursor.fetchone()[0][0]
    return plan["Planning Time"] + plan["Execution Time"], plan


def run_one(database_url, doctors, plans):
    common.setup_django(database_url)
    common.fill(doctors)
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from locations.caching import DIRECTORY

    client = Client()
    requests = [item if isinstance(item, tuple) else (URL, item) for item in REQUESTS]
    for url, params in requests:  # warm up, as bench/directory.py does
        client.get(url, params)
    slow_queries = []
    print(
        f"  {'total':>7} {'queries':>7} {'in SQL':>7} {'other':>7}  request (medians of {ROUNDS} rounds, ms)"
    )
    totals = {"total": [], "sql": []}
    for url, params in requests:
        runs = []
        for _ in range(ROUNDS):
            DIRECTORY.changed()
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                assert client.get(url, params).status_code == 200
                total = (time.perf_counter() - start) * 1000
            runs.append((total, list(captured.captured_queries)))
        total = statistics.median(run[0] for run in runs)
        queries = runs[-1][1]
        sql_ms = 0.0
        if connection.vendor == "postgresql":
            for query in queries:
                sql = query["sql"]
                # Reads only: a SELECT, a word search's WITH clause, or a UNION in parentheses.
                if not sql.lstrip().upper().startswith(("SELECT", "WITH", "(")):
                    continue
                ms, plan = explained(sql, None)  # the SQL as run, its parameters already in it
                sql_ms += ms
                slow_queries.append((ms, url, params, sql, plan))
        totals["total"].append(total)
        totals["sql"].append(sql_ms)
        print(f"  {total:7.1f} {len(queries):7d} {sql_ms:7.1f} {total - sql_ms:7.1f}  {url} {params}")
    share = sum(totals["sql"]) / sum(totals["total"]) * 100 if totals["total"] else 0
    print(f"  in all: {sum(totals['total']):.0f} ms, of which SQL {sum(totals['sql']):.0f} ms ({share:.0f}%)")
    for ms, url, params, sql, plan in sorted(slow_queries, key=lambda q: -q[0])[:plans]:
        print(f"\n  {ms:.1f} ms in {url} {params}:\n    {sql[:300]}")
        print("    plan:", _outline(plan["Plan"]))


def _outline(node, depth=0):
    line = f"{node['Node Type']}"
    if "Index Name" in node:
        line += f" on {node['Index Name']}"
    elif "Relation Name" in node:
        line += f" on {node['Relation Name']}"
    line += f" ({node.get('Actual Total Time', 0):.1f} ms, {node.get('Actual Rows', 0)} rows)"
    children = "".join(_outline(child, depth + 1) for child in node.get("Plans", []))
    return "\n      " + "  " * depth + line + children


def main():
    args = common.parse_args(
        __doc__,
        (["--doctors"], {"type": int, "default": DOCTORS, "help": f"default {DOCTORS:,}"}),
        (["--plans"], {"type": int, "default": 3, "help": "the slowest queries' plans shown"}),
    )
    if args.child:
        run_one(args.child, args.doctors, args.plans)
        return
    targets = common.databases(args.only or "postgresql", "mgh_directory_bench", fresh=False)
    print(f"Find a Doctor list, where the time goes, {args.doctors:,} doctors")
    extra = ["--doctors", str(args.doctors), "--plans", str(args.plans)]
    sys.exit(0 if common.in_child_processes(__file__, targets, extra) else 1)


if __name__ == "__main__":
    main()
