"""Intake staff work a request in the admin under the strict Content-Security-Policy: no inline
script or style is needed (the `page` fixture fails the test on any refusal), and the page works."""

from django.contrib.auth.models import Group, User
from django.test import Client
from playwright.sync_api import expect

from appointments.models import IntakeAssignment, Request
from doctors.models import Department
from editorial.roles import setup_roles
from tests.appointments.conftest import make_request
from tests.staff import sign_in


def test_intake_staff_update_a_request_under_the_strict_policy(site, page):
    setup_roles()
    heart = Department.objects.get(slug="heart-center")
    request = make_request(heart)
    intake = User.objects.create_user("ivy.intake", password="a-long-test-password", is_staff=True)
    intake.groups.add(Group.objects.get(name="Intake staff"))
    IntakeAssignment.objects.create(user=intake, department=heart)
    session = sign_in(Client(), intake).cookies["sessionid"].value
    page.context.add_cookies([{"name": "sessionid", "value": session, "url": site.url}])

    response = page.goto(f"{site.url}/en/admin/appointments/request/{request.pk}/change/")
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "frame-ancestors 'none'" in policy
    assert response.headers["x-frame-options"] == "DENY"
    expect(page.locator("#content")).to_contain_text(request.reference)

    page.get_by_label("Status").select_option(Request.Status.IN_PROGRESS)
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")
    request.refresh_from_db()
    assert request.status == Request.Status.IN_PROGRESS
