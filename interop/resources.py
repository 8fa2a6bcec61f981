"""The directory as HL7 FHIR R4 resources, shaped to the Da Vinci PDex Plan-Net profiles (the US
standard for provider directories): a doctor is a Practitioner, each place they practise a
PractitionerRole, a place a Location, a service a HealthcareService, the hospital an Organization.

Only what the public directory shows: published doctors at published places, never a patient, a
rating's comments or anything staff keep. Each builder takes records loaded as its view's queryset
says (`*_records()`), so a page of resources costs a fixed number of queries.
"""

from django.db.models import F, Max, Prefetch, Q
from django.db.models.functions import Greatest
from django.utils import timezone

from doctors.models import Doctor, Practice
from locations.models import Location, Service
from pricing.models import Plan
from toolkit.identity import e164, hospital

PLAN_NET = "http://hl7.org/fhir/us/davinci-pdex-plan-net/StructureDefinition/"
NPI_SYSTEM = "http://hl7.org/fhir/sid/us-npi"
LANGUAGE_SYSTEM = "urn:ietf:bcp:47"
ACCEPTING_SYSTEM = "http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/AcceptingPatientsCS"
ORGANIZATION_TYPE_SYSTEM = "http://hl7.org/fhir/us/davinci-pdex-plan-net/CodeSystem/OrgTypeCS"
ORGANIZATION_ID = "hospital"
DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # Monday is 0, as locations.calendar.Weekday

# Plan-Net's codes for "new patients": there is none for "with a referral", which is the nearest to
# "accepting" and says so in its text.
ACCEPTING = {
    Doctor.Accepting.YES: ("newpt", "Accepting new patients"),
    Doctor.Accepting.REFERRAL: ("newpt", "Accepting new patients with a referral"),
    Doctor.Accepting.NO: ("nopt", "Not accepting new patients"),
}
GENDERS = {Doctor.Gender.FEMALE: "female", Doctor.Gender.MALE: "male", Doctor.Gender.NONBINARY: "other"}


def instant(moment):
    """A FHIR instant: to the second, with its offset."""
    return moment.replace(microsecond=0).isoformat()


def meta(profile, changed_at):
    return {"lastUpdated": instant(changed_at), "profile": [PLAN_NET + profile]}


def reference(kind, pk, display):
    return {"reference": f"{kind}/{pk}", "display": display}


def address(street, city, state, postal_code, country):
    return {
        "use": "work",
        "type": "physical",
        "line": [street],
        "city": city,
        "state": state,
        "postalCode": postal_code,
        "country": country,
    }


def phones(*numbers, system="phone"):
    return [
        {"system": system, "value": e164(number) or number, "use": "work"} for number in numbers if number
    ]


# --- What each resource is built from, in a fixed number of queries -----------------------------------


def practitioner_records():
    return (
        Doctor.objects.published()
        .annotate(last_updated=F("changed_at"))
        .prefetch_related("languages", "certifications")
        .order_by("pk")
    )


def practitioner_role_records():
    return (
        Practice.objects.filter(doctor__is_published=True, location__is_published=True)
        .annotate(last_updated=Greatest("doctor__changed_at", "location__changed_at"))
        .select_related("doctor", "location")
        .prefetch_related(
            "doctor__specialties", Prefetch("plans", queryset=Plan.objects.select_related("payer"))
        )
        .order_by("pk")
    )


def location_records():
    return (
        Location.objects.published()
        .annotate(last_updated=F("changed_at"))
        .prefetch_related("hours")
        .order_by("pk")
    )


def healthcare_service_records():
    """The services offered at a published place; a change to one of those places changes the service."""
    return (
        Service.objects.annotate(
            latest_place=Max("locations__changed_at", filter=Q(locations__is_published=True))
        )
        .filter(latest_place__isnull=False)
        .annotate(last_updated=Greatest("changed_at", "latest_place"))
        .prefetch_related(Prefetch("locations", queryset=Location.objects.published().order_by("pk")))
        .order_by("pk")
    )


def organization_last_updated():
    """The hospital's own record comes from settings; what it lists changes with its places."""
    return Location.objects.published().aggregate(latest=Max("changed_at"))["latest"] or timezone.now()


# --- The resources -------------------------------------------------------------------------------------


def practitioner(doctor):
    resource = {
        "resourceType": "Practitioner",
        "id": str(doctor.pk),
        "meta": meta("plannet-Practitioner", doctor.last_updated),
        "identifier": [{"use": "official", "system": NPI_SYSTEM, "value": doctor.npi}],
        "active": True,
        "name": [
            {
                "use": "official",
                "text": doctor.display_name,
                "family": doctor.last_name,
                "given": [doctor.first_name],
                **({"suffix": [doctor.credentials]} if doctor.credentials else {}),
            }
        ],
    }
    if doctor.gender in GENDERS:
        resource["gender"] = GENDERS[doctor.gender]
    qualifications = [{"code": {"text": c.board}} for c in doctor.certifications.all()]
    if qualifications:
        resource["qualification"] = qualifications
    languages = [
        {"coding": [{"system": LANGUAGE_SYSTEM, "code": language.code}], "text": language.name_en}
        if language.code
        else {"text": language.name_en}
        for language in doctor.languages.all()
    ]
    if languages:
        resource["communication"] = languages
    return resource


def practitioner_role(practice):
    doctor, place = practice.doctor, practice.location
    code, text = ACCEPTING[doctor.accepting_new_patients]
    # The insurers' plans taken here, as Plan-Net's networks: by name only, as the directory has no
    # network resources to point to (patients are told to check with their plan).
    networks = [
        {
            "url": PLAN_NET + "network-reference",
            "valueReference": {"display": f"{plan.payer.name} {plan.name}"},
        }
        for plan in practice.plans.all()
    ]
    resource = {
        "resourceType": "PractitionerRole",
        "id": str(practice.pk),
        "meta": meta("plannet-PractitionerRole", practice.last_updated),
        "extension": [
            *networks,
            {
                "url": PLAN_NET + "newpatients",
                "extension": [
                    {
                        "url": "acceptingPatients",
                        "valueCodeableConcept": {
                            "coding": [{"system": ACCEPTING_SYSTEM, "code": code}],
                            "text": text,
                        },
                    }
                ],
            },
        ],
        "active": True,
        "practitioner": reference("Practitioner", doctor.pk, doctor.display_name),
        "organization": reference("Organization", ORGANIZATION_ID, hospital().name),
        "location": [reference("Location", place.pk, place.name)],
        "specialty": [{"text": specialty.name_en} for specialty in doctor.specialties.all()],
        "telecom": phones(practice.phone),
    }
    return {key: value for key, value in resource.items() if value != []}


def location(place):
    resource = {
        "resourceType": "Location",
        "id": str(place.pk),
        "meta": meta("plannet-Location", place.last_updated),
        "status": "active",
        "name": place.name,
        "telecom": phones(place.phone) + phones(place.fax, system="fax") + email(place.email),
        "address": address(place.street, place.city, place.state, place.zip_code, "US"),
        "position": {"latitude": place.latitude, "longitude": place.longitude},
        "managingOrganization": reference("Organization", ORGANIZATION_ID, hospital().name),
        "hoursOfOperation": hours_of_operation(place.hours.all()),
    }
    if place.accessibility_en:
        resource["extension"] = [
            {"url": PLAN_NET + "accessibility", "valueCodeableConcept": {"text": place.accessibility_en}}
        ]
    return {key: value for key, value in resource.items() if value != []}


def email(address):
    return [{"system": "email", "value": address, "use": "work"}] if address else []


def hours_of_operation(hours):
    """Each day's regular hours; a day closed is left out, one open past midnight has no closing
    time (FHIR R4 cannot say "the next day")."""
    available = []
    for day in hours:
        if day.is_closed:
            continue
        entry = {"daysOfWeek": [DAYS[day.weekday]]}
        if day.is_24_hours:
            entry["allDay"] = True
        else:
            if day.opens:
                entry["openingTime"] = day.opens.strftime("%H:%M:%S")
            if day.closes and not day.closes_next_day:
                entry["closingTime"] = day.closes.strftime("%H:%M:%S")
        available.append(entry)
    return available


def healthcare_service(service):
    places = list(service.locations.all())
    return {
        "resourceType": "HealthcareService",
        "id": str(service.pk),
        "meta": meta("plannet-HealthcareService", service.last_updated),
        "active": True,
        "providedBy": reference("Organization", ORGANIZATION_ID, hospital().name),
        "category": [{"text": "Hospital services"}],
        "name": service.name_en,
        "location": [reference("Location", place.pk, place.name) for place in places],
    }


def organization(changed_at):
    who = hospital()
    return {
        "resourceType": "Organization",
        "id": ORGANIZATION_ID,
        "meta": meta("plannet-Organization", changed_at),
        "active": True,
        "type": [
            {"coding": [{"system": ORGANIZATION_TYPE_SYSTEM, "code": "prvgrp"}], "text": "Provider group"}
        ],
        "name": who.name,
        "alias": [who.alternate_name],
        "telecom": phones(who.phone),
        "address": [address(who.street_address, who.locality, who.region, who.postal_code, who.country)],
    }
