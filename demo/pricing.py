"""The demo hospital's standard charges: a fictional chargemaster, payers and plans, and the
shoppable services the estimator finds (pricing), so that the files and the estimator are real on a
fresh machine.

The services are written by hand, in English and Spanish, in data/pricing.toml (the 70 CMS
specifies, then the hospital's own, some made from parts: a specialty's visits, a kind of scan of a
part of the body). The chargemaster is generated: a charge with a rate for every plan for each code
a service or its ancillaries use, then supplies and drugs up to the size asked for. Prices are drawn
around each code's figure with a seeded random generator, so every run makes the same ones.

Real: the hospital's name, its locations' addresses and the insurers' names. Fictional, and said so
in the files' notes: the EIN, the NPIs, the license number, the attester, and every charge and rate.

Idempotent: what exists is left as it is (finance staff may have imported their own chargemaster);
only what is missing is made.
"""

import random
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from itertools import count

from django.db import transaction

from locations.models import Location
from pricing.caching import pricing_changed
from pricing.models import (
    Ancillary,
    Charge,
    ChargeCode,
    Disclosure,
    Methodology,
    Modifier,
    ModifierRate,
    Payer,
    Plan,
    PricedLocation,
    Rate,
    Setting,
    ShoppableService,
)

from .datafiles import read

SEED = 2026
CASH_SHARE = Decimal("0.60")  # the discounted cash price: 60% of the gross charge
CENT = Decimal("0.01")

DISCLOSURE = {
    "hospital_name": "Massachusetts General Hospital",
    "ein": "00-0002026",
    "license_number": "DEMO-2026-01",
    "license_state": "MA",
    "type_2_npis": "0000000001, 0000000002, 0000000003",
    "attester_name": "Jordan A. Ellis",
    "attester_title": "Chief Financial Officer",
    "attestation_confirmed": True,
    "contact_name": "Price Transparency Office",
    "contact_email": "price-transparency@example.org",
    "last_updated_on": date(2026, 12, 1),
    "general_contract_provisions": (
        "When the total charges of one claim exceed 250,000 dollars for a Blue Cross Blue Shield of "
        "Massachusetts plan, the whole claim is paid at 52 percent of charges, instead of any other rate."
    ),
    "notes": (
        "Demonstration data: the EIN, NPIs, license number and attester of this file, and every charge "
        "and rate in it, are fictional and generated for a demo website. They are not the prices of "
        "Massachusetts General Hospital."
    ),
}
# The demo places the file covers, by slug (demo.doctors made them): the main campus and two centres.
LOCATION_SLUGS = ["massachusetts-general-hospital", "waltham-outpatient-center", "danvers-outpatient-center"]

# Insurers that sell plans in Massachusetts, with plan names of the usual kinds, and how much of the
# gross charge each plan pays, on the whole (each charge varies around it).
PAYERS = {
    "Blue Cross Blue Shield of Massachusetts": {"HMO Blue": 0.50, "PPO Blue": 0.57},
    "Harvard Pilgrim Health Care": {"HMO": 0.49, "PPO": 0.55},
    "Tufts Health Plan (Point32Health)": {"HMO": 0.48, "Medicare Preferred": 0.31},
    "Mass General Brigham Health Plan": {"HMO": 0.47, "ACO": 0.33},
    "MassHealth": {"Standard": 0.26},
    "Medicare": {"Original Medicare": 0.29},
    "Aetna": {"Open Access Managed Choice": 0.60},
    "Cigna": {"Open Access Plus": 0.62},
    "UnitedHealthcare": {"Choice Plus": 0.61, "Medicare Advantage": 0.32},
}
# Which plans agree other kinds of rate than a dollar fee schedule, and for what.
PERCENT_OF_CHARGES = {("Cigna", "Open Access Plus")}  # inpatient stays and surgery: a share of charges
ALGORITHM_CASE_RATE = {("Aetna", "Open Access Managed Choice")}  # inpatient stays: a case rate formula
SURGERY_CASE_RATE = {("UnitedHealthcare", "Choice Plus")}  # surgery: one case rate
INVOICE_BASED = {("UnitedHealthcare", "Choice Plus")}  # implants: a share of the supplier's invoice
PER_DAY_CODES = {"0120", "0170", "0200"}  # room and board: paid per day

MODIFIERS = [
    ("50", "Bilateral procedure", "{share} percent of the rate for the item or service it is appended to"),
    ("62", "Co-surgeon", "{half} percent of the rate for the item or service, for each co-surgeon"),
    ("50|62", "Bilateral procedure with co-surgeon", "{both} percent of the rate, for each co-surgeon"),
]


def ensure_pricing(charges: int = 3000, seed: int = SEED) -> dict:
    """Make sure the demo's disclosure, payers, chargemaster (about `charges` charges) and shoppable
    services exist. Returns what there is and what was made."""
    data = read("pricing.toml")
    services = service_rows(data)
    with transaction.atomic():
        if Disclosure.current() is None:
            Disclosure.objects.create(**DISCLOSURE)
        ensure_locations()
        plans = ensure_plans()
        ensure_modifiers(plans)
        charges_made = 0
        if not Charge.objects.exists():
            lines = needed_lines(data, services)
            lines += generated_lines(max(0, charges - len(lines)))
            charges_made = make_chargemaster(lines, plans, seed)
        services_made = ensure_services(services, data["ancillaries"])
    if charges_made or services_made:
        pricing_changed()  # bulk_create sends no signals
    return {
        "charges": Charge.objects.count(),
        "charges_created": charges_made,
        "services": ShoppableService.objects.count(),
        "services_created": services_made,
    }


def ensure_locations():
    if PricedLocation.objects.exists():
        return
    places = Location.objects.in_bulk(LOCATION_SLUGS, field_name="slug")
    PricedLocation.objects.bulk_create(
        PricedLocation(name=places[slug].name, address=places[slug].address, position=position)
        for position, slug in enumerate(LOCATION_SLUGS)
        if slug in places
    )


def ensure_plans():
    """{(payer, plan): (Plan, share of gross)}."""
    plans = {}
    for payer_name, payer_plans in PAYERS.items():
        payer, _ = Payer.objects.get_or_create(name=payer_name)
        for plan_name, share in payer_plans.items():
            plan, _ = Plan.objects.get_or_create(payer=payer, name=plan_name)
            plans[payer_name, plan_name] = (plan, share)
    return plans


def ensure_modifiers(plans):
    if Modifier.objects.exists():
        return
    for position, (code, description, effect) in enumerate(MODIFIERS):
        modifier = Modifier.objects.create(
            code=code, description=description, setting=Setting.BOTH, position=position
        )
        ModifierRate.objects.bulk_create(
            ModifierRate(modifier=modifier, plan=plan, description=effect.format(**modifier_shares(share)))
            for plan, share in plans.values()
        )


def modifier_shares(share):
    """Each plan's own percentages for the modifiers, a little different from plan to plan."""
    step = round(share * 20)
    return {"share": 140 + step, "half": 55 + step, "both": 80 + step}


# The shoppable services, from the data file.


def service_rows(data):
    """Every service as a dict: code, type, category, setting, cms_number, gross, the texts in each
    language, and its ancillaries (keys of data["ancillaries"])."""
    rows = [cms_row(entry) for entry in data["cms"]]
    rows += visit_rows(data["visits"])
    rows += imaging_rows(data["imaging"])
    for family in data["families"]:
        rows += [family_row(family, item) for item in family["items"]]
    return rows


def row(code, category, texts, ancillaries, gross, *, code_type="CPT", setting="outpatient", cms_number=None):
    return {
        "code": code,
        "code_type": code_type,
        "category": category,
        "setting": setting,
        "cms_number": cms_number,
        "gross": gross,
        "texts": texts,
        "ancillaries": ancillaries,
    }


def cms_row(entry):
    texts = {language: entry[language] for language in ("en", "es")}
    code_type, setting = entry.get("type", "CPT"), entry.get("setting", "outpatient")
    return row(
        entry["code"], entry["category"], texts, entry["ancillaries"], entry["gross"],
        code_type=code_type, setting=setting, cms_number=entry["number"],
    )  # fmt: skip


def fill(template, **parts):
    return {field: text.format(**parts) for field, text in template.items()}


def visit_rows(visits):
    rows = []
    for specialty in visits["specialties"]:
        for kind in visits["kinds"]:
            texts = {
                language: fill(
                    kind[language],
                    specialty=specialty[language],
                    specialty_lower=specialty[language].lower(),
                    words=specialty[f"words_{language}"],
                )
                for language in ("en", "es")
            }
            rows.append(row(kind["code"], "visit", texts, visits["ancillaries"], kind["gross"]))
    return rows


def imaging_rows(imaging):
    rows = []
    for scan in imaging["scans"]:
        kind, part = imaging["kinds"][scan["kind"]], imaging["parts"][scan["part"]]
        texts = {
            "en": fill(kind["en"], part=part["en"], word=part.get("word_en", part["en"])),
            "es": fill(kind["es"], of_part=part["es"], of_word=part.get("word_es", part["es"])),
        }
        rows.append(row(scan["code"], "imaging", texts, kind["ancillaries"], scan["gross"]))
    return rows


def family_row(family, item):
    ancillaries = [item["anesthesia"]] if "anesthesia" in item else []
    ancillaries += family["ancillaries"] + item.get("extra", [])
    ancillaries += ["pathology"] if item.get("pathology") else []
    ancillaries += ["implant"] if item.get("implant") else []
    texts = {
        language: dict(zip(("name", "description", "words"), item[language], strict=True))
        for language in ("en", "es")
    }
    code_type = item.get("type", family.get("type", "CPT"))
    setting = family.get("setting", "outpatient")
    return row(
        item["code"],
        family["category"],
        texts,
        ancillaries,
        item["gross"],
        code_type=code_type,
        setting=setting,
    )


def ensure_services(rows, ancillary_data):
    """Creates the services not there yet (by English name), with their ancillaries."""
    existing = set(ShoppableService.objects.values_list("name_en", flat=True))
    missing = [r for r in rows if r["texts"]["en"]["name"] not in existing]
    if not missing:
        return 0
    services = ShoppableService.objects.bulk_create(service(r) for r in missing)
    Ancillary.objects.bulk_create(
        ancillary(made, ancillary_data[key], position)
        for made, r in zip(services, missing, strict=True)
        for position, key in enumerate(r["ancillaries"])
    )
    return len(services)


def service(r):
    en, es = r["texts"]["en"], r["texts"]["es"]
    return ShoppableService(
        name_en=en["name"], name_es=es["name"],
        description_en=en["description"], description_es=es["description"],
        search_words_en=en["words"], search_words_es=es["words"],
        category=r["category"], code=r["code"], code_type=r["code_type"], setting=r["setting"],
        cms_number=r["cms_number"],
    )  # fmt: skip


def ancillary(made, entry, position):
    return Ancillary(
        service=made,
        label_en=entry["en"],
        label_es=entry["es"],
        code=entry["code"],
        code_type=entry["type"],
        position=position,
    )


# The chargemaster.


@dataclass
class Line:
    """A charge to make: what the chargemaster says of it, and the figure its price is drawn around."""

    description: str
    gross: float
    codes: list  # [(code, type)]; the charge's own CDM number is added
    setting: str = Setting.BOTH
    kind: str = "service"  # which kinds of rate plans agree for it (plan_rate)
    modifiers: str = ""
    drug_unit: Decimal | None = None
    drug_type: str = ""


def needed_lines(data, rows):
    """A line for every code a service or an ancillary uses (one charge each, with no modifier),
    then the lines billed with modifiers."""
    needed, settings = {}, {}

    def need(key, description, gross, kind, setting):
        needed.setdefault(key, Line(description, gross, [key], kind=kind))
        settings.setdefault(key, set()).add(setting)

    for r in rows:
        kind = (
            "stay" if r["code_type"] == "MS-DRG" else "surgery" if r["category"] == "surgery" else "service"
        )
        need((r["code"], r["code_type"]), r["texts"]["en"]["name"], r["gross"], kind, r["setting"])
        for name in r["ancillaries"]:
            extra = data["ancillaries"][name]
            per_day = extra["code"] in PER_DAY_CODES
            kind = "per day" if per_day else "implant" if name == "implant" else "service"
            setting = Setting.INPATIENT if per_day else r["setting"]
            need((extra["code"], extra["type"]), extra["en"], extra["gross"], kind, setting)
    for visit in data["visits"]["kinds"]:  # the charge's own words, not the first specialty's
        needed[visit["code"], "CPT"].description = visit["charge"]
    for key, line in needed.items():
        line.setting = settings[key].pop() if len(settings[key]) == 1 else Setting.BOTH
    lines = [line for _, line in sorted(needed.items())]
    for entry in data["modified"]:
        codes = [(entry["code"], entry["type"])]
        lines.append(
            Line(entry["description"], entry["gross"], codes, kind="surgery", modifiers=entry["modifiers"])
        )
    return lines


def make_chargemaster(lines, plans, seed):
    """Creates a charge for each line, with its codes and a rate for every plan; returns how many."""
    rng = random.Random(seed)  # noqa: S311 - demo data, not security  # nosec B311
    charges, codes, rates = [], [], []
    for position, line in enumerate(lines):
        gross = money(line.gross * rng.uniform(0.9, 1.1))
        charge = Charge(
            description=line.description,
            setting=line.setting,
            modifiers=line.modifiers,
            drug_unit=line.drug_unit,
            drug_type=line.drug_type,
            gross_charge=gross,
            discounted_cash=money(gross * CASH_SHARE),
            position=position,
        )
        charge_rates = [
            plan_rate(gross, line.kind, key, plan, share, rng) for key, (plan, share) in plans.items()
        ]
        dollars = [rate.dollar for rate in charge_rates if rate.dollar]
        charge.minimum, charge.maximum = min(dollars), max(dollars)
        charges.append(charge)
        codes.append([*line.codes, (f"{400000 + position}", "CDM")])
        rates.append(charge_rates)
    Charge.objects.bulk_create(charges, batch_size=2000)
    ChargeCode.objects.bulk_create(
        (
            ChargeCode(charge=charge, code=code, type=code_type, position=place)
            for charge, line_codes in zip(charges, codes, strict=True)
            for place, (code, code_type) in enumerate(line_codes)
        ),
        batch_size=5000,
    )
    for charge, charge_rates in zip(charges, rates, strict=True):
        for rate in charge_rates:
            rate.charge = charge
    Rate.objects.bulk_create((rate for charge_rates in rates for rate in charge_rates), batch_size=5000)
    return len(charges)


def money(amount):
    return Decimal(str(amount)).quantize(CENT, rounding=ROUND_HALF_UP)


def plan_rate(gross, kind, key, plan, share, rng):
    """One plan's rate for a charge: a dollar fee schedule, but for the kinds of rate some plans
    agree for stays, surgery, rooms and implants."""
    dollar = money(gross * Decimal(str(share * rng.uniform(0.92, 1.08))))
    if kind in ("stay", "surgery") and key in PERCENT_OF_CHARGES:
        percentage = Decimal(str(round(share * 100 * rng.uniform(0.95, 1.05), 1)))
        allowed = allowed_amounts(gross * percentage / 100, rng)
        return Rate(plan=plan, percentage=percentage, methodology=Methodology.PERCENT_OF_CHARGES, **allowed)
    if kind == "stay" and key in ALGORITHM_CASE_RATE:
        base, per_day = money(dollar * Decimal("0.85")), money(dollar * Decimal("0.09"))
        algorithm = f"Allowed amount = {base} + {per_day} for each covered day after the fourth"
        return Rate(
            plan=plan, algorithm=algorithm, methodology=Methodology.CASE_RATE, **allowed_amounts(dollar, rng)
        )
    if kind == "implant" and key in INVOICE_BASED:
        return Rate(
            plan=plan,
            algorithm="110 percent of the supplier's invoice cost of the implant",
            methodology=Methodology.OTHER,
            notes="Paid on the invoice: the algorithm gives the amount for each implant.",
            **allowed_amounts(dollar, rng),
        )
    if kind == "stay" or kind == "surgery" and key in SURGERY_CASE_RATE:
        return Rate(plan=plan, dollar=dollar, methodology=Methodology.CASE_RATE)
    if kind == "per day":
        return Rate(plan=plan, dollar=dollar, methodology=Methodology.PER_DIEM)
    return Rate(plan=plan, dollar=dollar, methodology=Methodology.FEE_SCHEDULE)


def allowed_amounts(typical, rng):
    """Median, 10th and 90th percentile of what the plan allowed, and how many claims."""
    median = money(Decimal(typical) * Decimal(str(rng.uniform(0.9, 1.1))))
    return {
        "median": median,
        "percentile_10": money(median * Decimal("0.72")),
        "percentile_90": money(median * Decimal("1.34")),
        "count": rng.choice(["1 through 10", str(rng.randint(11, 480))]),
    }


# The rest of the chargemaster: supplies and drugs, made from parts, as many as asked for.

SUPPLIES = [
    ("Suture, absorbable", ["2-0", "3-0", "4-0", "5-0"], ["18 in", "27 in"], 38),
    ("Suture, nylon", ["3-0", "4-0", "5-0", "6-0"], ["18 in"], 24),
    ("Catheter, urinary, Foley", ["12 Fr", "14 Fr", "16 Fr", "18 Fr", "20 Fr"], ["latex free"], 46),
    ("Catheter, IV", ["18 G", "20 G", "22 G", "24 G"], ["1 in", "1.25 in"], 19),
    ("Dressing, foam", ["2 x 2 in", "4 x 4 in", "6 x 6 in"], ["bordered", "non bordered"], 27),
    ("Dressing, transparent film", ["2 x 3 in", "4 x 5 in", "6 x 8 in"], ["sterile"], 12),
    ("Splint, fiberglass", ["2 x 10 in", "3 x 15 in", "4 x 30 in"], ["padded"], 64),
    ("Brace", ["knee", "ankle", "wrist", "back"], ["small", "medium", "large"], 118),
    ("Tubing, suction", ["6 ft", "10 ft"], ["sterile"], 22),
    ("Drainage system, chest", ["adult", "pediatric"], ["dry suction"], 210),
    ("Staple cartridge, surgical", ["45 mm", "60 mm"], ["standard", "thick tissue"], 395),
    ("Mesh, hernia repair", ["6 x 11 cm", "10 x 15 cm", "15 x 15 cm"], ["polypropylene"], 1150),
    ("Electrode, monitoring", ["adult", "pediatric", "neonatal"], ["pack of 3"], 9),
    ("Nebulizer kit", ["adult", "pediatric"], ["with mask", "with mouthpiece"], 31),
    ("Oxygen mask", ["adult", "pediatric"], ["non rebreather", "simple"], 24),
    ("Crutches", ["youth", "adult", "tall adult"], ["aluminum"], 85),
    ("Walking boot", ["short", "tall"], ["small", "medium", "large"], 165),
    ("Compression stockings", ["knee high", "thigh high"], ["small", "medium", "large"], 48),
]
DRUGS = [
    ("Ondansetron injection", ["2 mg/mL"], [2, 20], "ML", 14),
    ("Ketorolac injection", ["15 mg/mL", "30 mg/mL"], [1, 2], "ML", 18),
    ("Ceftriaxone for injection", ["250 mg", "1 g", "2 g"], [1], "EA", 36),
    ("Cefazolin for injection", ["1 g", "2 g"], [1], "EA", 29),
    ("Heparin injection", ["1,000 units/mL", "5,000 units/mL"], [1, 10], "ML", 21),
    ("Lidocaine injection 1 percent", ["10 mg/mL"], [5, 20], "ML", 11),
    ("Dexamethasone injection", ["4 mg/mL", "10 mg/mL"], [1, 5], "ML", 16),
    ("Acetaminophen tablet", ["325 mg", "500 mg"], [1], "EA", 2),
    ("Ibuprofen tablet", ["400 mg", "600 mg", "800 mg"], [1], "EA", 2),
    ("Oxycodone tablet", ["5 mg", "10 mg"], [1], "EA", 6),
    ("Amoxicillin capsule", ["250 mg", "500 mg"], [1], "EA", 3),
    ("Metoprolol tablet", ["25 mg", "50 mg"], [1], "EA", 2),
    ("Enoxaparin injection", ["40 mg/0.4 mL", "80 mg/0.8 mL"], [0.4, 0.8], "ML", 58),
    ("Sodium chloride 0.9 percent, IV bag", ["0.9 percent"], [250, 500, 1000], "ML", 24),
    ("Lactated Ringer's, IV bag", ["solution"], [500, 1000], "ML", 26),
    ("Propofol emulsion", ["10 mg/mL"], [20, 50, 100], "ML", 42),
    ("Insulin regular", ["100 units/mL"], [3, 10], "ML", 48),
    ("Albuterol inhalation solution", ["2.5 mg/3 mL"], [3], "ML", 9),
    ("Vancomycin for injection", ["500 mg", "1 g"], [1], "EA", 34),
    ("Morphine injection", ["2 mg/mL", "4 mg/mL"], [1], "ML", 15),
]
SUPPLY_REVENUE_CODE = "0270"
DRUG_REVENUE_CODE = "0636"


def generated_lines(wanted):
    """`wanted` lines of supplies and drugs, in packs of growing size once every kind is used."""
    lines = []
    items = [*supply_lines(), *drug_lines()]
    for round_number in count():
        for item in items:
            if len(lines) == wanted:
                return lines
            if round_number:
                pack = round_number * 5
                item = replace(
                    item, description=f"{item.description}, pack of {pack}", gross=item.gross * pack
                )
            lines.append(item)


def supply_lines():
    for name, sizes, variants, gross in SUPPLIES:
        for size in sizes:
            for variant in variants:
                yield Line(f"{name}, {size}, {variant}", gross, [(SUPPLY_REVENUE_CODE, "RC")])


def drug_lines():
    for number, (name, strengths, amounts, unit_type, gross) in enumerate(DRUGS):
        for strength_number, strength in enumerate(strengths):
            for amount_number, amount in enumerate(amounts):
                # Made up for the demo, in the NDC's 5-4-2 shape.
                ndc = f"00{number + 10:02d}0-{strength_number + 1:02d}{amount_number + 1:02d}-01"
                unit = f"{amount} mL" if unit_type == "ML" else "each"
                yield Line(
                    f"{name}, {strength}, {unit}",
                    gross * max(1, amount / 10),
                    [(ndc, "NDC"), (DRUG_REVENUE_CODE, "RC")],
                    drug_unit=Decimal(str(amount)),
                    drug_type=unit_type,
                )
