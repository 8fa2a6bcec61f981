"""The demo directory: vocabulary, places and fictional clinicians for the demonstration site.

`ensure_directory()` is idempotent. Vocabulary and locations are looked up by slug (or by name)
and created only when missing, so an editor's changes are never overwritten; doctors are topped
up to the number asked for, never deleted or changed. Doctors are made in bulk (thousands a
second), with their search text built in the same pass, so a 20,000-doctor benchmark directory
loads in well under a minute.
"""

import random
import re
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone
from django.utils.text import slugify

from doctors.caching import LANGUAGE_CHOICES, SPECIALTY_CHOICES, VOCABULARY, directory_changed
from doctors.insurance import refresh_accepted
from doctors.models import (
    AgeGroup,
    BoardCertification,
    ClinicalInterests,
    Condition,
    Department,
    Doctor,
    DoctorSearch,
    Language,
    Practice,
    Specialty,
    Training,
    npi_check_digit,
)
from locations.models import Location
from toolkit.translation import english

from .datafiles import read
from .pricing import ensure_plans

DEMO_NOTE = (
    "Every clinician in this directory is fictional: names, credentials, training and practice "
    "details were generated for the demonstration site and describe no real person."
)

BATCH_SIZE = 2000

# --- Vocabulary and places: demo/data/directory.toml and demo/data/places.toml -----------------

_DIRECTORY = read("directory.toml")
_PLACES = read("places.toml")

DEPARTMENTS = list(_DIRECTORY["departments"].items())  # (slug, name)
DEPARTMENTS_ES = _DIRECTORY["departments_es"]  # slug -> Spanish name
# Each: slug, name, parent (a sub-specialty's specialty, or None), department, weight (roughly how
# many clinicians in a hundred have it as their main specialty; 0 for sub-specialties), synonyms,
# the training of its doctors: board, residency, fellowship (or None), and medical_specialty (what
# schema.org calls it, doctors.MedicalSpecialty, or "" when none of schema.org's fits).
SPECIALTIES = [
    {
        "slug": row["slug"],
        "name": row["name"],
        "name_es": row["name_es"],
        "parent": row.get("parent"),
        "department": row["department"],
        "weight": row["weight"],
        "synonyms": row["synonyms"],
        "synonyms_es": row["synonyms_es"],
        "board": row["board"],
        "residency": row["residency"],
        "fellowship": row.get("fellowship"),
        "medical_specialty": row.get("medical_specialty", ""),
    }
    for row in _DIRECTORY["specialties"]
]
# (name, other words for it, the slugs of the specialties that treat it)
CONDITIONS = [(row["name"], row["synonyms"], row["treated_by"]) for row in _DIRECTORY["conditions"]]
CONDITIONS_ES = {row["name"]: row["name_es"] for row in _DIRECTORY["conditions"]}  # English -> Spanish
# English name -> the Spanish words patients search it by
CONDITION_WORDS_ES = {row["name"]: row["synonyms_es"] for row in _DIRECTORY["conditions"]}
# (name, code, share of clinicians who speak it besides English)
LANGUAGES = [(row["name"], row["code"], row["share"]) for row in _DIRECTORY["languages"]]
LANGUAGES_ES = {row["name"]: row["name_es"] for row in _DIRECTORY["languages"]}  # English -> Spanish

MAIN_CAMPUS = {
    **{field: value for field, value in _PLACES["campus"].items() if field != "services"},
    "kind": Location.Kind(_PLACES["campus"]["kind"]),
}
# Buildings of the main campus: (name, latitude, longitude, how often clinicians practise there,
# departments with clinics there).
CAMPUS_BUILDINGS = [
    (row["name"], row["latitude"], row["longitude"], row["share"], row["clinics"])
    for row in _PLACES["buildings"]
]
GARAGES = [(row["name"], row["street"], row["latitude"], row["longitude"]) for row in _PLACES["garages"]]
COMMUNITY_SITES = [
    (
        row["name"],
        Location.Kind(row["kind"]),
        row["street"],
        row["city"],
        row["zip_code"],
        row["latitude"],
        row["longitude"],
        row["phone"],
    )
    for row in _PLACES["community"]
]

# --- How the fictional doctors are made -----------------------------------------------------------
# The tables below are laid out by hand, one entry a line: ruff format leaves them alone.
# fmt: off

# A clinician who speaks one of these often has a name from there: (Faker locale, how often).
NAME_LOCALES = {
    "es": ("es_MX", 0.5), "pt": ("pt_BR", 0.5), "it": ("it_IT", 0.5), "fr": ("fr_FR", 0.4),
    "vi": ("vi_VN", 0.7), "hi": ("en_IN", 0.7),
}

PRACTICE_KINDS = [Location.Kind.BUILDING, Location.Kind.HEALTH_CENTER, Location.Kind.PRACTICE]

# How often a department's clinicians have their main practice in the community rather than on
# the main campus; any other department: 15%.
COMMUNITY_SHARE = {
    "medicine": 0.5, "pediatrics": 0.55, "obstetrics-gynecology": 0.45, "psychiatry": 0.4,
    "dermatology": 0.25, "radiology": 0.2, "surgery": 0.05, "radiation-oncology": 0.05,
    "neurosurgery": 0.02, "transplant-center": 0,
}

# --- Training -------------------------------------------------------------------------------------

MEDICAL_SCHOOLS = [
    "Harvard Medical School", "Boston University Chobanian & Avedisian School of Medicine",
    "Tufts University School of Medicine", "UMass Chan Medical School", "Yale School of Medicine",
    "Johns Hopkins University School of Medicine",
    "Perelman School of Medicine at the University of Pennsylvania",
    "Columbia University Vagelos College of Physicians and Surgeons",
    "Stanford University School of Medicine",
    "University of California, San Francisco, School of Medicine", "Duke University School of Medicine",
    "Washington University School of Medicine in St. Louis", "University of Michigan Medical School",
    "Northwestern University Feinberg School of Medicine", "Icahn School of Medicine at Mount Sinai",
    "University of Puerto Rico School of Medicine", "Geisel School of Medicine at Dartmouth",
    "Warren Alpert Medical School of Brown University",
]
OSTEOPATHIC_SCHOOLS = [
    "University of New England College of Osteopathic Medicine", "Lake Erie College of Osteopathic Medicine",
    "Philadelphia College of Osteopathic Medicine", "Touro College of Osteopathic Medicine",
]
NURSING_SCHOOLS = [
    "MGH Institute of Health Professions", "Boston College Connell School of Nursing",
    "Northeastern University School of Nursing", "Simmons University School of Nursing",
    "UMass Boston Manning College of Nursing and Health Sciences",
]
PA_SCHOOLS = [
    "MGH Institute of Health Professions", "Northeastern University", "Boston University School of Medicine",
    "Tufts University School of Medicine", "MCPHS University",
]
COLLEGES = [
    "Boston College", "Northeastern University", "University of Massachusetts Amherst", "Tufts University",
    "Boston University", "University of New Hampshire", "University of Connecticut",
]
# Where residents and fellows trained (Mass General more often than the others).
HOSPITALS = [
    "Massachusetts General Hospital", "Massachusetts General Hospital", "Massachusetts General Hospital",
    "Brigham and Women's Hospital", "Beth Israel Deaconess Medical Center", "Boston Medical Center",
    "The Johns Hopkins Hospital", "NewYork-Presbyterian Hospital",
    "Hospital of the University of Pennsylvania",
    "UCSF Medical Center", "Yale New Haven Hospital", "Mayo Clinic", "Cleveland Clinic",
    "Duke University Hospital",
]
CHILDRENS_HOSPITALS = [
    "Mass General for Children", "Mass General for Children", "Boston Children's Hospital",
    "Children's Hospital of Philadelphia", "Cincinnati Children's Hospital Medical Center",
]
EYE_AND_EAR_HOSPITALS = ["Massachusetts Eye and Ear", "Massachusetts Eye and Ear", "Wills Eye Hospital"]

RESIDENCY_YEARS = {
    "General Surgery": 5, "Orthopaedic Surgery": 5, "Neurological Surgery": 7, "Urology": 5,
    "Otolaryngology – Head and Neck Surgery": 5, "Plastic Surgery": 6, "Radiation Oncology": 4,
    "Diagnostic Radiology": 4, "Psychiatry": 4, "Neurology": 4, "Obstetrics and Gynecology": 4,
}
# Residencies that begin with a separate internship year.
INTERNSHIP_FIRST = {"Dermatology", "Ophthalmology", "Radiation Oncology", "Diagnostic Radiology"}

# (credentials, share)
CREDENTIALS = [("MD", 70), ("MD, PhD", 12), ("DO", 7), ("NP", 7), ("PA-C", 4)]

# (English, Spanish)
INTEREST_SENTENCES = [
    ("Clinical interests include {}.", "Sus intereses clínicos incluyen {}."),
    ("Special interests include {}.", "Entre sus intereses especiales están {}."),
    ("Areas of clinical focus: {}.", "Áreas de atención clínica: {}."),
    ("Particular expertise in {}.", "Tiene experiencia particular en {}."),
]

# A doctor's second specialty, when it is not a sub-specialty of the first: the usual pairings.
RELATED_SPECIALTIES = {
    "primary-care": ["geriatrics", "sports-medicine", "infectious-diseases"],
    "pediatrics": ["allergy-immunology", "sports-medicine"],
    "pulmonology": ["sleep-medicine"],
    "neurology": ["sleep-medicine"],
    "otolaryngology": ["sleep-medicine", "plastic-surgery"],
    "orthopaedic-surgery": ["sports-medicine"],
    "physical-medicine-rehabilitation": ["sports-medicine"],
    "sports-medicine": ["primary-care"],
    "geriatrics": ["primary-care"],
    "plastic-surgery": ["hand-surgery"],
    "dermatology": ["plastic-surgery"],
    "medical-oncology": ["radiation-oncology"],
    "nephrology": ["transplant-surgery"],
}

# --- Ages seen and insurance taken ------------------------------------------------------------------

CHILDREN_ONLY = AgeGroup.NEWBORNS | AgeGroup.CHILDREN | AgeGroup.ADOLESCENTS
GROWN_UPS = AgeGroup.ADULTS | AgeGroup.OLDER_ADULTS
# The ages a main specialty's doctors see; any other: adults and older adults, a few adolescents too.
AGES_SEEN = {
    "pediatrics": CHILDREN_ONLY, "pediatric-cardiology": CHILDREN_ONLY,
    "geriatrics": AgeGroup.OLDER_ADULTS,
    "obstetrics-gynecology": AgeGroup.ADOLESCENTS | GROWN_UPS,
    "sports-medicine": AgeGroup.CHILDREN | AgeGroup.ADOLESCENTS | GROWN_UPS,
}
# Specialties whose doctors see all ages about half the time (a family's dermatologist).
ALL_AGES_OFTEN = {"primary-care", "dermatology", "ophthalmology", "otolaryngology", "allergy-immunology"}
# How often a practice takes an insurer's plans (each plan drawn alone); any other insurer: 85%.
INSURER_SHARE = {"Medicare": 0.9, "MassHealth": 0.7, "Aetna": 0.75, "Cigna": 0.7}

# fmt: on


# --- Vocabulary and places ------------------------------------------------------------------------


def _ensure(model, rows):
    """Each row's object, found by slug or by English name, or created when missing. Nothing is
    changed, but for a Spanish name not written yet (name_es), which the row's fills, and Spanish
    search words not written yet (synonyms_es, where the row has them): an editor's own are kept.

    Rows name their English and Spanish (name_en, name_es). Returns ({slug: object}, [slugs of
    the rows created], how many were given their Spanish name).
    """
    by_slug = {obj.slug: obj for obj in model.objects.all()}
    by_name = {(obj.name_en or "").casefold(): obj for obj in by_slug.values()}
    spanish_taken = {obj.name_es for obj in by_slug.values() if obj.name_es}  # unique
    found, missing, spanish, words_es = {}, [], [], []
    for row in rows:
        obj = by_slug.get(row["slug"]) or by_name.get(row["name_en"].casefold())
        if obj is None:
            missing.append(model(**row))
        else:
            found[row["slug"]] = obj
            if not obj.name_es and row["name_es"] not in spanish_taken:
                obj.name_es = row["name_es"]
                spanish_taken.add(obj.name_es)
                spanish.append(obj)
            if row.get("synonyms_es") and not obj.synonyms_es:
                obj.synonyms_es = row["synonyms_es"]
                words_es.append(obj)
    model.objects.bulk_update(spanish, ["name_es"])
    if words_es:
        model.objects.bulk_update(words_es, ["synonyms_es"])
    for obj in model.objects.bulk_create(missing):
        found[obj.slug] = obj
    return found, [obj.slug for obj in missing], len(spanish)


def ensure_vocabulary():
    """Departments, specialties, conditions and languages, created where missing."""
    departments, departments_created, departments_es = _ensure(
        Department, [{"slug": s, "name_en": n, "name_es": DEPARTMENTS_ES[s]} for s, n in DEPARTMENTS]
    )
    languages, languages_created, languages_es = _ensure(
        Language,
        [
            {"slug": slugify(name), "name_en": name, "name_es": LANGUAGES_ES[name], "code": code}
            for name, code, _ in LANGUAGES
        ],
    )
    specialties, specialties_created, specialties_es = _ensure(
        Specialty,
        [
            {
                "slug": s["slug"],
                "name_en": s["name"],
                "name_es": s["name_es"],
                "synonyms_en": "\n".join(s["synonyms"]),
                "synonyms_es": "\n".join(s["synonyms_es"]),
                "medical_specialty": s["medical_specialty"],
            }
            for s in SPECIALTIES
        ],
    )
    new_specialties = set(specialties_created)
    for spec in SPECIALTIES:
        specialty = specialties[spec["slug"]]
        if spec["slug"] in new_specialties or specialty.department_id is None:
            # Sub-specialties, and the department whose intake staff take the specialty's requests.
            specialty.parent = specialties[spec["parent"]] if spec["parent"] else None
            specialty.department = departments[spec["department"]]
            specialty.save(update_fields=["parent", "department"])
    conditions, conditions_created, conditions_es = _ensure(
        Condition,
        [
            {
                "slug": slugify(name),
                "name_en": name,
                "name_es": CONDITIONS_ES[name],
                "synonyms_en": "\n".join(words),
                "synonyms_es": "\n".join(CONDITION_WORDS_ES[name]),
            }
            for name, words, _ in CONDITIONS
        ],
    )
    new_conditions = set(conditions_created)
    through = Condition.specialties.through
    through.objects.bulk_create(
        [
            through(condition_id=conditions[slugify(name)].pk, specialty_id=specialties[slug].pk)
            for name, _, treated_by in CONDITIONS
            if slugify(name) in new_conditions
            for slug in treated_by
        ],
        ignore_conflicts=True,
    )
    return {
        "departments": departments,
        "languages": languages,
        "specialties": specialties,
        "conditions": conditions,
        "created": {
            "departments": len(departments_created),
            "languages": len(languages_created),
            "specialties": len(specialties_created),
            "conditions": len(conditions_created),
        },
        "named_in_spanish": departments_es + languages_es + specialties_es + conditions_es,
    }


def ensure_locations():
    """The main campus, its buildings and garages, and community sites, created where missing.

    Returns ({slug: location}, number created).
    """
    existing = {loc.slug: loc for loc in Location.objects.all()}
    created = 0

    def get_or_create(fields):
        nonlocal created
        location = existing.get(fields["slug"])
        if location is None:
            location = existing[fields["slug"]] = Location.objects.create(**fields)
            created += 1
        return location

    campus = get_or_create(MAIN_CAMPUS)
    for name, lat, lon, _, _ in CAMPUS_BUILDINGS:
        get_or_create(
            {
                "slug": slugify(name),
                "name": name,
                "kind": Location.Kind.BUILDING,
                "parent": campus,
                "street": MAIN_CAMPUS["street"],
                "city": MAIN_CAMPUS["city"],
                "zip_code": MAIN_CAMPUS["zip_code"],
                "latitude": lat,
                "longitude": lon,
                "phone": MAIN_CAMPUS["phone"],
                "is_demo": True,
            }
        )
    for name, street, lat, lon in GARAGES:
        get_or_create(
            {
                "slug": slugify(name),
                "name": name,
                "kind": Location.Kind.GARAGE,
                "parent": campus,
                "street": street,
                "city": "Boston",
                "zip_code": "02114",
                "latitude": lat,
                "longitude": lon,
                "is_demo": True,
            }
        )
    for name, kind, street, city, zip_code, lat, lon, phone in COMMUNITY_SITES:
        get_or_create(
            {
                "slug": slugify(name),
                "name": name,
                "kind": kind,
                "street": street,
                "city": city,
                "zip_code": zip_code,
                "latitude": lat,
                "longitude": lon,
                "phone": phone,
                "is_demo": True,
            }
        )
    return existing, created


# --- Doctors --------------------------------------------------------------------------------------


def _in_sentence(name):
    """A condition's name as it reads inside a sentence: 'Heart failure' -> 'heart failure'."""
    first = name.split()[0]
    if first.isupper() or "'" in first or first in {"Lyme", "Parkinson", "Crohn"}:
        return name
    return name[0].lower() + name[1:]


def _listed(items):
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _en_frase(nombre):
    """A condition's Spanish name inside a sentence: 'Dolor de pecho' -> 'dolor de pecho', but
    'TDAH (…)', 'VIH' and 'Enfermedad de Parkinson' -> 'enfermedad de Parkinson'."""
    first = nombre.split()[0]
    return nombre if first.isupper() else nombre[0].lower() + nombre[1:]


def _enumerado(items):
    """Items listed in Spanish: 'a, b y c' ('e' before a word that sounds 'i': 'y' -> 'e')."""
    if len(items) == 1:
        return items[0]
    last = items[-1]
    y = "e" if last.lower().startswith(("i", "hi")) and not last.lower().startswith(("ie", "hie")) else "y"
    return f"{', '.join(items[:-1])} {y} {last}"


def _slug_base(first, last):
    return slugify(f"{first} {last}".replace("Đ", "D").replace("đ", "d")) or "doctor"


class _DirectoryMaker:
    """Makes fictional doctors coherent with the vocabulary and places found in the database."""

    def __init__(self, seed, count, vocabulary, locations):
        self.rng = random.Random(seed)  # noqa: S311 - demo data, not security  # nosec B311
        self.seed = seed
        self.count = count
        self.today = timezone.localdate()
        self.name_pools = {}
        spec_data = {s["slug"]: s for s in SPECIALTIES}
        self.spec_data = spec_data
        self.specialties = vocabulary["specialties"]  # our slug -> Specialty
        self.departments = vocabulary["departments"]
        spec_by_pk = {s.pk: s for s in Specialty.objects.all()}
        self.spec_terms = {pk: (english(s, "name"), s.terms) for pk, s in spec_by_pk.items()}
        conditions = list(Condition.objects.all())
        self.condition_terms = {c.pk: (english(c, "name"), c.terms) for c in conditions}
        self.condition_es = {c.pk: c.name_es or english(c, "name") for c in conditions}
        conditions_of = {}
        for condition_id, specialty_id in Condition.specialties.through.objects.values_list(
            "condition_id", "specialty_id"
        ).order_by("pk"):
            conditions_of.setdefault(specialty_id, []).append(condition_id)
        self.conditions_of = conditions_of
        known = {self.specialties[slug].pk: slug for slug in spec_data}
        # Main specialties, weighted, and their sub-specialties.
        self.primaries = [slug for slug, s in spec_data.items() if s["weight"]]
        self.primary_weights = [spec_data[slug]["weight"] for slug in self.primaries]
        self.subspecialties = {}
        for slug in spec_data:
            specialty = self.specialties[slug]
            if specialty.parent_id in known:
                self.subspecialties.setdefault(known[specialty.parent_id], []).append(slug)
        # Languages: English, plus others with their shares.
        self.languages = vocabulary["languages"]
        self.english = self.languages["english"]
        self.other_languages = [(slugify(n), code, share) for n, code, share in LANGUAGES if share]
        # Where doctors practise: published buildings, health centers and practices.
        eligible = [
            loc
            for loc in sorted(locations.values(), key=lambda loc: loc.pk)
            if loc.kind in PRACTICE_KINDS and loc.is_published
        ]
        building_weights = {slugify(name): weight for name, _, _, weight, _ in CAMPUS_BUILDINGS}
        self.campus = [loc for loc in eligible if loc.kind == Location.Kind.BUILDING]
        self.campus_weights = [building_weights.get(loc.slug, 2) for loc in self.campus]
        self.community = [loc for loc in eligible if loc.kind != Location.Kind.BUILDING]
        self.eligible = eligible
        self.home_buildings = {}
        eligible_by_slug = {loc.slug: loc for loc in self.campus}
        for name, _, _, _, departments in CAMPUS_BUILDINGS:
            for department in departments:
                if slugify(name) in eligible_by_slug:
                    self.home_buildings.setdefault(department, []).append(eligible_by_slug[slugify(name)])
        # Ages and insurance have their own draws: the doctors a seed makes stay who they were.
        self.extra_rng = random.Random(f"{seed}-ages-and-insurance")  # noqa: S311  # nosec B311
        plans = ensure_plans()
        self.plans_by_insurer = {}
        for (insurer, _plan), (plan, _share) in sorted(plans.items()):
            self.plans_by_insurer.setdefault(insurer, []).append(plan.pk)
        self.area_codes = {}
        for loc in eligible:
            match = re.match(r"\d{3}", loc.phone or "")
            self.area_codes[loc.pk] = match.group() if match else "617"

    def name_pool(self, locale):
        """Names drawn once from Faker (its draws are slow), then picked from at random."""
        if locale not in self.name_pools:
            # Imported here: Faker is a demo dependency, not installed in production, where this
            # module is still imported (the deploy checks read load_demo's demo password).
            from faker import Faker

            fake = Faker(locale, providers=["faker.providers.person"])
            fake.seed_instance(self.seed)
            size = max(60, min(3 * self.count, 2000 if locale == "en_US" else 300))
            self.name_pools[locale] = {
                Doctor.Gender.FEMALE: [fake.first_name_female() for _ in range(size)],
                Doctor.Gender.MALE: [fake.first_name_male() for _ in range(size)],
                Doctor.Gender.NONBINARY: [fake.first_name_nonbinary() for _ in range(max(20, size // 10))],
                "last": [fake.last_name() for _ in range(size * 2)],
            }
        return self.name_pools[locale]

    def pick_languages(self):
        rng = self.rng
        extra = rng.choices([0, 1, 2], weights=[64, 29, 7])[0]
        chosen = []
        pool = list(self.other_languages)
        for _ in range(extra):
            slug, code, _ = rng.choices(pool, weights=[share for _, _, share in pool])[0]
            chosen.append((slug, code))
            pool = [p for p in pool if p[0] != slug]
        speaks_english = rng.random() < 0.995 or not chosen
        languages = ([self.english] if speaks_english else []) + [self.languages[slug] for slug, _ in chosen]
        return languages, [code for _, code in chosen]

    def pick_locations(self, department_slug):
        rng = self.rng
        if not self.eligible:
            return []
        in_community = self.community and (
            not self.campus or rng.random() < COMMUNITY_SHARE.get(department_slug, 0.15)
        )
        if in_community:
            first = rng.choice(self.community)
        elif self.home_buildings.get(department_slug) and rng.random() < 0.7:
            first = rng.choice(self.home_buildings[department_slug])
        else:
            first = rng.choices(self.campus, weights=self.campus_weights)[0]
        chosen = [first]
        wanted = rng.choices([1, 2, 3], weights=[55, 35, 10])[0]
        for _ in range(wanted - 1):
            others = [loc for loc in self.eligible if loc not in chosen]
            if not others:
                break
            chosen.append(rng.choice(others))
        return chosen

    def training(self, credentials, primary, second):
        """[(kind, institution, year)] and the board certification (board, year)."""
        rng = self.rng
        this_year = self.today.year
        spec = self.spec_data[primary]
        sub = self.spec_data[second] if second in self.subspecialties.get(primary, []) else None
        if credentials in ("NP", "PA-C"):
            start = rng.randint(1995, this_year - 3)
            if credentials == "NP":
                school = rng.choice(NURSING_SCHOOLS)
                rows = [
                    (Training.Kind.OTHER, f"{school}, Bachelor of Science in Nursing", start - 4),
                    (
                        Training.Kind.OTHER,
                        f"{school}, Master of Science in Nursing (Nurse Practitioner)",
                        start,
                    ),
                ]
                board = (
                    "American Academy of Nurse Practitioners Certification Board — Family Nurse Practitioner"
                )
                if primary in ("pediatrics", "pediatric-cardiology"):
                    board = (
                        "Pediatric Nursing Certification Board — Pediatric Primary Care Nurse Practitioner"
                    )
            else:
                rows = [
                    (Training.Kind.OTHER, f"{rng.choice(COLLEGES)}, Bachelor of Science", start - 3),
                    (
                        Training.Kind.OTHER,
                        f"{rng.choice(PA_SCHOOLS)}, Master of Physician Assistant Studies",
                        start,
                    ),
                ]
                if rng.random() < 0.4:
                    rows.append(
                        (
                            Training.Kind.FELLOWSHIP,
                            f"Massachusetts General Hospital, {spec['name']} PA fellowship",
                            start + 1,
                        )
                    )
                board = "National Commission on Certification of Physician Assistants — Physician Assistant"
            return rows, (board, start + 1)
        residency = (sub or spec)["residency"]
        fellowship = (sub or spec)["fellowship"]
        res_years = RESIDENCY_YEARS.get(residency, 3)
        fel_years = rng.choice([2, 3]) if fellowship else 0
        graduated = rng.randint(1980, this_year - res_years - fel_years - 1)
        school = rng.choice(OSTEOPATHIC_SCHOOLS if credentials == "DO" else MEDICAL_SCHOOLS)
        if primary == "pediatrics" or residency == "Pediatrics":
            hospitals = CHILDRENS_HOSPITALS
        elif primary in ("ophthalmology", "otolaryngology"):
            hospitals = EYE_AND_EAR_HOSPITALS
        else:
            hospitals = HOSPITALS
        rows = [(Training.Kind.MEDICAL_SCHOOL, school, graduated)]
        year = graduated
        if residency in INTERNSHIP_FIRST and not fellowship:
            year += 1
            rows.append((Training.Kind.INTERNSHIP, f"{rng.choice(HOSPITALS)}, Internal Medicine", year))
            res_years -= 1
        year += res_years
        rows.append((Training.Kind.RESIDENCY, f"{rng.choice(hospitals)}, {residency}", year))
        if fellowship:
            year += fel_years
            rows.append((Training.Kind.FELLOWSHIP, f"{rng.choice(hospitals)}, {fellowship}", year))
        board = (sub or spec)["board"]
        return rows, (board, min(year + 1, this_year))

    def ages_seen(self, primary):
        rng = self.extra_rng
        if primary in AGES_SEEN:
            return AGES_SEEN[primary]
        if primary in ALL_AGES_OFTEN and rng.random() < 0.5:
            return CHILDREN_ONLY | GROWN_UPS
        return GROWN_UPS | (AgeGroup.ADOLESCENTS if rng.random() < 0.15 else 0)

    def plans_taken(self, primary):
        """The plan ids one practice takes: most insurers' plans, children's doctors rarely Medicare,
        and one practice in ten only a few insurers."""
        rng = self.extra_rng
        few = rng.random() < 0.1
        taken = []
        for insurer, plan_ids in self.plans_by_insurer.items():
            share = INSURER_SHARE.get(insurer, 0.85)
            if insurer == "Medicare" and AGES_SEEN.get(primary) == CHILDREN_ONLY:
                share = 0.05
            if few:
                share /= 3
            taken.extend(pk for pk in plan_ids if rng.random() < share)
        return taken

    def plan(self, index, slugs, npis):
        """One doctor, unsaved, and the rows that go with it; index: its place in the directory."""
        rng = self.rng
        primary = rng.choices(self.primaries, weights=self.primary_weights)[0]
        second = None
        # A sub-specialty for about a third of those whose specialty has some; a related second
        # specialty for about one in ten of the others.
        subs = self.subspecialties.get(primary)
        if subs and rng.random() < 0.35:
            second = rng.choice(subs)
        elif not subs and RELATED_SPECIALTIES.get(primary) and rng.random() < 0.1:
            second = rng.choice(RELATED_SPECIALTIES[primary])
        specialty_ids = [self.specialties[primary].pk] + ([self.specialties[second].pk] if second else [])
        pool = sorted({c for pk in specialty_ids for c in self.conditions_of.get(pk, [])})
        condition_ids = rng.sample(pool, min(len(pool), rng.randint(3, 8)))
        department = self.departments[self.spec_data[primary]["department"]]

        languages, extra_codes = self.pick_languages()
        locale = "en_US"
        for code in extra_codes:
            if code in NAME_LOCALES and rng.random() < NAME_LOCALES[code][1]:
                locale = NAME_LOCALES[code][0]
                break
        gender = rng.choices(
            [Doctor.Gender.FEMALE, Doctor.Gender.MALE, Doctor.Gender.NONBINARY, ""], weights=[51, 47, 1, 1]
        )[0]
        names = self.name_pool(locale)
        first_names = (
            names[gender] if gender else names[rng.choice([Doctor.Gender.FEMALE, Doctor.Gender.MALE])]
        )
        first, last = rng.choice(first_names), rng.choice(names["last"])
        base = slug = _slug_base(first, last)
        n = 1
        while slug in slugs:
            n += 1
            slug = f"{base}-{n}"
        slugs.add(slug)
        while True:
            prefix = str(rng.randint(100_000_000, 299_999_999))
            npi = prefix + npi_check_digit(prefix)
            if npi not in npis:
                npis.add(npi)
                break
        credentials = rng.choices([c for c, _ in CREDENTIALS], weights=[w for _, w in CREDENTIALS])[0]

        shown = [_in_sentence(self.condition_terms[c][0]) for c in condition_ids[:4]]
        shown_es = [_en_frase(self.condition_es[c]) for c in condition_ids[:4]]
        interests = interests_es = ""
        if shown:  # (the random draw only then, as the doctors of a seed have always been made)
            sentence, frase = rng.choice(INTEREST_SENTENCES)
            interests, interests_es = sentence.format(_listed(shown)), frase.format(_enumerado(shown_es))
        accepting = rng.choices(
            [Doctor.Accepting.YES, Doctor.Accepting.REFERRAL, Doctor.Accepting.NO], weights=[75, 15, 10]
        )[0]
        full_name = f"{first} {last}"
        words = [full_name, interests]
        for _, terms in sorted((self.spec_terms[pk] for pk in specialty_ids), key=lambda t: t[0]):
            words.extend(terms)
        for _, terms in sorted((self.condition_terms[c] for c in condition_ids), key=lambda t: t[0]):
            words.extend(terms)
        words.append(english(department, "name"))
        doctor = Doctor(
            first_name=first,
            last_name=last,
            full_name=full_name,
            credentials=credentials,
            slug=slug,
            gender=gender,
            department=department,
            accepting_new_patients=accepting,
            accepting_confirmed_on=self.today - timedelta(days=rng.randint(0, 119)),
            offers_virtual_visits=rng.random() < 0.5,
            ages_seen=self.ages_seen(primary),
            npi=npi,
            # A few unpublished doctors, at fixed places, so tests can check they never show.
            is_published=index % 50 != 17,
            is_demo=True,
        )
        locations = self.pick_locations(department.slug if department else "")
        training, board = self.training(credentials, primary, second)
        return {
            "doctor": doctor,
            "specialties": specialty_ids,
            "conditions": condition_ids,
            "languages": [lang.pk for lang in languages],
            "practices": [
                (loc.pk, f"{self.area_codes[loc.pk]}-555-01{rng.randint(0, 99):02d}") for loc in locations
            ],
            "plans": [self.plans_taken(primary) for _ in locations],
            "training": training,
            "board": board,
            "search_text": " ".join(words).lower(),
            "interests": (interests, interests_es),
        }


def _save_batch(plans):
    doctors = Doctor.objects.bulk_create([p["doctor"] for p in plans])
    specialties = Doctor.specialties.through
    conditions = Doctor.conditions.through
    languages = Doctor.languages.through
    spec_rows, cond_rows, lang_rows, practices, trainings, boards = [], [], [], [], [], []
    searches, interests = [], []
    for doctor, plan in zip(doctors, plans, strict=True):
        pk = doctor.pk
        searches.append(DoctorSearch(doctor_id=pk, text=plan["search_text"]))
        if any(plan["interests"]):
            english_text, spanish_text = plan["interests"]
            interests.append(ClinicalInterests(doctor_id=pk, text_en=english_text, text_es=spanish_text))
        spec_rows.extend(specialties(doctor_id=pk, specialty_id=s) for s in plan["specialties"])
        cond_rows.extend(conditions(doctor_id=pk, condition_id=c) for c in plan["conditions"])
        lang_rows.extend(languages(doctor_id=pk, language_id=lang) for lang in plan["languages"])
        practices.extend(
            Practice(doctor_id=pk, location_id=loc, phone=phone, order=order)
            for order, (loc, phone) in enumerate(plan["practices"])
        )
        trainings.extend(
            Training(doctor_id=pk, kind=kind, institution=institution, year=year)
            for kind, institution, year in plan["training"]
        )
        board, year = plan["board"]
        boards.append(BoardCertification(doctor_id=pk, board=board, year=year))
    specialties.objects.bulk_create(spec_rows)
    conditions.objects.bulk_create(cond_rows)
    languages.objects.bulk_create(lang_rows)
    Practice.objects.bulk_create(practices)
    taken = Practice.plans.through
    plan_ids = (ids for plan in plans for ids in plan["plans"])  # in the practices' order
    taken.objects.bulk_create(
        [
            taken(practice_id=practice.pk, plan_id=plan_id)
            for practice, ids in zip(practices, plan_ids, strict=True)
            for plan_id in ids
        ],
        batch_size=BATCH_SIZE * 4,
    )
    Training.objects.bulk_create(trainings)
    BoardCertification.objects.bulk_create(boards)
    DoctorSearch.objects.bulk_create(searches)
    ClinicalInterests.objects.bulk_create(interests)
    return [d.pk for d in doctors]


def ensure_doctors(doctor_count, seed, vocabulary, locations):
    """Top the directory up to doctor_count doctors; returns how many were created."""
    existing = Doctor.objects.count()
    missing = doctor_count - existing
    if missing <= 0:
        return 0
    maker = _DirectoryMaker(seed + existing, missing, vocabulary, locations)
    slugs = set(Doctor.objects.values_list("slug", flat=True))
    npis = set(Doctor.objects.values_list("npi", flat=True))
    first_pk = last_pk = None
    for start in range(0, missing, BATCH_SIZE):
        plans = [
            maker.plan(existing + i, slugs, npis) for i in range(start, min(start + BATCH_SIZE, missing))
        ]
        pks = _save_batch(plans)
        first_pk = pks[0] if first_pk is None else first_pk
        last_pk = pks[-1]
    # One UPDATE for the full-text vectors of the new doctors (a no-op off PostgreSQL), and the plans
    # they take where patients can find them (bulk_create sends no signal).
    made = Doctor.objects.filter(pk__gte=first_pk, pk__lte=last_pk)
    made.update_search_vectors()
    refresh_accepted(made)
    if connection.vendor == "postgresql":
        # Fresh statistics after a bulk load, or the planner guesses the tables are nearly empty.
        with connection.cursor() as cursor:
            cursor.execute(
                "ANALYZE doctors_doctor, doctors_doctorsearch, doctors_doctor_specialties, doctors_practice, "
                "doctors_practice_plans, doctors_acceptedplan"
            )
    return missing


def ensure_directory(doctor_count: int = 300, seed: int = 2026) -> dict:
    """Make sure the demo directory exists and holds at least doctor_count doctors.

    Idempotent: existing vocabulary, locations and doctors are left as they are; only what is
    missing is created. Reruns with the same arguments on the same data make the same doctors.
    """
    with transaction.atomic():
        vocabulary = ensure_vocabulary()
        locations, locations_created = ensure_locations()
        created = ensure_doctors(doctor_count, seed, vocabulary, locations)
    directory_changed()  # bulk_create sends no signals: the cached directory pages are stale
    if vocabulary["named_in_spanish"] or any(vocabulary["created"].values()):
        # Nor do bulk updates: what search's matches are called, the filters' options.
        for namespace in (VOCABULARY, SPECIALTY_CHOICES, LANGUAGE_CHOICES):
            namespace.changed()
    return {
        "doctors": Doctor.objects.count(),
        "doctors_created": created,
        "locations_created": locations_created,
        **{f"{name}_created": count for name, count in vocabulary["created"].items()},
    }
