"""Open times in the directory, and a request that holds the time chosen until staff confirm it."""

import datetime
import threading

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from appointments.models import Request, RequestEvent
from doctors.models import Doctor, Specialty
from scheduling import holds, openings
from scheduling.models import Feed, Schedule, Slot
from tests.appointments.conftest import form_key, proof_in, valid_data
from tests.doctors.factories import DoctorFactory
from tests.html import one, select, text
from tests.locations.factories import LocationFactory

pytestmark = pytest.mark.django_db
FORM = "/en/appointments/request/"
LIST = "/en/find-a-doctor/"


def at(days, hour=10):
    day = timezone.localdate() + datetime.timedelta(days=days)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def open_times(doctor, *starts, video=False, new_patients=True):
    """Slots of the doctor's first practice (a feed's, as an import writes them); the next times
    worked out again, as after an import."""
    feed, _ = Feed.objects.get_or_create(name="Test", url="/nowhere")
    practice = doctor.practices.get()
    schedule, _ = Schedule.objects.get_or_create(
        feed=feed, source_id=f"s{practice.pk}{video}", defaults={"practice": practice, "video": video}
    )
    slots = [
        Slot.objects.create(
            schedule=schedule,
            source_id=f"{schedule.pk}-{start:%Y%m%d%H%M}",
            start=start,
            end=start + datetime.timedelta(minutes=30),
            status="free",
            new_patients=new_patients,
        )
        for start in starts
    ]
    openings.refresh()
    return slots


@pytest.fixture
def cardiology(demo):
    return Specialty.objects.get(slug="cardiology")


def doctor(name, cardiology, **fields):
    place = LocationFactory(name=f"{name} Clinic")
    return DoctorFactory(
        first_name=name, last_name="Timely", specialties=[cardiology], locations=[place], **fields
    )


def card_of(response, name):
    return next(card for card in select(response, ".doctor-card") if f"{name} Timely" in text(card))


def test_cards_show_the_next_new_patient_time_within_30_days_else_the_number_to_call(client, cardiology):
    soon, later = doctor("Soon", cardiology), doctor("Later", cardiology)
    doctor("Full", cardiology)
    video = doctor("Video", cardiology)
    closed = doctor("Closed", cardiology, accepting_new_patients=Doctor.Accepting.NO)
    open_times(soon, at(3, 9), at(4))
    open_times(soon, at(2), new_patients=False)  # for returning patients only: not shown
    open_times(later, at(40))
    open_times(video, at(5, 14), video=True)

    response = client.get(LIST, {"specialty": "cardiology"})

    card = card_of(response, "Soon")
    shown = one(card, ".opening time")
    assert shown.get("datetime") == timezone.localtime(at(3, 9)).isoformat()
    assert text(one(card, ".opening")).startswith("Next new-patient time:")
    assert "(in person, at Soon Clinic)" in text(one(card, ".opening"))
    assert "(video visit)" in text(one(card_of(response, "Video"), ".opening"))
    for name in ("Later", "Full"):
        assert (
            text(one(card_of(response, name), ".opening"))
            == "Call 617-555-0123 to ask about new-patient times"
        )
    assert not select(card_of(response, "Closed"), ".opening")
    assert closed.accepting_new_patients == "no"


def test_only_the_doctors_whose_soonest_time_moved_are_written(cardiology):
    soon, later = doctor("Soon", cardiology), doctor("Later", cardiology)
    open_times(soon, at(3))
    open_times(later, at(10))
    assert openings.refresh_doctors() == 0  # nothing moved: no row written
    Slot.objects.filter(schedule__practice__doctor=soon).delete()
    openings.refresh()  # the practices' times, then the doctors': only Soon's moved (to none)
    assert openings.refresh_doctors() == 0
    soon.refresh_from_db()
    assert soon.next_opening is None
    open_times(soon, at(2))
    soon.refresh_from_db()
    assert soon.next_opening == at(2)
    Doctor.objects.filter(pk=later.pk).update(next_opening=None)  # as if lost: written again
    assert openings.refresh_doctors() == 1


def test_the_seen_within_filter_is_exact_combines_and_can_be_removed(client, cardiology):
    this_week, next_week, later = (
        doctor("Week", cardiology),
        doctor("Fortnight", cardiology),
        doctor("Month", cardiology),
    )
    open_times(this_week, at(3))
    open_times(next_week, at(10))
    open_times(later, at(20))
    doctor("Never", cardiology)

    def names(params):
        response = client.get(LIST, params)
        return sorted(
            text(one(card, ".doctor-card__name")).split()[0] for card in select(response, ".doctor-card")
        )

    assert names({"seen": "7"}) == ["Week"]
    assert names({"seen": "14"}) == ["Fortnight", "Week"]
    assert names({"seen": "14", "specialty": "cardiology", "q": "Fortnight"}) == ["Fortnight"]
    response = client.get(LIST, {"seen": "7", "specialty": "cardiology"})
    chips = {text(chip): chip.get("href") for chip in select(response, "a.chip")}
    assert "?specialty=cardiology" in chips.values()  # the chip that removes "within a week"
    assert "Within a week" in " ".join(chips)
    # Nobody so soon: the way out is to drop the filter, counted.
    none = client.get(LIST, {"seen": "7", "q": "Fortnight"})
    assert "Include doctors without an open time so soon (1 doctor)" in text(one(none, "body"))
    bad = client.get(LIST, {"seen": "365"})
    assert "That is not one of the choices, so this filter is off." in text(one(bad, "body"))
    # A place withdrawn from the directory: its times no longer count, at once; back, they do.
    place = this_week.practices.get().location
    place.is_published = False
    place.save()
    assert names({"seen": "7"}) == []
    place.is_published = True
    place.save()
    assert names({"seen": "7"}) == ["Week"]
    # A time that has begun no longer counts.
    Slot.objects.filter(schedule__practice__doctor=this_week).update(
        start=timezone.now() - datetime.timedelta(minutes=5)
    )
    openings.refresh()
    assert names({"seen": "7"}) == []


def test_the_profile_lists_the_next_two_weeks_by_day_each_time_a_link_naming_its_day_and_place(
    client, cardiology
):
    timely = doctor("Profile", cardiology)
    first, second, third = open_times(timely, at(2, 9), at(2, 11), at(3, 15))
    open_times(timely, at(20))  # beyond two weeks: not listed (but the card would show it)

    response = client.get(timely.get_absolute_url())

    section = one(response, "section.open-times")
    assert text(one(section, "h2")) == "Open times for new patients"
    days = [text(day) for day in select(section, "h3.open-times__day")]
    assert days == [
        f"{timezone.localtime(at(2)):%A, %B} {at(2).day}",
        f"{timezone.localtime(at(3)):%A, %B} {at(3).day}",
    ]
    links = select(section, "a.open-times__time")
    assert [link.get("href") for link in links] == [
        f"{FORM}?doctor={timely.slug}&slot={slot.pk}" for slot in (first, second, third)
    ]
    # Named whole for a screen reader's list of links, beginning with the words it shows.
    assert links[0].get("aria-label") == f"9:00 AM, {days[0]}, in person at Profile Clinic"
    assert text(links[0]) == "9:00 AM in person at Profile Clinic"

    spanish = client.get(f"/es{timely.get_absolute_url()[3:]}")
    assert text(one(spanish, "section.open-times h2")) == "Horarios libres para pacientes nuevos"


def test_choosing_a_time_fills_the_form_holds_the_time_and_says_it_is_requested_not_booked(
    client, cardiology
):
    timely = doctor("Holding", cardiology)
    chosen, following = open_times(timely, at(2, 9), at(5, 9))
    html, key = form_key(client, "appointment", f"?doctor={timely.slug}&slot={chosen.pk}")
    assert one(html, 'input[name="slot"]').get("value") == str(chosen.pk)
    assert "You are asking for this time:" in text(one(html, ".chosen-time"))
    assert one(html, 'select[name="location"] option[selected]').text == "Holding Clinic"

    data = {"submission_proof": proof_in(html)} | valid_data(
        "appointment", key, doctor=timely.slug, slot=chosen.pk
    )
    response = client.post(FORM, data)

    assert response.status_code == 302
    request = Request.objects.get()
    assert (request.slot, request.slot_start, request.location) == (
        chosen,
        chosen.start,
        chosen.schedule.practice.location,
    )
    chosen.refresh_from_db()
    assert chosen.is_held and chosen.status == "free"  # the feed's status stays; the hold makes it busy here
    assert timely.practices.get().next_opening == following.start
    page = text(one(client.get("/en/appointments/received/"), "body"))
    assert "This time is requested, not booked: we are holding it for you" in page
    profile = client.get(timely.get_absolute_url())
    assert [link.get("href").rsplit("=", 1)[1] for link in select(profile, "a.open-times__time")] == [
        str(following.pk)
    ]


def test_of_two_patients_asking_for_one_time_the_second_is_told_and_shown_the_next_times(client, cardiology):
    timely = doctor("Race", cardiology)
    chosen, following = open_times(timely, at(2, 9), at(3, 9))
    forms = []
    for browser in (client, Client()):  # both open the form before either sends it
        html, key = form_key(browser, "appointment", f"?doctor={timely.slug}&slot={chosen.pk}")
        forms.append(
            (
                browser,
                {"submission_proof": proof_in(html)}
                | valid_data("appointment", key, doctor=timely.slug, slot=chosen.pk),
            )
        )

    assert forms[0][0].post(FORM, forms[0][1]).status_code == 302
    second = forms[1][0].post(FORM, forms[1][1] | {"first_name": "Second"})

    assert second.status_code == 409
    assert Request.objects.count() == 1  # nothing of the second was kept
    assert "Someone else has just asked for that time, so it is no longer open." in text(
        one(second, ".field__error")
    )
    assert one(second, 'input[name="first_name"]').get("value") == "Second"  # what was typed stays
    assert one(second, 'input[name="slot"]').get("value") in (None, "")
    assert [link.get("href") for link in select(second, "a.open-times__time")] == [
        f"{FORM}?doctor={timely.slug}&slot={following.pk}"
    ]


@pytest.mark.django_db(transaction=True)
def test_holds_racing_in_two_connections_give_the_time_to_exactly_one():
    if connection.vendor == "sqlite":
        pytest.skip("one writer at a time: SQLite cannot race two holds (PostgreSQL runs this in CI)")
    place = LocationFactory(name="Race Clinic")
    timely = DoctorFactory(first_name="Raced", locations=[place])
    (slot,) = open_times(timely, at(2))
    barrier, results = threading.Barrier(2), []

    def ask():
        from django.db import connections

        try:
            barrier.wait()
            results.append(holds.hold(Slot.objects.select_related("schedule").get(pk=slot.pk)))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=ask) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results) == [False, True]


def test_a_time_of_another_doctor_is_refused_beside_the_choice(client, cardiology):
    mine, theirs = doctor("Mine", cardiology), doctor("Theirs", cardiology)
    (other,) = open_times(theirs, at(2))
    html, key = form_key(client, "appointment", f"?doctor={mine.slug}")
    data = {"submission_proof": proof_in(html)} | valid_data(
        "appointment", key, doctor=mine.slug, slot=other.pk
    )
    response = client.post(FORM, data)
    assert response.status_code == 400
    assert "That time is not this doctor's." in text(one(response, "body"))
    other.refresh_from_db()
    assert not other.is_held


def test_staff_confirm_or_release_the_held_time_and_each_is_recorded(staff_client, cardiology):
    timely = doctor("Staff", cardiology)
    chosen, following = open_times(timely, at(2, 9), at(4, 9))
    request = post_for(timely, chosen)
    changelist = reverse("admin:appointments_request_changelist")
    detail = staff_client.get(reverse("admin:appointments_request_change", args=[request.pk]))
    assert "Held until" in text(one(detail, "body"))

    staff_client.post(changelist, {"action": "release_time", "_selected_action": [request.pk]})
    chosen.refresh_from_db()
    assert not chosen.is_held
    assert timely.practices.get().next_opening == chosen.start  # open to others again
    assert RequestEvent.objects.filter(request=request, action="changed", detail="time released").exists()

    # Another patient holds it; staff book it in the scheduling system and confirm.
    other = post_for(timely, chosen)
    staff_client.post(changelist, {"action": "confirm_time", "_selected_action": [other.pk]})
    chosen.refresh_from_db()
    other.refresh_from_db()
    assert (chosen.status, chosen.is_held, other.status) == ("busy", False, "scheduled")
    assert timely.practices.get().next_opening == following.start
    assert RequestEvent.objects.filter(request=other, detail__startswith="time confirmed").exists()


def post_for(timely, slot):
    """A request for `slot` from a browser of its own; the request saved."""
    browser = Client()
    html, key = form_key(browser, "appointment", f"?doctor={timely.slug}&slot={slot.pk}")
    data = {"submission_proof": proof_in(html)} | valid_data(
        "appointment", key, doctor=timely.slug, slot=slot.pk
    )
    assert browser.post(FORM, data).status_code == 302
    return Request.objects.get(slot=slot)


def test_a_hold_that_has_lapsed_frees_the_time(cardiology):
    timely = doctor("Lapsed", cardiology)
    (slot,) = open_times(timely, at(2))
    assert holds.hold(Slot.objects.select_related("schedule").get(pk=slot.pk))
    assert timely.practices.get().next_opening is None
    Slot.objects.filter(pk=slot.pk).update(held_until=timezone.now() - datetime.timedelta(seconds=1))
    openings.refresh()
    assert timely.practices.get().next_opening == slot.start


def test_spanish_pages_write_the_day_in_lower_case_inside_a_sentence(client, cardiology):
    timely = doctor("Lunes", cardiology)
    (slot,) = open_times(timely, at(2, 9))
    day = timezone.localtime(slot.start)
    with translation.override("es"):
        profile = client.get(reverse("doctors:detail", kwargs={"slug": timely.slug}))
        weekday = _(day.strftime("%A"))  # as the catalog gives it: capitalised, "Lunes"
    assert weekday[0].isupper()
    heading = text(one(profile, ".open-times__day"))
    assert heading.startswith(weekday)  # a heading begins with a capital
    link = one(profile, "a.open-times__time").get("aria-label")
    assert f", {weekday.lower()} {day.day} de " in link  # inside a sentence, lower case
    assert f"{weekday.lower()} {day.day} de " in text(one(profile, ".opening"))
