"""One search box for the site: pages, doctors and locations, ranked, typo-tolerant, never drafts."""

import pytest
from cms.api import add_plugin, create_page
from djangocms_versioning.models import Version

from doctors.models import Specialty
from tests.doctors.factories import DoctorFactory
from tests.html import select, texts

pytestmark = pytest.mark.django_db


def search(client, query):
    response = client.get("/en/search/", {"q": query})
    assert response.status_code == 200
    return response.content.decode()


def groups(page):
    return [heading.get("id").removeprefix("group-") for heading in select(page, 'h3[id^="group-"]')]


def hit_titles(page, kind):
    """The titles of the hits in the group of `kind`, as read (the marks of the matched words gone)."""
    return texts(page, f'section[aria-labelledby="group-{kind}"] .search-hit__title > a[href]')


def test_an_exact_doctor_name_comes_first(client, demo):
    cardiology = Specialty.objects.get(slug="cardiology")
    DoctorFactory(first_name="Zebulon", last_name="Quillfeather", specialties=[cardiology])
    DoctorFactory(first_name="Zebulon", last_name="Quillfeathers")
    DoctorFactory(first_name="Anna", last_name="Quillfeather")
    page = search(client, "Zebulon Quillfeather")
    assert groups(page)[0] == "doctor"
    assert hit_titles(page, "doctor")[0] == "Zebulon Quillfeather, MD"
    assert "<mark>Zebulon</mark> <mark>Quillfeather</mark>, MD" in page


def test_a_page_is_found_by_a_word_in_its_body(client, demo):
    page = search(client, "Leapfrog")
    assert "page" in groups(page)
    assert "Setting the Bar for Quality & Safety" in hit_titles(page, "page")
    assert "<mark>Leapfrog</mark>" in page  # the matched text, marked in the snippet


def test_one_typo_is_forgiven_and_said(client, demo):
    page = search(client, "Leapfrgo")
    assert "Setting the Bar for Quality & Safety" in hit_titles(page, "page")
    assert "so we searched for “leapfrog” instead" in page


def test_symptoms_lead_to_the_doctors_who_treat_them(client, demo):
    cardiology = Specialty.objects.get(slug="cardiology")
    DoctorFactory(first_name="Hana", last_name="Pulse", specialties=[cardiology])
    page = search(client, "chest pain")
    assert groups(page)[0] == "doctor"
    assert "Hana Pulse, MD" in hit_titles(page, "doctor")


def test_locations_are_found_by_name(client, demo):
    page = search(client, "Yawkey")
    assert any("Yawkey" in title for title in hit_titles(page, "location"))


def test_drafts_and_unpublished_pages_never_appear(client, demo, admin_user):
    draft = create_page("Quokka Care Clinic", "pages/content.html", "en", created_by=admin_user)
    content = draft.get_admin_content("en")
    placeholder = content.rescan_placeholders()["content"]
    add_plugin(placeholder, "TextPlugin", "en", body="<p>Our quokkaville programme.</p>")
    assert "No results" not in search(client, "quokkaville")
    assert "page" not in groups(search(client, "quokkaville"))

    version = Version.objects.get_for_content(content)
    version.publish(admin_user)
    client.get("/")  # any request; the page cache is versioned on publications
    assert hit_titles(search(client, "quokkaville"), "page") == ["Quokka Care Clinic"]

    version.unpublish(admin_user)
    assert "page" not in groups(search(client, "quokkaville"))


def test_unpublished_doctors_never_appear(client, demo):
    DoctorFactory(first_name="Hidden", last_name="Vandersloot", is_published=False)
    assert "doctor" not in groups(search(client, "Vandersloot"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", "Search for a doctor's name"),
        ("x" * 2000, "Please shorten your search to 200 characters or fewer (it has 2000)."),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("'; DROP TABLE doctors_doctor; --", " for “"),
        ("%_%", " for “%_%”"),
    ],
)
def test_bad_input_gets_a_helpful_page(client, demo, query, expected):
    page = search(client, query)
    assert expected in page
    assert "<script>alert(1)</script>" not in page


def test_markup_in_the_query_is_escaped_in_the_highlighted_text(client, demo):
    DoctorFactory(first_name="Bold", last_name="Tagsworth")
    page = search(client, "Tagsworth <b>")
    assert "<b>" not in page.split('id="search-results-heading"', 1)[1]


def test_every_page_has_the_search_box(client, demo):
    page = client.get("/en/patient-experience/").content.decode()
    assert select(page, 'form.wrap.site-search[role="search"][method="get"][action="/en/search/"]')
    assert 'data-suggest-url="/en/search/suggest/"' in page


def test_suggestions_complete_names_places_and_terms(client, demo):
    DoctorFactory(first_name="Ulla", last_name="Xylander")
    response = client.get("/en/search/suggest/", {"q": "xylan"})
    # What was typed is in the address: private, and kept by no cache (toolkit.caching.names_free_text).
    cache_control = response["Cache-Control"]
    assert "private" in cache_control and "no-store" in cache_control and "public" not in cache_control
    assert response.json()["suggestions"] == [
        {"label": "Ulla Xylander, MD", "kind": "Doctor", "url": "/en/find-a-doctor/ulla-xylander/"}
    ]
    labels = [s["label"] for s in client.get("/en/search/suggest/", {"q": "cardio"}).json()["suggestions"]]
    assert "Cardiology" in labels
    assert client.get("/en/search/suggest/", {"q": "x" * 1000}).json() == {"suggestions": []}
    assert client.get("/en/search/suggest/", {"q": "x" * 5000}).status_code == 400  # over any address


def test_the_results_page_makes_as_many_queries_with_more_matches(client, demo):
    from django.core.cache import cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    cardiology = Specialty.objects.get(slug="cardiology")

    def queries():
        cache.clear()
        client.get("/en/search/", {"q": "Quillfeather"})  # warm the vocabulary and menus
        with CaptureQueriesContext(connection) as captured:
            client.get("/en/search/", {"q": "Quillfeather", "page": "x"})  # another URL: not from the cache
        return len(captured)

    # More matches than a group shows (5 doctors), so both runs also count them.
    for n in range(6):
        DoctorFactory(first_name=f"Ada{n}", last_name="Quillfeather", specialties=[cardiology])
    few = queries()
    for n in range(12):
        DoctorFactory(first_name=f"Bo{n}", last_name="Quillfeather", specialties=[cardiology])
    assert queries() == few


def test_the_search_app_has_one_name_for_package_urls_and_apphook(client, demo):
    from importlib import import_module

    from cms.models import Page
    from django.apps import apps
    from django.urls import reverse

    page = Page.objects.get(application_urls="SearchApphook")
    assert page.application_namespace == "sitesearch"
    assert reverse("sitesearch:results") == "/en/search/"
    # A site made before the rename gets the new name from the migration, and keeps its URLs.
    Page.objects.filter(pk=page.pk).update(application_namespace="search")
    migration = import_module("sitesearch.migrations.0003_search_page_namespace")
    migration.rename("search", "sitesearch")(apps, None)
    assert Page.objects.get(pk=page.pk).application_namespace == "sitesearch"
