"""Each staff role can do its job, and nothing more."""

import pytest
from cms.api import add_plugin
from cms.models import Page, PageContent
from cms.toolbar.utils import get_object_preview_url
from django.test import Client
from django.urls import reverse
from djangocms_alias.models import Alias, AliasContent
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from appointments.models import IntakeAssignment
from doctors.models import Department
from editorial.roles import ROLES, setup_roles
from tests.doctors.factories import DoctorFactory
from tests.staff import sign_in

pytestmark = pytest.mark.django_db


def signed_in(user):
    return sign_in(Client(), user)


def page_draft(user, reverse_id="research"):
    page = Page.objects.get(reverse_id=reverse_id)
    published = Version.objects.get_for_content(PageContent.objects.get(page=page, language="en"))
    return published.copy(user)


def publish(client, version):
    url = reverse(
        f"admin:djangocms_versioning_{version.content_type.model}version_publish", args=[version.pk]
    )
    client.post(url)
    return Version.objects.get(pk=version.pk).state


def test_setup_is_idempotent_and_exact(roles):
    from django.contrib.auth.models import Group

    first = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    setup_roles()
    again = {g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()}
    assert first == again
    assert set(first) >= set(ROLES)
    assert "publish_page" in first["Publisher"] and "publish_page" not in first["Editor"]


def test_an_editor_drafts_and_previews_but_cannot_publish_pages_or_aliases(person):
    editor = person("Editor")
    client = signed_in(editor)
    assert client.get("/en/admin/cms/pagecontent/").status_code == 200
    draft = page_draft(editor)
    add_plugin(
        draft.content.get_placeholders().get(slot="content"), "TextPlugin", "en", body="<p>Draft words</p>"
    )
    assert draft.has_change_permission(editor)
    preview = client.get(get_object_preview_url(draft.content))
    assert preview.status_code == 200 and "Draft words" in preview.content.decode()

    assert publish(client, draft) == constants.DRAFT  # refused
    alert = AliasContent.admin_manager.get(alias=Alias.objects.get(static_code="site-alert"), language="en")
    alert_version = Version.objects.get_for_content(alert)
    assert alert_version.has_change_permission(editor)
    assert publish(client, alert_version) == constants.DRAFT  # refused too

    for other in ("/en/admin/doctors/doctor/", "/en/admin/appointments/request/", "/en/admin/auth/user/"):
        assert client.get(other).status_code == 403, other


def test_a_publisher_publishes(person, admin_user):
    publisher = person("Publisher")
    draft = page_draft(publisher)
    assert publish(signed_in(publisher), draft) == constants.PUBLISHED


def test_directory_staff_keep_doctors_and_locations_and_nothing_else(person):
    staff = person("Directory staff")
    client = signed_in(staff)
    doctor = DoctorFactory()
    assert client.get(f"/en/admin/doctors/doctor/{doctor.pk}/change/").status_code == 200
    assert client.get("/en/admin/locations/location/add/").status_code == 200
    assert client.get("/en/admin/appointments/request/").status_code == 403
    assert client.get("/en/admin/auth/user/").status_code == 403
    assert not Version.objects.get_for_content(
        PageContent.objects.get(page__reverse_id="research", language="en")
    ).has_publish_permission(staff)
    assert not staff.has_perm("cms.change_page")


def test_intake_staff_work_requests_and_nothing_else(person):
    from tests.appointments.conftest import make_request

    heart = Department.objects.get(slug="heart-center")
    staff = person("Intake staff")
    IntakeAssignment.objects.create(user=staff, department=heart)
    request = make_request(heart)
    client = signed_in(staff)
    assert request.reference in client.get("/en/admin/appointments/request/").content.decode()
    assert client.get(f"/en/admin/appointments/request/{request.pk}/change/").status_code == 200
    assert client.get("/en/admin/doctors/doctor/").status_code == 403
    assert client.get("/en/admin/cms/pagecontent/").status_code == 403
    assert not staff.has_perm("appointments.view_all_departments")
    assert not staff.has_perm("appointments.export_request")
