"""A patient finds a doctor in a real browser: search, filter, open a profile, with no barriers."""

import re

from playwright.sync_api import expect

from doctors.models import Specialty
from locations.models import Location
from tests.doctors.factories import DoctorFactory

from .conftest import axe_violations, describe


def test_patient_searches_filters_and_opens_a_profile(site, page):
    # The generated directory is random in who does what: make sure one cardiologist takes new patients.
    cardiology = Specialty.objects.get(slug="cardiology")
    DoctorFactory(
        first_name="Helena", last_name="Marsh", specialties=[cardiology], locations=[Location.objects.first()]
    )
    page.goto(f"{site.url}/en/find-a-doctor/")
    results = page.locator(".doctor-list .doctor-card")
    expect(results.first).to_be_visible()  # browse first: doctors before any search
    violations = axe_violations(page)
    assert not violations, describe(violations)

    page.get_by_label("Name, specialty, condition or symptom").fill("heart doctor")
    page.get_by_role("main").get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"q=heart\+doctor"))
    expect(page.locator(".directory-results__meaning")).to_contain_text("Cardiology")
    count_before = results.count()
    assert count_before > 0

    # Choosing a filter applies it at once and puts focus on the new result count.
    page.get_by_label("New patients").select_option("yes")
    expect(page).to_have_url(re.compile(r"accepting=yes"))
    expect(page.locator("#results-heading")).to_be_focused()
    for card in results.all():
        expect(card.locator(".accepting")).to_have_text("Accepting new patients")
    expect(page.locator(".active-filters .chip")).to_have_count(2)

    first = results.first.locator(".doctor-card__name a")
    name = first.inner_text()
    first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)
    expect(page.get_by_role("link", name=re.compile("Request an appointment"))).to_have_attribute(
        "href", re.compile(r"/en/appointments/request/\?doctor=")
    )
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_bad_zip_is_explained_beside_the_field_and_kept(site, page):
    page.goto(f"{site.url}/en/find-a-doctor/?zip=1234&sort=distance")
    zip_field = page.get_by_label("Your ZIP code")
    expect(zip_field).to_have_value("1234")
    expect(zip_field).to_have_attribute("aria-invalid", "true")
    expect(page.locator("#id_zip_error")).to_have_text("A ZIP code is 5 digits, like 02114.")
    violations = axe_violations(page)
    assert not violations, describe(violations)


def test_on_a_phone_the_filters_stay_open_while_choosing_and_the_address_stays_clean(site, page):
    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/es/find-a-doctor/")
    panel = page.locator("details.directory-filters-toggle")
    expect(panel).not_to_have_attribute("open", "")  # folded on a phone: results first
    panel.locator("summary").click()

    page.locator("[name=accepting]").select_option("yes")
    expect(page).to_have_url(re.compile(r"/es/find-a-doctor/\?accepting=yes&sort=relevance$"))
    expect(panel).to_have_attribute("open", "")
    expect(page.locator("[name=accepting]")).to_be_focused()
    expect(page.locator("form[data-auto-submit] [role=status]")).to_contain_text(re.compile(r"\d+ médic"))

    page.locator("[name=gender]").select_option(index=1)
    # Only what was chosen: no "q=&language=&..."
    expect(page).to_have_url(re.compile(r"\?accepting=yes&gender=\w+&sort=relevance$"))
    expect(panel).to_have_attribute("open", "")
    expect(page.locator("[name=gender]")).to_be_focused()

    # Sent with the button and no script's help, the empty fields are dropped by a redirect.
    page.goto(f"{site.url}/es/find-a-doctor/?q=&accepting=yes&language=&page=")
    expect(page).to_have_url(re.compile(r"/es/find-a-doctor/\?accepting=yes$"))


def test_a_parent_finds_a_pediatrician_who_takes_their_plan_and_reads_patients_comments(site, page):
    import io

    from demo.ratings import ensure_questions
    from doctors.models import AgeGroup, CommentStatus, SurveyComment
    from doctors.ratings import decide
    from doctors.surveys import import_surveys
    from pricing.models import Plan
    from tests.doctors.test_ratings import export, surveys_of

    pediatrics = Specialty.objects.get(slug="pediatrics")
    doctor = DoctorFactory(
        first_name="Rosa",
        last_name="Delgado",
        specialties=[pediatrics],
        locations=[Location.objects.filter(is_published=True).exclude(kind="garage").first()],
        ages_seen=AgeGroup.NEWBORNS | AgeGroup.CHILDREN | AgeGroup.ADOLESCENTS,
    )
    doctor.practices.get().plans.set([Plan.objects.get(payer__name="MassHealth")])
    ensure_questions()
    comments = [f"Patient and gentle with my son, visit {n}." for n in range(5)] + [
        "Muy paciente con mi hija."
    ]
    assert import_surveys(io.BytesIO(export(surveys_of(doctor, 35, comments=comments)).getvalue())).imported
    SurveyComment.objects.filter(text__startswith="Muy").update(language="es")
    decide(SurveyComment.objects.filter(doctor=doctor), CommentStatus.PUBLISHED, None)

    def filters():
        """The folded filter panel of a phone's screen, opened (it stays open once filters are in use)."""
        panel = page.locator("details.directory-filters-toggle")
        if not panel.evaluate("details => details.open"):
            panel.locator("summary").click()
        return panel

    page.set_viewport_size({"width": 375, "height": 800})
    page.goto(f"{site.url}/en/find-a-doctor/")
    filters().get_by_label("Specialty", exact=True).select_option("pediatrics")
    expect(page).to_have_url(re.compile(r"specialty=pediatrics"))
    filters().get_by_label("Sees patients aged").select_option("children")
    expect(page).to_have_url(re.compile(r"age=children"))
    filters().get_by_label("Insurance", exact=True).select_option("masshealth")
    expect(page).to_have_url(re.compile(r"insurer=masshealth"))
    card = page.locator(".doctor-card", has_text="Rosa Delgado")
    expect(card.locator(".doctor-card__rating")).to_have_text(re.compile(r"out of 5 \(35 patient surveys\)"))
    expect(page.locator(".active-filters .chip")).to_have_count(3)
    violations = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"))
    assert not violations, describe(violations)

    card.get_by_role("link", name="Rosa Delgado, MD").click()
    ratings = page.get_by_role("region", name="Patients' ratings")
    expect(ratings).to_contain_text("out of 5")
    expect(ratings).to_contain_text("From 35 patients who answered our survey after a visit")
    expect(ratings.locator(".comment")).to_have_count(6)
    expect(ratings.locator('blockquote[lang="es"]')).to_have_text("Muy paciente con mi hija.")
    expect(page.get_by_role("region", name="Insurance accepted")).to_contain_text("MassHealth")
    violations = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"))
    assert not violations, describe(violations)

    page.goto(f"{site.url}/es/find-a-doctor/{doctor.slug}/")
    ratings = page.get_by_role("region", name="Calificaciones de los pacientes")
    expect(ratings).to_contain_text("de 5")
    expect(ratings.locator('blockquote[lang="en"]')).to_have_count(5)
    violations = axe_violations(page, impacts=("minor", "moderate", "serious", "critical"))
    assert not violations, describe(violations)
