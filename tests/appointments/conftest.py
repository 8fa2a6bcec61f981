"""Helpers for the appointment forms' tests: the forms as a visitor fills them in."""

import re

import pytest

from doctors.models import Department, Specialty
from tests.doctors.factories import DoctorFactory
from tests.html import one, text
from tests.locations.factories import LocationFactory

URLS = {
    "appointment": "/en/appointments/request/",
    "second_opinion": "/en/appointments/second-opinion/",
    "referral": "/en/appointments/refer/",
}
# What a patient tells us that must never leave the intake queue.
PATIENT = {
    "first_name": "Philomena",
    "last_name": "Quarrington",
    "date_of_birth": "1961-04-27",
    "phone": "617-555-0142",
    "email": "philomena.q@example.org",
    "reason": "Fluttering heartbeat after zoledronate infusion",
    "diagnosis": "Paroxysmal atrial fibrillation",
    "treating_doctor": "Dr Ignatius Wobblesworth",
    "insurance": "Harvard Pilgrim",
}
SECRETS = ["Philomena", "Quarrington", "1961", "555-0142", "5550142", "Fluttering", "zoledronate",
           "fibrillation", "Wobblesworth", "Harvard Pilgrim"]  # fmt: skip


def form_key(client, kind, query=""):
    """GET the form as a browser does; return (html, submission key)."""
    response = client.get(URLS[kind] + query)
    assert response.status_code == 200
    html = response.content.decode()
    return html, one(html, 'input[name="submission_key"]').get("value")


def proof_in(html):
    """The proof that binds the form's key to this form and this browser (appointments.intake)."""
    return one(html, 'input[name="submission_proof"]').get("value")


def valid_data(kind, key, **overrides):
    data = {
        "submission_key": key,
        "first_name": PATIENT["first_name"],
        "last_name": PATIENT["last_name"],
        "date_of_birth": PATIENT["date_of_birth"],
        "phone": PATIENT["phone"],
        "reason": PATIENT["reason"],
        "consent": "on",
    }
    if kind in ("appointment", "second_opinion"):
        data |= {
            "existing_patient": "no",
            "email": PATIENT["email"],
            "contact_method": "phone",
            "insurance": PATIENT["insurance"],
            "preferred_days": ["mon", "thu"],
            "preferred_times": ["morning"],
        }
    if kind == "second_opinion":
        data |= {"diagnosis": PATIENT["diagnosis"], "treating_doctor": PATIENT["treating_doctor"]}
    if kind == "referral":
        data |= {
            "referrer_name": "Dr Dana Referrer, MD",
            "referrer_npi": "1234567893",
            "referrer_practice": "Harbor Family Medicine",
            "referrer_phone": "(508) 555-2671",
            "referrer_email": "dana.referrer@example.org",
            "urgency": "soon",
        }
    data.update(overrides)
    return {name: value for name, value in data.items() if value is not None}


def submit(client, kind="appointment", query="", **overrides):
    html, key = form_key(client, kind, query)
    data = {"submission_proof": proof_in(html)} | valid_data(kind, key, **overrides)
    return client.post(URLS[kind], data), key


def reference_shown(client):
    response = client.get("/en/appointments/received/")
    assert response.status_code == 200
    return text(one(response, "[data-reference]"))


@pytest.fixture
def heart(demo):
    return Department.objects.get(slug="heart-center")


@pytest.fixture
def cardiologist(demo, heart):
    location = LocationFactory(name="Heart Practice Test", kind="practice")
    return DoctorFactory(
        first_name="Corazon",
        last_name="Testheart",
        department=heart,
        specialties=[Specialty.objects.get(slug="cardiology")],
        locations=[location],
    )


def make_request(department=None, **fields):
    """A request as the forms save it, straight into the database."""
    import datetime
    import uuid

    from appointments.models import Request, new_reference

    values = {
        "kind": Request.Kind.APPOINTMENT,
        "reference": new_reference(),
        "submission_key": uuid.uuid4(),
        "department": department,
        "first_name": PATIENT["first_name"],
        "last_name": PATIENT["last_name"],
        "date_of_birth": datetime.date(1961, 4, 27),
        "phone": "+16175550142",
        "reason": PATIENT["reason"],
        "consent": True,
    }
    return Request.objects.create(**values | fields)


def cached_keys_and_values():
    """Every key and value in the cache, as bytes, on local memory or on Redis."""
    from django.core.cache import cache

    if hasattr(cache, "_cache") and isinstance(cache._cache, dict):  # local memory
        store = cache._cache
        return b"".join(key.encode() for key in store) + b"".join(store.values())
    client = cache.redis()
    keys = list(client.scan_iter(f"{cache.key_prefix}*"))
    return b"".join(keys) + b"".join(client.get(key) or b"" for key in keys)


# The cache's data versions start from the time in nanoseconds (toolkit.caching.data_changed): 19
# digits, in keys and in pages' keys, that now and then hold "1961". A run that long is no date of
# birth, phone number or ZIP code a person typed.
VERSION_DIGITS = 13


def secrets_cached(secrets, cached):
    """Which of `secrets` are in `cached` (bytes): a number anywhere but inside a data version."""
    found = []
    for secret in secrets:
        if not secret.isdigit():
            if secret.encode() in cached:
                found.append(secret)
        elif any(
            len(run) < VERSION_DIGITS for run in re.findall(rb"\d*" + secret.encode() + rb"\d*", cached)
        ):
            found.append(secret)
    return found
