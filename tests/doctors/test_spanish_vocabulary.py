"""The directory's vocabulary in Spanish: names on /es/ pages, English marked lang="en" where no
Spanish is written, caches that keep the languages apart, the admin, the migration and the demo."""

from importlib import import_module

from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Q
from django.utils import translation

from demo.doctors import ensure_vocabulary
from doctors.caching import LANGUAGE_CHOICES
from doctors.models import ClinicalInterests, Condition, Department, DoctorSearch, Language, Specialty
from tests.html import one, select, text, texts
from tests.page_types import load_demo_with_doctors
from toolkit.forms import slug_choices
from toolkit.translation import sort_key

from .factories import DoctorFactory, SpecialtyFactory


def options(response, name):
    """(text, lang attribute) of each option of the select `name`, the empty choice left out."""
    return [
        (text(option), option.get("lang"))
        for option in select(response, f'select[name="{name}"] option')
        if option.get("value")
    ]


def es(url):
    return url.replace("/en/", "/es/", 1)


def test_spanish_filter_lists_name_specialties_and_languages_in_spanish_order(client, directory):
    languages = options(client.get("/es/find-a-doctor/"), "language")
    names = [name for name, _ in languages]
    assert {"Español", "Inglés", "Chino (mandarín)", "Árabe"} <= set(names)
    assert names == sorted(names, key=sort_key)  # "Árabe" among the A's
    assert names.index("Árabe") < names.index("Coreano")
    assert all(lang is None for _, lang in languages)  # all written in Spanish: nothing marked

    specialties = [name for name, _ in options(client.get("/es/find-a-doctor/"), "specialty")]
    assert "Cardiología" in specialties and "Cardiology" not in specialties
    assert specialties == sorted(specialties, key=sort_key)


def test_english_page_keeps_english_names_in_english_order(client, directory):
    languages = [name for name, lang in options(client.get("/en/find-a-doctor/"), "language")]
    assert {"Spanish", "English", "Mandarin"} <= set(languages)
    assert languages == sorted(languages, key=sort_key)
    assert not [lang for _, lang in options(client.get("/en/find-a-doctor/"), "language") if lang]


def test_a_name_without_spanish_shows_in_english_marked_as_english(client, directory):
    SpecialtyFactory(name="Wilderness Medicine")  # no Spanish written
    doctor = DoctorFactory(specialties=[Specialty.objects.get(slug="wilderness-medicine")])
    url = doctor.get_absolute_url()

    choices = dict(options(client.get("/es/find-a-doctor/"), "specialty"))
    assert choices["Wilderness Medicine"] == "en"
    assert choices["Cardiología"] is None

    profile = client.get(es(url))
    marked = one(profile, ".doctor-profile__specialties span[lang]")
    assert (marked.get("lang"), text(marked)) == ("en", "Wilderness Medicine")
    # On the English page nothing is marked.
    english = client.get(url)
    assert not select(english, ".doctor-profile__specialties [lang]")
    assert text(one(english, ".doctor-profile__specialties")) == "Wilderness Medicine"


def test_spanish_profile_names_its_vocabulary_in_spanish(client, directory):
    lopez = directory["lopez"]
    lopez.department = Department.objects.get(slug="heart-center")
    lopez.save()
    ClinicalInterests.objects.create(doctor=lopez, text_en="Clinical interests include chest pain.")
    profile = client.get(es(lopez.get_absolute_url()))

    assert text(one(profile, ".doctor-profile__specialties")) == "Cardiología"
    assert "Departamento: Centro del Corazón" in texts(profile, ".doctor-profile__header p")
    assert text(one(profile, "#languages-heading + p")) == "Español, Inglés"
    assert texts(profile, ".tag-list li") == ["Dolor de pecho"]
    # Her interests have no Spanish yet: shown in English, and marked.
    interests = one(profile, "#about-heading ~ h3 + p span[lang]")
    assert (interests.get("lang"), text(interests)) == ("en", "Clinical interests include chest pain.")

    interests = lopez.interests
    interests.text_es = "Sus intereses clínicos incluyen el dolor de pecho."
    interests.save()  # the profile shows it at once
    profile = client.get(es(lopez.get_absolute_url()))
    assert (
        text(one(profile, "#about-heading ~ h3 + p")) == "Sus intereses clínicos incluyen el dolor de pecho."
    )
    assert not select(profile, "#about-heading ~ h3 + p [lang]")


def test_chips_and_search_meanings_are_spanish_on_spanish_pages(client, directory):
    chips = texts(client.get("/es/find-a-doctor/", {"language": "spanish"}), ".chip")
    assert chips and chips[0].startswith("Español")

    meaning = one(client.get("/es/find-a-doctor/", {"q": "chest pain"}), ".directory-results__meaning")
    assert "Dolor de pecho" in text(meaning)
    english = one(client.get("/en/find-a-doctor/", {"q": "chest pain"}), ".directory-results__meaning")
    assert "Chest pain" in text(english)


def test_search_understands_english_words_on_the_spanish_page(client, directory):
    # The search words are English (Spanish search words are another issue): the same doctors.
    found = texts(client.get("/es/find-a-doctor/", {"q": "heart doctor"}), ".doctor-card__name")
    assert sorted(found) == ["John Smith, MD", "Maria Lopez, MD"]


def test_cached_filter_choices_keep_the_languages_apart(client, directory):
    # Both pages twice, each language first once: a cache keyed without the language would hand
    # the second language the first one's options.
    for first, second in (("en", "es"), ("es", "en")):
        LANGUAGE_CHOICES.changed()
        for language in (first, second, first):
            names = {name for name, _ in options(client.get(f"/{language}/find-a-doctor/"), "language")}
            assert ("Español" in names) == (language == "es"), language
            assert ("Spanish" in names) == (language == "en"), language


def test_slug_choices_are_cached_per_language(directory):
    queryset = Language.objects.all()
    with translation.override("es"):
        spanish = dict(slug_choices(queryset))
    with translation.override("en"):
        english = dict(slug_choices(queryset))
    with translation.override("es"):
        again = dict(slug_choices(queryset))
    assert spanish["spanish"] == again["spanish"] == "Español"
    assert english["spanish"] == "Spanish"


def test_admin_edits_the_english_and_spanish_names_side_by_side(staff_client, directory):
    cardiology = Specialty.objects.get(slug="cardiology")
    page = staff_client.get(f"/en/admin/doctors/specialty/{cardiology.pk}/change/")
    assert one(page, 'input[name="name_en"]').get("value") == "Cardiology"
    assert one(page, 'input[name="name_es"]').get("value") == "Cardiología"
    language = Language.objects.get(slug="mandarin")
    page = staff_client.get(f"/en/admin/doctors/language/{language.pk}/change/")
    assert one(page, 'input[name="name_es"]').get("value") == "Chino (mandarín)"

    page = staff_client.get(f"/en/admin/doctors/doctor/{directory['lopez'].pk}/change/")
    assert select(page, 'textarea[name="interests-0-text_en"]')
    assert select(page, 'textarea[name="interests-0-text_es"]')

    response = staff_client.post(
        f"/en/admin/doctors/language/{language.pk}/change/",
        {"name_en": "Mandarin", "name_es": "Mandarín", "slug": "mandarin", "code": "zh"},
    )
    assert response.status_code == 302
    language.refresh_from_db()
    assert (language.name_en, language.name_es) == ("Mandarin", "Mandarín")


def test_migration_keeps_the_names_already_written_as_english(db):
    """What an existing database held in `name` becomes the English name (the RunPython of 0007,
    run on the models as the migration sees them)."""
    migration = import_module("doctors.migrations.0007_vocabulary_in_spanish")
    state = MigrationExecutor(connection).loader.project_state(("doctors", "0007_vocabulary_in_spanish"))
    Historical = state.apps.get_model("doctors", "Department")
    Historical.objects.create(name="Old Department", slug="old-department", name_en=None)

    migration.english_from_original(state.apps, None)

    department = Department.objects.get(slug="old-department")
    assert (department.name_en, department.name_es) == ("Old Department", None)
    assert str(department) == "Old Department"


def test_demo_doctors_interests_are_written_in_both_languages(demo):
    load_demo_with_doctors(40)
    written = ClinicalInterests.objects.exclude(text_en="")
    assert written.count() > 20
    assert not written.filter(Q(text_es="") | Q(text_es__isnull=True)).exists()
    spanish = " ".join(written.values_list("text_es", flat=True))
    assert "Sus intereses clínicos incluyen" in spanish or "Tiene experiencia particular en" in spanish
    # The search words stay English, whatever the Spanish.
    assert all("intereses" not in search.text for search in DoctorSearch.objects.all())


def test_demo_vocabulary_is_named_in_spanish_and_fills_only_what_is_missing(demo):
    for model in (Specialty, Condition, Language, Department):
        assert not model.objects.filter(name_es__isnull=True).exists(), model
    # A database loaded before there was Spanish gets it; an editor's Spanish stays.
    Specialty.objects.filter(slug="cardiology").update(name_es=None)
    Specialty.objects.filter(slug="dermatology").update(name_es="Dermatología (piel)")
    ensure_vocabulary()
    assert Specialty.objects.get(slug="cardiology").name_es == "Cardiología"
    assert Specialty.objects.get(slug="dermatology").name_es == "Dermatología (piel)"
    assert ensure_vocabulary()["named_in_spanish"] == 0  # run again: nothing to do
