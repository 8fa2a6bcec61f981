"""What bench/serve.sh prints: the wrk table, and the home page's weight.

    report.py table OUTDIR hello page=URL ...   # OUTDIR holds <page>.<round>.txt, wrk --latency output
    report.py weight URL                        # the page and its CSS/JS, as a browser would fetch them

Exits 1 when a goal is missed or a wrk run saw errors.
"""

import gzip
import re
import statistics
import sys
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

RATIO_GOAL, P99_GOAL_MS, WEIGHT_GOAL_KB = 50, 50, 60
UNITS_MS = {"us": 0.001, "ms": 1, "s": 1000, "m": 60000}


def parse_wrk(text):
    """req/s, p50 ms, p99 ms, server CPU ms per request and the error lines of one `wrk --latency` run
    (serve.sh adds a line "Server CPU seconds: BEFORE AFTER", of gunicorn's master and workers)."""

    def latency(pct):
        value, unit = re.search(rf"^\s+{pct}%\s+([\d.]+)(us|ms|s|m)\s*$", text, re.M).groups()
        return float(value) * UNITS_MS[unit]

    errors = re.findall(r"^\s*((?:Non-2xx or 3xx responses|Socket errors):.*)$", text, re.M)
    errors = [e for e in errors if not re.fullmatch(r"Socket errors:( \w+ 0,?)+", e)]
    rps = float(re.search(r"^Requests/sec:\s+([\d.]+)", text, re.M)[1])
    requests = int(re.search(r"^\s+(\d+) requests in", text, re.M)[1])
    before, after = map(float, re.search(r"^Server CPU seconds: (\S+) (\S+)", text, re.M).groups())
    return rps, latency(50), latency(99), 1000 * (after - before) / max(requests, 1), errors


def table(outdir, hello, pages):
    runs = {}
    for name, _ in pages:
        files = sorted(Path(outdir).glob(f"{name}.*.txt"))
        runs[name] = [parse_wrk(f.read_text()) for f in files]
        for f, (*_, errors) in zip(files, runs[name], strict=True):
            for error in errors:
                print(f"ERROR in {f.name}: {error}")
    median = {name: [statistics.median(run[i] for run in runs[name]) for i in range(4)] for name in runs}
    failed = any(errors for run in runs.values() for *_, errors in run)
    goals = f"goals: >= {RATIO_GOAL}% of hello, p99 < {P99_GOAL_MS} ms"
    print(f"\n| page | URL | req/s | p50 ms | p99 ms | vs hello | server CPU ms/req | {goals} |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |")
    for name, url in pages:
        rps, p50, p99, cpu = median[name]
        ratio = 100 * rps / median[hello][0]
        misses = [f"{ratio:.0f}%"] if ratio < RATIO_GOAL else []
        misses += [f"p99 {p99:.0f} ms"] if p99 >= P99_GOAL_MS else []
        verdict = "(ceiling)" if name == hello else "FAIL: " + ", ".join(misses) if misses else "PASS"
        failed |= name != hello and bool(misses)
        figures = f"{rps:.0f} | {p50:.1f} | {p99:.1f} | {ratio:.0f}% | {cpu:.2f}"
        print(f"| {name} | {urlsplit(url).path} | {figures} | {verdict} |")
    print(f"\nMedians over {len(runs[hello])} round(s); every round ran every URL once, in this order.")
    print("Server CPU ms/req: gunicorn's CPU time (master, workers) per request; other load sways it less.")
    return failed


class Assets(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "script" and attrs.get("src"):
            self.urls.append(attrs["src"])
        elif tag == "link" and "stylesheet" in (attrs.get("rel") or "").split() and attrs.get("href"):
            self.urls.append(attrs["href"])


def fetch(url):
    """The body as sent (urllib does not decompress) and its Content-Encoding."""
    request = urllib.request.Request(url, headers={"Accept-Encoding": "br, gzip"})  # noqa: S310 - http://
    with urllib.request.urlopen(request, timeout=30) as response:  # noqa: S310 - our own server
        return response.read(), response.headers.get("Content-Encoding") or "none"


def weight(url):
    body, encoding = fetch(url)
    html = gzip.decompress(body) if encoding == "gzip" else body
    parser = Assets()
    parser.feed(html.decode())
    rows, host = [(urlsplit(url).path, len(body), encoding)], urlsplit(url).netloc
    third_party = [u for u in parser.urls if urlsplit(urljoin(url, u)).netloc != host]
    for asset in parser.urls:
        if asset not in third_party:
            asset_body, asset_encoding = fetch(urljoin(url, asset))
            rows.append((urlsplit(asset).path, len(asset_body), asset_encoding))
    total = sum(size for _, size, _ in rows)
    print(f"\nHome page weight (bodies as sent for Accept-Encoding: br, gzip; headers not counted): {url}")
    print("| file | bytes | encoding |\n| --- | ---: | --- |")
    for path, size, encoding in rows:
        print(f"| {path} | {size} | {encoding} |")
    print(f"| **total** | **{total}** ({total / 1024:.1f} KB) | |")
    print(f"HTML: {len(html)} bytes uncompressed; gzip -9 of it would be {len(gzip.compress(html, 9))} bytes")
    ok = total < WEIGHT_GOAL_KB * 1024
    print(f"{'PASS' if ok else 'FAIL'}: total as sent {total / 1024:.1f} KB, goal under {WEIGHT_GOAL_KB} KB")
    print(f"{'FAIL' if third_party else 'PASS'}: third-party scripts/stylesheets: {third_party or 'none'}")
    return not ok or bool(third_party)


if __name__ == "__main__":
    if sys.argv[1] == "table":
        pages = [tuple(arg.split("=", 1)) for arg in sys.argv[4:]]
        sys.exit(table(sys.argv[2], sys.argv[3], pages))
    sys.exit(weight(sys.argv[2]))
