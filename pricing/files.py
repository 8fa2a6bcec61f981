"""The three machine-readable files CMS's v3.0 template allows, written from the same rows: JSON,
CSV "tall" (one row per payer's plan) and CSV "wide" (one column group per payer's plan).

`write()` streams: it writes the general data elements, then reads the chargemaster a chunk of
charges at a time (their codes and rates in two more queries per chunk) and writes each charge to
every file asked for as it goes, so memory stays the same whatever the chargemaster's size, and the
three files of a publication cost one read of the chargemaster. The layouts follow CMS's
examples in ../shared/price-transparency/cms/ (and the schema its validator checks): no "$", no
placeholders, numbers as plain decimals, and only the elements that have a value.
"""

import contextlib
import csv
import json
from collections import defaultdict

from django.db import connection, transaction
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.utils.text import slugify

from .models import (
    ATTESTATION,
    VERSION,
    Charge,
    ChargeCode,
    Disclosure,
    Modifier,
    ModifierRate,
    Plan,
    PricedLocation,
    Rate,
)

CHUNK = 2000
CHARGE_FIELDS = (
    "id", "position", "description", "setting", "modifiers", "drug_unit", "drug_type", "gross_charge",
    "discounted_cash", "minimum", "maximum", "notes",
)  # fmt: skip
RATE_FIELDS = (
    "charge_id", "plan_id", "dollar", "percentage", "algorithm", "methodology", "median", "percentile_10",
    "percentile_90", "count", "notes",
)  # fmt: skip
# A rate's figures: (its field, the JSON key, the tall CSV column, the wide CSV column's pattern)
RATE_COLUMNS = (
    ("dollar", "standard_charge_dollar", "standard_charge|negotiated_dollar",
     "standard_charge|{plan}|negotiated_dollar"),
    ("percentage", "standard_charge_percentage", "standard_charge|negotiated_percentage",
     "standard_charge|{plan}|negotiated_percentage"),
    ("algorithm", "standard_charge_algorithm", "standard_charge|negotiated_algorithm",
     "standard_charge|{plan}|negotiated_algorithm"),
    ("median", "median_amount", "median_amount", "median_amount|{plan}"),
    ("percentile_10", "10th_percentile", "10th_percentile", "10th_percentile|{plan}"),
    ("percentile_90", "90th_percentile", "90th_percentile", "90th_percentile|{plan}"),
    ("count", "count", "count", "count|{plan}"),
    ("methodology", "methodology", "standard_charge|methodology", "standard_charge|{plan}|methodology"),
)  # fmt: skip
ITEM_HEAD = ("description",)
ITEM_DETAILS = (
    "modifiers", "setting", "drug_unit_of_measurement", "drug_type_of_measurement", "standard_charge|gross",
    "standard_charge|discounted_cash",
)  # fmt: skip


def file_name(disclosure, extension="json"):
    """CMS's pattern: `<EIN>[-<NPI>]_<hospital name>_standardcharges.<json|csv>`."""
    npi = f"-{disclosure.file_npi}" if disclosure.file_npi else ""
    return f"{disclosure.ein}{npi}_{slugify(disclosure.hospital_name)}_standardcharges.{extension}"


def plain(value):
    """A Decimal as CMS writes numbers: `1200`, `1200.5`, no exponent; None as an empty cell."""
    return "" if value is None else format(value.normalize(), "f")


def number(value):
    """A Decimal as a JSON number with no trailing zeros: an int when whole, else the shortest float
    (exact: our amounts have at most 14 digits)."""
    return int(value) if value == value.to_integral_value() else float(value)


def notes(*parts):
    return " ".join(part.strip() for part in parts if part and part.strip())


# --- Reading the database -------------------------------------------------------------------------


def charges(chunk_size=CHUNK):
    """(charge, codes, rates) for every charge in the file's order, read `chunk_size` charges at a
    time by keyset (position, id). `charge` and each rate are named tuples; codes are (code, type)."""
    query = Charge.objects.order_by("position", "id").values_list(*CHARGE_FIELDS, named=True)
    page = query
    while chunk := list(page[:chunk_size]):
        ids = [charge.id for charge in chunk]
        codes = defaultdict(list)
        for charge_id, code, code_type in (
            ChargeCode.objects.filter(charge_id__in=ids)
            .order_by("position", "id")
            .values_list("charge_id", "code", "type")
        ):
            codes[charge_id].append((code, code_type))
        rates = defaultdict(list)
        for rate in (
            Rate.objects.filter(charge_id__in=ids).order_by("id").values_list(*RATE_FIELDS, named=True)
        ):
            rates[rate.charge_id].append(rate)
        for charge in chunk:
            yield charge, codes[charge.id], rates[charge.id]
        last = chunk[-1]
        page = query.filter(Q(position__gt=last.position) | Q(position=last.position, id__gt=last.id))


def priced_plans():
    """{plan id: (payer name, plan name)} of the plans with a rate or a modifier's rate, in order."""
    plans = Plan.objects.filter(
        Q(Exists(Rate.objects.filter(plan=OuterRef("pk"))))
        | Q(Exists(ModifierRate.objects.filter(plan=OuterRef("pk"))))
    ).select_related("payer")
    return {plan.pk: (plan.payer.name, plan.name) for plan in plans}


def most_codes():
    """The most codes any charge has: how many `code|i` column pairs the CSVs need (at least one)."""
    found = ChargeCode.objects.values("charge").annotate(codes=Count("id")).aggregate(most=Max("codes"))
    return max(found["most"] or 0, 1)


def modifiers():
    """Modifiers with at least one plan's rate, each with [(payer, plan, description), ...]."""
    for modifier in Modifier.objects.prefetch_related("rates__plan__payer"):
        rates = [(rate.plan.payer.name, rate.plan.name, rate.description) for rate in modifier.rates.all()]
        if rates:
            yield modifier, rates


def general(disclosure):
    """The general data elements (the metadata, not the items)."""
    locations = list(PricedLocation.objects.all())
    return {
        "hospital_name": disclosure.hospital_name,
        "last_updated_on": disclosure.last_updated_on.isoformat(),
        "version": VERSION,
        "location_name": [location.name for location in locations],
        "hospital_address": [location.address for location in locations],
        "license_number": disclosure.license_number,
        "license_state": disclosure.license_state,
        "type_2_npi": disclosure.npi_list(),
        "attestation_confirmed": disclosure.attestation_confirmed,
        "attester_name": disclosure.attester_name,
        "general_contract_provisions": disclosure.general_contract_provisions.strip(),
        "notes": disclosure.notes,
    }


def bounds(charge, rates):
    """The de-identified minimum and maximum: the charge's own, or else its dollar rates' range
    (CMS requires both wherever a rate is in dollars)."""
    dollars = [rate.dollar for rate in rates if rate.dollar is not None]
    minimum = charge.minimum if charge.minimum is not None else min(dollars, default=None)
    maximum = charge.maximum if charge.maximum is not None else max(dollars, default=None)
    return minimum, maximum


class Source:
    """What every writer needs besides the charges: read once per generation."""

    def __init__(self):
        self.about = general(Disclosure.current())
        self.plans = priced_plans()
        self.code_count = most_codes()
        self.modifiers = list(modifiers())
        self.plan_order = {plan_id: index for index, plan_id in enumerate(self.plans)}

    def in_plan_order(self, rates):
        return sorted(rates, key=lambda rate: self.plan_order.get(rate.plan_id, len(self.plan_order)))


@contextlib.contextmanager
def snapshot():
    """One view of the chargemaster for the whole generation: an import committing meanwhile (it
    replaces every charge) must not leave the first chunks old and the last ones new. PostgreSQL
    gives each query its own snapshot unless the transaction is REPEATABLE READ; SQLite's read
    transaction is one snapshot already. Inside a transaction begun by the caller, its own rules."""
    outermost = not connection.in_atomic_block
    with transaction.atomic():
        if outermost and connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        yield


def write(outputs):
    """Writes the files of `outputs` ({"json"|"tall"|"wide": text file}) in one pass over the
    chargemaster: each charge is read once and written to every file."""
    with snapshot():
        _write(outputs)


def _write(outputs):
    source = Source()
    writers = [WRITERS[kind](out, source) for kind, out in outputs.items()]
    for writer in writers:
        writer.start()
    for charge, codes, rates in charges():
        item = Item(charge, codes, source.in_plan_order(rates), source.about["notes"])
        for writer in writers:
            writer.charge(item)
    for writer in writers:
        writer.finish()


def write_json(out):
    write({"json": out})


def write_tall_csv(out):
    write({"tall": out})


def write_wide_csv(out):
    write({"wide": out})


class Item:
    """A charge with its codes and rates (in the plans' order), and what both CSVs need of it,
    formatted once."""

    def __init__(self, charge, codes, rates, general_notes):
        self.charge, self.codes, self.rates = charge, codes, rates
        self.minimum, self.maximum = bounds(charge, rates)
        self.notes = notes(charge.notes, general_notes)
        self._cells = None

    @property
    def rate_cells(self):
        """Each rate's RATE_COLUMNS as CSV cells."""
        if self._cells is None:
            self._cells = [
                [
                    plain(rate.dollar), plain(rate.percentage), rate.algorithm, plain(rate.median),
                    plain(rate.percentile_10), plain(rate.percentile_90), rate.count, rate.methodology,
                ]
                for rate in self.rates
            ]  # fmt: skip
        return self._cells


# --- JSON ---------------------------------------------------------------------------------------


class JsonWriter:
    def __init__(self, out, source):
        self.out, self.source = out, source
        self.separator = "\n"

    def start(self):
        about = self.source.about
        head = {
            "hospital_name": about["hospital_name"],
            "last_updated_on": about["last_updated_on"],
            "version": about["version"],
            "location_name": about["location_name"],
            "hospital_address": about["hospital_address"],
            "license_information": {"state": about["license_state"]}
            | ({"license_number": about["license_number"]} if about["license_number"] else {}),
            "attestation": {
                "attestation": ATTESTATION,
                "confirm_attestation": about["attestation_confirmed"],
                "attester_name": about["attester_name"],
            },
            "type_2_npi": about["type_2_npi"],
        }
        # The head's closing brace is left off: the items follow, then the modifiers.
        self.out.write(json.dumps(head, indent=2)[:-2] + ',\n  "standard_charge_information": [')

    def charge(self, item):
        self.out.write(self.separator + json.dumps(json_item(item, self.source.plans)))
        self.separator = ",\n"

    def finish(self):
        self.out.write("\n  ]")
        if self.source.modifiers:
            found = ",\n".join(json.dumps(json_modifier(*modifier)) for modifier in self.source.modifiers)
            self.out.write(f',\n  "modifier_information": [\n{found}\n  ]')
        self.out.write("\n}\n")


def json_item(item, plans):
    charge = item.charge
    found = {"description": charge.description}
    if charge.drug_type and charge.drug_unit is not None:
        found["drug_information"] = {"unit": number(charge.drug_unit), "type": charge.drug_type}
    found["code_information"] = [{"code": code, "type": code_type} for code, code_type in item.codes]
    standard = {"setting": charge.setting}
    for key, value in (
        ("minimum", item.minimum),
        ("maximum", item.maximum),
        ("gross_charge", charge.gross_charge),
        ("discounted_cash", charge.discounted_cash),
    ):
        if value is not None:
            standard[key] = number(value)
    if charge.modifiers:
        standard["modifier_code"] = [code.strip() for code in charge.modifiers.split("|") if code.strip()]
    if item.rates:
        standard["payers_information"] = [json_rate(rate, plans) for rate in item.rates]
    if item.notes:
        standard["additional_generic_notes"] = item.notes
    found["standard_charges"] = [standard]
    return found


def json_rate(rate, plans):
    payer, plan = plans[rate.plan_id]
    found = {"payer_name": payer, "plan_name": plan}
    for field, key, _tall, _wide in RATE_COLUMNS:
        value = getattr(rate, field)
        if value is None or value == "":
            continue
        found[key] = value if isinstance(value, str) else number(value)
    if rate.notes:
        found["additional_payer_notes"] = rate.notes
    return found


def json_modifier(modifier, rates):
    found = {"description": modifier.description, "code": modifier.code}
    if modifier.setting:
        found["setting"] = modifier.setting
    found["modifier_payer_information"] = [
        {"payer_name": payer, "plan_name": plan, "description": description}
        for payer, plan, description in rates
    ]
    return found


# --- CSV ------------------------------------------------------------------------------------------


def write_general_rows(writer, about):
    """The two rows above the items: the general data elements' names, then their values."""
    writer.writerow(
        [
            "hospital_name", "last_updated_on", "version", "location_name", "hospital_address",
            f"license_number|{about['license_state']}", "type_2_npi", ATTESTATION, "attester_name",
            "general_contract_provisions",
        ]
    )  # fmt: skip
    writer.writerow(
        [
            about["hospital_name"], about["last_updated_on"], about["version"],
            "|".join(about["location_name"]), "|".join(about["hospital_address"]), about["license_number"],
            "|".join(about["type_2_npi"]),
            "TRUE" if about["attestation_confirmed"] else "FALSE", about["attester_name"],
            about["general_contract_provisions"],
        ]
    )  # fmt: skip


def code_columns(count):
    return [column for i in range(1, count + 1) for column in (f"code|{i}", f"code|{i}|type")]


def code_cells(codes, count):
    cells = [cell for code in codes for cell in code]
    return cells + [""] * (2 * count - len(cells))


def item_cells(charge, codes, code_count):
    """description, the codes, then ITEM_DETAILS."""
    drug_unit = plain(charge.drug_unit) if charge.drug_type else ""
    return [
        charge.description, *code_cells(codes, code_count), charge.modifiers, charge.setting, drug_unit,
        charge.drug_type, plain(charge.gross_charge), plain(charge.discounted_cash),
    ]  # fmt: skip


def modifier_cells(modifier, code_count):
    """A modifier's row starts as an item's: its description, no code, its code in `modifiers`."""
    no_details = ["", "", "", ""]  # drug unit and type, gross charge, discounted cash
    return [modifier.description, *code_cells([], code_count), modifier.code, modifier.setting, *no_details]


class TallWriter:
    """One row per rate (a charge without rates: one row without a payer), then one per modifier's plan."""

    def __init__(self, out, source):
        self.writer, self.source = csv.writer(out), source

    def start(self):
        write_general_rows(self.writer, self.source.about)
        self.writer.writerow(
            [*ITEM_HEAD, *code_columns(self.source.code_count), *ITEM_DETAILS, "payer_name", "plan_name"]
            + [tall for _field, _key, tall, _wide in RATE_COLUMNS]
            + ["standard_charge|min", "standard_charge|max", "additional_generic_notes"]
        )

    def charge(self, item):
        head = item_cells(item.charge, item.codes, self.source.code_count)
        bounds_ = [plain(item.minimum), plain(item.maximum)]
        if not item.rates:
            self.writer.writerow(head + [""] * (2 + len(RATE_COLUMNS)) + bounds_ + [item.notes])
            return
        plans = self.source.plans
        self.writer.writerows(
            [*head, *plans[rate.plan_id], *cells, *bounds_, notes(rate.notes, item.notes)]
            for rate, cells in zip(item.rates, item.rate_cells, strict=True)
        )

    def finish(self):
        blank = [""] * (len(RATE_COLUMNS) + 2)
        for modifier, rates in self.source.modifiers:
            head = modifier_cells(modifier, self.source.code_count)
            for payer, plan, description in rates:
                self.writer.writerow([*head, payer, plan, *blank, description])


class WideWriter:
    """One row per charge with a column group per plan; a plan with several rates for one charge
    takes as many rows (row k holds each plan's k-th rate)."""

    def __init__(self, out, source):
        self.writer, self.source = csv.writer(out), source
        self.width = len(RATE_COLUMNS) + 1

    def start(self):
        write_general_rows(self.writer, self.source.about)
        plan_columns = []
        for payer, plan in self.source.plans.values():
            label = f"{payer}|{plan}"
            plan_columns += [wide.format(plan=label) for *_, wide in RATE_COLUMNS]
            plan_columns.append(f"additional_payer_notes|{label}")
        self.writer.writerow(
            [*ITEM_HEAD, *code_columns(self.source.code_count), *ITEM_DETAILS, *plan_columns]
            + ["standard_charge|min", "standard_charge|max", "additional_generic_notes"]
        )

    def charge(self, item):
        head = item_cells(item.charge, item.codes, self.source.code_count)
        tail = [plain(item.minimum), plain(item.maximum), item.notes]
        per_plan = defaultdict(list)
        for rate, cells in zip(item.rates, item.rate_cells, strict=True):
            per_plan[rate.plan_id].append([*cells, rate.notes])
        empty = [""] * self.width
        for k in range(max((len(found) for found in per_plan.values()), default=1)):
            row = list(head)
            for plan_id in self.source.plans:
                found = per_plan.get(plan_id, ())
                row += found[k] if k < len(found) else empty
            self.writer.writerow(row + tail)

    def finish(self):
        for modifier, rates in self.source.modifiers:
            described = {(payer, plan): description for payer, plan, description in rates}
            cells = []
            for key in self.source.plans.values():
                cells += [""] * (self.width - 1) + [described.get(key, "")]
            self.writer.writerow([*modifier_cells(modifier, self.source.code_count), *cells, "", "", ""])


WRITERS = {"json": JsonWriter, "tall": TallWriter, "wide": WideWriter}
