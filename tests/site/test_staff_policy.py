"""The CMS editor's wider Content-Security-Policy (inline scripts) and framing go only to staff who
edit pages, only where the toolbar or the CMS's screens need them; patient data keeps the strict
policy for everyone, superusers included."""

import pytest
from django.contrib.auth.models import Group, User
from django.test import Client

from appointments.models import IntakeAssignment
from doctors.models import Department
from editorial.roles import setup_roles
from tests.appointments.conftest import make_request
from tests.staff import sign_in

from .test_security import directives

pytestmark = pytest.mark.django_db


@pytest.fixture
def member(demo):
    setup_roles()

    def make(group):
        user = User.objects.create_user(group.lower().replace(" ", "-"), password="x", is_staff=True)
        user.groups.add(Group.objects.get(name=group))
        return sign_in(Client(), User.objects.get(pk=user.pk))

    return make


@pytest.fixture
def patient_request():
    heart = Department.objects.get(slug="heart-center")
    return make_request(heart)


def strict(response):
    policy = directives(response["Content-Security-Policy"])
    return (
        "'unsafe-inline'" not in policy["script-src"]
        and "'unsafe-inline'" not in policy["style-src"]
        and policy["frame-ancestors"] == ["'none'"]
        and response["X-Frame-Options"] == "DENY"
    )


def editors(response):
    policy = directives(response["Content-Security-Policy"])
    return (
        policy["script-src"] == ["'self'", "'unsafe-inline'"]
        and policy["frame-ancestors"] == ["'self'"]
        and response["X-Frame-Options"] == "SAMEORIGIN"
    )


def request_screens(patient_request):
    return ["/en/admin/appointments/request/", f"/en/admin/appointments/request/{patient_request.pk}/change/"]


def test_intake_staff_get_the_strict_policy_on_patient_data(member, patient_request):
    client = member("Intake staff")
    IntakeAssignment.objects.create(
        user=User.objects.get(username="intake-staff"), department=patient_request.department
    )
    for url in request_screens(patient_request):
        response = client.get(url)
        assert response.status_code == 200, url
        assert strict(response), (url, response["Content-Security-Policy"])


def test_a_superuser_gets_the_strict_policy_on_patient_data(admin_user, patient_request):
    client = sign_in(Client(), admin_user)
    for url in [*request_screens(patient_request), "/en/admin/auth/user/", "/en/admin/doctors/doctor/"]:
        response = client.get(url)
        assert response.status_code == 200, url
        assert strict(response), (url, response["Content-Security-Policy"])
    assert editors(client.get("/en/admin/cms/pagecontent/"))  # the CMS's own screens: the editor's


def test_an_editor_gets_the_editors_policy_on_pages_with_the_toolbar_and_the_cms_admin(member):
    client = member("Editor")
    page = client.get("/en/")
    assert "cms-toolbar" in page.content.decode()
    assert editors(page)
    for url in ("/en/admin/cms/pagecontent/", "/en/admin/djangocms_alias/alias/", "/en/admin/filer/folder/"):
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        assert editors(response), url
    # The rest of the admin, the review queue included, keeps the strict policy...
    assert strict(client.get("/en/admin/editorial/reviewrequest/"))
    # ...and the index, which the toolbar opens in its side frame, may be framed but runs no inline script.
    index = client.get("/en/admin/")
    policy = directives(index["Content-Security-Policy"])
    assert "'unsafe-inline'" not in policy["script-src"] and policy["frame-ancestors"] == ["'self'"]
    assert index["X-Frame-Options"] == "SAMEORIGIN"


def test_staff_who_edit_no_page_get_the_visitors_policy_and_no_toolbar_on_the_site(member):
    client = member("Intake staff")
    page = client.get("/en/")
    assert "cms-toolbar" not in page.content.decode()
    assert strict(page)


def test_two_factor_screens_keep_the_strict_policy_for_editors(member):
    client = member("Editor")
    response = client.get("/en/admin/two-factor/")
    assert response.status_code in (200, 302)
    assert strict(response)
