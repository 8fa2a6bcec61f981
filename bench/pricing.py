"""Benchmark: the standard-charges files for 50,000 charges x 20 payer plans (1,000,000 rates).

    .venv/bin/python bench/pricing.py --only postgresql          # the goal's database
    .venv/bin/python bench/pricing.py --only sqlite --charges 5000
    BENCH_PG_URL=postgres://postgres@127.0.0.1:5432/bench .venv/bin/python bench/pricing.py --only postgresql

Each database gets its own throw-away database (BENCH_PG_URL / BENCH_SQLITE_URL, as bench/common.py
says), migrated and filled with a fictional chargemaster by bulk inserts: every charge has a CPT and
a revenue code and one rate per plan, mostly dollar amounts, some percentages and algorithms with
their allowed amounts' statistics, a drug by NDC every 50th. A chargemaster of the size asked for is
kept between runs. Then, in a fresh process (so that its peak memory is the generation's alone):

- generation: the three files written as publishing writes them, in one pass over the chargemaster
  (pricing.publishing.write_files: each file, its gzip copy, its SHA-256), with the process's peak RSS;
- CMS's validator on the three (Node, pricing/validate.mjs), timed, with Node's peak RSS;
- publish(): generation, validation, the copy to storage and the swap, end to end;
- the estimator's server time: its pages through the test client (a search in words and a service's
  estimate, each for a plan), the estimator's page cache made stale before every request, p50/p95.

Goal: generation under 60 s and under 200 MB peak RSS; the estimator's p95 under 50 ms.
"""

import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date
from decimal import Decimal
from pathlib import Path

import common  # bench/ is on sys.path when this file is run as a script

CHARGES = 50_000
PLANS = 20
BATCH = 5_000
ESTIMATES = 300
METHODOLOGIES = ["fee schedule", "case rate", "per diem"]
RANDOM = random.Random(18)  # noqa: S311 - made-up prices, the same every run  # nosec B311


def peak_rss_mb():
    """This process's peak RSS (VmHWM). Not ru_maxrss: Linux carries that over exec from the parent,
    which here is the process that filled the database."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def node_under_time(folder):
    """A `node` that reports its own peak RSS (GNU time, if installed) into a file: (wrapper, file)."""
    timer, node = shutil.which("time") or "/usr/bin/time", shutil.which("node")
    if not (os.path.exists(timer) and node):
        return None, None
    report, wrapper = Path(folder, "node-peak-kb"), Path(folder, "node")
    wrapper.write_text(f'#!/bin/sh\nexec {timer} -o {report} -f %M {node} "$@"\n')
    wrapper.chmod(0o700)
    return wrapper, report


def fill(charges, plans):
    """A chargemaster of `charges` charges x `plans` plans, unless the database has one already."""
    from pricing.models import Charge, Disclosure, Modifier, Payer, Plan, PricedLocation, Rate

    if Charge.objects.count() == charges and Rate.objects.count() == charges * plans:
        print(f"  kept: {charges:,} charges, {charges * plans:,} rates", flush=True)
        return
    started = time.perf_counter()
    for model in (Rate, Modifier, Charge, Plan, Payer, PricedLocation, Disclosure):  # the demo's too
        model.objects.all().delete()
    Disclosure.objects.create(
        hospital_name="Benchmark General Hospital", ein="04-1234567", file_npi="1234567893",
        license_number="2101", license_state="MA", type_2_npis="1234567893", attester_name="Jordan Avery",
        attester_title="Chief Financial Officer", attestation_confirmed=True, contact_name="Prices Office",
        contact_email="prices@example.org", last_updated_on=date(2026, 7, 1),
        notes="A benchmark's fictional chargemaster.",
    )  # fmt: skip
    PricedLocation.objects.create(name="Main Campus", address="55 Fruit Street, Boston, MA 02114")
    payers = [Payer.objects.create(name=f"Payer {number:02d} Health") for number in range(plans // 2)]
    plan_rows = [Plan.objects.create(payer=payer, name=name) for payer in payers for name in ("PPO", "HMO")]
    for start in range(0, charges, BATCH):
        add_batch(range(start, min(start + BATCH, charges)), plan_rows)
    took = time.perf_counter() - started
    print(f"  filled: {charges:,} charges, {Rate.objects.count():,} rates in {took:.1f} s", flush=True)


def add_batch(numbers, plans):
    from pricing.models import Charge, ChargeCode, Rate

    made, codes, rates = [], [], []
    for number in numbers:
        drug = number % 50 == 0
        gross = Decimal(RANDOM.randint(2_000, 4_000_000)) / 100
        made.append(
            Charge(
                description=f"Benchmark service {number:05d}, {'tablet' if drug else 'procedure'}",
                setting=("outpatient", "inpatient", "both")[number % 3], position=number,
                drug_unit=Decimal(1) if drug else None, drug_type="UN" if drug else "",
                gross_charge=gross, discounted_cash=(gross * Decimal("0.6")).quantize(Decimal("0.01")),
            )
        )  # fmt: skip
    Charge.objects.bulk_create(made)
    for charge in made:
        number = charge.position
        if number % 50 == 0:
            codes.append(ChargeCode(charge=charge, code=f"{10000 + number // 50:05d}-0729-62", type="NDC"))
        else:
            codes.append(ChargeCode(charge=charge, code=f"{10000 + number:05d}", type="CPT"))
        codes.append(ChargeCode(charge=charge, code=f"{300 + number % 600:04d}", type="RC", position=1))
        dollars = []
        for plan in plans:
            rates.append(make_rate(charge, plan))
            if rates[-1].dollar is not None:
                dollars.append(rates[-1].dollar)
        charge.minimum, charge.maximum = (min(dollars), max(dollars)) if dollars else (None, None)
    ChargeCode.objects.bulk_create(codes, batch_size=BATCH)
    Rate.objects.bulk_create(rates, batch_size=BATCH)
    Charge.objects.bulk_update(made, ["minimum", "maximum"], batch_size=BATCH)


def make_rate(charge, plan):
    from pricing.models import Rate

    kind = RANDOM.random()
    if kind < 0.75:
        share = Decimal(RANDOM.randint(30, 90)) / 100
        dollar = (charge.gross_charge * share).quantize(Decimal("0.01"))
        return Rate(charge=charge, plan=plan, dollar=dollar, methodology=RANDOM.choice(METHODOLOGIES))
    median = (charge.gross_charge * Decimal("0.5")).quantize(Decimal("0.01"))
    statistics_ = {
        "median": median,
        "percentile_10": (median * Decimal("0.7")).quantize(Decimal("0.01")),
        "percentile_90": (median * Decimal("1.4")).quantize(Decimal("0.01")),
        "count": RANDOM.choice(["1 through 10", "11", "48", "230"]),
    }
    if kind < 0.9:
        return Rate(
            charge=charge, plan=plan, percentage=Decimal(RANDOM.randint(40, 90)),
            methodology="percent of total billed charges", **statistics_,
        )  # fmt: skip
    return Rate(
        charge=charge, plan=plan, algorithm="The lesser of 80% of billed charges and the DRG's case rate.",
        methodology="other", notes="The algorithm sets the amount.", **statistics_,
    )  # fmt: skip


def time_generation():
    """In a fresh process: generation, validation and publish, with peak memory."""
    from django.conf import settings

    from pricing.publishing import FORMATS, publish, write_files
    from pricing.validation import validate

    print(f"  after setting Django up: peak RSS {peak_rss_mb():.0f} MB")
    with tempfile.TemporaryDirectory(prefix="bench-pricing-") as folder:
        paths = {form.key: Path(folder, f"{form.key}.{form.extension}") for form in FORMATS}
        started = time.perf_counter()
        made = write_files(paths)
        took = time.perf_counter() - started
        print(f"  generation, the three files in one pass: {took:.1f} s, peak RSS {peak_rss_mb():.0f} MB")
        print("    (goal: 60 s, 200 MB)")
        for key, path in paths.items():
            size, gzip_size = made[key]["size"] / 1e6, os.path.getsize(f"{path}.gz") / 1e6
            print(f"    {key:5s} {size:8.1f} MB  (its gzip copy {gzip_size:.1f} MB)", flush=True)
        name = "04-1234567_benchmark_standardcharges"
        written = [(form.validator_format, paths[form.key], f"{name}.{form.extension}") for form in FORMATS]
        settings.NODE_BINARY, node_report = node_under_time(folder)
        started = time.perf_counter()
        verdicts = validate(*written)
        took = time.perf_counter() - started
        node_peak = (
            f"{int(node_report.read_text()) / 1024:.0f} MB" if node_report else "not measured (no GNU time)"
        )
        print(f"  CMS's validator, three files: {took:.1f} s, Node's peak RSS {node_peak}")
        for verdict in verdicts:
            print(f"    {verdict.name}: {'valid' if verdict.valid else 'REFUSED'}, "
                  f"{len(verdict.errors)} errors, {len(verdict.alerts)} alerts")  # fmt: skip
            for line in verdict.messages()[:5]:
                print(f"      {line}")
        settings.NODE_BINARY = None
    started = time.perf_counter()
    publication = publish()
    took = time.perf_counter() - started
    print(f"  publish() end to end: {took:.1f} s, {publication.get_status_display()}")
    print(f"  peak RSS of this process, publish() included: {peak_rss_mb():.0f} MB")


def time_estimator(requests):
    """The estimator's pages as a visitor gets them (through the test client: URL routing, the views,
    the templates, the CMS page around them), each address asked once, so none comes from the page
    cache (as most are on a real site: few people ask for the same service and plan): p50/p95 of a
    search in words with a plan (never cached: typed words), and of a service's estimate for a plan."""
    from django.test import Client
    from django.urls import reverse

    from pricing.models import Ancillary, Plan, ShoppableService

    ShoppableService.objects.filter(name__startswith="Benchmark service").delete()  # an earlier run's
    for number in range(300):  # services whose codes the benchmark's chargemaster has
        service = ShoppableService.objects.create(
            name=f"Benchmark service number {number}", search_words=f"scan {number}, test {number}",
            category="procedure", code=f"{10000 + number * 7 + 1:05d}", code_type="CPT", setting="outpatient",
        )  # fmt: skip
        for position in range(3):
            code = f"{10000 + number * 7 + 2 + position:05d}"
            Ancillary.objects.create(service=service, label=f"part {position}", code=code, code_type="CPT")
    services = list(ShoppableService.objects.filter(name__startswith="Benchmark service"))
    plans = list(Plan.objects.filter(rates__isnull=False).distinct()[:20])
    search_url = reverse("pricing:estimate")

    def calls(first, count, plan_offset):
        return {
            "search in words, with a plan": [
                (search_url, {"q": f"benchmark service number {n % 300}", "plan": plans[n % len(plans)].pk})
                for n in range(first, first + count)
            ],
            "a service's estimate for a plan": [
                (
                    reverse("pricing:service", args=[services[n % len(services)].pk]),
                    {"plan": plans[(n + plan_offset) % len(plans)].pk},
                )
                for n in range(first, first + count)
            ],
        }

    client = Client()
    warm_up = calls(0, 20, plan_offset=1)  # other addresses than those timed
    for label, timed in calls(0, requests, plan_offset=0).items():
        for url, params in warm_up[label]:  # imports, templates, the catalogue, the CMS's caches
            assert client.get(url, params).status_code == 200, (url, params)
        timings = []
        for url, params in timed:
            started = time.perf_counter()
            response = client.get(url, params)
            timings.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200, (url, params)
        p50, p95 = statistics.median(timings), common.percentile(timings, 0.95)
        print(f"  estimator, {label}, uncached, {len(timed)} requests: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print("    (goal: p95 under 50 ms)")


def run_one(database_url, charges, plans):
    common.setup_django(database_url)

    steps = common.Steps()
    common.fill(0, steps)  # the page tree with the Price Transparency page, the demo's services
    from cms.utils.apphook_reload import reload_urlconf

    reload_urlconf()  # the estimator's URLs, hooked onto the page load_demo may just have made
    fill(charges, plans)
    # A fresh process, so that its peak RSS is the generation's and not the fill's.
    command = [sys.executable, __file__, "--generate", database_url]
    if subprocess.run(command, cwd=common.ROOT).returncode != 0:  # noqa: S603 (this script)
        sys.exit(1)
    time_estimator(ESTIMATES)


def main():
    args = common.parse_args(
        __doc__,
        (["--charges"], {"type": int, "default": CHARGES, "help": f"default {CHARGES:,}"}),
        (
            ["--plans"],
            {"type": int, "default": PLANS, "help": f"default {PLANS} (even: a PPO and an HMO per payer)"},
        ),
        (["--generate"], {"help": "(internal) time the generation on this database URL"}),
    )
    # publish() copies the files to storage: a folder of the benchmark's own, not the project's media/.
    os.environ.setdefault("MEDIA_ROOT", "/tmp/mgh_bench_media")
    if args.generate:
        common.setup_django(args.generate)
        time_generation()
        return
    if args.child:
        run_one(args.child, args.charges, args.plans)
        return
    targets = common.databases(args.only, "mgh_pricing_bench", fresh=False)
    rates = args.charges * args.plans
    print(f"Standard-charges files, {args.charges:,} charges x {args.plans} plans ({rates:,} rates)")
    sizes = ["--charges", str(args.charges), "--plans", str(args.plans)]
    sys.exit(0 if common.in_child_processes(__file__, targets, sizes) else 1)


if __name__ == "__main__":
    main()
