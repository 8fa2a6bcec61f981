"""Our open times published in SMART Scheduling Links (/fhir/$bulk-publish), checked as FHIR R4, and
read back by our own importer."""

import datetime
import json
import urllib.parse

import pytest
from django.test import Client
from django.utils import timezone
from fhir.resources import construct_fhir_element

from appointments.models import Request
from scheduling import holds
from scheduling.feeds import import_feed
from scheduling.models import Feed, Slot
from tests.appointments.conftest import form_key, proof_in, valid_data
from tests.doctors.factories import DoctorFactory
from tests.html import one
from tests.locations.factories import LocationFactory
from tests.scheduling.test_booking import at, open_times

pytestmark = pytest.mark.django_db
MANIFEST = "/fhir/$bulk-publish"


@pytest.fixture
def published(demo):
    place = LocationFactory(name="Bulk Clinic")
    seen = DoctorFactory(first_name="Bulk", locations=[place], offers_virtual_visits=True)
    hidden = DoctorFactory(first_name="Hidden", locations=[place], is_published=False)
    free, held, booked = open_times(seen, at(2, 9), at(2, 10), at(3, 9))
    Slot.objects.filter(pk=booked.pk).update(status="busy")
    (video,) = open_times(seen, at(4, 15), video=True)
    returning = open_times(seen, at(5, 9), new_patients=False)[0]
    open_times(hidden, at(2, 9))
    (past,) = open_times(seen, timezone.now() - datetime.timedelta(hours=2))
    assert holds.hold(Slot.objects.select_related("schedule").get(pk=held.pk))
    return {"doctor": seen, "free": free, "held": held, "booked": booked, "video": video,
            "returning": returning, "past": past}  # fmt: skip


def read(client):
    """The manifest and each file's resources, by type."""
    response = client.get(MANIFEST)
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "*"
    assert response["Cache-Control"] == "public, max-age=60"  # a hold changes the times at any moment
    manifest = response.json()
    files = {}
    for output in manifest["output"]:
        path = urllib.parse.urlsplit(output["url"]).path
        answer = client.get(path)
        assert answer.status_code == 200 and answer["Content-Type"] == "application/fhir+ndjson"
        assert answer["Cache-Control"] == "public, max-age=60"
        body = b"".join(answer.streaming_content)
        files[output["type"]] = [json.loads(line) for line in body.splitlines()]
    return manifest, files


def test_the_manifest_lists_a_file_per_type_and_each_line_is_an_r4_resource(client, published):
    manifest, files = read(client)
    assert datetime.datetime.fromisoformat(manifest["transactionTime"]).tzinfo is not None
    assert manifest["request"] == "http://127.0.0.1:8000/fhir/$bulk-publish"
    assert [output["type"] for output in manifest["output"]] == [
        "Location",
        "PractitionerRole",
        "Schedule",
        "Slot",
    ]
    for kind, resources in files.items():
        assert resources, kind
        for resource in resources:
            construct_fhir_element(kind, resource)  # raises on anything R4 does not allow
    with pytest.raises(ValueError):  # the check can fail
        construct_fhir_element("Slot", {**files["Slot"][0], "start": "tomorrow morning"})
    locations = {resource["id"]: resource for resource in files["Location"]}
    assert locations["virtual"]["physicalType"]["coding"][0]["code"] == "vi"
    clinic = next(r for r in files["Location"] if r["name"] == "Bulk Clinic")
    assert clinic["identifier"] == [{"system": "urn:mgh-site:location", "value": "bulk-clinic"}]


def test_only_published_doctors_times_not_yet_over_and_a_held_time_is_only_busy(client, published):
    _manifest, files = read(client)
    slots = {int(resource["id"]): resource for resource in files["Slot"]}
    assert set(slots) == {published[name].pk for name in ("free", "held", "booked", "video", "returning")}
    held = slots[published["held"].pk]
    assert held["status"] == "busy"
    assert not [e for e in held["extension"] if e["url"].endswith("booking-deep-link")]
    assert "held" not in json.dumps(held).lower()
    assert slots[published["booked"].pk]["status"] == "busy"
    patient_types = {
        pk: e["valueCoding"]["code"]
        for pk, r in slots.items()
        for e in r["extension"]
        if e["url"].endswith("patient-type")
    }
    assert patient_types[published["returning"].pk] == "existptonly"
    assert patient_types[published["free"].pk] == "newpt"
    assert "Hidden" not in json.dumps(files)
    assert slots[published["free"].pk]["start"] == timezone.localtime(published["free"].start).isoformat()


def test_a_file_asked_again_unchanged_is_not_sent_again(client, published):
    first = client.get("/fhir/bulk/slots.ndjson")
    b"".join(first.streaming_content)
    again = client.get("/fhir/bulk/slots.ndjson", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and not again.content
    holds.release(published["held"])  # the data changed: the file too
    assert client.get("/fhir/bulk/slots.ndjson", HTTP_IF_NONE_MATCH=first["ETag"]).status_code == 200
    assert client.get("/fhir/bulk/nothing.ndjson").status_code == 404


def test_the_booking_link_opens_our_form_with_the_time_and_keeps_the_apps_source_and_referral(
    client, published
):
    _manifest, files = read(client)
    free = next(r for r in files["Slot"] if r["id"] == str(published["free"].pk))
    (link,) = [e["valueUrl"] for e in free["extension"] if e["url"].endswith("booking-deep-link")]
    # As the spec asks of a client: parse the link, then add source and booking-referral.
    parts = urllib.parse.urlsplit(link)
    query = urllib.parse.parse_qsl(parts.query) + [
        ("source", "finder-app"),
        ("booking-referral", "34d1a803-cd6c"),
    ]
    path = f"{parts.path}?{urllib.parse.urlencode(query)}"
    html, key = form_key(client, "appointment", "?" + path.split("?", 1)[1])
    assert one(html, 'input[name="slot"]').get("value") == str(published["free"].pk)
    assert one(html, 'input[name="booking_source"]').get("value") == "finder-app"
    data = {"submission_proof": proof_in(html)} | valid_data(
        "appointment", key, doctor=published["doctor"].slug, slot=published["free"].pk,
        booking_source="finder-app", booking_referral="34d1a803-cd6c",
    )  # fmt: skip
    assert client.post(parts.path, data).status_code == 302
    request = Request.objects.get()
    assert (request.booking_source, request.booking_referral) == ("finder-app", "34d1a803-cd6c")

    # Anything but a handle is left out.
    html, _key = form_key(Client(), "appointment", f"?doctor={published['doctor'].slug}&source=<b>x</b>")
    assert not one(html, 'input[name="booking_source"]').get("value")


def test_our_importer_reads_our_own_publication_back_into_the_same_slots(client, published, tmp_path):
    """The round trip: the publication as served, saved as files, read by scheduling.feeds."""
    manifest, _files = read(client)
    for output in manifest["output"]:
        path = urllib.parse.urlsplit(output["url"]).path
        name = path.rsplit("/", 1)[1]
        (tmp_path / name).write_bytes(b"".join(client.get(path).streaming_content))
        output["url"] = name  # beside the manifest
    (tmp_path / "$bulk-publish").write_text(json.dumps(manifest))

    def slots(feed):
        now = timezone.now()
        return sorted(
            (
                s.schedule.practice_id,
                s.schedule.video,
                s.start,
                s.end,
                "busy" if s.is_held else s.status,
                s.new_patients,
            )
            for s in Slot.objects.filter(
                schedule__feed=feed, end__gt=now, schedule__practice__doctor__is_published=True
            ).select_related("schedule")
        )

    ours = Feed.objects.get(name="Test")
    copy = Feed.objects.create(name="Our own publication", url=str(tmp_path / "$bulk-publish"))
    report = import_feed(copy)
    assert not report.skipped
    assert slots(copy) == slots(ours) and len(slots(copy)) == 5
