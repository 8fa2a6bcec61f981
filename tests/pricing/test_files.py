"""The three standard-charges files: generated from a small chargemaster that has each kind of rate
CMS's template knows, checked by CMS's own validator (zero errors, zero alerts, names accepted), and
read back to see that what the database says is what the files say."""

import csv
import io
import json
import os
import re
from datetime import date
from decimal import Decimal

import pytest

from pricing import validation
from pricing.files import file_name, write_json, write_tall_csv, write_wide_csv
from pricing.models import (
    ATTESTATION,
    Charge,
    ChargeCode,
    Disclosure,
    Modifier,
    ModifierRate,
    Payer,
    Plan,
    PricedLocation,
    Rate,
)
from tests.pricing.estimator_data import clear_prices

WRITERS = {"json": write_json, "tall": write_tall_csv, "wide": write_wide_csv}
DISCLOSURE_NOTES = "The demo hospital's figures are fictional."


def require_validator():
    """Skip without Node or `npm ci`'s node_modules (`make test` installs them); under CI=true, fail."""
    try:
        validation.node_binary()
        validation.package_folder()
    except validation.ValidatorUnavailable as missing:
        if os.environ.get("CI", "").lower() == "true":
            raise pytest.UsageError(f"CI=true but CMS's validator cannot run: {missing}") from missing
        pytest.skip(str(missing))


def make_chargemaster():
    """A fictional chargemaster with every kind of rate: dollar, percentage and algorithm (with the
    allowed amounts' statistics), a count of "0" with notes, methodology "other" with notes, a drug
    by NDC with its unit, two rates of one plan for one charge, a modifier, two payers' plans."""
    clear_prices()  # whatever the demo loaded, and the hospital's own data too
    PricedLocation.objects.all().delete()
    Disclosure.objects.all().delete()
    Disclosure.objects.create(
        hospital_name="Massachusetts General Hospital",
        ein="04-1234567",
        file_npi="1234567893",
        license_number="2101",
        license_state="MA",
        type_2_npis="1234567893, 1234567901",
        attester_name="Jordan Avery",
        attester_title="Chief Financial Officer",
        attestation_confirmed=True,
        general_contract_provisions="Claims over $200,000 are paid at 50% of charges by Harbor Health.",
        contact_name="Price Transparency Office",
        contact_email="prices@example.org",
        last_updated_on=date(2026, 7, 1),
        notes=DISCLOSURE_NOTES,
    )
    PricedLocation.objects.create(name="Main Campus", address="55 Fruit Street, Boston, MA 02114", position=1)
    PricedLocation.objects.create(
        name="Surgical Center", address="15 Parkman Street, Boston, MA 02114", position=2
    )
    ppo = Plan.objects.create(payer=Payer.objects.create(name="Harbor Health"), name="PPO")
    hmo = Plan.objects.create(payer=Payer.objects.create(name="Bay State Care"), name="HMO")

    def charge(description, codes, **fields):
        made = Charge.objects.create(description=description, position=Charge.objects.count(), **fields)
        for position, (code_type, code) in enumerate(codes):
            ChargeCode.objects.create(charge=made, code=code, type=code_type, position=position)
        return made

    mri = charge(
        "MRI of brain (no contrast)", [("RC", "0611"), ("CPT", "70551")], setting="outpatient",
        gross_charge=Decimal("1200.00"), discounted_cash=Decimal("1080.50"),
        minimum=Decimal("250.00"), maximum=Decimal("400.50"),
    )  # fmt: skip
    Rate.objects.create(charge=mri, plan=ppo, dollar=Decimal("400.50"), methodology="fee schedule")
    Rate.objects.create(charge=mri, plan=hmo, dollar=Decimal("250.00"), methodology="fee schedule")
    er = charge(
        "Emergency visit, level 3", [("CPT", "99283")], setting="outpatient", gross_charge=Decimal("4000")
    )
    Rate.objects.create(
        charge=er, plan=ppo, percentage=Decimal("80.000"), methodology="percent of total billed charges",
        median=Decimal("3200.12"), percentile_10=Decimal("1500"), percentile_90=Decimal("3900"), count="299",
    )  # fmt: skip
    Rate.objects.create(
        charge=er, plan=hmo, percentage=Decimal("75.5"), methodology="percent of total billed charges",
        median=Decimal("3000"), percentile_10=Decimal("1400"), percentile_90=Decimal("3800"), count="11",
    )  # fmt: skip
    birth = charge(
        "Cesarean section without sterilization with mcc", [("MS-DRG", "786")], setting="inpatient"
    )
    Rate.objects.create(
        charge=birth, plan=ppo, algorithm="$8,000 plus $3,000 for each covered day after the fourth.",
        methodology="case rate", median=Decimal("11000"), percentile_10=Decimal("8000"),
        percentile_90=Decimal("17000"), count="1 through 10",
    )  # fmt: skip
    Rate.objects.create(
        charge=birth, plan=hmo, algorithm="95% of the MS-DRG amount, at most $55,000.", methodology="other",
        count="0", notes="No claims in the 15-month lookback period; the algorithm sets the amount.",
    )  # fmt: skip
    aspirin = charge(
        "Aspirin 81 milligram chewable tablet", [("NDC", "10135-0729-62")], setting="both",
        drug_unit=Decimal("1.0000"), drug_type="UN", gross_charge=Decimal("2"),
        discounted_cash=Decimal("1.5"),
        minimum=Decimal("0.75"), maximum=Decimal("0.95"),
    )  # fmt: skip
    Rate.objects.create(charge=aspirin, plan=ppo, dollar=Decimal("0.75"), methodology="fee schedule")
    Rate.objects.create(charge=aspirin, plan=hmo, dollar=Decimal("0.95"), methodology="fee schedule")
    room = charge(
        "Observation room", [("RC", "0762")], setting="outpatient", gross_charge=Decimal("13000"),
        discounted_cash=Decimal("12000"), modifiers="50", notes="Per stay.",
    )  # fmt: skip
    Rate.objects.create(
        charge=room, plan=ppo, dollar=Decimal("8000"), methodology="case rate", notes="Without surgery."
    )
    Rate.objects.create(
        charge=room, plan=ppo, dollar=Decimal("10000"), methodology="case rate", notes="With surgery."
    )
    Rate.objects.create(charge=room, plan=hmo, dollar=Decimal("9000"), methodology="case rate")
    bilateral = Modifier.objects.create(code="50", description="Bilateral procedure", setting="both")
    ModifierRate.objects.create(modifier=bilateral, plan=ppo, description="150% of the amount for the item.")
    ModifierRate.objects.create(modifier=bilateral, plan=hmo, description="145% of the amount for the item.")


def generate(folder):
    """{kind: (path, public name)} of the three files written into `folder`."""
    disclosure = Disclosure.current()
    found = {}
    for kind, writer in WRITERS.items():
        name = file_name(disclosure, "json" if kind == "json" else "csv")
        path = folder / f"{kind}-{name}"
        with open(path, "w", encoding="utf-8", newline="") as out:
            writer(out)
        found[kind] = (path, name)
    return found


def check(kind, path, name):
    return validation.validate(("json" if kind == "json" else "csv", path, name))[0]


@pytest.fixture
def chargemaster(db):
    make_chargemaster()


@pytest.fixture
def files(chargemaster, tmp_path):
    return generate(tmp_path)


def test_the_three_files_pass_cms_validator_with_no_error_and_no_alert(files):
    require_validator()
    for kind, (path, name) in files.items():
        verdict = check(kind, path, name)
        assert verdict.messages() == [], kind
        assert verdict.valid and verdict.name_valid, kind
    assert files["json"][1] == "04-1234567-1234567893_massachusetts-general-hospital_standardcharges.json"
    assert files["tall"][1] == files["wide"][1] == files["json"][1].replace(".json", ".csv")


def test_the_validator_refuses_a_broken_attestation_a_placeholder_and_a_missing_payer(files, tmp_path):
    require_validator()
    path, name = files["json"]
    document = json.loads(path.read_text())
    document["attestation"]["attestation"] = ATTESTATION.replace("true, accurate", "accurate")
    broken = tmp_path / "attestation.json"
    broken.write_text(json.dumps(document))

    tall_path, csv_name = files["tall"]
    rows = list(csv.reader(io.StringIO(tall_path.read_text(), newline="")))
    dollar, payer = rows[2].index("standard_charge|negotiated_dollar"), rows[2].index("payer_name")
    placeholder = [*rows[:3], [*rows[3][:dollar], "N/A", *rows[3][dollar + 1 :]], *rows[4:]]
    no_payer = [*rows[:3], [*rows[3][:payer], "", *rows[3][payer + 1 :]], *rows[4:]]
    made = {}
    for label, content in (("placeholder", placeholder), ("payer", no_payer)):
        made[label] = tmp_path / f"{label}.csv"
        with open(made[label], "w", newline="", encoding="utf-8") as out:
            csv.writer(out).writerows(content)

    verdicts = validation.validate(
        ("json", broken, name), ("csv", made["placeholder"], csv_name), ("csv", made["payer"], csv_name)
    )
    for verdict in verdicts:
        assert verdict.errors and not verdict.valid
    assert "attestation" in json.dumps(verdicts[0].errors)
    misnamed = validation.validate(("json", path, "standard-charges.json"))[0]
    assert not misnamed.name_valid and not misnamed.valid


def test_the_json_says_what_the_database_says(files):
    document = json.loads(files["json"][0].read_text())
    assert document["hospital_name"] == "Massachusetts General Hospital"
    assert document["version"] == "3.0.0"
    assert document["last_updated_on"] == "2026-07-01"
    assert document["location_name"] == ["Main Campus", "Surgical Center"]
    assert document["license_information"] == {"state": "MA", "license_number": "2101"}
    assert document["type_2_npi"] == ["1234567893", "1234567901"]
    assert document["attestation"] == {
        "attestation": ATTESTATION,
        "confirm_attestation": True,
        "attester_name": "Jordan Avery",
    }
    items = {item["description"]: item for item in document["standard_charge_information"]}
    assert len(items) == 5
    mri = items["MRI of brain (no contrast)"]
    assert mri["code_information"] == [{"code": "0611", "type": "RC"}, {"code": "70551", "type": "CPT"}]
    standard = mri["standard_charges"][0]
    assert (standard["gross_charge"], standard["discounted_cash"]) == (1200, 1080.5)
    assert (standard["minimum"], standard["maximum"]) == (250, 400.5)
    assert standard["payers_information"][1] == {
        "payer_name": "Harbor Health",
        "plan_name": "PPO",
        "standard_charge_dollar": 400.5,
        "methodology": "fee schedule",
    }
    assert standard["additional_generic_notes"] == DISCLOSURE_NOTES
    er = items["Emergency visit, level 3"]["standard_charges"][0]["payers_information"]
    assert er[0]["standard_charge_percentage"] == 75.5 and er[0]["count"] == "11"
    birth = items["Cesarean section without sterilization with mcc"]["standard_charges"][0]
    assert [payer["count"] for payer in birth["payers_information"]] == ["0", "1 through 10"]
    assert "median_amount" not in birth["payers_information"][0]
    assert birth["payers_information"][0]["additional_payer_notes"].startswith("No claims")
    assert items["Aspirin 81 milligram chewable tablet"]["drug_information"] == {"unit": 1, "type": "UN"}
    room = items["Observation room"]["standard_charges"][0]
    assert room["modifier_code"] == ["50"]
    assert [payer["standard_charge_dollar"] for payer in room["payers_information"]] == [9000, 8000, 10000]
    assert room["additional_generic_notes"] == f"Per stay. {DISCLOSURE_NOTES}"
    assert document["modifier_information"] == [
        {
            "description": "Bilateral procedure",
            "code": "50",
            "setting": "both",
            "modifier_payer_information": [
                {
                    "payer_name": "Harbor Health",
                    "plan_name": "PPO",
                    "description": "150% of the amount for the item.",
                },
                {
                    "payer_name": "Bay State Care",
                    "plan_name": "HMO",
                    "description": "145% of the amount for the item.",
                },
            ],
        }
    ]


def read_csv(path):
    rows = list(csv.reader(io.StringIO(path.read_text(), newline="")))
    general = dict(zip(rows[0], rows[1], strict=True))
    return general, [dict(zip(rows[2], row, strict=True)) for row in rows[3:]]


def test_the_tall_csv_has_one_row_per_plan_rate(files):
    general, rows = read_csv(files["tall"][0])
    assert general["hospital_name"] == "Massachusetts General Hospital"
    assert general["license_number|MA"] == "2101"
    assert general[ATTESTATION] == "TRUE"
    assert general["attester_name"] == "Jordan Avery"
    assert general["location_name"] == "Main Campus|Surgical Center"
    assert general["type_2_npi"] == "1234567893|1234567901"
    assert general["general_contract_provisions"].startswith("Claims over $200,000")
    assert len(rows) == 2 + 2 + 2 + 2 + 3 + 2  # five charges' rates, then the modifier's two plans
    found = {(row["description"], row["payer_name"]): row for row in rows}
    mri = found["MRI of brain (no contrast)", "Harbor Health"]
    assert (mri["code|1"], mri["code|1|type"], mri["code|2"], mri["code|2|type"]) == (
        "0611",
        "RC",
        "70551",
        "CPT",
    )
    assert (mri["plan_name"], mri["standard_charge|negotiated_dollar"]) == ("PPO", "400.5")
    assert (mri["standard_charge|gross"], mri["standard_charge|min"], mri["standard_charge|max"]) == (
        "1200",
        "250",
        "400.5",
    )
    er = found["Emergency visit, level 3", "Harbor Health"]
    assert (er["standard_charge|negotiated_percentage"], er["median_amount"], er["count"]) == (
        "80",
        "3200.12",
        "299",
    )
    zero = found["Cesarean section without sterilization with mcc", "Bay State Care"]
    assert zero["count"] == "0" and zero["median_amount"] == ""
    assert zero["additional_generic_notes"] == f"{zero_notes()} {DISCLOSURE_NOTES}"
    aspirin = found["Aspirin 81 milligram chewable tablet", "Harbor Health"]
    assert (aspirin["drug_unit_of_measurement"], aspirin["drug_type_of_measurement"]) == ("1", "UN")
    room = [row for row in rows if row["description"] == "Observation room"]
    assert [row["standard_charge|negotiated_dollar"] for row in room] == ["9000", "8000", "10000"]
    assert room[1]["additional_generic_notes"] == f"Without surgery. Per stay. {DISCLOSURE_NOTES}"
    modifier = found["Bilateral procedure", "Bay State Care"]
    assert (modifier["modifiers"], modifier["setting"], modifier["code|1"]) == ("50", "both", "")
    assert modifier["additional_generic_notes"] == "145% of the amount for the item."
    money = (
        "standard_charge|gross",
        "standard_charge|negotiated_dollar",
        "median_amount",
        "standard_charge|min",
    )
    plain_number = re.compile(r"(0|[1-9]\d*)(\.\d*[1-9])?|")  # no "$", no placeholder, no trailing zeros
    assert all(plain_number.fullmatch(row[column]) for row in rows for column in money)


def zero_notes():
    return "No claims in the 15-month lookback period; the algorithm sets the amount."


def test_the_wide_csv_has_a_column_group_per_plan_and_a_row_per_rate_of_one_plan(files):
    general, rows = read_csv(files["wide"][0])
    assert general["version"] == "3.0.0"
    ppo, hmo = "Harbor Health|PPO", "Bay State Care|HMO"
    assert len(rows) == 5 + 1 + 1  # the observation room takes two rows (two PPO rates), then the modifier
    mri = rows[0]
    assert mri[f"standard_charge|{ppo}|negotiated_dollar"] == "400.5"
    assert mri[f"standard_charge|{hmo}|negotiated_dollar"] == "250"
    assert mri[f"standard_charge|{hmo}|methodology"] == "fee schedule"
    birth = rows[2]
    assert birth[f"count|{ppo}"] == "1 through 10" and birth[f"median_amount|{ppo}"] == "11000"
    assert birth[f"additional_payer_notes|{hmo}"].startswith("No claims")
    first, second = rows[4], rows[5]
    assert first["description"] == second["description"] == "Observation room"
    assert (
        first[f"standard_charge|{ppo}|negotiated_dollar"],
        second[f"standard_charge|{ppo}|negotiated_dollar"],
    ) == (
        "8000",
        "10000",
    )
    assert (
        first[f"standard_charge|{hmo}|negotiated_dollar"],
        second[f"standard_charge|{hmo}|negotiated_dollar"],
    ) == (
        "9000",
        "",
    )
    assert first["additional_generic_notes"] == f"Per stay. {DISCLOSURE_NOTES}"
    assert rows[6]["modifiers"] == "50" and rows[6][f"additional_payer_notes|{ppo}"].startswith("150%")
