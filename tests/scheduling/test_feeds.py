"""Reading open times from a SMART Scheduling Links publisher served on a local port."""

import datetime
import io
import logging

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from scheduling.feeds import LOGGED_PER_REASON, FeedError, import_feed
from scheduling.models import Feed, Schedule, Slot
from tests.doctors.factories import DoctorFactory
from tests.locations.factories import LocationFactory

from .publisher import Publisher, location, practitioner, schedule, slot, virtual_location

pytestmark = pytest.mark.django_db


@pytest.fixture
def publisher():
    server = Publisher()
    yield server
    server.close()


@pytest.fixture
def practice():
    place = LocationFactory(name="Feed Test Practice")
    doctor = DoctorFactory(locations=[place], offers_virtual_visits=True)
    return doctor.practices.get()


def soon(days, hour=10):
    """A time `days` from today at `hour` o'clock, on the hospital's clock."""
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def feed_of(practice, slots, extra_schedules=()):
    doctor, place = practice.doctor, practice.location
    return {
        "Location": [location("L1", place.slug), virtual_location("V")],
        "Practitioner": [practitioner("P1", doctor.npi)],
        "Schedule": [
            schedule("S1", "Location/L1", "Practitioner/P1"),
            schedule("S2", "Location/V", "Location/L1", "Practitioner/P1"),
            *extra_schedules,
        ],
        "Slot": slots,
    }


def slots_seen():
    return sorted(
        (s.schedule.source_id, s.source_id, s.start, s.status, s.new_patients)
        for s in Slot.objects.select_related("schedule")
    )


def test_a_feed_is_read_into_schedules_and_slots_and_reading_it_again_changes_nothing(publisher, practice):
    publisher.publish(
        feed_of(
            practice,
            [
                slot("a", "S1", soon(3)),
                slot("b", "S1", soon(2), patients="existptonly"),
                slot("c", "S2", soon(5, hour=15)),
                slot("d", "S1", soon(1), status="busy"),
            ],
        ),
        timezone.now(),
    )
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))

    report = import_feed(feed)

    assert report.read == {"Location": 2, "Practitioner": 1, "Schedule": 2, "Slot": 4}
    assert not report.skipped
    in_person, video = Schedule.objects.get(source_id="S1"), Schedule.objects.get(source_id="S2")
    assert (in_person.practice, in_person.video) == (practice, False)
    assert (video.practice, video.video) == (practice, True)
    first = slots_seen()
    assert [row[1] for row in first] == ["a", "b", "d", "c"]  # by schedule, then id
    # The next new-patient time: not the booked one, not the returning patients' one.
    practice.refresh_from_db()
    assert (practice.next_opening, practice.next_opening_video) == (soon(3), False)

    ids = dict(Slot.objects.values_list("source_id", "pk"))
    import_feed(feed, full=True)
    assert slots_seen() == first
    assert dict(Slot.objects.values_list("source_id", "pk")) == ids


def test_the_next_time_is_a_video_visit_when_that_comes_first(publisher, practice):
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3)), slot("c", "S2", soon(2))]), timezone.now())
    import_feed(Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish")))
    practice.refresh_from_db()
    assert (practice.next_opening, practice.next_opening_video) == (soon(2), True)


def test_changes_since_the_last_run_are_asked_for_and_a_full_run_deletes_what_is_gone(publisher, practice):
    first_time = timezone.now() - datetime.timedelta(hours=1)
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3)), slot("b", "S1", soon(4))]), first_time)
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))
    import_feed(feed)
    feed.refresh_from_db()
    assert feed.transaction_time == first_time

    # A publisher that honours _since (and says so in the manifest's `request`): slot a is now
    # booked, e is new; b is not listed, as it has not changed.
    later = timezone.now()
    full_manifest = publisher.files["/$bulk-publish"]

    def manifest(query):
        if "_since" not in query:
            return full_manifest
        changes = publisher.publication(
            {"Slot": [slot("a", "S1", soon(3), status="busy"), slot("e", "S1", soon(6))]},
            later,
            prefix="/since",
            request=publisher.url(f"/$bulk-publish?_since={query['_since']}"),
        )
        publisher.files.update({path: body for path, body in changes.items() if path != "/$bulk-publish"})
        return changes["/$bulk-publish"]

    publisher.files["/$bulk-publish"] = manifest
    report = import_feed(feed)

    assert any("_since=" in request for request in publisher.requests)
    assert report.incremental
    assert {row[1]: row[3] for row in slots_seen()} == {"a": "busy", "b": "free", "e": "free"}
    practice.refresh_from_db()
    assert practice.next_opening == soon(4)

    # Everything again (as after a publisher's reset): b is no longer listed, so it goes.
    publisher.publish(
        feed_of(practice, [slot("a", "S1", soon(3), status="busy"), slot("e", "S1", soon(6))]), later
    )
    report = import_feed(feed, full=True)
    assert not report.incremental and report.deleted == 1
    assert sorted(row[1] for row in slots_seen()) == ["a", "e"]


def test_a_publisher_that_ignores_since_is_read_as_a_full_publication(publisher, practice):
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3)), slot("b", "S1", soon(4))]), timezone.now())
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))
    import_feed(feed)
    publisher.publish(feed_of(practice, [slot("b", "S1", soon(4))]), timezone.now())
    report = import_feed(feed)
    assert any("_since=" in request for request in publisher.requests)  # asked, but not given
    assert not report.incremental and report.deleted == 1


def test_bad_lines_are_skipped_and_logged_with_their_line_and_the_rest_is_kept(publisher, practice, caplog):
    slots = [
        slot("good", "S1", soon(3)),
        b'{"resourceType": "Slot", "id": "broken", ',
        slot("orphan", "NOPE", soon(3)),
        {**slot("odd", "S1", soon(3)), "status": "maybe"},
        {**slot("naive", "S1", soon(3)), "start": "2030-01-01T09:00:00"},
        {**slot("backwards", "S1", soon(3)), "end": soon(2).isoformat()},
        slot("x" * 65, "S1", soon(3)),
    ]
    stranger = schedule("S9", "Location/L1", "Practitioner/UNKNOWN")
    publisher.publish(feed_of(practice, slots, extra_schedules=[stranger]), timezone.now())
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))

    with caplog.at_level(logging.WARNING, logger="scheduling.feeds"):
        report = import_feed(feed)

    assert [row[1] for row in slots_seen()] == ["good"]
    assert report.skipped == {
        "Slot: not a line of JSON": 1,
        "Slot: its Schedule is not one we read": 1,
        "Slot: unknown status 'maybe'": 1,
        "Slot: start and end are not two instants, the end after the start": 2,
        "Slot: no id, or a longer one than 64 characters": 1,
        "Schedule: names no doctor we know": 1,
    }
    assert "slot.ndjson line 2 skipped: not a line of JSON" in caplog.text
    assert "schedule.ndjson line 3 skipped: names no doctor we know" in caplog.text
    feed.refresh_from_db()
    assert "Skipped 2 × Slot: start and end" in feed.last_report


def test_a_feed_of_many_strangers_logs_the_first_of_each_fault_and_counts_the_rest(
    publisher, practice, caplog
):
    orphans = [slot(f"orphan{n}", "NOPE", soon(3)) for n in range(LOGGED_PER_REASON + 5)]
    publisher.publish(feed_of(practice, [slot("good", "S1", soon(3)), *orphans]), timezone.now())
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))

    with caplog.at_level(logging.WARNING, logger="scheduling.feeds"):
        report = import_feed(feed)

    assert report.skipped == {"Slot: its Schedule is not one we read": LOGGED_PER_REASON + 5}
    lines = [record.getMessage() for record in caplog.records]
    assert sum("skipped: its Schedule is not one we read" in line for line in lines) == LOGGED_PER_REASON
    assert f"line {LOGGED_PER_REASON + 1} skipped" in caplog.text  # the first orphan is line 2
    assert f"line {LOGGED_PER_REASON + 2} skipped" not in caplog.text
    assert any("further lines skipped" in line for line in lines)


def test_a_publication_that_changes_while_it_is_read_is_not_kept(publisher, practice):
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3))]), timezone.now())
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))
    import_feed(feed)
    before = slots_seen()

    # The publisher writes a new publication between our first and second reading of the manifest.
    publisher.publish(feed_of(practice, [slot("b", "S1", soon(4))]), timezone.now())
    first_reading = publisher.files["/$bulk-publish"]
    newer = publisher.publication({"Slot": []}, timezone.now() + datetime.timedelta(minutes=1))[
        "/$bulk-publish"
    ]
    readings = iter([first_reading])
    publisher.files["/$bulk-publish"] = lambda query: next(readings, newer)

    with pytest.raises(FeedError, match="changed while it was read"):
        import_feed(feed, full=True)
    assert slots_seen() == before
    practice.refresh_from_db()
    assert practice.next_opening == soon(3)


def test_a_file_that_cannot_be_fetched_fails_the_run_and_keeps_what_was_shown(publisher, practice):
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3))]), timezone.now())
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))
    import_feed(feed)
    before = slots_seen()
    publisher.publish(feed_of(practice, [slot("b", "S1", soon(4))]), timezone.now())
    del publisher.files["/data/slot.ndjson"]

    with pytest.raises(FeedError, match="404"):
        import_feed(feed, full=True)
    assert slots_seen() == before


def test_a_publisher_that_never_answers_fails_the_run(practice, settings, monkeypatch):
    import socket

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen()  # accepts connections, never answers
    monkeypatch.setattr("scheduling.feeds.TIMEOUT", 1)
    feed = Feed.objects.create(
        name="Silent", url=f"http://127.0.0.1:{listener.getsockname()[1]}/$bulk-publish"
    )
    try:
        with pytest.raises(FeedError, match="timed out"):
            import_feed(feed)
    finally:
        listener.close()


def test_a_held_slot_stays_when_a_full_run_no_longer_lists_it(publisher, practice):
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3)), slot("b", "S1", soon(4))]), timezone.now())
    feed = Feed.objects.create(name="Test", url=publisher.url("/$bulk-publish"))
    import_feed(feed)
    Slot.objects.filter(source_id="a").update(held_until=timezone.now() + datetime.timedelta(hours=2))
    practice.refresh_from_db()
    publisher.publish(feed_of(practice, [slot("b", "S1", soon(4))]), timezone.now())
    import_feed(feed, full=True)
    assert sorted(row[1] for row in slots_seen()) == ["a", "b"]
    practice.refresh_from_db()
    assert practice.next_opening == soon(4)  # a held time is not open


def test_the_command_reads_a_local_publication_and_says_what_it_did(tmp_path, practice):
    from .publisher import manifest, ndjson

    resources = feed_of(practice, [slot("a", "S1", soon(3))])
    outputs = []
    for kind, items in resources.items():
        (tmp_path / f"{kind}.ndjson").write_bytes(ndjson(items))
        outputs.append({"type": kind, "url": f"{kind}.ndjson"})  # relative to the manifest
    (tmp_path / "$bulk-publish").write_bytes(manifest(timezone.now(), outputs, "file:///$bulk-publish"))
    out = io.StringIO()
    call_command("import_slots", url=str(tmp_path / "$bulk-publish"), name="Local", stdout=out)
    assert "Everything read: 2 Location, 1 Practitioner, 2 Schedule, 1 Slot." in out.getvalue()
    assert Slot.objects.get().schedule.feed.name == "Local"

    (tmp_path / "Slot.ndjson").unlink()
    with pytest.raises(CommandError, match="unchanged"):
        call_command("import_slots", stdout=out, stderr=io.StringIO())
    assert Slot.objects.count() == 1


def test_the_worker_reads_every_feed_and_one_that_fails_keeps_what_it_showed(publisher, practice, caplog):
    from appointments.schedule import JOBS, Schedule

    Feed.objects.all().delete()  # the demo's own, when an earlier test loaded the demo
    publisher.publish(feed_of(practice, [slot("a", "S1", soon(3))]), timezone.now())
    Feed.objects.create(name="Working", url=publisher.url("/$bulk-publish"))
    Feed.objects.create(name="Gone", url=publisher.url("/nothing/$bulk-publish"))
    with caplog.at_level(logging.INFO):
        Schedule(jobs={"read_open_times": JOBS["read_open_times"]}).run_due()
    assert [row[1] for row in slots_seen()] == ["a"]
    assert "read_open_times done" in caplog.text and "read 1 open times feeds; not read: Gone" in caplog.text
    practice.refresh_from_db()
    assert practice.next_opening == soon(3)
