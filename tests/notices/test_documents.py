"""The notices' documents: versions kept, published by Publishers only, listed on the notice pages
in every language with the earlier versions, and downloadable by anybody, with no cookie."""

import datetime
import io
import re

import pytest
from cms.api import add_plugin, create_page, create_page_content
from cms.models import PageContent
from django.contrib.auth.models import Group, User
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.utils import timezone
from djangocms_versioning.models import Version
from filer.models import File

from demo.notices import ensure_documents
from demo.pdf import text_pdf
from notices.models import PolicyDocument
from tests.html import one, select, text, texts
from tests.staff import sign_in

ADD = "/en/admin/notices/policydocument/add/"


@pytest.fixture
def person(demo):
    """A staff member in one of the role groups (made by load_demo): person("Editor")."""

    def make(group):
        user = User.objects.create_user(group.lower(), password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return User.objects.get(pk=user.pk)

    return make


@pytest.fixture
def staff(person, client):
    def signed_in(group):
        sign_in(client, person(group))
        return client

    return signed_in


@pytest.fixture
def notice_page(demo, admin_user):
    """A published page in English and Spanish listing the Notice of Privacy Practices."""
    page = create_page("Documents test", "pages/content.html", "en", created_by=admin_user)
    contents = [PageContent.admin_manager.get(page=page, language="en")]
    contents.append(create_page_content("es", "Prueba de documentos", page, slug="prueba-documentos",
                                        created_by=admin_user))  # fmt: skip
    for content in contents:
        add_plugin(content.rescan_placeholders()["content"], "DocumentsPlugin", content.language, kind="npp")
        Version.objects.get_for_content(content).publish(admin_user)
    return {"en": "/en/documents-test/", "es": "/es/prueba-documentos/"}


def pdf(name="notice.pdf", title="Notice of Privacy Practices"):
    return File.objects.create(
        original_filename=name, file=ContentFile(text_pdf(title, ["Version 2026-2."], "en"), name=name)
    )


def new_version_form(file, **fields):
    return {
        "kind": "npp", "language": "en", "title": "Notice of Privacy Practices", "version": "2026-2",
        "effective_date": timezone.localdate().isoformat(), "file": file.pk, "published": "on",
        "_save": "Save", **fields,
    }  # fmt: skip


def current_versions(client, url):
    return texts(client.get(url), ".document .document__facts")


def test_the_list_shows_the_current_version_in_each_language_named_in_itself(client, notice_page):
    page = client.get(notice_page["en"])
    documents = select(page, ".documents__list .document")
    assert [text(one(item, ".document__title span:last-child")) for item in documents] == [
        "English",
        "Español",
    ]
    for item, language in zip(documents, ["en", "es"], strict=True):
        assert {span.get("lang") for span in select(item, ".document__title span")} == {language}
        assert "version 2026-1" in text(one(item, ".document__facts"))
        assert "Effective January 1, 2026" in text(one(item, ".document__facts"))
        download, view = select(item, ".document__links a")
        assert download.get("download") is not None and view.get("download") is None
        assert download.get("href") == view.get("href") and download.get("href").endswith(".pdf")
        assert download.get("hreflang") == language
    assert text(one(page, ".documents h2")) == "Notice of Privacy Practices"


def test_the_earlier_versions_are_listed_with_their_dates_and_links(client, notice_page):
    page = client.get(notice_page["en"])
    assert text(one(page, ".documents h3")) == "Earlier versions"
    earlier = select(page, ".documents__earlier li")
    assert [one(item, "a span").get("lang") for item in earlier] == ["en", "es"]
    assert "version 2025-1, in effect from January 1, 2025 to December 31, 2025" in text(earlier[0])
    assert all(one(item, "a").get("download") is not None for item in earlier)


def test_the_spanish_page_speaks_spanish(client, notice_page):
    page = client.get(notice_page["es"])
    assert text(one(page, ".documents h2")) == "Aviso de prácticas de privacidad"
    assert text(one(page, ".documents h3")) == "Versiones anteriores"
    assert "En vigor desde el 1 de enero de 2026" in text(select(page, ".document__facts")[0])
    assert texts(page, ".document__links a")[0].startswith("Descargar")
    assert "en vigor del 1 de enero de 2025 al 31 de diciembre de 2025" in text(
        select(page, ".documents__earlier li")[0]
    )


def test_a_new_version_published_by_a_publisher_becomes_current_and_the_old_one_stays(
    staff, client, notice_page
):
    old = PolicyDocument.objects.get(kind="npp", language="en", version="2026-1")
    assert "version 2026-1" in current_versions(client, notice_page["en"])[0]  # cached now, too
    publisher = staff("Publisher")
    response = publisher.post(ADD, new_version_form(pdf()))
    assert response.status_code == 302, response.content.decode()[:2000]
    new = PolicyDocument.objects.get(kind="npp", language="en", version="2026-2")
    assert new.published and new.standing() == "Current"
    publisher.logout()

    assert "version 2026-2" in current_versions(client, notice_page["en"])[0]
    old.refresh_from_db()
    assert old.published and old.standing() == "Earlier" and File.objects.filter(pk=old.file_id).exists()
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    earlier = texts(client.get(notice_page["en"]), ".documents__earlier li")
    until = (
        f"version 2026-1, in effect from January 1, 2026 to {yesterday:%B} {yesterday.day}, {yesterday.year}"
    )
    assert any(until in item for item in earlier), earlier
    assert any("version 2025-1" in item for item in earlier)


def test_editors_see_which_version_is_current_and_can_start_a_new_one(staff):
    editor = staff("Editor")
    listing = editor.get("/en/admin/notices/policydocument/?kind=npp&language__exact=en")
    assert texts(listing, "td.field-standing") == ["Current", "Earlier"]
    start = select(listing, "td.field-replace a")[0].get("href")
    form = editor.get(start)
    assert one(form, 'select[name="kind"] option[selected]').get("value") == "npp"
    assert one(form, 'input[name="title"]').get("value") == "Notice of Privacy Practices"


def test_a_version_published_for_a_later_date_waits_for_it(staff, client, notice_page):
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    staff("Publisher").post(ADD, new_version_form(pdf(), effective_date=tomorrow.isoformat()))
    waiting = PolicyDocument.objects.get(version="2026-2")
    assert waiting.published and waiting.standing() == "Scheduled to take effect"
    assert "version 2026-1" in current_versions(client, notice_page["en"])[0]
    shelves = PolicyDocument.objects.shelves("npp", on=tomorrow)
    assert [(language, current.version) for language, current, _earlier in shelves] == [
        ("en", "2026-2"),
        ("es", "2026-1"),
    ]


def test_an_editor_adds_a_version_unpublished_and_cannot_publish_it(staff, client, notice_page):
    editor = staff("Editor")
    form = editor.get(ADD)
    assert form.status_code == 200 and not select(form, 'input[name="published"]')
    editor.post(ADD, new_version_form(pdf()))
    draft = PolicyDocument.objects.get(version="2026-2")
    assert not draft.published and draft.standing() == "Draft"
    editor.post(f"/en/admin/notices/policydocument/{draft.pk}/change/", new_version_form(pdf("again.pdf")))
    draft.refresh_from_db()
    assert not draft.published
    assert "version 2026-1" in current_versions(client, notice_page["en"])[0]


def test_an_editor_cannot_change_or_delete_a_published_version(staff):
    editor = staff("Editor")
    published = PolicyDocument.objects.get(kind="npp", language="en", version="2026-1")
    change = f"/en/admin/notices/policydocument/{published.pk}/change/"
    assert editor.post(change, new_version_form(published.file, version="2026-1")).status_code == 403
    assert (
        editor.post(f"/en/admin/notices/policydocument/{published.pk}/delete/", {"post": "yes"}).status_code
        == 403
    )
    assert PolicyDocument.objects.filter(pk=published.pk, published=True).exists()


def test_a_file_that_is_not_a_pdf_is_refused(staff):
    publisher = staff("Publisher")
    picture = File.objects.create(
        original_filename="notice.pdf", file=ContentFile(b"GIF89a", name="notice.pdf")
    )
    response = publisher.post(ADD, new_version_form(picture))
    assert response.status_code == 200 and "this one is not a PDF" in response.content.decode()
    assert not PolicyDocument.objects.filter(version="2026-2").exists()


@pytest.mark.urls("tests.notices.media_urls")
def test_documents_download_anonymously_as_pdf_without_a_cookie(client, notice_page):
    links = {a.get("href") for a in select(client.get(notice_page["en"]), ".documents a[download]")}
    assert len(links) == 4  # the current English and Spanish, and both earlier versions
    for link in links:
        assert link.startswith("/media/filer_public/")
        response = client.get(link)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert not response.cookies and "Set-Cookie" not in response
        assert b"".join(response.streaming_content).startswith(b"%PDF-1.4")


def test_the_demo_documents_are_made_once(demo):
    assert ensure_documents() == 0
    call_command("load_demo", admin_password="x", doctors=0, stdout=io.StringIO())
    assert PolicyDocument.objects.filter(kind="npp").count() == 4
    spanish = PolicyDocument.objects.get(kind="npp", language="es", version="2026-1")
    with spanish.file.file.open("rb") as content:
        assert b"/Lang (es)" in content.read()
    assert set(PolicyDocument.objects.filter(kind="fap-summary").values_list("language", flat=True)) == {
        "en",
        "es",
        "pt",
        "ht",
    }


def test_a_demo_pdf_is_well_formed_text():
    """Its cross-reference table points at each object, so any reader opens it; the words are text."""
    content = text_pdf("Aviso (prueba)", ["Línea con acentos: información. " * 30] * 60, "es")
    start = int(re.search(rb"startxref\n(\d+)\n%%EOF\n$", content).group(1))
    table = content[start:].split(b"\n")
    offsets = [int(row[:10]) for row in table[3:] if row.endswith(b" n ")]
    assert table[0] == b"xref" and table[1] == b"0 %d" % (len(offsets) + 1)
    assert len(offsets) >= 7  # catalog, page tree, two fonts, two pages at least, properties
    for number, offset in enumerate(offsets, start=1):
        assert content[offset:].startswith(b"%d 0 obj\n" % number)
    assert b"(L\xednea con acentos: informaci\xf3n." in content  # WinAnsiEncoding
    assert int(re.search(rb"/Count (\d+)", content).group(1)) == len(offsets[4:-1]) // 2 > 1


def test_the_demo_notice_pages_offer_their_documents(client, demo):
    privacy = client.get("/en/patient-rights/privacy-practices/")
    assert privacy.status_code == 200
    assert texts(privacy, ".documents h2") == ["Notice of Privacy Practices"]
    assert len(select(privacy, ".documents__earlier a[download]")) == 2
    assistance = client.get("/es/derechos-del-paciente/asistencia-financiera/")
    assert assistance.status_code == 200
    summary = [
        section for section in select(assistance, ".documents") if "Resumen" in text(one(section, "h2"))
    ]
    languages = [span.get("lang") for span in select(summary[0], ".document__title span:last-child")]
    assert languages == ["en", "es", "pt", "ht"]
    assert not select(assistance, ".documents .notice")  # every kind has a published document
