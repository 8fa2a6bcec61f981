"""Load test: appointment requests through gunicorn into PostgreSQL, optionally through a database outage.

    .venv/bin/python bench/appointments_load.py                    # 1000 submissions from 50 clients
    .venv/bin/python bench/appointments_load.py --submissions 200 --clients 20
    .venv/bin/python bench/appointments_load.py --outage 5         # stops the shared PostgreSQL for 5 s!

Sets up its own database (mgh_bench_appointments: migrate, load_demo --doctors 20, request tables emptied)
and runs gunicorn as `make serve` does (DEBUG off), with Redis and no rate limit (all clients are 127.0.0.1).
Each client thread plays visitors: GET the form, POST it ("Bench<n>", an e-mail every other time), read the
reference on the confirmation page; one in 20 double-clicks (the same form POSTed twice at once). Then the
database is checked: each accepted reference in exactly one row, no duplicates, no row for a visitor told
"we have not received it", 2 queued e-mails per row with an e-mail address, 1 otherwise. --outage stops
PostgreSQL once a third of the submissions are done and starts it SECONDS later (a client shown the 503 page
pauses 1 s): nothing accepted may be lost, every visitor not accepted must see the 503 page.
Prints the figures, throughput and POST latency, and PASS/FAIL per goal; exits 1 on FAIL.
"""

import argparse
import http.client
import http.cookiejar
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
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

import common  # bench/ is on sys.path when this file is run as a script
import psycopg
from common import percentile

FORM, RECEIVED = "/en/appointments/request/", "/en/appointments/received/"
TABLES = ["attachment", "requestevent", "outgoingemail", "request"]  # appointments_...
FIELDS = "date_of_birth=1961-04-27&existing_patient=no&phone=617-726-2000&contact_method=phone&consent=on"
REFERENCE = "(MGH-[0-9A-Z]{4}-[0-9A-Z]{4})"


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args):
        return None  # a 302 comes back as an HTTPError, with its headers


def fetch(opener, url, data=None, record=None):
    """(status, body, Set-Cookie headers, seconds); network errors and timeouts are raised.

    `record`: a list to append what was seen to (bench/faults.py): the URL, GET or POST, the
    status or the exception's name, and when it began and ended (time.monotonic()).
    """
    start, began, status = time.perf_counter(), time.monotonic(), None
    try:
        with opener.open(url, data and urllib.parse.urlencode(data).encode(), timeout=60) as response:
            status, text, headers = response.status, response.read(), response.headers
    except urllib.error.HTTPError as error:
        status, text, headers = error.code, error.read(), error.headers
        error.close()
    except OSError as error:
        status = error
        raise
    except http.client.HTTPException as error:  # an answer cut off (a worker killed mid-answer)
        status = error
        raise ConnectionResetError(f"{type(error).__name__}: {error}") from error
    finally:
        if record is not None:
            outcome = status if isinstance(status, int) else type(status).__name__
            seen = {"url": url, "post": data is not None, "status": outcome}
            record.append(seen | {"began": began, "ended": time.monotonic()})
    seconds, cookies = time.perf_counter() - start, headers.get_all("Set-Cookie") or []
    return status, text.decode(errors="replace"), cookies, seconds


def is_503_page(status, text):
    return status == 503 and "data-service-unavailable" in text and "we have not received it" in text


def classify_post(answer):
    """(outcome, reference or what went wrong) of a POST's answer, or of the exception it raised."""
    if isinstance(answer, OSError):
        return "unknown outcome", f"POST: {type(answer).__name__}"  # it may or may not have landed
    status, text, cookies, _ = answer
    reference = next((m[1] for c in cookies if (m := re.search("appointment_received=.?" + REFERENCE, c))), 0)
    if status == 302 and reference:
        return "accepted", reference
    if is_503_page(status, text):
        return "unavailable", None
    return ("rejected" if 400 <= status < 500 else "error"), f"POST answered {status}"


def submit(base, seq, double, record=None, opener=None):
    """One visitor, with a cookie jar of their own: a dict with the outcome and what was seen.

    `record`: as fetch's, for every request made; `opener`: the visitor's, if they came before.
    """
    result = {"seq": seq, "email": seq % 2 == 0, "double": double, "started": time.monotonic()}
    opener = opener or visitor_opener()
    try:
        status, html, _, _ = fetch(opener, base + FORM, record=record)
    except OSError as error:
        return {**result, "outcome": "error", "detail": f"GET: {type(error).__name__}"}
    if is_503_page(status, html):
        return {**result, "outcome": "unavailable GET"}
    # The key, and the proof that binds it to this form and this browser (a double click is then
    # told the same reference; without it, the second click is told "already received" only).
    fields = "csrfmiddlewaretoken|submission_key|submission_proof"
    hidden = dict(re.findall(rf'name="({fields})" value="([^"]+)"', html))
    if status != 200 or len(hidden) != 3:
        return {**result, "outcome": "error", "detail": f"GET answered {status}"}
    data = dict(urllib.parse.parse_qsl(FIELDS), first_name=f"Bench{seq:05d}", last_name="Load", **hidden)
    data.update(email=f"bench{seq}@example.org" if result["email"] else "", reason="A check-up.")
    time.sleep(seq % 7 * 0.03)  # filling in the form takes a moment, so the clients don't move in step
    answers = [None, None]

    def post(index):
        try:
            answers[index] = fetch(opener, base + FORM, data, record=record)
        except OSError as error:
            answers[index] = error

    second = threading.Thread(target=post, args=(1,))
    if double:
        second.start()  # the second click, at the same moment as the first
    post(0)
    if double:
        second.join()
        result["double_same"] = classify_post(answers[1]) == classify_post(answers[0])
    result["key"] = hidden["submission_key"]
    result["outcome"], result["reference"] = classify_post(answers[0])
    if not isinstance(answers[0], OSError):
        result["post_seconds"] = answers[0][3]
    if result["outcome"] not in ("accepted", "unavailable"):
        result["detail"] = result.pop("reference")
    if result["outcome"] == "accepted":
        try:
            status, html, _, _ = fetch(opener, base + RECEIVED, record=record)
            shown = re.search(f"data-reference>{REFERENCE}<", html)
            result["confirm"] = "ok" if shown and shown[1] == result["reference"] else status
        except OSError as error:
            result["confirm"] = type(error).__name__
    return result


def visitor_opener():
    """A browser of its own: a cookie jar, and redirects returned rather than followed."""
    jar = urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar())
    return urllib.request.build_opener(jar, NoRedirect)


def pg_cluster(action):
    version = os.listdir("/etc/postgresql")[0]
    command = ["/usr/bin/pg_ctlcluster", "--skip-systemctl-redirect", version, "main", action]
    return subprocess.run(command + (["-m", "fast"] if action == "stop" else []), capture_output=True)


def test_run_active():
    """The test suite shares the PostgreSQL server: never stop it under a test run."""
    return bool(re.search(r"pytest|\.ci/run", subprocess.check_output(["/usr/bin/ps", "aux"], text=True)))


def prepare(database_url, env):
    server, name = database_url.rsplit("/", 1)
    if name in ("test", "test_test"):
        sys.exit("The test suite uses the databases test and test_test: choose another one.")
    with psycopg.connect(server + "/postgres", autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')
    common.prepare_with_manage(env, doctors=20)
    with psycopg.connect(database_url, autocommit=True) as conn:
        for table in TABLES:  # counts are for this run
            conn.execute(f"DELETE FROM appointments_{table}")  # noqa: S608 - our own names


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--submissions", type=int, default=1000)
    parser.add_argument("--clients", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--port", type=int, default=8091)
    parser.add_argument("--outage", type=float, metavar="SECONDS", help="stop PostgreSQL this long")
    parser.add_argument("--database-url", default="postgres://postgres@127.0.0.1:5432/mgh_bench_appointments")
    args = parser.parse_args()
    if args.outage and test_run_active():
        sys.exit("A test run is using PostgreSQL right now: run the outage later.")
    static = tempfile.mkdtemp(prefix="mgh_bench_static_")
    log_path = Path(tempfile.mkdtemp(prefix="mgh_bench_log_")) / "gunicorn.log"
    env = {**os.environ, **common.SERVE_ENV, "DATABASE_URL": args.database_url, "STATIC_ROOT": static}
    env["DJANGO_SECRET_KEY"] = "benchmark-only-not-a-secret-" + secrets.token_hex(24)
    base, results, outage = f"http://127.0.0.1:{args.port}", [], {}

    def client(first):
        for seq in range(first, args.submissions, args.clients):
            results.append(result := submit(base, seq, double=seq % 20 == 7))
            if result["outcome"].startswith("unavailable"):
                time.sleep(1)  # told to try again later: this client's next visitor comes a second later

    def outage_maker():
        while len(results) < args.submissions // 3:
            if outage.get("cancel"):
                return
            time.sleep(0.02)
        if test_run_active():
            outage["stop"] = "skipped: a test run started"
            return
        outage["stop"] = pg_cluster("stop").returncode
        time.sleep(args.outage)
        outage["start"], outage["restarted"] = pg_cluster("start").returncode, time.monotonic()

    server = None
    try:
        prepare(args.database_url, env)
        server = common.start_gunicorn(env, args.port, args.workers, log_path, ready_path=FORM)
        threads = [threading.Thread(target=client, args=(i,)) for i in range(args.clients)]
        if args.outage:
            outage["thread"] = threading.Thread(target=outage_maker)
            outage["thread"].start()
        began = time.monotonic()
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        elapsed = time.monotonic() - began
    finally:
        common.stop(server)
        if "thread" in outage:
            outage["cancel"] = True
            outage["thread"].join()
        if args.outage and pg_cluster("status").returncode != 0:
            print("PostgreSQL was down: started it again, exit code", pg_cluster("start").returncode)
        shutil.rmtree(static, ignore_errors=True)
    report(args, results, elapsed, outage, log_path)


def check_database(database_url, results):
    """What the database holds against what the visitors were told (`results` of submit())."""
    with psycopg.connect(database_url) as conn:
        sql = "SELECT reference, submission_key::text, first_name, email FROM appointments_request"
        rows = conn.execute(sql).fetchall()
        emails = conn.execute("SELECT count(*) FROM appointments_outgoingemail").fetchone()[0]
    accepted = [r for r in results if r["outcome"] == "accepted"]
    by_key, accepted_keys = {r["key"]: r for r in results if "key" in r}, {r["key"] for r in accepted}
    row_for_key = {key: reference for reference, key, _, _ in rows}
    extra = [by_key.get(key, {}).get("outcome", "?") for key in row_for_key if key not in accepted_keys]
    return {
        "rows": rows,
        "emails": emails,
        "expected_emails": sum(2 if email else 1 for *_, email in rows),
        "accepted": accepted,
        "row_for_key": row_for_key,
        # Told "received" with a reference that is not the row of their form (or there is none).
        "missing": [r["seq"] for r in accepted if row_for_key.get(r["key"]) != r["reference"]],
        # Each submission has a first name of its own; reference and submission_key are unique columns.
        "duplicates": 2 * len(rows) - len({name for _, _, name, _ in rows}) - len({ref for ref, *_ in rows}),
        # Rows of visitors not told "received": fine after a POST lost on the network, else a lie.
        "extra": extra,
        "unexplained": Counter(outcome for outcome in extra if outcome != "unknown outcome"),
        "unconfirmed": [(r["seq"], r["confirm"]) for r in accepted if r["confirm"] != "ok"],
        "bench_rows": sum(name.startswith("Bench") for _, _, name, _ in rows),
    }


def report(args, results, elapsed, outage, log_path):
    time.sleep(1)  # PostgreSQL may still be coming up
    checked = check_database(args.database_url, results)
    rows, emails, expected_emails = checked["rows"], checked["emails"], checked["expected_emails"]
    accepted, missing, duplicates = checked["accepted"], checked["missing"], checked["duplicates"]
    extra, unexplained, unconfirmed = checked["extra"], checked["unexplained"], checked["unconfirmed"]
    bench_rows = checked["bench_rows"]
    outcomes = Counter(r["outcome"] for r in results)
    doubles = [r for r in results if "double_same" in r]
    posts = sorted(r["post_seconds"] * 1000 for r in results if "post_seconds" in r)
    log = log_path.read_text(errors="replace")
    served = Counter(re.findall(r'"status": (\d{3})', log))  # the app's JSON request lines
    served_5xx = sum(n for status, n in served.items() if status[0] == "5")
    other_5xx = served_5xx - served["503"]
    figures = {
        "submissions": len(results),
        "accepted (got a reference)": outcomes["accepted"],
        "  but the confirmation page failed": f"{len(unconfirmed)} {unconfirmed[:5] or ''}",
        "rejected (4xx)": outcomes["rejected"],
        "saw the 503 page: POST / form GET": f"{outcomes['unavailable']} / {outcomes['unavailable GET']}",
        "errors (other 5xx, network)": outcomes["error"],
        "unknown outcome (POST network error)": outcomes["unknown outcome"],
        "double clicks with the same answer": f"{sum(r['double_same'] for r in doubles)} of {len(doubles)}",
        "rows in the database (Bench...)": f"{len(rows)} ({bench_rows})",
        "missing accepted rows (must be 0)": len(missing),
        "duplicate rows (must be 0)": duplicates,
        "rows beyond the accepted (unexplained)": f"{len(extra)} ({dict(unexplained)})",
        "queued e-mails (expected)": f"{emails} ({expected_emails})",
        "5xx other than 503 (request log)": other_5xx,
        "server statuses / tracebacks": f"{dict(sorted(served.items()))} / {log.count('Traceback')}",
        "throughput": f"{len(results) / elapsed:.1f} submissions/s ({elapsed:.1f} s)",
        "POST latency p50 / p95": f"{statistics.median(posts):.0f} / {percentile(posts, 0.95):.0f} ms",
    }
    if args.outage:
        figures["PostgreSQL stop / start exit codes"] = f"{outage.get('stop')} / {outage.get('start')}"
        after = [r for r in accepted if r["started"] > outage.get("restarted", float("inf"))]
        figures["accepted, begun after the restart"] = len(after)
    print(f"Appointment requests: {args.submissions} from {args.clients} clients, {args.workers} workers")
    for label, value in figures.items():
        print(f"  {label:<40} {value}")
    for r in [r for r in results if r.get("detail")][:10]:
        print(f"  e.g. submission {r['seq']}: {r['detail']}")
    print(f"  server log: {log_path}")
    stored = not (missing or duplicates or unexplained) and emails == expected_emails
    if args.outage:
        all_503 = outcomes["unavailable"] + outcomes["unavailable GET"] == len(results) - len(accepted)
        goals = {"every accepted submission has exactly one row": stored}
        goals["nothing accepted is missing; every visitor not accepted saw the 503 page"] = (
            not missing and all_503 and not other_5xx
        )
    else:
        goals = {"every accepted submission has exactly one row; zero 5xx": stored and not served_5xx}
        all_in = len(accepted) == len(results) and not unconfirmed and all(r["double_same"] for r in doubles)
        goals["every submission accepted and confirmed; each double click gave one reference"] = all_in
    if unconfirmed:
        print(f"NOTE: {len(unconfirmed)} accepted visitor(s) got an error page instead of their reference")
    for label, ok in goals.items():
        print(f"{'PASS' if ok else 'FAIL'}: {label}")
    sys.exit(0 if all(goals.values()) else 1)


if __name__ == "__main__":
    main()
