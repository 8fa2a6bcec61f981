"""Finance staff load the chargemaster through the real admin: upload, preview, confirm; and publish."""

import datetime

import pytest
from django.contrib.admin.models import LogEntry
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from editorial.roles import setup_roles
from pricing.admin import UPLOADS
from pricing.models import ATTESTATION, Charge, Disclosure, Publication
from tests.html import parse
from tests.pricing.conftest import CMS_FILES
from tests.pricing.estimator_data import clear_prices
from tests.staff import sign_in

pytestmark = pytest.mark.django_db

TALL = CMS_FILES / "V3.0.0_Tall_CSV_Format_Example.csv"
IMPORT = "/en/admin/pricing/charge/import/"
PUBLISH = "/en/admin/pricing/publication/publish/"


@pytest.fixture
def staff_member(db):
    setup_roles()

    def make(group=None):
        user = User.objects.create_user(
            (group or "no-role").lower().replace(" ", "-"), password="x", is_staff=True
        )
        if group:
            user.groups.add(Group.objects.get(name=group))
        return sign_in(Client(), User.objects.get(pk=user.pk))

    return make


@pytest.fixture
def finance(west_mercy_plans, staff_member):
    return staff_member("Finance staff")


def upload(client, content=None, name=TALL.name):
    content = TALL.read_bytes() if content is None else content
    return client.post(IMPORT, {"file": SimpleUploadedFile(name, content, content_type="text/csv")})


def kept_uploads():
    return UPLOADS.listed()


def test_finance_staff_upload_preview_and_confirm(finance):
    changelist = finance.get("/en/admin/pricing/charge/")
    assert IMPORT in changelist.content.decode() and PUBLISH in changelist.content.decode()
    assert finance.get(IMPORT).status_code == 200

    preview = upload(finance)
    page = parse(preview)
    assert preview.status_code == 200
    assert [cell.text for cell in page.cssselect("#changes tbody tr:first-child td")] == ["0", "22"]
    assert not page.cssselect("#problems")
    token = page.cssselect("input[name=token]")[0].get("value")
    assert len(kept_uploads()) == 1 and Charge.objects.count() == 0  # nothing yet

    confirmed = finance.post(IMPORT, {"token": token, "import": "Import"})
    assert confirmed.status_code == 302 and confirmed["Location"] == "/en/admin/pricing/charge/"
    assert Charge.objects.count() == 22
    assert kept_uploads() == [] and UPLOADS.session_key not in finance.session
    entry = LogEntry.objects.get(content_type__model="charge")
    assert entry.user.username == "finance-staff" and TALL.name in entry.change_message
    assert "Charges: 22" in finance.get(confirmed["Location"]).content.decode()


def test_a_bad_file_shows_each_problem_and_keeps_nothing(finance):
    bad = TALL.read_text(encoding="utf-8").replace(
        "MRI of brain (no contrast),611,RC", "MRI of brain (no contrast),611,", 1
    )
    page = parse(upload(finance, bad.encode()))
    rows = [
        [cell.text_content().strip() for cell in row.cssselect("td")]
        for row in page.cssselect("#problems tbody tr")
    ]
    assert rows == [["4", "code | 1 | type", "The type of code 611 is missing."]]
    assert not page.cssselect("input[name=token]")
    assert kept_uploads() == [] and Charge.objects.count() == 0


def test_the_form_refuses_other_kinds_of_file(finance):
    page = parse(upload(finance, b"PK\x03\x04", name="charges.zip"))
    assert "Upload a .csv or .json file" in page.text_content()
    assert kept_uploads() == []


def test_cancelling_deletes_the_upload(finance):
    token = parse(upload(finance)).cssselect("input[name=token]")[0].get("value")
    response = finance.post(IMPORT, {"token": token, "cancel": "Cancel"})
    assert response.status_code == 302 and kept_uploads() == [] and Charge.objects.count() == 0


def test_a_token_not_from_this_session_imports_nothing(finance):
    upload(finance)
    response = finance.post(IMPORT, {"token": "guessed", "import": "Import"})
    assert response.status_code == 302 and response["Location"] == IMPORT
    assert Charge.objects.count() == 0


def test_the_import_page_is_in_spanish(finance):
    page = parse(finance.get("/es/admin/pricing/charge/import/"))
    assert "Importar la lista maestra de cargos" in page.text_content()
    assert "Ver los cambios antes de importar" in page.cssselect("input[type=submit]")[0].get("value")


@pytest.mark.parametrize("group", [None, "Directory staff", "Editor"])
def test_staff_without_the_permissions_get_403(staff_member, group):
    clear_prices()
    client = staff_member(group)
    assert client.get(IMPORT).status_code == 403
    assert client.post(IMPORT, {"file": SimpleUploadedFile(TALL.name, TALL.read_bytes())}).status_code == 403
    assert client.post(PUBLISH).status_code == 403
    assert Charge.objects.count() == 0 and not Publication.objects.exists()


def test_publishing_queues_a_publication_and_records_who_asked(finance):
    assert finance.get(PUBLISH).status_code == 200
    response = finance.post(PUBLISH)
    assert response.status_code == 302
    publication = Publication.objects.get()
    assert publication.status == Publication.Status.QUEUED and publication.created_by == "finance-staff"
    assert LogEntry.objects.get(content_type__model="publication").object_id == str(publication.pk)
    assert finance.get(f"/en/admin/pricing/publication/{publication.pk}/change/").status_code == 200


def test_the_disclosure_is_one_row_with_cms_attestation_shown(finance):
    Disclosure.objects.all().delete()  # the demo's, if the session loaded it
    add = finance.get("/en/admin/pricing/disclosure/add/")
    assert add.status_code == 200 and ATTESTATION in add.content.decode()
    Disclosure(
        hospital_name="West Mercy Hospital", ein="12-3456789", type_2_npis="0000000001",
        attester_name="Leigh", attester_title="CFO", contact_name="Billing",
        contact_email="billing@example.org",
        last_updated_on=datetime.date(2026, 4, 1),
    ).save()  # fmt: skip
    assert finance.get("/en/admin/pricing/disclosure/add/").status_code == 403
    assert finance.get("/en/admin/pricing/disclosure/1/delete/").status_code == 403
    assert finance.get("/en/admin/pricing/disclosure/1/change/").status_code == 200


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_pricing_admin_page_opens_for_finance_staff_in_both_languages(finance, language):
    upload(finance)
    finance.post(IMPORT, {"token": finance.session[UPLOADS.session_key]["token"], "import": "Import"})
    charge = Charge.objects.get(description="MRI of brain (no contrast)")
    pages = [
        "", "charge/", f"charge/{charge.pk}/change/", "payer/", "payer/add/", "modifier/",
        "shoppableservice/", "shoppableservice/add/", "publication/", "pricedlocation/", "disclosure/",
    ]  # fmt: skip
    for page in pages:
        response = finance.get(f"/{language}/admin/pricing/{page}")
        assert response.status_code == 200, page
        assert f'<html lang="{language}"' in response.content.decode(), page
    found = parse(finance.get(f"/{language}/admin/pricing/charge/?q=70551"))
    names = [link.text for link in found.cssselect("#result_list tbody th a")]
    assert names == ["MRI of brain (no contrast)"]
    if language == "es":
        spanish = finance.get("/es/admin/pricing/charge/").content.decode()
        assert "Importar la lista maestra de cargos" in spanish and "Publicar los archivos" in spanish


@pytest.mark.parametrize("example", ["v3_json_format_example.json", "V3.0.0_Wide_CSV_Format_Example.csv"])
def test_the_other_layouts_load_through_the_admin_too(finance, example):
    page = parse(upload(finance, (CMS_FILES / example).read_bytes(), name=example))
    token = page.cssselect("input[name=token]")[0].get("value")
    assert finance.post(IMPORT, {"token": token, "import": "Import"}).status_code == 302
    assert Charge.objects.count() == 22
