"""The intake queue: each department's staff see their own requests and files, and every look is recorded."""

import csv
import io

import pytest
from django.core.files.base import ContentFile

from appointments.models import Attachment, Request, RequestEvent
from doctors.models import Department
from tests.appointments.people import intake_staff
from tests.staff import sign_in

from .conftest import make_request

pytestmark = pytest.mark.django_db
CHANGELIST = "/en/admin/appointments/request/"


@pytest.fixture
def queue(demo):
    heart = Department.objects.get(slug="heart-center")
    skin = Department.objects.get(slug="dermatology")
    mine = make_request(heart)
    theirs = make_request(skin, first_name="Otherdept")
    for request in (mine, theirs):
        Attachment.objects.create(
            request=request,
            file=ContentFile(b"%PDF-1.4 records", name="x.pdf"),
            name=f"{request.first_name} records.pdf",
            content_type="application/pdf",
            size=16,
        )
    heart_staff = intake_staff(
        "heart", "view_request", "change_request", "export_request", departments=[heart]
    )
    return mine, theirs, heart_staff


def test_staff_see_only_their_departments_requests_in_the_list(client, queue):
    mine, theirs, heart_staff = queue
    sign_in(client, heart_staff)
    page = client.get(CHANGELIST).content.decode()
    assert mine.reference in page
    assert theirs.reference not in page
    assert f"/{theirs.pk}/change/" not in page
    searched = client.get(CHANGELIST, {"q": theirs.reference}).content.decode()
    assert f"/{theirs.pk}/change/" not in searched
    assert "0 results" in searched


def test_another_departments_request_cannot_be_opened(client, queue):
    mine, theirs, heart_staff = queue
    sign_in(client, heart_staff)
    response = client.get(f"{CHANGELIST}{theirs.pk}/change/", follow=True)
    page = response.content.decode()
    assert "Otherdept" not in page
    assert "doesn’t exist" in page or "doesn&#x27;t exist" in page
    assert not RequestEvent.objects.filter(request=theirs, action="viewed").exists()


def test_opening_a_request_is_recorded(client, queue):
    mine, _theirs, heart_staff = queue
    sign_in(client, heart_staff)
    page = client.get(f"{CHANGELIST}{mine.pk}/change/").content.decode()
    assert "Philomena" in page
    assert "Philomena records.pdf" in page
    event = RequestEvent.objects.get(request=mine, action="viewed")
    assert (event.user, event.reference) == (heart_staff, mine.reference)


def test_a_status_change_is_recorded_with_who_and_what(client, queue):
    mine, _theirs, heart_staff = queue
    sign_in(client, heart_staff)
    response = client.post(
        f"{CHANGELIST}{mine.pk}/change/",
        {
            "status": "in_progress",
            "events-TOTAL_FORMS": "0",
            "events-INITIAL_FORMS": "0",
            "events-MIN_NUM_FORMS": "0",
            "events-MAX_NUM_FORMS": "0",
        },
    )
    assert response.status_code == 302
    mine.refresh_from_db()
    assert mine.status == "in_progress"
    assert mine.first_name == "Philomena"  # what the patient sent is read-only
    event = RequestEvent.objects.get(request=mine, action="changed")
    assert (event.username, event.detail) == ("heart", "status: New → In progress")


def test_files_download_only_for_the_requests_staff_may_see(client, queue):
    mine, theirs, heart_staff = queue
    sign_in(client, heart_staff)
    own = client.get(f"{CHANGELIST}{mine.pk}/file/{mine.attachments.get().pk}/")
    assert own.status_code == 200
    assert b"".join(own.streaming_content) == b"%PDF-1.4 records"
    assert own["Content-Disposition"].startswith("attachment")
    assert "no-store" in own["Cache-Control"]
    assert RequestEvent.objects.filter(request=mine, action="downloaded", user=heart_staff).exists()

    other = client.get(f"{CHANGELIST}{theirs.pk}/file/{theirs.attachments.get().pk}/")
    assert other.status_code == 404
    # Nor a file of another request through the URL of one's own.
    mixed = client.get(f"{CHANGELIST}{mine.pk}/file/{theirs.attachments.get().pk}/")
    assert mixed.status_code == 404
    client.logout()
    anonymous = client.get(f"{CHANGELIST}{mine.pk}/file/{mine.attachments.get().pk}/")
    assert anonymous.status_code == 302 and "/login/" in anonymous["Location"]


def test_export_holds_only_the_departments_requests_and_is_recorded(client, queue):
    mine, theirs, heart_staff = queue
    sign_in(client, heart_staff)
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [mine.pk, theirs.pk]})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert [row[0] for row in rows[1:]] == [mine.reference]
    assert "Otherdept" not in response.content.decode()
    assert RequestEvent.objects.filter(request=mine, action="exported").count() == 1
    assert not RequestEvent.objects.filter(request=theirs).exists()


def test_export_needs_its_own_permission(client, queue):
    mine, _theirs, _heart_staff = queue
    reader = intake_staff("reader", "view_request", departments=[mine.department])
    sign_in(client, reader)
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [mine.pk]})
    assert response.status_code == 403


def test_a_spreadsheet_formula_in_a_field_is_exported_as_text(client, queue):
    mine, _theirs, heart_staff = queue
    mine.first_name = '=HYPERLINK("http://evil")'
    mine.save()
    sign_in(client, heart_staff)
    response = client.post(CHANGELIST, {"action": "export_csv", "_selected_action": [mine.pk]})
    assert "'=HYPERLINK" in response.content.decode()


def test_central_intake_sees_every_department_and_requests_without_one(client, queue):
    mine, theirs, _heart_staff = queue
    unrouted = make_request(None)
    central = intake_staff("central", "view_request", "view_all_departments")
    sign_in(client, central)
    page = client.get(CHANGELIST).content.decode()
    assert all(r.reference in page for r in (mine, theirs, unrouted))


def test_staff_without_a_department_see_nothing(client, queue):
    mine, _theirs, _heart_staff = queue
    sign_in(client, intake_staff("nobody", "view_request", "change_request"))
    page = client.get(CHANGELIST).content.decode()
    assert mine.reference not in page
    assert "0 requests" in page


def test_requests_cannot_be_added_in_the_admin(staff_client, demo):
    assert staff_client.get(f"{CHANGELIST}add/").status_code == 403
    assert Request.objects.count() == 0


EVENTS = "/en/admin/appointments/requestevent/"


def test_request_events_are_scoped_like_the_requests(client, queue):
    mine, theirs, _heart_staff = queue
    seen_here = RequestEvent.record(mine, RequestEvent.Action.VIEWED, detail="heart-event")
    seen_there = RequestEvent.record(theirs, RequestEvent.Action.VIEWED, detail="skin-event")
    heart_staff = intake_staff(
        "heart.log", "view_request", "view_requestevent", departments=[mine.department]
    )
    sign_in(client, heart_staff)
    page = client.get(EVENTS).content.decode()
    assert mine.reference in page and "heart-event" in page
    assert theirs.reference not in page and "skin-event" not in page
    searched = client.get(EVENTS, {"q": theirs.reference}).content.decode()
    assert "skin-event" not in searched
    assert client.get(f"{EVENTS}{seen_here.pk}/change/").status_code == 200
    other = client.get(f"{EVENTS}{seen_there.pk}/change/", follow=True)
    assert theirs.reference not in other.content.decode()  # "doesn't exist", back to the index

    central = intake_staff("central.log", "view_requestevent", "view_all_departments")
    sign_in(client, central)
    page = client.get(EVENTS).content.decode()
    assert mine.reference in page and theirs.reference in page
