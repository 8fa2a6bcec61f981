"""Demo details for Find a Location: services, opening hours, holidays and visiting details.

`ensure_location_details()` works on the places `demo.doctors.ensure_locations()` made (the main
campus, its buildings and garages, the community sites) and adds a few of its own (a lab, an
imaging site, a pharmacy, the Emergency Department, an urgent care open past midnight, two
neighbourhood practices). For benchmarks it also tops the directory up with generated outpatient
practices across Massachusetts.

Idempotent, and it never overwrites an editor's work: places and services are created only when
their slug is missing; a visiting-details field is filled only while it is empty or still holds
an old "Demo text:" placeholder (PLACEHOLDERS: no editor wrote it); services are linked only to a
place that has none; weekly hours only to a place that has no rows; holiday closures only to a
place with no exception from today on. It only touches demo places (is_demo) and the main campus:
a place an editor added is left alone.

Made up, like every demo place: hours, services, entrances, rates, phone numbers (555-01xx) and
street addresses. Real: the main campus's address, phone and the name of its MBTA station.
"""

import random
from datetime import date, time, timedelta

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from doctors.caching import directory_changed
from locations.caching import SERVICE_CHOICES
from locations.models import HoursException, Location, OpeningHours, Service, miles_between

from .campus import with_step_free_entrance
from .datafiles import read

_PLACES = read("places.toml")  # demo/data/places.toml

BATCH_SIZE = 2000
CAMPUS_SLUG = _PLACES["campus"]["slug"]
# The garage the campus's page names: the nearest to its main entrance (_campus_access says so).
CAMPUS_GARAGE_SLUG = "fruit-street-garage"
MAIN_PHONE = _PLACES["campus"]["phone"]
EXTRA_SLUG = "demo-practice-{:04d}"
# How many of the coming holidays get closures.
HOLIDAYS_AHEAD = 3

K = Location.Kind

# --- Services and places: demo/data/places.toml ------------------------------------------------

SERVICES = list(_PLACES["services"].items())  # (slug, name)
SERVICES_ES = _PLACES["services_es"]  # slug -> Spanish name
# Services of the places demo.doctors makes and of the ones made here, by slug.
PLACE_SERVICES = {
    slugify(row["name"]) if "slug" not in row else row["slug"]: row["services"]
    for row in [_PLACES["campus"], *_PLACES["buildings"], *_PLACES["community"], *_PLACES["places"]]
    if "services" in row
}
# Any other demo place, by kind.
KIND_SERVICES = {K(kind): row["services"] for kind, row in _PLACES["kinds"].items() if "services" in row}

# (slug, name, kind, parent slug, street, city, ZIP, latitude, longitude, phone). A place with a
# parent on the campus takes its street, city and ZIP from the campus.
EXTRA_PLACES = [
    (
        row["slug"],
        row["name"],
        K(row["kind"]),
        row.get("parent"),
        row.get("street"),
        row.get("city"),
        row.get("zip_code"),
        row["latitude"],
        row["longitude"],
        row["phone"],
    )
    for row in _PLACES["places"]
]

# fmt: off
# Generated practices: (name ending, services to pick 1-3 from, the first always).
EXTRA_PRACTICE_KINDS = [
    ("Primary Care", ["primary-care", "laboratory", "vaccinations"]),
    ("Family Medicine", ["primary-care", "pediatrics", "laboratory"]),
    ("Pediatrics", ["pediatrics", "vaccinations", "laboratory"]),
    ("Women's Health", ["womens-health", "laboratory", "mammography"]),
    ("Physical Therapy", ["physical-therapy", "orthopaedics"]),
    ("Outpatient Center", ["primary-care", "imaging", "laboratory"]),
    ("Behavioral Health", ["behavioral-health", "interpreter-services"]),
    ("Heart and Vascular", ["cardiology-clinic", "vascular-clinic", "laboratory"]),
]
STREET_NAMES = [
    "Maple", "Elm", "Oak", "Chestnut", "Pleasant", "Mill", "Church", "Prospect", "Summer", "Winter",
    "Highland", "Walnut", "Cedar", "Spring", "Union", "Water", "Pine", "Forest", "Central", "Park",
]
STREET_TYPES = ["Street", "Avenue", "Road", "Way", "Place", "Lane"]
# fmt: on

# --- Hours ---------------------------------------------------------------------------------------


def _day(opens, closes, next_day=False):
    return {"opens": time(*opens), "closes": time(*closes), "closes_next_day": next_day}


OPEN_24 = {"is_24_hours": True}
CLOSED = {"is_closed": True}


def _timetable_day(text):
    """A day of a timetable in places.toml: "08:00-17:00", "closed" or "24 hours"."""
    if text == "closed":
        return CLOSED
    if text == "24 hours":
        return OPEN_24
    opens, closes = (time.fromisoformat(part) for part in text.split("-"))
    return {"opens": opens, "closes": closes, "closes_next_day": closes <= opens}


# Weekly timetables, Monday first.
TIMETABLES = {name: [_timetable_day(day) for day in week] for name, week in _PLACES["timetables"].items()}
# Which timetable: by slug first, then by kind (a list: one picked per place, with the seed).
PLACE_TIMETABLE = {row["slug"]: row["timetable"] for row in _PLACES["places"] if "timetable" in row}
KIND_TIMETABLES = {
    K(kind): row["timetables"] for kind, row in _PLACES["kinds"].items() if "timetables" in row
}
# Places closed on holidays (outpatient); never those open around the clock or past midnight.
HOLIDAY_KINDS = {K(kind) for kind, row in _PLACES["kinds"].items() if row.get("closed_on_holidays")}
SPECIAL_HOURS_SLUG = "back-bay-primary-care"  # open a short morning on Christmas Eve


WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _nth_weekday(year, month, weekday, n):
    """The n-th weekday (0=Monday) of a month; n=-1 for the last one."""
    if n > 0:
        first = date(year, month, 1)
        return first + timedelta(days=(weekday - first.weekday()) % 7 + 7 * (n - 1))
    last = date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)
    return last - timedelta(days=(last.weekday() - weekday) % 7)


HOLIDAYS_ES = {row["name"]: row["name_es"] for row in _PLACES["holidays"]}  # English -> Spanish
CHRISTMAS_EVE = {
    "en": "Christmas Eve: open in the morning only",
    "es": "Nochebuena: abierto solo por la mañana",
}


def holidays(year):
    """The hospital's outpatient holidays of a year: [(date, name)], in date order."""
    return sorted(
        (
            date(year, row["month"], row["day"])
            if "day" in row
            else _nth_weekday(year, row["month"], WEEKDAYS.index(row["weekday"]), row["nth"]),
            row["name"],
        )
        for row in _PLACES["holidays"]
    )


def upcoming_holidays(today, count=HOLIDAYS_AHEAD):
    """The next `count` holidays from today (today included)."""
    return [(day, name) for day, name in holidays(today.year) + holidays(today.year + 1) if day >= today][
        :count
    ]


def next_christmas_eve(today):
    eve = date(today.year, 12, 24)
    return eve if eve >= today else date(today.year + 1, 12, 24)


# --- Visiting details ----------------------------------------------------------------------------

# Each text in English and Spanish: {"en": ..., "es": ...}.
_VISITING = {
    key: {"en": text, "es": _PLACES["visiting_es"][key]} for key, text in _PLACES["visiting"].items()
}
CAMPUS_TRANSIT = _VISITING["campus_transit"]
COMMUNITY_TRANSIT = _VISITING["community_transit"]
ACCESSIBILITY = _VISITING["accessibility"]
GARAGE_ACCESSIBILITY = _VISITING["garage_accessibility"]
GARAGE_RATES = _VISITING["garage_rates"]
PRACTICE_ENTRANCE = _VISITING["practice_entrance"]
COMMUNITY_PARKING = _VISITING["community_parking"]
# The visiting details written in both languages (locations/translation.py).
TRANSLATED_DETAILS = ["entrance", "accessibility", "parking_rates", "transit"]
# How the campus's entrance and accessibility texts began before they were written: a text that
# still begins so was never edited, and is replaced like a blank one.
PLACEHOLDERS = ("Demo text:", "Texto de demostración:")


def _the(name):
    """A building's name in a sentence: "the Wang Ambulatory Care Center", but "Zero Emerson Place"."""
    return f"the {name}" if name.endswith(("Building", "Center", "Centre", "Hospital")) else name


def _campus_access(location):
    """The main campus's entrance and accessibility texts: {field: {"en": ..., "es": ...}}.

    They walk the demo walkways (demo/data/campus.toml), not the real campus's doors: the main
    entrance and drop-off in the White Building, the Fruit Street Garage by them, the Parkman Street
    Garage by the Ellison Building, Charles/MGH by the Wang building, the step-free entrances and the
    elevators to the Yawkey bridge. Change them together.
    """
    street = location.street
    return {
        "entrance": {
            "en": (
                f"The main entrance is at {street}, in the White Building. Drivers can drop patients "
                "off right in front of it, and a ramp leads from the drop-off area to the doors. The "
                "Emergency entrance is next to the drop-off area.\n\n"
                "Your appointment letter names the clinic, the building and the floor: check in at "
                "that clinic's front desk. If you are not sure where to go, ask at the information "
                "desk in the White Building lobby. Bridges, a tunnel and shared lobbies join the "
                "buildings, so most visits can stay indoors; the Yawkey Center, for example, is "
                "across the bridge on floor 2.\n\n"
                "The Fruit Street Garage is the closest to the main entrance: from its pedestrian "
                "exit, walk along Fruit Street to the drop-off area. From the Parkman Street Garage, "
                "use the Ellison Building's entrance and go on indoors to the White Building lobby. "
                "From the Red Line's Charles/MGH station, the nearest door is the entrance of the "
                "Wang Ambulatory Care Center."
            ),
            "es": (
                f"La entrada principal está en {street}, en el White Building. Justo delante hay una "
                "zona para dejar pacientes, con una rampa hasta las puertas; la entrada de "
                "Emergencias queda al lado.\n\n"
                "Su carta de cita indica la clínica, el edificio y el piso: regístrese en la "
                "recepción de esa clínica. Si no sabe bien adónde ir, pregunte en el mostrador de "
                "información del vestíbulo del White Building. Como los edificios están unidos por "
                "puentes, un túnel y vestíbulos compartidos, casi siempre podrá llegar sin salir a la "
                "calle: al Yawkey Center, por ejemplo, se pasa por el puente del piso 2.\n\n"
                "Si viene en auto, el garaje más cercano a la entrada principal es el Fruit Street "
                "Garage: desde su salida peatonal, siga por Fruit Street hasta la zona para dejar "
                "pacientes. Si estaciona en el Parkman Street Garage, entre por el Ellison Building y "
                "siga por dentro hasta el vestíbulo del White Building. Si llega en metro a la "
                "estación Charles/MGH, la puerta más cercana es la del Wang Ambulatory Care Center."
            ),
        },
        "accessibility": {
            "en": (
                f"These entrances are step-free, with automatic doors: the main entrance at {street} "
                "(up the ramp from the drop-off area), and the entrances of the Yawkey Center for "
                "Outpatient Care, the Wang Ambulatory Care Center, the Ellison Building and Zero "
                "Emerson Place. To go from the White Building to the Yawkey Center without stairs, "
                "take the White Building elevators up to the bridge on floor 2, cross it, and take "
                "the Yawkey Center elevators down to its lobby.\n\n"
                "Wheelchairs are available just inside the main entrance and at the lobbies' "
                "information desks; ask there if you would like help getting to your appointment. "
                "The Fruit Street Garage and the Parkman Street Garage both have accessible parking "
                "spaces on the ground level, next to the elevators.\n\n"
                "Interpreters are free, American Sign Language included. To ask for one, or for any "
                f"other help with your visit, call {MAIN_PHONE} before you come, or tell any staff "
                "member when you arrive."
            ),
            "es": (
                "Estas entradas no tienen escalones y cuentan con puertas automáticas: la entrada "
                f"principal de {street} (por la rampa desde la zona para dejar pacientes) y las del "
                "Yawkey Center for Outpatient Care, del Wang Ambulatory Care Center, del Ellison "
                "Building y de Zero Emerson Place. Para ir del White Building al Yawkey Center sin usar "
                "escaleras, suba en los ascensores del White Building hasta el puente del piso 2, "
                "crúcelo y baje en los ascensores del Yawkey Center hasta su vestíbulo.\n\n"
                "Hay sillas de ruedas justo al pasar la puerta principal y en los mostradores de "
                "información de los vestíbulos; pida allí ayuda si la necesita para llegar a su cita. "
                "Tanto el Fruit Street Garage como el Parkman Street Garage tienen espacios de "
                "estacionamiento accesible en la planta baja, junto a los ascensores.\n\n"
                "El servicio de intérpretes es gratuito, también en lengua de señas americana. Para "
                f"pedir un intérprete o cualquier otra ayuda durante su visita, llame al {MAIN_PHONE} "
                "antes de venir o avísele a cualquier empleado al llegar."
            ),
        },
    }


def _building_accessibility(location):
    """A campus building's accessibility text, as the demo walkways have it: its own step-free
    entrance, or only the campus's (demo/data/campus.toml). Change them together."""
    if location.slug in with_step_free_entrance():
        way_in = {
            "en": f"The entrance of {_the(location.name)} is step-free, with automatic doors.",
            "es": f"La entrada de {location.name} no tiene escalones y cuenta con puertas automáticas.",
        }
    else:
        way_in = {
            "en": (
                f"For a way into {_the(location.name)} without stairs, come in by one of the main "
                "campus's step-free entrances, such as the main entrance at "
                f"{location.street} (see the main campus's page)."
            ),
            "es": (
                f"Para entrar en {location.name} sin escaleras, use una de las entradas sin escalones "
                f"del campus principal, como la entrada principal de {location.street} (vea la página "
                "del campus principal)."
            ),
        }
    return {
        "en": (
            f'{way_in["en"]} Elevators reach every floor. "Directions to here" on this page, with '
            '"Step-free: no stairs" chosen, shows the way from the garages and the T without stairs. '
            "Wheelchairs are available at the information desks; ask there for help getting to your "
            "appointment."
        ),
        "es": (
            f"{way_in['es']} Los ascensores llegan a todos los pisos. «Cómo llegar aquí», en esta "
            "página, con «Sin escalones: sin escaleras» marcado, muestra el camino sin escaleras desde "
            "los garajes y el metro. Hay sillas de ruedas en los mostradores de información; pida allí "
            "ayuda para llegar a su cita."
        ),
    }


def _details(location, parent, on_campus):
    """The visiting details a demo place should have: {field: {"en": text, "es": text}} (the phone:
    {"phone": number}); only blank fields and old placeholders are filled, each language on its own."""
    if location.slug == CAMPUS_SLUG:
        return {**_campus_access(location), "transit": CAMPUS_TRANSIT}
    kind = location.kind
    if kind == K.GARAGE:
        return {
            "entrance": {
                "en": f"Vehicle entrance on {location.street}. Pedestrian exits lead to the main campus.",
                "es": (
                    f"Entrada de vehículos por {location.street}. Las salidas peatonales llevan al "
                    "campus principal."
                ),
            },
            "accessibility": GARAGE_ACCESSIBILITY,
            "parking_rates": GARAGE_RATES,
            "transit": CAMPUS_TRANSIT,
        }
    if kind == K.EMERGENCY:
        entrance = {
            "en": (
                "Follow the red Emergency signs on the main campus; the entrance is open day and night, "
                "with a drop-off area kept clear for patients. In a life-threatening emergency, call 911."
            ),
            "es": (
                "Siga los letreros rojos de Emergencias en el campus principal; la entrada está abierta "
                "de día y de noche, con una zona para dejar pacientes siempre despejada. En una "
                "emergencia que ponga en peligro la vida, llame al 911."
            ),
        }
    elif kind == K.BUILDING:
        entrance = {
            "en": (
                f"Enter {_the(location.name)} through its main lobby; the information desk there directs "
                "you to each clinic. Signs from the main campus entrance lead to the building."
            ),
            "es": (
                f"Entre en {location.name} por su vestíbulo principal; en el mostrador de información le "
                "indicarán cómo llegar a cada clínica. Los letreros desde la entrada principal del "
                "campus llevan hasta el edificio."
            ),
        }
    elif parent is not None:
        what = location.name.split(" — ")[0]  # "Blood Draw Station — Wang Building"
        entrance = {
            "en": f"Inside {_the(parent.name)}: from its main lobby, follow the signs to {what}.",
            "es": f"Dentro de {parent.name}: desde su vestíbulo principal, siga los letreros hacia {what}.",
        }
    else:
        entrance = PRACTICE_ENTRANCE
    details = {"entrance": entrance, "accessibility": ACCESSIBILITY}
    if kind == K.BUILDING and on_campus:
        details["accessibility"] = _building_accessibility(location)
    if kind == K.BUILDING or on_campus:
        details["transit"] = CAMPUS_TRANSIT
    else:
        details["transit"] = COMMUNITY_TRANSIT
        details["parking_rates"] = COMMUNITY_PARKING
    if kind == K.BUILDING:
        details["phone"] = MAIN_PHONE
    return details


def _nearest_garage(location, garages):
    if not garages:
        return None
    return min(
        garages, key=lambda g: miles_between(location.latitude, location.longitude, g.latitude, g.longitude)
    )


# --- The steps -----------------------------------------------------------------------------------


def ensure_services():
    """The demo services, found by slug or English name, created when missing, given their Spanish
    name where it is not written. Returns ({slug: service}, created, named in Spanish)."""
    existing = list(Service.objects.all())
    by_slug = {s.slug: s for s in existing}
    by_name = {(s.name_en or "").casefold(): s for s in existing}
    spanish_taken = {s.name_es for s in existing if s.name_es}  # unique
    found, missing, spanish = {}, [], []
    for slug, name in SERVICES:
        service = by_slug.get(slug) or by_name.get(name.casefold())
        if service is None:
            missing.append(Service(slug=slug, name_en=name, name_es=SERVICES_ES[slug]))
        else:
            found[slug] = service
            # A Spanish name not written yet is filled; an editor's is left alone.
            if not service.name_es and SERVICES_ES[slug] not in spanish_taken:
                service.name_es = SERVICES_ES[slug]
                spanish_taken.add(service.name_es)
                spanish.append(service)
    Service.objects.bulk_update(spanish, ["name_es"])
    for service in Service.objects.bulk_create(missing):
        found[service.slug] = service
    return found, len(missing), len(spanish)


def ensure_extra_places(existing):
    """The lab, imaging site, pharmacy, Emergency Department and neighbourhood practices made here."""
    campus = existing.get(CAMPUS_SLUG)
    created = 0
    for slug, name, kind, parent_slug, street, city, zip_code, lat, lon, phone in EXTRA_PLACES:
        if slug in existing:
            continue
        parent = existing.get(parent_slug) if parent_slug else None
        if parent_slug and parent is None:
            continue  # its building is not there (deleted by an editor): nothing to put it in
        address = campus or parent
        fields = {
            "slug": slug,
            "name": name,
            "kind": kind,
            "parent": parent,
            "street": street or address.street,
            "city": city or address.city,
            "zip_code": zip_code or address.zip_code,
            "latitude": lat,
            "longitude": lon,
            "phone": phone,
            "is_demo": True,
        }
        existing[slug] = Location.objects.create(**fields)
        created += 1
    return created


def _massachusetts_zip_codes():
    import zipcodes  # loads its data on first use: only the benchmark's top-up needs it

    rows = [
        z
        for z in zipcodes.filter_by(state="MA")
        if z["zip_code_type"] == "STANDARD" and z["active"] and z["lat"] and z["long"]
    ]
    return sorted(rows, key=lambda z: z["zip_code"])


def _plan_extra_practice(index, seed, zip_rows):
    """One generated practice, the same for the same index and seed whatever else exists."""
    rng = random.Random(f"{seed}:{index}")  # noqa: S311 - demo data  # nosec B311
    row = rng.choice(zip_rows)
    ending, services = rng.choice(EXTRA_PRACTICE_KINDS)
    area_code = row["area_codes"][0] if row["area_codes"] else "617"
    location = Location(
        slug=EXTRA_SLUG.format(index),
        name=f"{row['city']} {ending}",
        kind=K.PRACTICE,
        street=f"{rng.randint(1, 999)} {rng.choice(STREET_NAMES)} {rng.choice(STREET_TYPES)}",
        city=row["city"],
        state="MA",
        zip_code=row["zip_code"],
        latitude=round(float(row["lat"]) + rng.uniform(-0.004, 0.004), 5),
        longitude=round(float(row["long"]) + rng.uniform(-0.004, 0.004), 5),
        phone=f"{area_code}-555-01{rng.randint(0, 99):02d}",
        **_in_languages(
            accessibility=ACCESSIBILITY,
            entrance=PRACTICE_ENTRANCE,
            parking_rates=COMMUNITY_PARKING,
            transit=COMMUNITY_TRANSIT,
        ),
        is_demo=True,
    )
    picked = services[: rng.randint(1, len(services))][:3]
    timetable = rng.choice(KIND_TIMETABLES[K.PRACTICE])
    return location, picked, timetable


def ensure_extra_practices(count, seed, existing, services):
    """Top up to `count` generated practices (demo-practice-0001...), each with hours and services."""
    indexes = [i for i in range(1, count + 1) if EXTRA_SLUG.format(i) not in existing]
    if not indexes:
        return 0, 0, 0
    zip_rows = _massachusetts_zip_codes()
    plans = [_plan_extra_practice(i, seed, zip_rows) for i in indexes]
    made = Location.objects.bulk_create([location for location, _, _ in plans], batch_size=BATCH_SIZE)
    if any(location.pk is None for location in made):  # a database without RETURNING
        pks = dict(Location.objects.filter(slug__in=[m.slug for m in made]).values_list("slug", "pk"))
        for location in made:
            location.pk = pks[location.slug]
    through = Location.services.through
    links, hours = [], []
    for location, picked, timetable in plans:
        existing[location.slug] = location
        links += [
            through(location_id=location.pk, service_id=services[s].pk) for s in picked if s in services
        ]
        hours += _hours_rows(location, timetable)
    through.objects.bulk_create(links, batch_size=BATCH_SIZE)
    OpeningHours.objects.bulk_create(hours, batch_size=BATCH_SIZE)
    return len(made), len(links), len(hours)


def _hours_rows(location, timetable):
    return [
        OpeningHours(location=location, weekday=day, **fields)
        for day, fields in enumerate(TIMETABLES[timetable])
    ]


def _timetable_for(location, seed):
    if location.slug in PLACE_TIMETABLE:
        return PLACE_TIMETABLE[location.slug]
    choices = KIND_TIMETABLES.get(location.kind, ["office"])
    return random.Random(f"{seed}:{location.slug}").choice(choices)  # noqa: S311 - demo  # nosec B311


def _unwritten(value):
    """A visiting detail the demo may write: blank, or an old placeholder no editor has touched."""
    return not value or (isinstance(value, str) and value.startswith(PLACEHOLDERS))


def fill_details(places, existing):
    """Blank visiting details (or old placeholders) and parking garages of the demo places. Returns
    how many places changed."""
    garages = [loc for loc in existing.values() if loc.kind == K.GARAGE]
    campus_garage = existing.get(CAMPUS_GARAGE_SLUG)
    by_pk = {loc.pk: loc for loc in existing.values()}

    def on_campus(location):
        seen = set()
        while location is not None and location.pk not in seen:  # an editor could make a loop
            if location.slug == CAMPUS_SLUG:
                return True
            seen.add(location.pk)
            location = by_pk.get(location.parent_id)
        return False

    changed = []
    for location in places:
        parent = by_pk.get(location.parent_id)
        campus = on_campus(location)
        fields = []
        for field, value in _details(location, parent, campus).items():
            columns = _in_languages(**{field: value}) if field in TRANSLATED_DETAILS else {field: value}
            for column, text in columns.items():
                if _unwritten(getattr(location, column)):
                    setattr(location, column, text)
                    fields.append(column)
        # The campus's places park in its garages; a practice elsewhere has its own lot.
        if location.parking_id is None and location.kind != K.GARAGE and campus:
            if location.slug == CAMPUS_SLUG and campus_garage is not None:
                garage = campus_garage
            else:
                garage = _nearest_garage(location, garages)
            if garage is not None:
                location.parking = garage
                fields.append("parking")
        if fields:
            changed.append((location, fields))
    for location, fields in changed:
        location.save(update_fields=fields)
    return len(changed)


def link_services(places, services):
    """Services for the demo places that have none. Returns how many links were made."""
    through = Location.services.through
    with_services = set(through.objects.values_list("location_id", flat=True).distinct())
    links = []
    for location in places:
        if location.pk in with_services:
            continue
        slugs = PLACE_SERVICES.get(location.slug, KIND_SERVICES.get(location.kind, []))
        links += [through(location_id=location.pk, service_id=services[s].pk) for s in slugs if s in services]
    through.objects.bulk_create(links, batch_size=BATCH_SIZE, ignore_conflicts=True)
    return len(links)


def add_hours(places, seed):
    """Seven rows of weekly hours for each demo place without any. Returns how many rows were made."""
    with_hours = set(OpeningHours.objects.values_list("location_id", flat=True).distinct())
    rows = []
    for location in places:
        if location.pk not in with_hours:
            rows += _hours_rows(location, _timetable_for(location, seed))
    OpeningHours.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def add_exceptions(places, today):
    """Closures on the coming holidays, and one place's special hours on Christmas Eve.

    Only for outpatient places (practices, health centres, labs, pharmacies, imaging) that have no
    exception from today on: once there is one, the place's holidays are the editors' business.
    Generated benchmark practices get none. Returns how many rows were made.
    """
    planned = [
        location
        for location in places
        if location.kind in HOLIDAY_KINDS
        and not location.slug.startswith("demo-practice-")
        and PLACE_TIMETABLE.get(location.slug) != "late"
    ]
    with_upcoming = set(
        HoursException.objects.filter(date__gte=today).values_list("location_id", flat=True).distinct()
    )
    taken = set(HoursException.objects.filter(date__gte=today).values_list("location_id", "date"))
    coming = upcoming_holidays(today)
    eve = next_christmas_eve(today)
    rows = []
    for location in planned:
        if location.pk in with_upcoming:
            continue
        days = [
            (day, {"reason_en": name, "reason_es": HOLIDAYS_ES[name], "is_closed": True})
            for day, name in coming
        ]
        if location.slug == SPECIAL_HOURS_SLUG:
            reason = _in_languages(reason=CHRISTMAS_EVE)
            days.append((eve, {**reason, **_day((8, 0), (12, 0))}))
        for day, fields in days:
            if (location.pk, day) not in taken:
                rows.append(HoursException(location=location, date=day, **fields))
                taken.add((location.pk, day))
    HoursException.objects.bulk_create(rows, batch_size=BATCH_SIZE)
    return len(rows)


def name_exceptions_in_spanish(places):
    """The Spanish reason of the demo places' holidays and special hours made before there was one
    (an editor's Spanish is left alone). Returns how many rows were given it."""
    unwritten = HoursException.objects.filter(location__in=places).filter(
        Q(reason_es__isnull=True) | Q(reason_es="")
    )
    named = 0
    for english, spanish in [*HOLIDAYS_ES.items(), (CHRISTMAS_EVE["en"], CHRISTMAS_EVE["es"])]:
        named += unwritten.filter(reason_en=english).update(reason_es=spanish)
    return named


def _in_languages(**texts):
    """{field: {"en": ..., "es": ...}} as the columns django-modeltranslation keeps them in:
    {field_en: ..., field_es: ...}."""
    return {f"{field}_{lang}": text for field, by_lang in texts.items() for lang, text in by_lang.items()}


def ensure_location_details(extra_locations: int = 0, seed: int = 2026, *, today: date | None = None) -> dict:
    """Services, demo places, weekly hours, holidays and visiting details for Find a Location.

    Run after `demo.doctors.ensure_locations()` (load_demo runs ensure_directory first). A second call
    creates and changes nothing. `extra_locations` tops up generated outpatient practices for
    benchmarks. `today` (default: today in the hospital's time zone) picks the coming holidays.
    """
    today = today or timezone.localdate()
    with transaction.atomic():
        services, services_created, services_named = ensure_services()
        existing = {loc.slug: loc for loc in Location.objects.all()}
        locations_created = ensure_extra_places(existing)
        extra_created, extra_links, extra_hours = ensure_extra_practices(
            extra_locations, seed, existing, services
        )
        # The demo places and the main campus; a place an editor added (is_demo off) is theirs alone.
        places = list(Location.objects.filter(Q(is_demo=True) | Q(slug=CAMPUS_SLUG)).order_by("pk"))
        existing.update((loc.slug, loc) for loc in places)
        locations_updated = fill_details(places, existing)
        service_links = extra_links + link_services(places, services)
        hours_created = extra_hours + add_hours(places, seed)
        exceptions_created = add_exceptions(places, today)
        exceptions_named = name_exceptions_in_spanish(places)
    directory_changed()  # bulk operations send no signals: the cached directory pages are stale
    if services_created or services_named:
        SERVICE_CHOICES.changed()  # nor to the filter's options
    return {
        "services_created": services_created,
        "locations_created": locations_created + extra_created,
        "locations_updated": locations_updated,
        "service_links_created": service_links,
        "hours_created": hours_created,
        "exceptions_created": exceptions_created,
        "exceptions_named_in_spanish": exceptions_named,
    }
