"""Every page type of the demo site, in either language, and each form in its error state: the one
list the accessibility, HTML, structured-data and Spanish-text checks walk."""

import io

from cms.models import Page
from django.core.management import call_command

from doctors.models import Doctor
from pricing.models import Plan, ShoppableService
from scheduling.models import Slot
from tests.html import one

LANGUAGES = ("en", "es")
# The forms, each of which is also checked as it comes back with every error showing.
FORMS = ("appointment form", "second opinion form", "referral form", "good faith estimate form")
KEYS = ("submission_key", "submission_proof")  # what the form carries to be accepted for checking
# The patient rights and notices pages (demo/data/pages/<key>.toml), by key.
NOTICES = (
    "patient-rights",
    "nondiscrimination",
    "language-assistance",
    "privacy-practices",
    "financial-assistance",
    "surprise-billing",
    "good-faith-estimate",
    "interpreters",
    "website-privacy",
)


def page_types(language):
    """(name, URL path) of every page type, made from the demo content (with doctors)."""

    def cms(reverse_id):
        return Page.objects.get(reverse_id=reverse_id).get_absolute_url(language)

    doctor = Doctor.objects.published().order_by("pk").first()
    # The soonest open new-patient time of the demo's scheduling feed, and its doctor.
    slot = (
        Slot.objects.open()
        .filter(new_patients=True, schedule__practice__doctor__is_published=True)
        .select_related("schedule__practice__doctor")
        .order_by("start", "pk")
        .first()
    )
    timely = slot.schedule.practice.doctor
    directory = f"/{language}/find-a-doctor/"
    prices = f"/{language}/price-transparency/"
    # A service with its ancillaries, estimated for a plan: every part of the estimate shows.
    service = ShoppableService.objects.filter(offered=True).exclude(ancillaries=None).order_by("pk").first()
    plan = Plan.objects.order_by("pk").first()
    return [
        ("home", f"/{language}/"),
        ("section landing", cms("difference")),
        ("content page", cms("research")),
        ("page not yet translated", cms("give")),
        ("accessibility statement", cms("accessibility")),
        *((f"notice: {key}", cms(key)) for key in NOTICES),
        ("directory", directory),
        ("directory filtered", directory + "?q=heart&accepting=yes&language=spanish"),
        ("directory page 2", directory + "?page=2"),
        ("directory without results", directory + "?q=qqzzxxvv"),
        ("directory seen within a week", directory + "?seen=7"),
        ("doctor profile", f"{directory}{doctor.slug}/"),
        ("doctor profile with open times", f"{directory}{timely.slug}/"),
        ("locations", f"/{language}/find-a-location/"),
        ("location page", f"/{language}/find-a-location/yawkey-center-for-outpatient-care/"),
        ("campus page", f"/{language}/find-a-location/massachusetts-general-hospital/"),
        ("directions", f"/{language}/find-a-location/directions/"),
        # Step-free from the Fruit Street Garage to a clinic in the Yawkey Center: steps, the route
        # on the map, and where the clinic is once in its building.
        (
            "directions with a route",
            f"/{language}/find-a-location/directions/"
            "?from=fruit-street-garage&to=heart-clinic-yawkey-center&mobility=wheelchair",
        ),
        ("directions from an unknown place", f"/{language}/find-a-location/directions/?from=nope&to=nowhere"),
        ("appointments", f"/{language}/appointments/"),
        ("appointment form", f"/{language}/appointments/request/"),
        (
            "appointment form for a chosen time",
            f"/{language}/appointments/request/?doctor={timely.slug}&slot={slot.pk}",
        ),
        ("second opinion form", f"/{language}/appointments/second-opinion/"),
        ("referral form", f"/{language}/appointments/refer/"),
        ("good faith estimate form", f"/{language}/appointments/good-faith-estimate/"),
        ("search results", f"/{language}/search/?q=research"),
        ("price transparency", prices),
        ("shoppable services", prices + "services/"),
        ("price estimator", prices + "estimate/"),
        ("price estimator results", prices + "estimate/?q=" + ("resonancia" if language == "es" else "MRI")),
        ("price estimator without words", prices + "estimate/?q=&plan=self"),
        ("price estimate", f"{prices}estimate/{service.pk}/?plan={plan.pk}"),
        ("price estimate self-pay", f"{prices}estimate/{service.pk}/?plan=self"),
        ("not found", f"/{language}/no-such-page/"),
    ]


def load_demo_with_doctors(doctors=30):
    """The demo directory's fictional doctors, added to the demo page tree in the test's transaction."""
    call_command("load_demo", admin_password="demo-password-for-tests", doctors=doctors, stdout=io.StringIO())


def rendered_pages(client, languages=LANGUAGES):
    """[(name, language, path, HTML)] of every page type, and of each form sent back empty (its
    error state), through the whole stack with the test client. Needs the demo and its doctors."""
    pages = []
    for language in languages:
        for name, path in page_types(language):
            response = client.get(path)
            expected = 404 if name == "not found" else 200
            assert response.status_code == expected, (name, path, response.status_code)
            page_html = response.content.decode()
            pages.append((name, language, path, page_html))
            if name in FORMS:  # sent with its key and nothing filled in
                data = {field: one(page_html, f'input[name="{field}"]').get("value") for field in KEYS}
                response = client.post(path, data)
                assert response.status_code == 400, (name, path, response.status_code)
                page_html = response.content.decode()
                assert "data-error-summary" in page_html, (name, path)
                pages.append((f"{name} with errors", language, path, page_html))
    return pages
