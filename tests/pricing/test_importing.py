"""The chargemaster importer: CMS's three example files load alike, and a bad row is named by its
row and column and changes nothing."""

import csv
import datetime
import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
from django.utils import translation

from pricing import importing
from pricing.importing import import_file, preview, read
from pricing.models import Charge, Disclosure, Modifier, Rate
from tests.pricing.conftest import CMS_FILES

pytestmark = pytest.mark.django_db

TALL = CMS_FILES / "V3.0.0_Tall_CSV_Format_Example.csv"
WIDE = CMS_FILES / "V3.0.0_Wide_CSV_Format_Example.csv"
JSON = CMS_FILES / "v3_json_format_example.json"
EXAMPLES = [TALL, WIDE, JSON]


def load(source, name=None):
    """import_file on a path, or on text (CSV or JSON) named `name`."""
    if isinstance(source, Path):
        with source.open("rb") as file:
            return import_file(file, source.name)
    return import_file(io.BytesIO(source.encode()), name)


def chargemaster():
    """Everything the import wrote, in order, rates sorted within their charge (JSON lists them by plan)."""
    charges = Charge.objects.prefetch_related("codes", "rates__plan__payer")
    return [
        (
            charge.description, charge.setting, charge.modifiers, charge.drug_unit, charge.drug_type,
            charge.gross_charge, charge.discounted_cash, charge.minimum, charge.maximum, charge.notes,
            [(code.type, code.code) for code in charge.codes.all()],
            sorted(
                (str(rate.plan), rate.dollar or 0, rate.percentage or 0, rate.algorithm, rate.methodology,
                 rate.median or 0, rate.percentile_10 or 0, rate.percentile_90 or 0, rate.count, rate.notes)
                for rate in charge.rates.all()
            ),
        )
        for charge in charges
    ] + [
        (modifier.code, modifier.description, modifier.setting, sorted(
            (str(rate.plan), rate.description) for rate in modifier.rates.select_related("plan__payer")))
        for modifier in Modifier.objects.all()
    ]  # fmt: skip


def tall_rows():
    with TALL.open(encoding="utf-8-sig", newline="") as file:
        return list(csv.reader(file))


def as_csv(rows):
    text = io.StringIO()
    csv.writer(text).writerows(rows)
    return text.getvalue()


def tall_with(row_number, column, value):
    """CMS's tall example with one cell changed: `row_number` as a spreadsheet numbers it (1-based)."""
    rows = tall_rows()
    rows[row_number - 1][rows[2].index(column)] = value
    return as_csv(rows)


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda path: path.suffix + path.name[6:10])
def test_each_cms_example_imports_with_no_problem(west_mercy_plans, example):
    Disclosure(
        hospital_name="West Mercy Hospital", ein="12-3456789", type_2_npis="0000000001",
        attester_name="Leigh", attester_title="CFO", contact_name="Billing",
        contact_email="billing@example.org",
        last_updated_on=datetime.date(2025, 1, 1),
    ).save()  # fmt: skip
    report = load(example)
    assert report.ok and report.imported, report.problems
    assert (report.in_file.charges, report.in_file.rates, report.in_file.modifiers) == (22, 39, 3)
    assert (Charge.objects.count(), Rate.objects.count(), Modifier.objects.count()) == (22, 39, 3)
    mri = Charge.objects.get(description="MRI of brain (no contrast)")
    assert (mri.gross_charge, mri.discounted_cash, mri.setting, mri.position) == (1200, 1080, "outpatient", 1)
    assert [str(code) for code in mri.codes.all()] == ["RC 611", "CPT 70551"]
    assert mri.rates.get(plan__name="PPO").dollar == 400
    er = Charge.objects.get(description="ER level 3").rates.get(plan__name="HMO")
    assert (er.percentage, er.median, er.count, er.methodology) == (
        75,
        Decimal("6502.54"),
        "175",
        "percent of total billed charges",
    )
    aspirin = Charge.objects.get(description__startswith="Aspirin")
    assert (aspirin.drug_unit, aspirin.drug_type) == (1, "UN")
    assert Modifier.objects.get(code="50|62").rates.count() == 2
    assert Disclosure.current().last_updated_on == datetime.date(2026, 4, 1)


def test_the_three_layouts_give_the_same_chargemaster(west_mercy_plans):
    seen = []
    for example in EXAMPLES:
        assert load(example).imported
        seen.append(chargemaster())
    assert seen[0] == seen[1] == seen[2]
    assert len(seen[0]) == 25


def test_importing_the_same_file_again_changes_nothing(west_mercy_plans):
    load(WIDE)
    before = chargemaster()
    report = load(WIDE)
    assert report.imported and (report.added, report.removed) == (0, 0)
    assert chargemaster() == before


def test_small_batches_keep_the_files_order(west_mercy_plans, monkeypatch):
    load(TALL)
    whole = chargemaster()
    monkeypatch.setattr(importing, "BATCH", 3)
    load(TALL)
    assert chargemaster() == whole
    assert list(Charge.objects.values_list("position", flat=True)) == list(range(1, 23))


BAD_CELLS = [
    # (row, column, value, words of the message): the five, then the rest of CMS's rules
    (4, "code | 1 | type", "", "type of code 611 is missing"),
    (4, "standard_charge | gross", "$1,200", "dollar sign or thousands separators"),
    (4, "standard_charge | negotiated_dollar", "N/A", "placeholder"),
    (5, "payer_name", "Regional Health", "No payer is named “Regional Health”"),
    (5, "plan_name", "EPO", "Region Health Insurance has no plan named “EPO”"),
    (22, "median_amount", "", "median, 10th and 90th percentile"),
    (22, "count", "", "count of allowed amounts"),
    (4, "code | 1 | type", "XYZ", "not one of"),
    (4, "standard_charge | gross", "999999999", "placeholder"),
    (4, "standard_charge | gross", "0", "not more than zero"),
    (4, "standard_charge | discounted_cash", "-5", "not more than zero"),
    (4, "setting", "home", "not one of"),
    (4, "standard_charge | min", "", "minimum and maximum"),
    (4, "standard_charge | methodology", "", "methodology is missing"),
    (16, "additional_generic_notes", "", "“other”"),
    (21, "additional_generic_notes", "", "count of allowed amounts is 0"),
    (22, "count", "5", "not a count of allowed amounts"),
    (37, "drug_unit_of_measurement", "", "unit and type of measurement"),
]


@pytest.mark.parametrize(("row", "column", "value", "words"), BAD_CELLS)
def test_a_bad_cell_is_named_by_row_and_column_and_nothing_changes(
    west_mercy_plans, row, column, value, words
):
    load(JSON)
    before = chargemaster()
    report = load(tall_with(row, column, value), "bad.csv")
    assert not report.imported
    assert {(p.row, p.column) for p in report.problems} == {(str(row), column)}, report.problems
    assert any(words in problem.message for problem in report.problems), report.problems
    assert chargemaster() == before


def test_the_example_rows_the_bad_cells_change_are_good_ones(west_mercy_plans):
    """The control for the test above: unchanged, the same rows import."""
    report = load(as_csv(tall_rows()), "good.csv")
    assert report.imported and report.problem_count == 0


def test_messages_are_in_spanish_too(west_mercy_plans):
    with translation.override("es"):
        report = load(tall_with(4, "standard_charge | gross", "$1,200"), "bad.csv")
    assert "signo de dólar" in report.problems[0].message


def test_a_wide_file_naming_an_unknown_plan_is_refused_at_its_column(west_mercy_plans):
    text = WIDE.read_text(encoding="utf-8-sig").replace(
        "Region Health Insurance|HMO", "Region Health Insurance|POS"
    )
    report = load(text, "wide.csv")
    assert not report.imported
    assert {(p.row, p.column) for p in report.problems} == {
        ("3", "standard_charge|Region Health Insurance|POS|negotiated_dollar")
    }
    assert "no plan named “POS”" in report.problems[0].message
    assert ("Region Health Insurance", "POS", 23, False) in report.plans


def test_a_json_problem_is_named_by_its_path_and_key(west_mercy_plans):
    data = json.loads(JSON.read_text())
    data["standard_charge_information"][12]["standard_charges"][0]["payers_information"][0]["payer_name"] = (
        "Acme"
    )
    data["standard_charge_information"][0]["code_information"][1].pop("type")
    report = load(json.dumps(data), "bad.json")
    assert [(p.row, p.column) for p in report.problems] == [
        ("standard_charge_information[0].code_information[1]", "type"),
        ("standard_charge_information[12].standard_charges[0].payers_information[0]", "payer_name"),
    ]
    assert Charge.objects.count() == 0


def test_a_file_in_another_version_is_refused(west_mercy_plans):
    rows = tall_rows()
    rows[1][2] = "2.2.0"
    report = load(as_csv(rows), "old.csv")
    assert [(p.row, p.column) for p in report.problems] == [("2", "version")]
    assert "3.0.0" in report.problems[0].message


def test_many_problems_are_counted_past_those_listed(west_mercy_plans, monkeypatch):
    monkeypatch.setattr(importing, "PROBLEMS_KEPT", 5)
    rows = tall_rows()
    for row in rows[3:]:
        row[rows[2].index("setting")] = "somewhere"
    report = load(as_csv(rows), "bad.csv")
    assert (len(report.problems), report.problem_count, report.problems_not_listed) == (5, 45, 40)


def test_preview_tells_what_changes_and_writes_nothing(west_mercy_plans):
    load(TALL)
    before = chargemaster()
    rows = [row for row in tall_rows() if not row[0].startswith("Psychoses")]
    rows[3][0] = "MRI of the brain, no contrast"
    rows[4][0] = "MRI of the brain, no contrast"
    report = preview(io.BytesIO(as_csv(rows).encode()), "next.csv")
    assert report.ok and not report.imported
    assert (report.now.charges, report.in_file.charges) == (22, 21)
    assert (report.added, report.removed) == (1, 2)
    assert report.added_examples == ["MRI of the brain, no contrast"]
    assert set(report.removed_examples) == {"MRI of brain (no contrast)", "Psychoses"}
    assert chargemaster() == before


def test_read_yields_one_record_per_charge_in_file_order(west_mercy_plans):
    with TALL.open("rb") as file:
        records = list(read(file, TALL.name))
    assert len(records) == 25
    assert records[0].row == "4" and records[0].description == "MRI of brain (no contrast)"
    assert [rate.plan for rate in records[0].rates] == ["PPO", "HMO"]
