"""The patient rights and notices pages: each answers anonymously at its address in English and in
Spanish, written in that language, with what the rule it follows asks it to say (the phrases and the
structure, read from the rendered page), and the landing page leads to every one."""

import pytest
from cms.models import Page
from django.conf import settings

from tests.html import one, parse, select, text, texts
from tests.page_types import NOTICES

# The addresses the other pages and templates link to (standalone.html has them written out).
ADDRESSES = {
    "patient-rights": ("/en/patient-rights/", "/es/derechos-del-paciente/"),
    "nondiscrimination": (
        "/en/patient-rights/nondiscrimination/",
        "/es/derechos-del-paciente/no-discriminacion/",
    ),
    "language-assistance": (
        "/en/patient-rights/language-assistance/",
        "/es/derechos-del-paciente/asistencia-linguistica/",
    ),
    "privacy-practices": (
        "/en/patient-rights/privacy-practices/",
        "/es/derechos-del-paciente/practicas-de-privacidad/",
    ),
    "financial-assistance": (
        "/en/patient-rights/financial-assistance/",
        "/es/derechos-del-paciente/asistencia-financiera/",
    ),
    "surprise-billing": (
        "/en/patient-rights/surprise-billing/",
        "/es/derechos-del-paciente/facturas-sorpresa/",
    ),
    "good-faith-estimate": (
        "/en/patient-rights/good-faith-estimate/",
        "/es/derechos-del-paciente/calculo-de-buena-fe/",
    ),
    "interpreters": ("/en/patient-rights/interpreters/", "/es/derechos-del-paciente/interpretes/"),
    "website-privacy": (
        "/en/patient-rights/website-privacy/",
        "/es/derechos-del-paciente/privacidad-del-sitio-web/",
    ),
}
LANGUAGES = {"en": 0, "es": 1}


def address(key, language):
    return ADDRESSES[key][LANGUAGES[language]]


NPP_HEADER = {
    "en": "THIS NOTICE DESCRIBES HOW MEDICAL INFORMATION ABOUT YOU MAY BE USED AND DISCLOSED AND HOW YOU "
    "CAN GET ACCESS TO THIS INFORMATION. PLEASE REVIEW IT CAREFULLY.",
    "es": "ESTE AVISO DESCRIBE CÓMO SE PUEDE USAR Y DIVULGAR SU INFORMACIÓN MÉDICA Y CÓMO PUEDE USTED "
    "ACCEDER A ESTA INFORMACIÓN. LÉALO CON ATENCIÓN.",
}
OCR = {  # The Office for Civil Rights of HHS, as 45 CFR 92.10 asks the notice to name it
    "portal": "https://ocrportal.hhs.gov/ocr/portal/lobby.jsf",
    "address": "200 Independence Avenue SW, Room 509F, HHH Building, Washington, DC 20201",
    "phone": "1-800-368-1019",
}


def page(client, key, language):
    """The rendered notice `key` in `language`, after checking it is a whole page in that language."""
    response = client.get(address(key, language))
    assert response.status_code == 200, (key, language, response.status_code)
    html = parse(response)
    assert html.get("lang") == language
    assert not select(html, ".language-notice"), "shown in a fallback language"
    title = Page.objects.get(reverse_id=key).get_page_title(language)
    assert texts(html, "main h1") == [title]
    return html


def main_text(html):
    return text(one(html, "main"))


def headings(html):
    return texts(html, "main h2")


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_notice_answers_anonymously_at_its_address_in_its_language(client, demo, language):
    assert set(ADDRESSES) == set(NOTICES)
    for key in NOTICES:
        assert Page.objects.get(reverse_id=key).get_absolute_url(language) == address(key, language)
        html = page(client, key, language)
        assert len(main_text(html)) > 400, f"{key} says almost nothing"
    assert "sessionid" not in client.cookies and "csrftoken" not in client.cookies


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_landing_page_leads_to_every_notice(client, demo, language):
    html = page(client, "patient-rights", language)
    links = {link.get("href") for link in select(html, "main a")}
    for key in NOTICES[1:]:
        assert address(key, language) in links, key
    assert f"/{language}/price-transparency/" in links


SECTION_1557 = {
    "en": {
        "grounds": "race, color, national origin, sex, age or disability",
        "aids": [
            "Auxiliary aids and services",
            "qualified sign language interpreters",
            "Language assistance",
        ],
        "headings": [
            "How to ask for them",
            "Our Section 1557 Coordinator",
            "How to file a grievance with us",
            "How to complain to the federal government",
        ],
    },
    "es": {
        "grounds": "raza, color, origen nacional, sexo, edad o discapacidad",
        "aids": [
            "Ayudas y servicios auxiliares",
            "intérpretes de lengua de señas calificados",
            "Asistencia lingüística",
        ],
        "headings": [
            "Cómo pedirlos",
            "Nuestro coordinador de la Sección 1557",
            "Cómo presentar una queja ante nosotros",
            "Cómo presentar una queja ante el gobierno federal",
        ],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_nondiscrimination_notice_has_what_section_1557_asks_for(client, demo, language):
    html = page(client, "nondiscrimination", language)
    words, expected = main_text(html), SECTION_1557[language]
    assert expected["grounds"] in words
    for aid in expected["aids"]:
        assert aid in words
    for heading in expected["headings"]:
        assert heading in headings(html)
    # The coordinator can be reached by phone and e-mail.
    hrefs = [link.get("href") for link in select(html, "main a")]
    assert "tel:+16177262000" in hrefs and "mailto:civilrights@massgeneral.org" in hrefs
    # The grievance procedure, step by step.
    [steps] = [ol for ol in select(html, "main ol")]
    assert len(steps.cssselect("li")) >= 4
    # The Office for Civil Rights: portal, address and phone.
    assert OCR["portal"] in hrefs
    assert OCR["address"] in words and OCR["phone"] in words


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_notice_of_privacy_practices_opens_with_its_header_and_effective_date(client, demo, language):
    html = page(client, "privacy-practices", language)
    paragraphs = texts(html, "main p")
    assert paragraphs[0] == NPP_HEADER[language]
    effective = {
        "en": "Effective date: January 1, 2026",
        "es": "Fecha de entrada en vigor: 1 de enero de 2026",
    }
    assert paragraphs[1] == effective[language]
    expected = {
        "en": [
            "How we use and share your information",
            "Your rights",
            "Our duties",
            "Questions and complaints",
        ],
        "es": [
            "Cómo usamos y compartimos su información",
            "Sus derechos",
            "Nuestras obligaciones",
            "Preguntas y quejas",
        ],
    }[language]
    assert all(heading in headings(html) for heading in expected)
    assert "1-877-696-6775" in main_text(html)  # the Office for Civil Rights, for privacy complaints


PHRASES = {
    "financial-assistance": {
        "en": [
            "Who can get help",
            "How to apply",
            "240 days",
            "Billing and collections",
            "Community Health Needs Assessment",
        ],
        "es": [
            "Quién puede recibir ayuda",
            "Cómo solicitarla",
            "240 días",
            "Facturación y cobros",
            "evaluación de las necesidades de salud de la comunidad",
        ],
    },
    "surprise-billing": {
        "en": [
            "Emergency services",
            "Massachusetts' protections",
            "No Surprises Help Desk",
            "1-800-985-3059",
        ],
        "es": [
            "Servicios de emergencia",
            "Las protecciones de Massachusetts",
            "No Surprises Help Desk",
            "1-800-985-3059",
        ],
    },
    "good-faith-estimate": {
        "en": ["Good Faith Estimate", "400 dollars", "120 calendar days", "How to ask for one"],
        "es": ["cálculo de buena fe", "400 dólares", "120 días naturales", "Cómo pedirlo"],
    },
    "interpreters": {
        "en": [
            "free of charge",
            "chapter 111, section 25J",
            "chapter 111, section 70E",
            "Your rights as a patient",
        ],
        "es": [
            "gratis",
            "capítulo 111, sección 25J",
            "capítulo 111, sección 70E",
            "Sus derechos como paciente",
        ],
    },
    "language-assistance": {
        "en": ["free of charge", "What we offer", "How to ask"],
        "es": ["gratis", "Qué ofrecemos", "Cómo pedirla"],
    },
    "website-privacy": {
        "en": ["No analytics", "No trackers", "without what follows the question mark", "Server logs"],
        "es": [
            "Sin analítica",
            "Sin rastreadores",
            "sin lo que va después del signo de interrogación",
            "Registros del servidor",
        ],
    },
}


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", PHRASES)
def test_each_notice_says_what_its_rule_asks(client, demo, key, language):
    words = main_text(page(client, key, language))
    missing = [phrase for phrase in PHRASES[key][language] if phrase not in words]
    assert not missing, f"{key} ({language}) lacks {missing}"


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_good_faith_estimate_notice_leads_to_its_request_form(client, demo, language):
    html = page(client, "good-faith-estimate", language)
    form = f"/{language}/appointments/good-faith-estimate/"
    assert form in {link.get("href") for link in select(html, "main a")}
    assert client.get(form).status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_website_privacy_page_states_how_long_requests_are_kept(client, demo, language):
    """The page's figure is the setting's default: change the page when the default changes."""
    words = main_text(page(client, "website-privacy", language))
    unit = {"en": "days", "es": "días"}[language]
    assert f"{settings.APPOINTMENTS_RETENTION_DAYS} {unit}" in words


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_request_forms_and_location_pages_link_interpreters_and_patients_rights(client, demo, language):
    interpreters = address("interpreters", language)
    label = {"en": "interpreter services and your rights", "es": "servicios de intérpretes"}[language]
    forms = ["request/", "second-opinion/", "refer/", "good-faith-estimate/"]
    paths = [f"/{language}/appointments/{form}" for form in forms] + [
        f"/{language}/find-a-location/yawkey-center-for-outpatient-care/",
        f"/{language}/find-a-location/massachusetts-general-hospital/",
    ]
    for path in paths:
        response = client.get(path)
        assert response.status_code == 200, path
        links = [link for link in select(parse(response), "main a") if link.get("href") == interpreters]
        assert len(links) == 1 and label in text(links[0]), path


@pytest.mark.django_db
@pytest.mark.parametrize("language", LANGUAGES)
def test_the_home_page_links_the_notice_of_privacy_practices_by_its_name(client, demo, language):
    label = {"en": "Notice of Privacy Practices", "es": "Aviso de prácticas de privacidad"}[language]
    links = select(parse(client.get(f"/{language}/")), "main a")
    assert [text(link) for link in links if link.get("href") == address("privacy-practices", language)] == [
        label
    ]
