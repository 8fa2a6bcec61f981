"""The security record: sign-ins, failures, sign-outs, second factors, roles and request routing."""

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.models import AuditEvent
from appointments.models import IntakeAssignment
from doctors.models import Department, Specialty
from tests.doctors.factories import DoctorFactory
from tests.staff import password_step, sign_in

pytestmark = pytest.mark.django_db
Action = AuditEvent.Action
PASSWORD = "a-long-staff-password"
AUDIT = "/en/admin/accounts/auditevent/"


def events(action, after=0):
    return list(AuditEvent.objects.filter(action=action, pk__gt=after).order_by("pk"))


def last_event_id():
    """Where this test's events begin (building the demo records changes of its own)."""
    return AuditEvent.objects.order_by("pk").values_list("pk", flat=True).last() or 0


@pytest.fixture
def chief():
    """An administrator, signed in from 192.0.2.10 on her own client."""
    user = User.objects.create_superuser("chief", "chief@example.org", PASSWORD)
    return user, sign_in(Client(REMOTE_ADDR="192.0.2.10"), user)


@pytest.fixture
def nurse():
    return User.objects.create_user("nurse", password=PASSWORD, is_staff=True)


def test_sign_in_failed_sign_in_and_sign_out_are_recorded_with_the_address(nurse):
    browser = Client(REMOTE_ADDR="198.51.100.23")
    login = reverse(settings.LOGIN_URL)
    browser.post(login, password_step("nurse", "Guess-Number-One"))
    browser.post(login, password_step("nobody-by-this-name", "Guess-Number-Two"))
    assert browser.post(login, password_step("nurse", PASSWORD)).status_code == 302
    verified = sign_in(Client(REMOTE_ADDR="198.51.100.23"), nurse)
    assert verified.post("/en/admin/logout/").status_code in (200, 302)

    failed = events(Action.SIGN_IN_FAILED)
    assert [(e.target, e.address, e.user) for e in failed] == [
        ("nurse", "198.51.100.23", None),
        ("nobody-by-this-name", "198.51.100.23", None),
    ]
    signed_in = events(Action.SIGNED_IN)[0]  # by the form (then by the test's own sign-in)
    assert (signed_in.user, signed_in.username, signed_in.address) == (nurse, "nurse", "198.51.100.23")
    signed_out = events(Action.SIGNED_OUT)[-1]
    assert (signed_out.user, signed_out.address) == (nurse, "198.51.100.23")
    for event in AuditEvent.objects.all():  # never a password, tried or right
        assert "Guess-Number" not in f"{event.target} {event.detail}"
        assert PASSWORD not in f"{event.target} {event.detail}"


def test_adding_and_removing_a_second_factor_is_recorded_with_who_removed_it(nurse, chief):
    admin, admin_client = chief
    device = TOTPDevice.objects.create(user=nurse, name="phone", confirmed=False)  # set-up begins
    assert not events(Action.FACTOR_ADDED) or events(Action.FACTOR_ADDED)[-1].target != "nurse"
    device.confirmed = True  # the code from the app was right
    device.save()
    StaticDevice.objects.create(user=nurse, name="backup")
    added = [e for e in events(Action.FACTOR_ADDED) if e.target == "nurse"]
    assert len(added) == 2 and "phone" in added[0].detail and "backup" in added[1].detail

    response = admin_client.post(f"/en/admin/otp_totp/totpdevice/{device.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    removed = events(Action.FACTOR_REMOVED)[-1]
    assert (removed.target, removed.user, removed.address) == ("nurse", admin, "192.0.2.10")


def test_role_changes_are_recorded(nurse):
    editors = Group.objects.create(name="Test editors")
    nurse.groups.add(editors)
    nurse.groups.remove(editors)
    editors.user_set.add(nurse)  # from the group's side
    nurse.user_permissions.add(Permission.objects.get(codename="view_all_departments"))
    editors.permissions.add(Permission.objects.get(codename="export_request"))
    nurse.is_superuser = True
    nurse.save()
    nurse.is_staff = False
    nurse.save()
    nurse.save(update_fields=["last_login"])  # signing in: no role change

    details = [(e.target, e.detail) for e in events(Action.ROLE_CHANGED)]
    assert details == [
        ("nurse", "created with is_staff"),
        ("nurse", "groups added: Test editors"),
        ("nurse", "groups removed: Test editors"),
        ("nurse", "groups added: Test editors"),
        (
            "nurse",
            "permissions added: Appointment requests | request | Can see the requests of every department",
        ),
        ("group Test editors", "permissions added: Appointment requests | request | Can export requests"),
        ("nurse", "superuser status: False → True"),
        ("nurse", "staff status: True → False"),
    ]


def test_intake_assignments_are_recorded(demo, nurse):
    heart = Department.objects.get(slug="heart-center")
    skin = Department.objects.get(slug="dermatology")
    assignment = IntakeAssignment.objects.create(user=nurse, department=heart)
    assignment.department = skin
    assignment.save()
    assignment.delete()
    assert [(e.target, e.detail) for e in events(Action.INTAKE_CHANGED)] == [
        ("nurse", f"added: {heart}"),
        ("nurse", f"{heart} → {skin}"),
        ("nurse", f"removed: {skin}"),
    ]


def test_changes_to_where_requests_go_are_recorded_with_who_made_them(demo, chief):
    admin, admin_client = chief
    heart = Department.objects.get(slug="heart-center")
    skin = Department.objects.get(slug="dermatology")
    start = last_event_id()
    response = admin_client.post(
        f"/en/admin/doctors/department/{heart.pk}/change/",
        {
            "name_en": heart.name_en,
            "name_es": heart.name_es,
            "slug": heart.slug,
            "intake_email": "heart-intake@example.org",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    cardiology = Specialty.objects.get(slug="cardiology")
    cardiology.department = skin
    cardiology.save()
    doctor = DoctorFactory(department=heart)  # a new doctor: nothing rerouted yet
    doctor.department = skin
    doctor.save()

    changes = events(Action.ROUTING_CHANGED, after=start)
    assert len(changes) == 3
    by_admin = changes[0]
    assert by_admin.target == f"department {heart}"
    assert "heart-intake@example.org" in by_admin.detail
    assert (by_admin.user, by_admin.address) == (admin, "192.0.2.10")
    assert changes[1].target == f"specialty {cardiology}" and f"→ {skin}" in changes[1].detail
    assert changes[2].target == f"doctor {doctor}" and f"{heart} → {skin}" in changes[2].detail


def test_only_administrators_see_the_record_and_nobody_changes_it(chief, nurse):
    admin, admin_client = chief
    nurse.user_permissions.add(*Permission.objects.filter(content_type__app_label="accounts"))
    staff_client = sign_in(Client(), User.objects.get(pk=nurse.pk))

    listing = admin_client.get(AUDIT)
    assert listing.status_code == 200
    html = listing.content.decode()
    assert "?action__exact=sign_in_failed" in html  # filter by action
    assert "?at__gte=" in html  # and by date
    assert admin_client.get(AUDIT, {"action__exact": "signed_in"}).status_code == 200
    event = AuditEvent.objects.first()
    assert admin_client.get(f"{AUDIT}{event.pk}/change/").status_code == 200  # read-only view
    assert admin_client.get(f"{AUDIT}add/").status_code == 403
    assert admin_client.post(f"{AUDIT}{event.pk}/delete/", {"post": "yes"}).status_code == 403
    assert AuditEvent.objects.filter(pk=event.pk).exists()

    assert staff_client.get(AUDIT).status_code == 403  # even with every permission on it
    assert staff_client.get(f"{AUDIT}{event.pk}/change/").status_code in (302, 403)
