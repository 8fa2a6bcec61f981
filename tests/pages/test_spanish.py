"""The Spanish site: pages written in Spanish, English pages shown at /es/ with a notice, hreflang
alternates, the language switcher, and doctors' biographies in the language they were written in."""

import html as htmllib
import io

import pytest
from cms.api import add_plugin, create_page
from cms.models import CMSPlugin, Page, PageContent
from django.conf import settings
from django.core.management import call_command
from django.db import models
from django.utils import translation
from djangocms_versioning.models import Version

from demo import content as demo_content
from demo import content_es as demo_content_es
from tests.doctors.factories import DoctorFactory
from tests.html import one, parse, select, text, texts
from toolkit.views import server_error, service_unavailable

APP_PAGES = ("find-a-doctor", "find-a-location", "appointments", "search")
UNTRANSLATED = ("give", "patient-gateway")
NOTICE = "Esta página todavía no está disponible en español. La mostramos en inglés."


def walk(declarations, ancestors=()):
    for declaration in declarations:
        yield declaration, ancestors
        yield from walk(declaration.get("children", []), (*ancestors, declaration))


TREE = list(walk(demo_content.PAGES))
SPANISH = [(d, a) for d, a in TREE if d["key"] in demo_content_es.PAGES]


def html_lang(page_html):
    return one(page_html, "html").get("lang")


def alternates(page_html):
    return {
        link.get("hreflang"): link.get("href")
        for link in select(page_html, 'link[rel="alternate"][hreflang][href]')
    }


def switcher_links(page_html):
    return {a.get("lang"): a.get("href") for a in select(one(page_html, "nav.lang-switch"), "a[href][lang]")}


def url(key, language):
    return Page.objects.get(reverse_id=key).get_absolute_url(language, fallback=False)


def test_the_spanish_declarations_cover_the_tree_but_give_now_and_patient_gateway():
    keys = {d["key"] for d, _ in TREE}
    assert set(demo_content_es.PAGES) <= keys
    assert keys - set(demo_content_es.PAGES) == set(UNTRANSLATED)
    for key in APP_PAGES:
        english = next(d for d, _ in TREE if d["key"] == key)
        assert demo_content_es.PAGES[key]["slug"] == english.get("slug", key), key


def test_spanish_home_page_is_in_spanish(client, demo):
    response = client.get("/es/")
    assert response.status_code == 200
    page_html = response.content.decode()
    assert html_lang(page_html) == "es"
    assert text(one(page_html, "h1")) == "Hospital General de Massachusetts"
    assert "¿En qué podemos ayudarle hoy?" in page_html
    assert NOTICE not in page_html
    # Its links go to the Spanish pages, the apps included.
    assert 'href="/es/find-a-doctor/"' in page_html
    assert f'href="{url("difference", "es")}"' in page_html
    assert texts(one(page_html, "nav.main-menu"), "li") == [
        "La diferencia de Mass General",
        "Experiencia del paciente",
        "Recursos para pacientes y visitantes",
    ]


@pytest.mark.parametrize(("declaration", "ancestors"), SPANISH, ids=[d["key"] for d, _ in SPANISH])
def test_every_spanish_page_answers_in_spanish(client, demo, declaration, ancestors):
    spanish = demo_content_es.PAGES[declaration["key"]]
    path = url(declaration["key"], "es")
    assert path.startswith("/es/")
    response = client.get(path)

    assert response.status_code == 200
    page_html = response.content.decode()
    assert html_lang(page_html) == "es"
    assert NOTICE not in page_html
    if declaration["key"] not in APP_PAGES:
        assert f'<meta name="description" content="{htmllib.escape(spanish["description"])}">' in page_html
    if declaration["key"] == "home":
        return
    crumb_texts = texts(one(page_html, "nav.breadcrumbs"), "li")
    assert crumb_texts[0] == "Inicio"
    if declaration["key"] in APP_PAGES:
        # The app draws its own heading; the page's Spanish title is its place in the breadcrumbs.
        assert crumb_texts[-1] == spanish["title"]
        return
    assert crumb_texts == [
        "Inicio",
        *[demo_content_es.PAGES[a["key"]]["title"] for a in ancestors],
        spanish["title"],
    ]
    heading = spanish.get("page_title", spanish["title"])  # the page's full title, else its short one
    assert texts(page_html, "h1") == [heading]
    assert f"<title>{htmllib.escape(heading, quote=False)} |" in page_html


def test_app_pages_answer_in_spanish_at_the_english_slug(client, demo):
    for path in ("/es/find-a-doctor/", "/es/find-a-location/", "/es/appointments/", "/es/search/"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert html_lang(response.content.decode()) == "es", path
    assert "no hace falta escribir los acentos" in client.get("/es/find-a-doctor/").content.decode()


def test_links_written_in_the_spanish_content_lead_to_pages_that_answer(client, demo):
    bodies = [
        plugin.get_bound_plugin().body
        for plugin in CMSPlugin.objects.filter(language="es", plugin_type="TextPlugin")
    ]
    links = {
        element.get("href")
        for body in bodies
        if body.strip()
        for element in select(body, "[href]")
        if element.get("href").startswith("/")
    }
    assert links, "the Spanish content has links"
    for href in sorted(links):
        assert href.startswith("/es/"), href
        assert client.get(href).status_code == 200, href


def test_spanish_plugin_fields_fit_their_columns(demo):
    # SQLite lets a long value through; PostgreSQL does not.
    for plugin in CMSPlugin.objects.filter(language="es"):
        instance = plugin.get_bound_plugin()
        for field in instance._meta.concrete_fields:
            if isinstance(field, models.CharField) and field.max_length:
                value = getattr(instance, field.attname) or ""
                assert len(value) <= field.max_length, (plugin.plugin_type, field.name, value)


def test_hreflang_alternates_on_a_cms_page(client, demo):
    page_html = client.get(url("research", "es")).content.decode()
    assert alternates(page_html) == {
        "en": f"http://{settings.SITE_DOMAIN}/en/the-mass-general-difference/research/",
        "es": f"http://{settings.SITE_DOMAIN}/es/la-diferencia-de-mass-general/investigacion/",
        "x-default": f"http://{settings.SITE_DOMAIN}/en/the-mass-general-difference/research/",
    }
    # The same on the English page.
    assert alternates(client.get(url("research", "en")).content.decode()) == alternates(page_html)
    assert alternates(client.get("/es/").content.decode()) == {
        "en": f"http://{settings.SITE_DOMAIN}/en/",
        "es": f"http://{settings.SITE_DOMAIN}/es/",
        "x-default": f"http://{settings.SITE_DOMAIN}/en/",
    }


def test_hreflang_alternates_on_app_pages(client, demo):
    expected = {
        "en": f"http://{settings.SITE_DOMAIN}/en/find-a-doctor/",
        "es": f"http://{settings.SITE_DOMAIN}/es/find-a-doctor/",
        "x-default": f"http://{settings.SITE_DOMAIN}/en/find-a-doctor/",
    }
    assert alternates(client.get("/en/find-a-doctor/").content.decode()) == expected
    assert alternates(client.get("/es/find-a-doctor/").content.decode()) == expected

    doctor = DoctorFactory()
    page_html = client.get(f"/es/find-a-doctor/{doctor.slug}/").content.decode()
    assert alternates(page_html) == {
        "en": f"http://{settings.SITE_DOMAIN}/en/find-a-doctor/{doctor.slug}/",
        "es": f"http://{settings.SITE_DOMAIN}/es/find-a-doctor/{doctor.slug}/",
        "x-default": f"http://{settings.SITE_DOMAIN}/en/find-a-doctor/{doctor.slug}/",
    }
    for path in ("/es/find-a-location/", "/es/appointments/", "/es/search/"):
        assert set(alternates(client.get(path).content.decode())) == {"en", "es", "x-default"}, path


def test_hreflang_lists_only_the_languages_a_page_is_published_in(client, demo):
    page_html = client.get("/es/give-now/").content.decode()
    assert alternates(page_html) == {
        "en": f"http://{settings.SITE_DOMAIN}/en/give-now/",
        "x-default": f"http://{settings.SITE_DOMAIN}/en/give-now/",
    }


@pytest.mark.parametrize("key", UNTRANSLATED)
def test_a_page_without_spanish_content_says_so_in_spanish(client, demo, key):
    english_url = url(key, "en")
    spanish_address = "/es/" + english_url.removeprefix("/en/")
    response = client.get(spanish_address)

    assert response.status_code == 200
    page_html = response.content.decode()
    main = one(page_html, "main")
    notice = one(main, "p.notice.language-notice")  # the notice is in <main>
    # ... and comes first in it: nothing but spacing before its <div class="wrap">.
    wrap = main[0]
    assert not (main.text or "").strip() and wrap.tag == "div" and wrap.get("class") == "wrap"
    assert wrap[0] is notice and not wrap.text
    assert select(notice, '[lang="es"]')
    assert NOTICE in text(notice)
    assert select(notice, f'a[href="{english_url}"][hreflang="en"]')
    # The page is Spanish (pages.middleware); only its English content is marked as English.
    assert html_lang(page_html) == "es"
    english_title = next(d for d, _ in TREE if d["key"] == key)["title"]
    assert english_title in text(one(main, "h1"))
    assert one(main, "h1").get("lang") == "en"
    assert one(main, "div.stack").get("lang") == "en"

    # The English address has no notice.
    assert "language-notice" not in client.get(english_url).content.decode()


def test_footer_is_in_the_language_of_the_address(client, demo):
    def footer(path):
        return one(client.get(path), "footer.site-footer")

    spanish = footer("/es/")
    assert "Contáctenos" in text(spanish)
    assert select(spanish, 'a[href="/es/find-a-doctor/"]')
    # A Spanish address shown in English keeps the Spanish footer, and the cached English footer
    # is not taken over by it (nor the other way round).
    assert "Contáctenos" in text(footer("/es/give-now/"))
    english = text(footer("/en/"))
    assert "Contact us" in english and "Contáctenos" not in english


def test_language_switcher_keeps_the_visitor_on_a_content_page(client, demo):
    english, spanish = url("research", "en"), url("research", "es")
    assert switcher_links(client.get(spanish).content.decode()) == {"en": english, "es": spanish}
    assert switcher_links(client.get(english).content.decode()) == {"en": english, "es": spanish}


def test_language_switcher_keeps_the_visitor_on_a_doctor_profile(client, demo):
    doctor = DoctorFactory()
    english, spanish = f"/en/find-a-doctor/{doctor.slug}/", f"/es/find-a-doctor/{doctor.slug}/"
    with translation.override("en"):
        assert doctor.get_absolute_url() == english
    links = switcher_links(client.get(english).content.decode())
    assert links == {"en": english, "es": spanish}
    response = client.get(links["es"])
    assert response.status_code == 200
    assert html_lang(response.content.decode()) == "es"
    assert switcher_links(response.content.decode()) == {"en": english, "es": spanish}


BIO_TEXT = "Dr. Testperson treats heart rhythm problems."
BIO = f"<p>{BIO_TEXT}</p>"


def test_a_doctor_without_a_spanish_bio_shows_the_english_one_with_a_note(client, demo):
    doctor = DoctorFactory()
    add_plugin(doctor.bio, "TextPlugin", "en", body=BIO)

    page_html = client.get(f"/es/find-a-doctor/{doctor.slug}/").content.decode()
    assert "Biografía disponible solo en inglés." in page_html
    bio = select(page_html, 'div.prose[lang="en"]')
    assert bio and BIO_TEXT in texts(bio[0], "p")

    page_html = client.get(f"/en/find-a-doctor/{doctor.slug}/").content.decode()
    assert BIO in page_html
    assert "Biografía disponible solo en inglés." not in page_html
    assert '<div class="prose" lang=' not in page_html


def test_a_doctor_with_a_spanish_bio_shows_it(client, demo):
    doctor = DoctorFactory()
    add_plugin(doctor.bio, "TextPlugin", "en", body=BIO)
    add_plugin(
        doctor.bio, "TextPlugin", "es", body="<p>La doctora trata los problemas del ritmo cardiaco.</p>"
    )

    page_html = client.get(f"/es/find-a-doctor/{doctor.slug}/").content.decode()
    assert "La doctora trata los problemas del ritmo cardiaco." in page_html
    assert BIO not in page_html
    assert "Biografía disponible solo en inglés." not in page_html


def test_a_doctor_without_any_bio_has_no_note(client, demo):
    doctor = DoctorFactory()
    page_html = client.get(f"/es/find-a-doctor/{doctor.slug}/").content.decode()
    assert "Biografía disponible solo en inglés." not in page_html


def test_load_demo_twice_creates_no_spanish_pages(demo):
    before = PageContent.admin_manager.filter(language="es").count()
    assert PageContent.objects.filter(language="es").count() == before == len(demo_content_es.PAGES)
    out = io.StringIO()
    call_command("load_demo", admin_password="whatever", doctors=0, stdout=out)
    assert PageContent.admin_manager.filter(language="es").count() == before
    assert "0 Spanish page(s) and 0 Spanish alias content(s) created" in out.getvalue()


def test_load_demo_reset_rebuilds_the_spanish_pages(demo):
    out = io.StringIO()
    call_command("load_demo", "--reset", admin_password="whatever", doctors=0, stdout=out)
    assert PageContent.objects.filter(language="es").count() == len(demo_content_es.PAGES)
    pages, aliases = len(demo_content_es.PAGES), len(demo_content_es.ALIASES)
    assert f"{pages} Spanish page(s) and {aliases} Spanish alias content(s) created" in out.getvalue()


# Pages without Spanish content at their Spanish address: the page around the content (the chrome)
# is Spanish like every Spanish page, only the content is English and marked so.


def chrome(page_html):
    """What every page shows around its content, as text and accessible names."""
    root = parse(page_html)
    search = one(root, "form.site-search")
    return {
        "lang": html_lang(page_html),
        "skip link": text(one(root, "a.skip-link")),
        "search": (
            text(one(search, "label")),
            one(search, "input[name=q]").get("placeholder"),
            one(search, "ul.site-search__suggestions").get("aria-label"),
            text(one(search, "button")),
        ),
        "menu button": text(one(root, "button.menu-toggle")),
        "navigation": [nav.get("aria-label") for nav in select(root, "header nav")],
        "top tasks": texts(root, "nav.top-tasks a"),
        "main menu": texts(root, "nav.main-menu a"),
        "footer": text(one(root, "footer.site-footer")),
    }


def english_only_page(user, template):
    """A page published in English only, with the `template` of the page tree's pages."""
    parent = Page.objects.get(is_home=True)
    page = create_page(
        "Parking validation", template, "en", slug="parking-validation", parent=parent, created_by=user
    )
    content = PageContent.admin_manager.get(page=page, language="en")
    add_plugin(content.rescan_placeholders()["content"], "TextPlugin", "en", body="<p>Bring your ticket.</p>")
    Version.objects.get_for_content(content).publish(user)
    return page


def assert_spanish_around_english_content(client, path):
    spanish_page = client.get(url("research", "es")).content.decode()
    response = client.get(path)
    assert response.status_code == 200
    page_html = response.content.decode()
    assert chrome(page_html) == chrome(spanish_page)
    assert response["Content-Language"] == "es"
    assert NOTICE in text(one(page_html, "p.language-notice"))
    assert one(page_html, "nav.breadcrumbs").get("aria-label") == "Ruta de navegación"
    # The breadcrumb names the page as it is written (in English), and says so.
    current = one(page_html, 'nav.breadcrumbs a[aria-current="page"]')
    assert current.get("lang") == "en"
    # Only the content is English, marked as English.
    main = one(page_html, "main")
    english = select(main, '[lang="en"]')
    assert [element.tag for element in english] == ["h1", "div"]
    return page_html


@pytest.mark.parametrize("key", UNTRANSLATED)
def test_the_demo_pages_without_spanish_content_are_spanish_pages_around_their_english_content(
    client, demo, key
):
    page_html = assert_spanish_around_english_content(client, "/es/" + url(key, "en").removeprefix("/en/"))
    assert select(one(page_html, "main"), 'div[lang="en"] *')  # their plugins are shown


@pytest.mark.parametrize("template", ["pages/content.html", "pages/section.html"])
def test_any_page_without_spanish_content_is_a_spanish_page_around_its_english_content(
    client, demo, admin_user, template
):
    english_only_page(admin_user, template)
    page_html = assert_spanish_around_english_content(client, "/es/parking-validation/")
    content = one(one(page_html, "main"), 'div[lang="en"]')
    assert text(content) == "Bring your ticket."  # the English plugins, found and shown
    assert text(one(page_html, "main h1")) == "Parking validation"


def test_without_the_page_language_middleware_the_chrome_would_be_english(client, demo, admin_user, settings):
    # What django CMS does on its own (the whole request switched to English): the check sees it.
    settings.MIDDLEWARE = [
        name for name in settings.MIDDLEWARE if name != "pages.middleware.PageLanguageMiddleware"
    ]
    english_only_page(admin_user, "pages/content.html")
    page_html = client.get("/es/parking-validation/").content.decode()
    assert html_lang(page_html) == "en"
    assert chrome(page_html)["skip link"] == "Skip to main content"
    with pytest.raises(AssertionError):
        assert_spanish_around_english_content(client, "/es/parking-validation/")


def test_the_not_found_page_is_a_spanish_page_at_a_spanish_address(client, demo):
    response = client.get("/es/no-existe/")
    assert response.status_code == 404
    page_html = response.content.decode()
    assert chrome(page_html) == chrome(client.get(url("research", "es")).content.decode())
    assert text(one(page_html, "h1")) == "No encontramos esa página"
    assert not select(page_html, "main [lang]")


@pytest.mark.parametrize(
    ("answer", "heading"),
    [
        (lambda request: server_error(request), "Algo salió mal de nuestra parte"),
        (
            lambda request: service_unavailable(request),
            "Lo sentimos, en este momento nuestro sitio web no puede recibir solicitudes",
        ),
        (lambda request: service_unavailable(request, "MGH-AAAA-BBBB"), "Hemos recibido su solicitud"),
    ],
)
def test_the_error_pages_are_in_the_language_of_the_address(rf, answer, heading):
    spanish = answer(rf.get("/es/appointments/request/")).content.decode()
    english = answer(rf.get("/en/appointments/request/")).content.decode()
    assert (html_lang(spanish), html_lang(english)) == ("es", "en")
    assert text(one(spanish, "h1")) == heading
    assert text(one(english, "h1")) != heading
    assert not select(spanish, "main [lang]") and not select(english, "main [lang]")  # one language each
    assert "tel:+16177262000" in spanish
