"""Loading the chargemaster from the file the billing system exports, in CMS's v3.0 formats.

The three layouts CMS allows (JSON, tall CSV, wide CSV) are read here by hand rather than with
django-import-export, which maps one row of a file to one model instance: CMS's tall CSV spreads
one charge over a row per payer plan, the wide CSV puts every plan of a charge on one row in
columns named after the plan, and the JSON nests rates inside charges inside items. All three
become the same records (`ChargeRecord`, `ModifierRecord`), read one at a time: CSV row by row,
JSON as a stream of events (ijson), so a file of a million rates never sits in memory whole.

- `read(fileobj, filename)`: the records, each with what is wrong with it (row and column as the
  file names them, in plain words), and the file's own problems (`Reading.problems`).
- `preview(fileobj, filename)`: a `Report` of the problems and of what an import would change.
- `import_file(fileobj, filename, user)`: the same report; with no problem at all, the chargemaster
  is replaced by the file's in one transaction, else nothing changes.

Payers and plans are the admin's vocabulary: a file naming one it does not know is refused, so a
typo cannot publish a new insurer. The hospital's own data (name, NPIs, attestation) stays what
finance staff keep in the admin; only `last_updated_on` is taken from the file. The files the site
serves are not touched: publishing them is a separate step (pricing.publishing).
"""

import codecs
import csv
import datetime
import functools
import re
from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import NamedTuple

import ijson
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import connection, transaction
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .caching import pricing_changed
from .models import (
    VERSION,
    Charge,
    ChargeCode,
    CodeType,
    Disclosure,
    DrugUnitType,
    Methodology,
    Modifier,
    ModifierRate,
    Plan,
    Rate,
    Setting,
)

# Problems listed in a report; past these only their number is kept.
PROBLEMS_KEPT = 500
# Charges written per bulk insert (their codes and rates follow in batches of their own).
BATCH = 2000
EXAMPLES_KEPT = 20
# What billing systems write for "no value": refused, because CMS counts them as missing data.
PLACEHOLDERS = {"n/a", "na", "-", "--", "none", "null", "nil", "tbd", "unknown", "not applicable", "?"}
NINES = re.compile(r"^9{6,}(\.9*)?$")
COUNT = re.compile(r"^(0|1 through 10|1[1-9]|[2-9]\d+|[1-9]\d{2,})$")
CSV_HEADER_ROWS = 3
# Names of values in "... is missing.": lazy, translated only when a value is missing.
THE_PAYER = gettext_lazy("the payer's name")
THE_PLAN = gettext_lazy("the plan's name")
THE_METHODOLOGY = gettext_lazy("the methodology")
THE_DESCRIPTION = gettext_lazy("the description")
THE_SETTING = gettext_lazy("the setting")
WHAT_THE_PAYER_PAYS = gettext_lazy("what the payer pays")
THE_VERSION = gettext_lazy("the version of CMS's template")
THE_DATE = gettext_lazy("the date the file was last updated")


class Cell(NamedTuple):
    """A value and where it is: the row (a CSV row number, or a JSON path) and the column (or key)."""

    row: str
    column: str
    value: object


@dataclass
class Problem:
    row: str
    column: str
    message: str


@dataclass
class RateRecord:
    row: str
    payer: str
    plan: str
    plan_id: int | None
    dollar: Decimal | None = None
    percentage: Decimal | None = None
    algorithm: str = ""
    methodology: str = ""
    median: Decimal | None = None
    percentile_10: Decimal | None = None
    percentile_90: Decimal | None = None
    count: str = ""
    notes: str = ""


@dataclass
class ChargeRecord:
    """A Charge to write, with its codes ([(type, code)]) and its rates."""

    row: str
    description: str
    setting: str
    codes: list
    modifiers: str = ""
    drug_unit: Decimal | None = None
    drug_type: str = ""
    gross_charge: Decimal | None = None
    discounted_cash: Decimal | None = None
    minimum: Decimal | None = None
    maximum: Decimal | None = None
    notes: str = ""
    rates: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def key(self):
        """What names a charge across two chargemasters (preview's added and removed)."""
        return (self.description, tuple(sorted(self.codes)), self.setting, self.modifiers)

    def same_item(self, other):
        """Consecutive CSV rows of one charge repeat everything but the payer's columns."""
        fields = ("description", "setting", "codes", "modifiers", "drug_unit", "drug_type", "gross_charge",
                  "discounted_cash", "notes")  # fmt: skip
        return isinstance(other, ChargeRecord) and all(getattr(self, f) == getattr(other, f) for f in fields)

    def take(self, other):
        """Another row of the same charge: its rates, and its minimum and maximum if they go further
        (a billing system may write each payer's row with the figures of its own plans)."""
        self.rates.extend(other.rates)
        self.problems.extend(other.problems)
        self.minimum = min((v for v in (self.minimum, other.minimum) if v is not None), default=None)
        self.maximum = max((v for v in (self.maximum, other.maximum) if v is not None), default=None)


@dataclass
class ModifierRateRecord:
    row: str
    payer: str
    plan: str
    plan_id: int | None
    description: str


@dataclass
class ModifierRecord:
    row: str
    code: str
    description: str
    setting: str = ""
    rates: list = field(default_factory=list)
    problems: list = field(default_factory=list)

    def same_item(self, other):
        return isinstance(other, ModifierRecord) and (self.code, self.description, self.setting) == (
            other.code,
            other.description,
            other.setting,
        )

    def take(self, other):
        self.rates.extend(other.rates)
        self.problems.extend(other.problems)


class Checker:
    """Reads values the way CMS defines them and notes, in plain words, what is wrong with each."""

    def __init__(self, vocabulary):
        self.vocabulary = vocabulary
        self.problems = []

    def add(self, cell, message):
        self.problems.append(Problem(cell.row, cell.column, message))

    def taken(self):
        """The problems noted since the last call, for the record they belong to."""
        problems, self.problems = self.problems, []
        return problems

    def text(self, cell, *, required=False, max_length=None, what=""):
        value = "" if cell.value is None else str(cell.value).strip()
        if not value:
            if required:
                self.add(cell, capfirst(_("%(what)s is missing.") % {"what": what or cell.column}))
            return ""
        if value.casefold() in PLACEHOLDERS:
            self.add(cell, placeholder_message(value))
            return ""
        if max_length and len(value) > max_length:
            self.add(
                cell,
                _("“%(value)s” is longer than %(max)d characters.") % {"value": value, "max": max_length},
            )
            return ""
        return value

    def number(self, cell, *, max_digits=14, decimal_places=2):
        """A positive number, written plainly (1200.50): None when empty or wrong."""
        value = cell.value
        if value is None or isinstance(value, str) and not value.strip():
            return None
        text = str(value).strip()
        if isinstance(value, bool):
            self.add(cell, _("“%(value)s” is not a number.") % {"value": text})
            return None
        if text.casefold() in PLACEHOLDERS or NINES.match(text):
            self.add(cell, placeholder_message(text))
            return None
        if "$" in text or "," in text:
            self.add(
                cell,
                _(
                    "“%(value)s” is written with a dollar sign or thousands separators: "
                    "write the number alone, e.g. 1200.50."
                )
                % {"value": text},
            )
            return None
        try:
            number = Decimal(text)
        except InvalidOperation:
            number = None
        if number is None or not number.is_finite():
            self.add(cell, _("“%(value)s” is not a number.") % {"value": text})
            return None
        if number <= 0:
            self.add(
                cell,
                _("%(value)s is not more than zero: leave it empty when there is no amount.")
                % {"value": text},
            )
            return None
        if number != number.quantize(Decimal(1).scaleb(-decimal_places)):
            self.add(
                cell,
                _("%(value)s has more than %(places)d decimals.") % {"value": text, "places": decimal_places},
            )
            return None
        if number.adjusted() >= max_digits - decimal_places:
            self.add(cell, _("%(value)s is too large.") % {"value": text})
            return None
        return number

    def choice(self, cell, choices, *, required=True, what=""):
        """One of `choices` (a TextChoices), matched whatever the case; "" when empty or wrong."""
        value = self.text(cell, required=required, what=what)
        if not value:
            return ""
        by_key = choices_by_key(choices)
        if value.casefold() not in by_key:
            self.add(
                cell,
                _("“%(value)s” is not one of: %(choices)s.")
                % {"value": value, "choices": ", ".join(choices.values)},
            )
            return ""
        return by_key[value.casefold()]

    def plan(self, payer_cell, plan_cell):
        """The admin's Plan named by the two cells: its id, or None with the problem noted."""
        payer = self.text(payer_cell, required=True, what=THE_PAYER)
        plan = self.text(plan_cell, required=True, what=THE_PLAN)
        if payer and plan:
            return self.vocabulary.find(
                payer,
                plan,
                lambda message, wrong: self.add(payer_cell if wrong == "payer" else plan_cell, message),
            )
        return None

    def codes(self, pairs):
        """[(type, code)] from [(code cell, type cell)]; each code needs a type CMS knows."""
        codes, problems_before = [], len(self.problems)
        for code_cell, type_cell in pairs:
            code = self.text(code_cell, max_length=ChargeCode._meta.get_field("code").max_length)
            raw_type = "" if type_cell.value is None else str(type_cell.value).strip()
            if not code and not raw_type:
                continue
            if not code:
                self.add(code_cell, _("A code type is given without its code."))
                continue
            if not raw_type:
                self.add(type_cell, _("The type of code %(code)s is missing.") % {"code": code})
                continue
            code_type = self.choice(type_cell, CodeType)
            if code_type:
                codes.append((code_type, code))
        if pairs and not codes and len(self.problems) == problems_before:
            self.add(pairs[0][0], _("The item has no code: give at least one code and its type."))
        return codes

    def rate(self, cells, plan_id=None, *, resolve=True):
        """A RateRecord from the cells named as the JSON keys (payer_name, standard_charge_dollar...)."""
        plan_id = self.plan(cells["payer_name"], cells["plan_name"]) if resolve else plan_id
        rate = RateRecord(
            row=cells["payer_name"].row,
            payer=text_of(cells["payer_name"]),
            plan=text_of(cells["plan_name"]),
            plan_id=plan_id,
            dollar=self.number(cells["standard_charge_dollar"]),
            percentage=self.number(cells["standard_charge_percentage"], max_digits=7, decimal_places=3),
            algorithm=self.text(cells["standard_charge_algorithm"]),
            methodology=self.choice(cells["methodology"], Methodology, what=THE_METHODOLOGY),
            median=self.number(cells["median_amount"]),
            percentile_10=self.number(cells["10th_percentile"]),
            percentile_90=self.number(cells["90th_percentile"]),
            count=self.count(cells["count"]),
            notes=self.text(cells["additional_payer_notes"]),
        )
        self.rate_rules(rate, cells)
        return rate

    def count(self, cell):
        count = self.text(cell)
        if count and not COUNT.match(count):
            self.add(
                cell,
                _(
                    "“%(value)s” is not a count of allowed amounts: "
                    "write 0, “1 through 10”, or a whole number of 11 or more."
                )
                % {"value": count},
            )
            return ""
        return count

    def rate_rules(self, rate, cells):
        """CMS's conditions between a rate's values (schema v3.0.0, payers_information)."""
        amounts = ("standard_charge_dollar", "standard_charge_percentage", "standard_charge_algorithm")
        priced = rate.dollar is not None or rate.percentage is not None or rate.algorithm
        if not priced and not any_problem_in(self.problems, cells, *amounts):
            self.add(
                cells["standard_charge_dollar"],
                _("%(plan)s has no negotiated dollar amount, percentage or algorithm.")
                % {"plan": plan_label(rate)},
            )
        if rate.methodology == Methodology.OTHER and not rate.notes:
            self.add(
                cells["additional_payer_notes"],
                _("The methodology is “other”: explain it in the payer's notes."),
            )
        if rate.percentage is None and not rate.algorithm:
            return
        if not rate.count:
            if not any_problem_in(self.problems, cells, "count"):
                self.add(
                    cells["count"],
                    _("A negotiated percentage or algorithm needs the count of allowed amounts."),
                )
        elif rate.count == "0":
            if not rate.notes:
                self.add(
                    cells["additional_payer_notes"],
                    _("The count of allowed amounts is 0: say why in the payer's notes."),
                )
        else:
            for key, value in (("median_amount", rate.median), ("10th_percentile", rate.percentile_10),
                               ("90th_percentile", rate.percentile_90)):  # fmt: skip
                if value is None and not any_problem_in(self.problems, cells, key):
                    self.add(
                        cells[key],
                        _(
                            "A negotiated percentage or algorithm needs the median, "
                            "10th and 90th percentile allowed amounts."
                        ),
                    )

    def charge(self, cells, codes, rates):
        """A ChargeRecord from its cells (named as the JSON keys), its codes' cells and its rates."""
        record = ChargeRecord(
            row=cells["description"].row,
            description=self.text(cells["description"], required=True, what=THE_DESCRIPTION),
            setting=self.choice(cells["setting"], Setting, what=THE_SETTING),
            codes=self.codes(codes),
            modifiers=self.text(
                cells["modifier_code"], max_length=Charge._meta.get_field("modifiers").max_length
            ),
            drug_unit=self.number(cells["unit"], decimal_places=4),
            drug_type=self.choice(cells["type"], DrugUnitType, required=False),
            gross_charge=self.number(cells["gross_charge"]),
            discounted_cash=self.number(cells["discounted_cash"]),
            minimum=self.number(cells["minimum"]),
            maximum=self.number(cells["maximum"]),
            notes=self.text(cells["additional_generic_notes"]),
            rates=rates,
        )
        self.charge_rules(record, cells, codes)
        record.problems = self.taken()
        return record

    def charge_rules(self, record, cells, codes):
        """CMS's conditions between a charge's values (schema v3.0.0, standard_charges)."""
        if any(code_type == CodeType.NDC for code_type, _code in record.codes):
            for key, value in (("unit", record.drug_unit), ("type", record.drug_type)):
                if not value and not any_problem_in(self.problems, cells, key):
                    self.add(cells[key], _("A drug (NDC code) needs its unit and type of measurement."))
        elif bool(record.drug_unit) != bool(record.drug_type):
            missing = "type" if record.drug_unit else "unit"
            if not any_problem_in(self.problems, cells, missing):
                self.add(cells[missing], _("The drug's unit and type of measurement go together."))
        if any(rate.dollar is not None for rate in record.rates):
            for key, value in (("minimum", record.minimum), ("maximum", record.maximum)):
                if value is None and not any_problem_in(self.problems, cells, key):
                    self.add(
                        cells[key],
                        _(
                            "A charge with negotiated dollar amounts needs "
                            "the de-identified minimum and maximum."
                        ),
                    )
        priced = record.gross_charge is not None or record.discounted_cash is not None or record.rates
        if not priced and not any_problem_in(self.problems, cells, "gross_charge", "discounted_cash"):
            self.add(
                cells["gross_charge"],
                _("The item has no gross charge, discounted cash price or negotiated charge."),
            )

    def modifier(self, cells, rate_cells):
        """A ModifierRecord from its cells and, per plan, (payer cell, plan cell, description cell, plan's
        id, whether to look the plan up)."""
        length = Modifier._meta.get_field
        record = ModifierRecord(
            row=cells["description"].row,
            code=self.text(cells["code"], required=True, max_length=length("code").max_length),
            description=self.text(
                cells["description"],
                required=True,
                what=THE_DESCRIPTION,
                max_length=length("description").max_length,
            ),
            setting=self.choice(cells["setting"], Setting, required=False),
        )
        for payer_cell, plan_cell, description_cell, plan_id, resolve in rate_cells:
            if resolve:
                plan_id = self.plan(payer_cell, plan_cell)
            description = self.text(description_cell, required=True, what=WHAT_THE_PAYER_PAYS)
            record.rates.append(
                ModifierRateRecord(
                    payer_cell.row, text_of(payer_cell), text_of(plan_cell), plan_id, description
                )
            )
        record.problems = self.taken()
        return record


@functools.cache
def choices_by_key(choices):
    return {choice.casefold(): choice for choice in choices.values}


def text_of(cell):
    return "" if cell.value is None else str(cell.value).strip()


def plan_label(rate):
    return f"{rate.payer} – {rate.plan}"


def any_problem_in(problems, cells, *keys):
    columns = {(cells[key].row, cells[key].column) for key in keys}
    return any((problem.row, problem.column) in columns for problem in problems)


def placeholder_message(value):
    return _(
        "“%(value)s” is a placeholder: CMS counts it as missing. Leave the cell empty or give the real value."
    ) % {"value": value}


def folded(name):
    return " ".join(name.split()).casefold()


class Vocabulary:
    """The payers and plans finance staff keep in the admin, found whatever the case and spacing."""

    def __init__(self):
        self.plans = {}
        self.payers = set()
        for pk, payer, plan in Plan.objects.values_list("pk", "payer__name", "name"):
            self.plans[folded(payer), folded(plan)] = pk
            self.payers.add(folded(payer))

    def find(self, payer, plan, problem):
        """The plan's id; else None, and `problem(message, "payer" or "plan")` says which is unknown."""
        pk = self.plans.get((folded(payer), folded(plan)))
        if pk is None and folded(payer) not in self.payers:
            message = _(
                "No payer is named “%(payer)s”: add it (and its plans) in the admin first, "
                "or correct the name."
            )
            problem(message % {"payer": payer}, "payer")
        elif pk is None:
            message = _(
                "%(payer)s has no plan named “%(plan)s”: add it in the admin first, or correct the name."
            )
            problem(message % {"payer": payer, "plan": plan}, "plan")
        return pk


class Reading:
    """A file being read: iterate it for its records; its own problems and header are set as it goes."""

    def __init__(self, fileobj, filename):
        self.fileobj, self.filename = fileobj, filename
        self.format = detect_format(fileobj, filename)
        self.problems = []
        self.last_updated_on = None
        self.vocabulary = Vocabulary()

    def __iter__(self):
        if self.format == "json":
            return iter(JsonReader(self))
        return iter(CsvReader(self))

    def header(self, version, last_updated_on):
        """The file's version and date (cells): only CMS's v3.0.0 is read."""
        check = Checker(self.vocabulary)
        version_text = check.text(version, required=True, what=THE_VERSION)
        if version_text and version_text != VERSION:
            message = _(
                "The file is in version “%(version)s” of CMS's template: export it in version %(wanted)s."
            )
            check.add(version, message % {"version": version_text, "wanted": VERSION})
        date = check.text(last_updated_on, required=True, what=THE_DATE)
        self.last_updated_on = parse_date(date) if date else None
        if date and self.last_updated_on is None:
            check.add(
                last_updated_on,
                _("“%(value)s” is not a date: write it 2026-04-01 (or 4/1/2026).") % {"value": date},
            )
        self.problems += check.taken()


def read(fileobj, filename):
    """The records of a file in one of CMS's v3.0 layouts (a `Reading`: iterate it)."""
    return Reading(fileobj, filename)


def detect_format(fileobj, filename):
    name = (filename or "").lower()
    if name.endswith(".json"):
        return "json"
    if name.endswith(".csv"):
        return "csv"
    start = fileobj.read(64)
    fileobj.seek(0)
    return "json" if start.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else "csv"


def parse_date(text):
    for pattern in ("%Y-%m-%d", "%m/%d/%Y"):
        try:
            return datetime.datetime.strptime(text, pattern).date()
        except ValueError:
            continue
    return None


def merged(records):
    """Consecutive records of one item (a tall CSV's rows of one charge) as one record."""
    current = None
    for record in records:
        if current is not None and current.same_item(record):
            current.take(record)
            continue
        if current is not None:
            yield current
        current = record
    if current is not None:
        yield current


# CSV: three header rows (the hospital's data, its values, the columns), then one row per line.

RATE_FIELDS = {
    "standard_charge|negotiated_dollar": "standard_charge_dollar",
    "standard_charge|negotiated_percentage": "standard_charge_percentage",
    "standard_charge|negotiated_algorithm": "standard_charge_algorithm",
    "standard_charge|methodology": "methodology",
    "median_amount": "median_amount",
    "10th_percentile": "10th_percentile",
    "90th_percentile": "90th_percentile",
    "count": "count",
    "additional_payer_notes": "additional_payer_notes",
}
CHARGE_FIELDS = {
    "description": "description",
    "setting": "setting",
    "modifiers": "modifier_code",
    "drug_unit_of_measurement": "unit",
    "drug_type_of_measurement": "type",
    "standard_charge|gross": "gross_charge",
    "standard_charge|discounted_cash": "discounted_cash",
    "standard_charge|min": "minimum",
    "standard_charge|max": "maximum",
    "additional_generic_notes": "additional_generic_notes",
}
REQUIRED_COLUMNS = ["description", "code|1", "code|1|type", "setting", "standard_charge|gross",
                    "standard_charge|discounted_cash"]  # fmt: skip


def column_key(name):
    """A column's name as compared: "Code | 1 | Type" and "code|1|type" are one column."""
    return "|".join(part.strip().casefold() for part in name.split("|"))


class CsvReader:
    """CMS's tall and wide CSV layouts, told apart by their columns: the wide names its plans in them."""

    def __init__(self, reading):
        self.reading = reading
        self.check = Checker(reading.vocabulary)

    def __iter__(self):
        rows = csv.reader(codecs.iterdecode(iter(self.reading.fileobj), "utf-8-sig"))
        try:
            yield from merged(self.records(rows))
        except UnicodeDecodeError:
            self.reading.problems.append(
                Problem(str(rows.line_num + 1), "", _("The file is not UTF-8 text: save it as “CSV UTF-8”."))
            )
        except csv.Error as error:
            self.reading.problems.append(
                Problem(str(rows.line_num), "", _("The CSV cannot be read: %(error)s") % {"error": error})
            )

    def records(self, rows):
        names = next(rows, [])
        values = next(rows, [])
        columns = next(rows, [])
        general = {column_key(name): index for index, name in enumerate(names)}
        self.reading.header(
            *(self.general_cell(general, values, key) for key in ("version", "last_updated_on"))
        )
        self.columns = columns
        self.index = {column_key(name): position for position, name in enumerate(columns)}
        self.read_columns()
        for number, row in enumerate(rows, start=CSV_HEADER_ROWS + 1):
            if any(value.strip() for value in row):
                yield self.record(str(number), row)

    def general_cell(self, general, values, key):
        index = general.get(key)
        value = values[index] if index is not None and index < len(values) else ""
        return Cell("2", key, value)

    def read_columns(self):
        """The codes' columns, the plans' columns (wide) and what is missing."""
        codes = {}
        self.plans = {}
        for position, name in enumerate(self.columns):
            parts = [part.strip() for part in name.split("|")]
            kind = parts[0].casefold()
            if kind == "code" and len(parts) in (2, 3):
                codes.setdefault(parts[1], [None, None])[len(parts) - 2] = position
            elif len(parts) == 4 and kind == "standard_charge" or len(parts) == 3 and kind in RATE_FIELDS:
                key = "|".join([parts[0], parts[-1]]).casefold() if len(parts) == 4 else kind
                if key in RATE_FIELDS:
                    plan = self.plans.setdefault((folded(parts[1]), folded(parts[2])), {"names": parts[1:3]})
                    plan[RATE_FIELDS[key]] = position
        self.codes = [
            positions for _number, positions in sorted(codes.items(), key=lambda item: number_of(item[0]))
        ]
        self.wide = bool(self.plans) or "payer_name" not in self.index
        missing = [key for key in REQUIRED_COLUMNS if key not in self.index]
        if not self.wide:
            missing += [
                key
                for key in ("payer_name", "plan_name", "standard_charge|methodology")
                if key not in self.index
            ]
        for key in missing:
            self.reading.problems.append(
                Problem(str(CSV_HEADER_ROWS), key, _("The column “%(column)s” is missing.") % {"column": key})
            )
        for plan in self.plans.values():
            payer, name = plan["names"]
            column = self.columns[min(v for k, v in plan.items() if k != "names")]
            plan["id"] = self.reading.vocabulary.find(payer, name, self.header_problem(column))

    def header_problem(self, column):
        return lambda message, _wrong: self.reading.problems.append(
            Problem(str(CSV_HEADER_ROWS), column, message)
        )

    def cell(self, number, row, position, key=""):
        if position is None:
            return Cell(number, key, "")
        return Cell(number, self.columns[position], row[position] if position < len(row) else "")

    def named(self, number, row, key):
        return self.cell(number, row, self.index.get(key), key)

    def record(self, number, row):
        cells = {name: self.named(number, row, key) for key, name in CHARGE_FIELDS.items()}
        codes = [
            (self.cell(number, row, c, "code"), self.cell(number, row, t, "type")) for c, t in self.codes
        ]
        if not any(text_of(code) for code, _type in codes) and text_of(cells["modifier_code"]):
            return self.modifier(number, row, cells)
        rates = [self.check.rate(rate_cells, plan_id, resolve=resolve)
                 for rate_cells, plan_id, resolve in self.rate_cells(number, row, cells)]  # fmt: skip
        if not self.wide and rates:
            cells["additional_generic_notes"] = Cell(number, cells["additional_generic_notes"].column, "")
        return self.check.charge(cells, codes, rates)

    def rate_cells(self, number, row, cells):
        """Per plan with a value on the row: (its cells, its plan's id, whether to look the plan up)."""
        if self.wide:
            for plan in self.plans.values():
                rate_cells = {key: self.cell(number, row, plan.get(key), key) for key in RATE_FIELDS.values()}
                if any(text_of(cell) for cell in rate_cells.values()):
                    rate_cells["payer_name"] = Cell(
                        number, rate_cells["standard_charge_dollar"].column, plan["names"][0]
                    )
                    rate_cells["plan_name"] = Cell(
                        number, rate_cells["standard_charge_dollar"].column, plan["names"][1]
                    )
                    yield rate_cells, plan["id"], False
            return
        rate_cells = {name: self.named(number, row, key) for key, name in RATE_FIELDS.items()}
        # The tall layout has one notes column: on a payer's row, they are the payer's notes.
        rate_cells["additional_payer_notes"] = cells["additional_generic_notes"]
        rate_cells["payer_name"] = self.named(number, row, "payer_name")
        rate_cells["plan_name"] = self.named(number, row, "plan_name")
        if any(
            text_of(cell) for cell in rate_cells.values() if cell is not cells["additional_generic_notes"]
        ):
            yield rate_cells, None, True

    def modifier(self, number, row, cells):
        """A row with modifiers and no code: what each plan pays for an item the modifiers are appended to."""
        modifier_cells = {
            "code": cells["modifier_code"],
            "description": cells["description"],
            "setting": cells["setting"],
        }
        rate_cells = []
        for rates, plan_id, resolve in self.rate_cells(number, row, cells):
            rate_cells.append((rates["payer_name"], rates["plan_name"], first_text(rates), plan_id, resolve))
        return self.check.modifier(modifier_cells, rate_cells)


def first_text(rates):
    """What a plan pays for a modifier: its notes, else its algorithm, percentage or amount."""
    patterns = {"additional_payer_notes": "{}", "standard_charge_algorithm": "{}",
                "standard_charge_percentage": "{}%", "standard_charge_dollar": "${}"}  # fmt: skip
    for key, pattern in patterns.items():
        if text_of(rates[key]):
            return Cell(rates[key].row, rates[key].column, pattern.format(text_of(rates[key])))
    return rates["additional_payer_notes"]


def number_of(text):
    return (0, int(text), "") if text.isdigit() else (1, 0, text)


# JSON: the objects of standard_charge_information and modifier_information, built one at a time.

ITEMS = {"standard_charge_information.item": "charges", "modifier_information.item": "modifiers"}


class JsonReader:
    def __init__(self, reading):
        self.reading = reading
        self.check = Checker(reading.vocabulary)
        self.header = {}

    def __iter__(self):
        counters = Counter()
        try:
            for kind, item in self.items():
                index = counters[kind]
                counters[kind] += 1
                if kind == "charges":
                    yield from self.charges(f"standard_charge_information[{index}]", item)
                else:
                    yield self.modifier(f"modifier_information[{index}]", item)
        except ijson.JSONError as error:
            self.reading.problems.append(
                Problem("", "", _("The JSON cannot be read: %(error)s") % {"error": error})
            )
            return
        self.reading.header(*(Cell("", key, self.header.get(key)) for key in ("version", "last_updated_on")))

    def items(self):
        """(kind, object) for each item of the two lists, and the header's values on the way."""
        builder, kind, depth = None, None, 0
        for prefix, event, value in ijson.parse(self.reading.fileobj):
            if builder is not None:
                builder.event(event, value)
                depth += {"start_map": 1, "start_array": 1, "end_map": -1, "end_array": -1}.get(event, 0)
                if depth == 0:
                    yield kind, builder.value
                    builder = None
            elif prefix in ITEMS:
                kind = ITEMS[prefix]
                if event in ("start_map", "start_array"):
                    builder, depth = ijson.ObjectBuilder(), 1
                    builder.event(event, value)
                else:
                    yield kind, value
            elif prefix in ("version", "last_updated_on"):
                self.header[prefix] = value

    def charges(self, path, item):
        item = item if isinstance(item, dict) else {}
        codes = [
            (Cell(f"{path}.code_information[{k}]", "code", code.get("code")),
             Cell(f"{path}.code_information[{k}]", "type", code.get("type")))
            for k, code in enumerate(dicts(item.get("code_information")))
        ]  # fmt: skip
        if not codes:
            codes = [(Cell(path, "code_information", None), Cell(path, "code_information", None))]
        drug = item.get("drug_information") if isinstance(item.get("drug_information"), dict) else {}
        standard_charges = dicts(item.get("standard_charges")) or [{}]
        for j, charge in enumerate(standard_charges):
            here = f"{path}.standard_charges[{j}]"
            cells = {key: Cell(here, key, charge.get(key)) for key in CHARGE_KEYS}
            cells["description"] = Cell(path, "description", item.get("description"))
            cells["modifier_code"] = Cell(
                here, "modifier_code", "|".join(map(str, charge.get("modifier_code") or []))
            )
            cells.update(
                {key: Cell(f"{path}.drug_information", key, drug.get(key)) for key in ("unit", "type")}
            )
            rates = [
                self.check.rate(
                    {key: Cell(f"{here}.payers_information[{m}]", key, payer.get(key)) for key in RATE_KEYS}
                )
                for m, payer in enumerate(dicts(charge.get("payers_information")))
            ]
            yield self.check.charge(cells, codes, rates)

    def modifier(self, path, item):
        item = item if isinstance(item, dict) else {}
        cells = {key: Cell(path, key, item.get(key)) for key in ("code", "description", "setting")}
        rate_cells = []
        for m, payer in enumerate(dicts(item.get("modifier_payer_information"))):
            here = f"{path}.modifier_payer_information[{m}]"
            payer_cell, plan_cell, description_cell = (
                Cell(here, key, payer.get(key)) for key in ("payer_name", "plan_name", "description")
            )
            rate_cells.append((payer_cell, plan_cell, description_cell, None, True))
        return self.check.modifier(cells, rate_cells)


CHARGE_KEYS = ["setting", "gross_charge", "discounted_cash", "minimum", "maximum", "additional_generic_notes"]
RATE_KEYS = ["payer_name", "plan_name", *RATE_FIELDS.values()]


def dicts(value):
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


# The report, and the import itself


@dataclass
class Counts:
    charges: int = 0
    rates: int = 0
    modifiers: int = 0


@dataclass
class Report:
    """What a file holds, what is wrong with it, and what importing it changes (or changed)."""

    filename: str = ""
    format: str = ""
    problems: list = field(default_factory=list)
    problem_count: int = 0
    now: Counts = field(default_factory=Counts)
    in_file: Counts = field(default_factory=Counts)
    added: int = 0
    removed: int = 0
    added_examples: list = field(default_factory=list)
    removed_examples: list = field(default_factory=list)
    plans: list = field(default_factory=list)  # (payer, plan, number of rates, known)
    last_updated_on: datetime.date | None = None
    imported: bool = False

    @property
    def ok(self):
        return self.problem_count == 0

    @property
    def problems_not_listed(self):
        return self.problem_count - len(self.problems)

    def summary(self):
        return _(
            "Imported %(file)s. Charges: %(charges)d; negotiated rates: %(rates)d; modifiers: %(modifiers)d."
        ) % {
            "file": self.filename,
            "charges": self.in_file.charges,
            "rates": self.in_file.rates,
            "modifiers": self.in_file.modifiers,
        }

    def note(self, problems):
        self.problem_count += len(problems)
        room = PROBLEMS_KEPT - len(self.problems)
        if room > 0:
            self.problems.extend(problems[:room])


def format_label(reading):
    return "JSON" if reading.format == "json" else "CSV"


def current_counts():
    return Counts(Charge.objects.count(), Rate.objects.count(), Modifier.objects.count())


def current_keys():
    """The natural keys of the chargemaster now, in its order, read in two queries."""
    codes = {}
    for charge_id, code_type, code in (
        ChargeCode.objects.order_by().values_list("charge_id", "type", "code").iterator()
    ):
        codes.setdefault(charge_id, []).append((code_type, code))
    keys = Counter()
    for pk, description, setting, modifiers in Charge.objects.values_list(
        "pk", "description", "setting", "modifiers"
    ).iterator():
        keys[description, tuple(sorted(codes.get(pk, ()))), setting, modifiers] += 1
    return keys


def go_through(reading, report, on_record=None):
    """Read every record into the report (counts, plans, problems), handing each to `on_record`."""
    keys = Counter()
    plans = Counter()
    for record in reading:
        report.note(record.problems)
        if isinstance(record, ChargeRecord):
            report.in_file.charges += 1
            report.in_file.rates += len(record.rates)
            keys[record.key()] += 1
        else:
            report.in_file.modifiers += 1
        for rate in record.rates:
            plans[rate.payer, rate.plan, rate.plan_id is not None] += 1
        if on_record is not None:
            on_record(record)
    report.note(reading.problems)
    report.format = format_label(reading)
    report.last_updated_on = reading.last_updated_on
    report.plans = [(payer, plan, number, known) for (payer, plan, known), number in sorted(plans.items())]
    return keys


def compare(report, before, after):
    added, removed = after - before, before - after
    report.added, report.removed = sum(added.values()), sum(removed.values())
    report.added_examples = [key[0] for key in list(added)[:EXAMPLES_KEPT]]
    report.removed_examples = [key[0] for key in list(removed)[:EXAMPLES_KEPT]]


def preview(fileobj, filename):
    """What is wrong with the file, and what importing it would change: nothing is written."""
    report = Report(filename=filename, now=current_counts())
    reading = read(fileobj, filename)
    after = go_through(reading, report)
    compare(report, current_keys(), after)
    return report


class Refused(Exception):
    """Raised inside the import's transaction to undo it: the file has problems."""


def import_file(fileobj, filename, user=None):
    """Replace the chargemaster with the file's, in one transaction; with any problem, change nothing.

    The report says what happened; the admin's history (LogEntry) says who imported what, when.
    """
    report = Report(filename=filename, now=current_counts())
    before = current_keys()
    try:
        with transaction.atomic():
            writer = Writer()
            writer.empty()
            after = go_through(read(fileobj, filename), report, writer.add)
            if not report.ok:
                raise Refused
            writer.flush()
            disclosure = Disclosure.current()
            if disclosure is not None and report.last_updated_on:
                Disclosure.objects.filter(pk=disclosure.pk).update(last_updated_on=report.last_updated_on)
            pricing_changed()
            report.imported = True
            compare(report, before, after)
            if user is not None:
                LogEntry.objects.create(
                    user_id=user.pk,
                    content_type=ContentType.objects.get_for_model(Charge),
                    object_repr=str(Charge._meta.verbose_name_plural),
                    action_flag=CHANGE,
                    change_message=report.summary(),
                )
    except Refused:
        pass
    return report


class Writer:
    """Bulk inserts of the records, in file order, in batches: constant memory whatever the size."""

    def __init__(self):
        self.charges = []
        self.modifiers = []
        self.positions = Counter()
        self.writing = True

    def empty(self):
        """Every row of the chargemaster goes: one DELETE per table, no row loaded, no signal sent."""
        with connection.cursor() as cursor:
            for model in (ModifierRate, Modifier, Rate, ChargeCode, Charge):
                # The table's name comes from the model, never from the file.
                table = connection.ops.quote_name(model._meta.db_table)
                cursor.execute(f"DELETE FROM {table}")  # noqa: S608  # nosec B608

    def add(self, record):
        # Past the first problem nothing is written: the transaction is undone anyway.
        self.writing = self.writing and not record.problems
        if not self.writing:
            self.charges, self.modifiers = [], []
            return
        if isinstance(record, ChargeRecord):
            self.charges.append(record)
        else:
            self.modifiers.append(record)
        if len(self.charges) + len(self.modifiers) >= BATCH:
            self.flush()

    def flush(self):
        if self.writing:
            self.write_charges()
            self.write_modifiers()
        self.charges, self.modifiers = [], []

    def position(self, kind):
        self.positions[kind] += 1
        return self.positions[kind]

    def write_charges(self):
        charges = Charge.objects.bulk_create(
            [Charge(**charge_fields(record), position=self.position("charge")) for record in self.charges]
        )
        codes, rates = [], []
        for charge, record in zip(charges, self.charges, strict=True):
            codes += [
                ChargeCode(charge=charge, type=t, code=c, position=n) for n, (t, c) in enumerate(record.codes)
            ]
            rates += [Rate(charge=charge, **rate_fields(rate)) for rate in record.rates]
        ChargeCode.objects.bulk_create(codes, batch_size=BATCH * 2)
        Rate.objects.bulk_create(rates, batch_size=BATCH * 2)

    def write_modifiers(self):
        modifiers = Modifier.objects.bulk_create(
            [Modifier(code=r.code, description=r.description, setting=r.setting,
                      position=self.position("modifier")) for r in self.modifiers]
        )  # fmt: skip
        ModifierRate.objects.bulk_create(
            [ModifierRate(modifier=modifier, plan_id=rate.plan_id, description=rate.description)
             for modifier, record in zip(modifiers, self.modifiers, strict=True) for rate in record.rates],
            batch_size=BATCH * 2,
        )  # fmt: skip


def charge_fields(record):
    names = ["description", "setting", "modifiers", "drug_unit", "drug_type", "gross_charge",
             "discounted_cash", "minimum", "maximum", "notes"]  # fmt: skip
    return {name: getattr(record, name) for name in names}


def rate_fields(rate):
    names = ["plan_id", "dollar", "percentage", "algorithm", "methodology", "median", "percentile_10",
             "percentile_90", "count", "notes"]  # fmt: skip
    return {name: getattr(rate, name) for name in names}
