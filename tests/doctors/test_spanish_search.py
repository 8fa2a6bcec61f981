"""Spanish search words: a patient who types "dolor de rodilla" or "cardiólogo" (or leaves the
accents out) finds the doctors an English speaker finds with "knee pain" or "cardiologist", in the
directory and in the site search, on /es/ pages and /en/ pages alike."""

import pytest
from django.urls import reverse

from doctors.models import Condition, Specialty
from doctors.search import SpecialtyMatcher, normalize
from tests.html import texts

from .factories import DoctorFactory

# (English words, Spanish words with their accents, and without)
PAIRS = [
    ("knee pain", "dolor de rodilla", "dolor de rodilla"),
    ("rash", "erupción", "erupcion"),
    ("cardiologist", "cardiólogo", "cardiologo"),
    ("heart doctor", "médico del corazón", "medico del corazon"),
    ("pregnancy", "embarazo", "embarazo"),
    ("skin doctor", "médico de la piel", "medico de la piel"),
]


@pytest.fixture
def doctors(demo):
    """A few doctors of the demo vocabulary's specialties, found only through what they treat: their
    own search text holds their name and specialty, no condition."""
    made = {}
    for slug in ["orthopaedic-surgery", "dermatology", "cardiology", "pediatric-cardiology",
                 "obstetrics-gynecology", "neurology", "psychiatry"]:  # fmt: skip
        specialty = Specialty.objects.get(slug=slug)
        made[slug] = DoctorFactory(specialties=[specialty])
    return made


def directory_names(client, language, query):
    response = client.get(f"/{language}/find-a-doctor/", {"q": query})
    assert response.status_code == 200
    return sorted(texts(response.content.decode(), ".doctor-card__name a"))


def search_names(client, language, query):
    response = client.get(f"/{language}/search/", {"q": query})
    assert response.status_code == 200
    return sorted(
        texts(response.content.decode(), 'section[aria-labelledby="group-doctor"] .search-hit__title > a')
    )


@pytest.mark.parametrize(("english", "spanish", "unaccented"), PAIRS)
def test_spanish_words_find_the_doctors_their_english_twins_find(
    client, doctors, english, spanish, unaccented
):
    expected = directory_names(client, "en", english)
    assert expected, f"{english!r} finds nobody: the test would prove nothing"
    assert len(expected) < len(doctors)  # and not everybody
    for language in ("es", "en"):
        assert directory_names(client, language, spanish) == expected, (language, spanish)
        assert directory_names(client, language, unaccented) == expected, (language, unaccented)


@pytest.mark.parametrize(("english", "spanish", "unaccented"), PAIRS)
def test_the_site_search_finds_the_same_doctors_in_spanish(client, doctors, english, spanish, unaccented):
    expected = search_names(client, "en", english)
    assert expected
    assert search_names(client, "es", spanish) == expected
    assert search_names(client, "es", unaccented) == expected


def test_the_spanish_page_says_what_the_words_were_taken_to_mean_in_spanish(client, doctors):
    page = client.get("/es/find-a-doctor/", {"q": "erupcion"}).content.decode()
    meaning = texts(page, ".directory-results__meaning")
    assert meaning and "Sarpullido" in meaning[0]


def test_typos_are_forgiven_in_spanish_as_in_english(client, doctors):
    assert directory_names(client, "es", "cardiolgo") == directory_names(client, "en", "cardiolgy")


def test_short_words_alone_match_nothing(demo):
    matcher = SpecialtyMatcher.load()
    for word in ["de", "del", "la", "el", "y"]:
        assert matcher.match(word) == {}, word


def test_accents_and_case_are_folded():
    assert normalize("Médico del CORAZÓN") == normalize("medico del corazon") == "medico del corazon"
    assert normalize("Erupción, picazón") == "erupcion picazon"


def test_a_spanish_word_an_editor_adds_is_found_at_once(client, doctors, staff_client):
    rash = Condition.objects.get(slug="rash")
    assert not directory_names(client, "es", "zarzamora")
    response = staff_client.get(reverse("admin:doctors_condition_change", args=[rash.pk]))
    assert response.status_code == 200
    form = response.context["adminform"].form
    assert "synonyms_en" in form.fields and "synonyms_es" in form.fields  # side by side
    rash.synonyms_es += "\nzarzamora"
    rash.save()
    assert directory_names(client, "es", "zarzamora") == directory_names(client, "en", "rash")


def test_suggestions_complete_spanish_words(client, doctors):
    response = client.get("/es/search/suggest/", {"q": "erupc"})
    assert response.status_code == 200
    assert "Sarpullido" in response.content.decode()


def test_every_demo_specialty_and_condition_has_spanish_search_words(demo):
    missing = [str(v) for model in (Specialty, Condition) for v in model.objects.filter(synonyms_es="")]
    assert not missing
