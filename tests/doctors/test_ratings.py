"""Patients' ratings and comments from the post-visit surveys: shown only above the thresholds, a
comment only once published, never a withheld one anywhere; the survey import explains each bad row
and changes nothing the second time; each moderation decision is kept; the Patient experience role
moderates and reads no appointment request; the rating sort hides nobody; no AggregateRating."""

import csv
import io
from datetime import timedelta

import pytest
from django.contrib.auth.models import Group, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import timezone, translation

from demo.ratings import ensure_questions
from doctors.admin import SURVEY_UPLOADS
from doctors.models import (
    CommentDecision,
    CommentStatus,
    Doctor,
    DoctorRating,
    Survey,
    SurveyAnswer,
    SurveyComment,
)
from doctors.ratings import decide, refresh
from doctors.surveys import import_surveys
from tests.appointments.conftest import cached_keys_and_values
from tests.doctors.factories import DoctorFactory
from tests.html import json_ld, one, select, text, texts
from tests.staff import sign_in

URL = "/en/find-a-doctor/"
HEADER = ["npi", "survey_id", "survey_date", "question", "score", "comment", "comment_id", "language"]
QUESTIONS = ["CP_EXPLAIN", "CP_LISTEN", "CP_RESPECT", "CP_TIME", "CP_HISTORY", "CP_RECOMMEND"]


def export(rows, header=HEADER):
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    return io.BytesIO(out.getvalue().encode())


def surveys_of(doctor, count, *, score=5, days_ago=10, prefix="S", comments=()):
    """The rows of `count` surveys of `doctor`, every question scored `score`; `comments`: texts,
    one on each of the first surveys."""
    today = timezone.localdate()
    rows = []
    for n in range(count):
        survey = f"{prefix}-{doctor.npi}-{n}"
        date = (today - timedelta(days=days_ago + n % 20)).isoformat()
        for i, question in enumerate(QUESTIONS):
            comment = comments[n] if i == 0 and n < len(comments) else ""
            rows.append(
                [doctor.npi, survey, date, question, score, comment, f"C-{survey}" if comment else "", "en"]
            )
    return rows


@pytest.fixture
def questions(demo):
    ensure_questions()


def profile(client, doctor, language="en", **params):
    response = client.get(doctor.get_absolute_url().replace("/en/", f"/{language}/"), params)
    assert response.status_code == 200
    return response.content.decode()


def ratings_section(page):
    return one(page, 'section[aria-labelledby="ratings-heading"]')


def test_a_rating_shows_from_30_surveys_of_the_period_and_not_before(client, directory, questions):
    lopez = directory["lopez"]
    report = import_surveys(
        export(surveys_of(lopez, 29, score=4) + surveys_of(lopez, 5, days_ago=400, prefix="OLD"))
    )
    assert report.imported, report.problems
    words = text(ratings_section(profile(client, lopez)))
    assert "no rating yet" in words and "at least 30 patients" in words and "out of 5" not in words
    assert not select(client.get(URL, {"q": "Lopez"}).content.decode(), ".doctor-card__rating")

    assert import_surveys(export(surveys_of(lopez, 1, score=5, prefix="NEW"))).imported
    section = ratings_section(profile(client, lopez))
    # 29 surveys of 4 and 1 of 5, on six questions each: (29 × 4 + 5) / 30 = 4.03; the old five not counted.
    assert "4.0 out of 5" in text(section)
    assert "From 30 patients who answered our survey after a visit" in text(section)
    distribution = [texts(row, "th, td") for row in select(select(section, "table")[1], "tbody tr")]
    assert distribution[:3] == [["5 stars", "6", "3%"], ["4 stars", "174", "97%"], ["3 stars", "0", "0%"]]
    card = one(client.get(URL, {"q": "Lopez"}).content.decode(), ".doctor-card__rating")
    assert text(card) == "★ 4.0 out of 5 (30 patient surveys)"
    assert one(card, ".star").get("aria-hidden") == "true"


def test_surveys_leave_the_rating_as_the_period_moves(client, directory, questions):
    lopez = directory["lopez"]
    assert import_surveys(export(surveys_of(lopez, 30, days_ago=300))).imported  # 300 to 319 days old
    assert DoctorRating.objects.get(doctor=lopez).surveys == 30
    refresh(today=timezone.localdate() + timedelta(days=60))  # two months on, 20 are over a year old
    assert DoctorRating.objects.get(doctor=lopez).surveys == 10
    assert "no rating yet" in text(ratings_section(profile(client, lopez)))


def rated_with_comments(directory, published, pending=1, withheld=1):
    lopez = directory["lopez"]
    texts_ = [f"Published comment number {n}." for n in range(published)]
    texts_ += [f"Pending comment number {n}." for n in range(pending)]
    texts_ += [f"Withheld comment by Nurse Jane Roe number {n}." for n in range(withheld)]
    assert import_surveys(export(surveys_of(lopez, 40, comments=texts_))).imported
    comments = SurveyComment.objects.filter(doctor=lopez)
    staff = User.objects.create_user("pe", is_staff=True)
    decide(comments.filter(text__startswith="Published"), CommentStatus.PUBLISHED, staff)
    decide(comments.filter(text__startswith="Withheld"), CommentStatus.WITHHELD, staff, "identifies_person")
    return lopez


def test_comments_show_only_once_five_are_published(client, directory, questions):
    lopez = rated_with_comments(directory, published=4)
    section = ratings_section(profile(client, lopez))
    assert not select(section, ".comment")
    assert "Comments appear once enough of them have been read and published." in text(section)

    decide(SurveyComment.objects.filter(text="Pending comment number 0."), CommentStatus.PUBLISHED, None)
    section = ratings_section(profile(client, lopez))
    assert len(select(section, ".comment")) == 5
    assert [c.get("lang") for c in select(section, ".comment blockquote")] == ["en"] * 5


def test_comments_are_newest_first_and_paged(client, directory, questions, settings):
    settings.RATINGS_COMMENTS_PER_PAGE = 4
    lopez = rated_with_comments(directory, published=9)
    dates = [
        SurveyComment.objects.get(text=t).date
        for t in texts(ratings_section(profile(client, lopez)), ".comment blockquote")
    ]
    assert len(dates) == 4 and dates == sorted(dates, reverse=True)
    page3 = ratings_section(profile(client, lopez, comments=3))
    assert len(select(page3, ".comment")) == 1
    assert "Page 3 of 3" in text(page3)
    assert select(page3, 'a[rel="prev"]')[0].get("href") == "?comments=2#comments-heading"


def test_a_withheld_or_pending_comment_never_appears_anywhere(client, directory, questions):
    lopez = rated_with_comments(directory, published=6)
    pages = [
        profile(client, lopez),
        profile(client, lopez, "es"),
        client.get(URL, {"q": "Lopez"}).content.decode(),
        client.get("/en/search/", {"q": "Lopez"}).content.decode(),
        client.get("/en/search/", {"q": "Nurse Jane Roe"}).content.decode(),
        client.get("/sitemap.xml").content.decode(),
    ]
    for page in pages:
        assert "Withheld comment" not in page and "Pending comment" not in page
    page = profile(client, lopez)
    assert "Published comment number 5." in page
    for block in json_ld(page):
        assert "Withheld" not in str(block) and "aggregateRating" not in block and "review" not in block
    assert "1 comment: It names or identifies a patient or a member of staff" in text(ratings_section(page))
    cached = cached_keys_and_values()
    assert b"Published comment number 5." in cached  # the profile is cached…
    assert b"Withheld comment" not in cached and b"Pending comment" not in cached  # …without them


def test_withholding_a_published_comment_takes_it_off_the_cached_profile(client, directory, questions):
    lopez = rated_with_comments(directory, published=6)
    assert "Published comment number 3." in profile(client, lopez)
    decide(
        SurveyComment.objects.filter(text="Published comment number 3."),
        CommentStatus.WITHHELD,
        None,
        "unclear",
    )
    page = profile(client, lopez)
    assert "Published comment number 3." not in page
    assert "1 comment: It cannot be understood, or says nothing about the visit" in text(
        ratings_section(page)
    )


def test_the_import_is_idempotent(directory, questions):
    rows = surveys_of(directory["lopez"], 31, comments=["Kind and clear."]) + surveys_of(
        directory["smith"], 3
    )
    first = import_surveys(export(rows))
    assert first.imported and (first.surveys_new, first.answers_new, first.comments_new) == (34, 204, 1)
    comment = SurveyComment.objects.get()
    decide([comment], CommentStatus.PUBLISHED, None)
    before = (
        Survey.objects.count(),
        SurveyAnswer.objects.count(),
        list(DoctorRating.objects.order_by("pk").values()),
    )
    again = import_surveys(export(rows))
    assert again.imported
    assert (again.surveys_new, again.surveys_known, again.answers_new, again.comments_new) == (0, 34, 0, 0)
    after = (
        Survey.objects.count(),
        SurveyAnswer.objects.count(),
        list(DoctorRating.objects.order_by("pk").values()),
    )
    assert [*after[:2], [{**r, "computed_at": None} for r in after[2]]] == [
        *before[:2],
        [{**r, "computed_at": None} for r in before[2]],
    ]
    assert SurveyComment.objects.get().status == CommentStatus.PUBLISHED  # moderation untouched


BAD_ROWS = [
    (
        ["9999999999", "S1", "2026-01-05", "CP_EXPLAIN", "5", "", "", ""],
        "npi",
        "No doctor in the directory has the NPI",
    ),
    (
        ["NPI", "S2", "05/01/2026", "CP_EXPLAIN", "5", "", "", ""],
        "survey_date",
        "is not a date written YYYY-MM-DD",
    ),
    (["NPI", "S3", "2026-01-05", "Q_UNKNOWN", "5", "", "", ""], "question", "have no key “Q_UNKNOWN”"),
    (["NPI", "S4", "2026-01-05", "CP_EXPLAIN", "6", "", "", ""], "score", "“6” is not a score from 1 to 5"),
    (["NPI", "S5", "2026-01-05", "CP_EXPLAIN", "five", "", "", ""], "score", "is not a score from 1 to 5"),
    (
        ["NPI", "S6", "2026-01-05", "CP_EXPLAIN", "5", "Great.", "", ""],
        "comment_id",
        "A comment needs its comment id",
    ),
    (["NPI", "", "2026-01-05", "CP_EXPLAIN", "5", "", "", ""], "survey_id", "This id is missing"),
    (["NPI", "S7", "FUTURE", "CP_EXPLAIN", "5", "", "", ""], "survey_date", "This date is in the future"),
    (
        ["NPI", "S8", "2026-01-05", "CP_EXPLAIN", "5", "Bien.", "C8", "spanish"],
        "language",
        "is not a language code",
    ),
]


def test_each_bad_row_is_explained_by_row_and_column_in_the_admin_and_nothing_changes(
    client, directory, questions
):
    npi = directory["lopez"].npi
    future = (timezone.localdate() + timedelta(days=3)).isoformat()
    good = [npi, "S0", "2026-01-05", "CP_EXPLAIN", "5", "", "", ""]
    rows = [good] + [
        [npi if c == "NPI" else future if c == "FUTURE" else c for c in row] for row, _c, _m in BAD_ROWS
    ]
    rows.append([npi, "S0", "2026-01-06", "CP_LISTEN", "5", "", "", ""])  # the same survey, another date
    staff = User.objects.create_user("pe", is_staff=True)
    staff.groups.add(Group.objects.get(name="Patient experience"))
    client = sign_in(Client(), staff)
    upload = SimpleUploadedFile("export.csv", export(rows).getvalue(), content_type="text/csv")
    response = client.post(reverse("admin:doctors_survey_import"), {"file": upload})
    assert response.status_code == 200
    problems = [texts(tr, "td") for tr in select(response.content.decode(), "#problems tbody tr")]
    expected = [(str(n + 3), column, message) for n, (_row, column, message) in enumerate(BAD_ROWS)]
    expected.append((str(len(BAD_ROWS) + 3), "survey_id", "is given another doctor or date on row 2"))
    assert [(row, column) for row, column, _m in problems] == [(row, column) for row, column, _m in expected]
    for (_r, _c, message), (_row, _column, wanted) in zip(problems, expected, strict=True):
        assert wanted in message
    assert not Survey.objects.exists()  # the good row too: a file is imported whole or not at all


@pytest.fixture
def patient_experience(directory):
    staff = User.objects.create_user("pe", is_staff=True)
    staff.groups.add(Group.objects.get(name="Patient experience"))
    return sign_in(Client(), User.objects.get(pk=staff.pk))


def upload_surveys(client, rows, language="en"):
    upload = SimpleUploadedFile("export.csv", export(rows).getvalue(), content_type="text/csv")
    with translation.override(language):
        return client.post(reverse("admin:doctors_survey_import"), {"file": upload})


@pytest.mark.parametrize(
    ("language", "row_names"), [("en", ["Surveys", "Answers"]), ("es", ["Encuestas", "Respuestas"])]
)
def test_staff_see_what_a_file_adds_before_it_is_imported(
    patient_experience, directory, questions, language, row_names
):
    client = patient_experience
    changelist = client.get(reverse("admin:doctors_survey_changelist")).content.decode()
    assert f'href="{reverse("admin:doctors_survey_import")}"' in changelist  # the list links the import
    already = surveys_of(directory["lopez"], 2, prefix="OLD")
    assert import_surveys(export(already)).imported
    rows = already + surveys_of(directory["lopez"], 3, prefix="NEW", comments=["Kind and clear."])

    page = upload_surveys(client, rows, language).content.decode()
    table = {texts(row, "th")[0]: texts(row, "td") for row in select(page, "#changes tbody tr")}
    assert table[row_names[0]] == ["3", "2"] and table[row_names[1]][0] == str(3 * len(QUESTIONS))
    assert Survey.objects.count() == 2 and not SurveyComment.objects.exists()  # nothing yet
    said = {"en": "Importing adds all of it at once.", "es": "Al importar se añade todo a la vez."}
    assert said[language] in text(one(page, "form p"))
    token = one(page, "input[name=token]").get("value")

    response = client.post(reverse("admin:doctors_survey_import"), {"token": token, "import": "Import"})
    assert response.status_code == 302 and response["Location"] == reverse("admin:doctors_survey_changelist")
    assert Survey.objects.count() == 5 and SurveyComment.objects.get().text == "Kind and clear."
    assert SURVEY_UPLOADS.listed() == [] and SURVEY_UPLOADS.session_key not in client.session


def test_a_cancelled_or_unknown_survey_upload_imports_nothing(patient_experience, directory, questions):
    client = patient_experience
    page = upload_surveys(client, surveys_of(directory["lopez"], 3)).content.decode()
    token = one(page, "input[name=token]").get("value")
    assert len(SURVEY_UPLOADS.listed()) == 1

    guessed = client.post(reverse("admin:doctors_survey_import"), {"token": "guessed", "import": "Import"})
    assert guessed["Location"] == reverse("admin:doctors_survey_import") and not Survey.objects.exists()
    cancelled = client.post(reverse("admin:doctors_survey_import"), {"token": token, "cancel": "Cancel"})
    assert cancelled.status_code == 302 and not Survey.objects.exists() and SURVEY_UPLOADS.listed() == []
    # The token of a cancelled upload is spent.
    again = client.post(reverse("admin:doctors_survey_import"), {"token": token, "import": "Import"})
    assert again["Location"] == reverse("admin:doctors_survey_import") and not Survey.objects.exists()


def test_a_file_without_the_columns_is_refused_with_the_header_named(directory, questions):
    report = import_surveys(export([["1"]], header=["doctor", "date"]))
    assert not report.imported
    assert [(p.row, p.column) for p in report.problems] == [
        (1, "npi"), (1, "survey_id"), (1, "survey_date"), (1, "question"), (1, "score")
    ]  # fmt: skip


def test_each_moderation_decision_is_recorded_and_the_role_can_moderate(directory, questions):
    assert import_surveys(
        export(surveys_of(directory["lopez"], 30, comments=["Thank you!", "Call me, 555-0100"]))
    ).imported
    staff = User.objects.create_user("pe", is_staff=True)
    staff.groups.add(Group.objects.get(name="Patient experience"))
    client = sign_in(Client(), User.objects.get(pk=staff.pk))
    changelist = reverse("admin:doctors_surveycomment_changelist")
    page = client.get(changelist).content.decode()
    assert "Thank you!" in page and "Waiting for review" in page
    thanks = SurveyComment.objects.get(text="Thank you!")
    phone = SurveyComment.objects.get(text="Call me, 555-0100")
    response = client.post(changelist, {"action": "publish", "_selected_action": [thanks.pk]})
    assert response.status_code == 302
    response = client.post(
        changelist, {"action": "withhold_identifies_person", "_selected_action": [phone.pk]}
    )
    assert response.status_code == 302
    # And back, from the comment's own page: a withheld one published after all, then withheld again.
    change = reverse("admin:doctors_surveycomment_change", args=[phone.pk])
    trail = {"decisions-TOTAL_FORMS": "1", "decisions-INITIAL_FORMS": "1"}  # the decisions, shown read only
    response = client.post(change, {"status": "withheld", "reason": "", **trail})
    assert "Say why the comment is not shown." in response.content.decode()
    response = client.post(change, {"status": "published", "reason": "", **trail})
    assert response.status_code == 302, (
        response.context["adminform"].form.errors,
        response.context["errors"],
    )
    decisions = list(
        CommentDecision.objects.order_by("pk").values_list("comment__text", "status", "reason", "decided_by")
    )
    assert decisions == [
        ("Thank you!", "published", "", staff.pk),
        ("Call me, 555-0100", "withheld", "identifies_person", staff.pk),
        ("Call me, 555-0100", "published", "", staff.pk),
    ]
    assert DoctorRating.objects.get(doctor=directory["lopez"]).comments_published == 2
    page = client.get(change).content.decode()
    assert page.count("identifies_person") + page.count("It names or identifies") >= 1  # the trail is shown


def test_the_patient_experience_role_reads_no_appointment_request(directory):
    staff = User.objects.create_user("pe", is_staff=True)
    staff.groups.add(Group.objects.get(name="Patient experience"))
    client = sign_in(Client(), User.objects.get(pk=staff.pk))
    assert client.get(reverse("admin:appointments_request_changelist")).status_code == 403
    assert client.get(reverse("admin:doctors_surveycomment_changelist")).status_code == 200
    assert client.get(reverse("admin:doctors_survey_import")).status_code == 200
    assert client.get(reverse("admin:doctors_doctor_change", args=[directory["lopez"].pk])).status_code == 403
    assert client.get(reverse("admin:pricing_charge_changelist")).status_code == 403


def test_others_cannot_moderate_or_import(directory):
    editor = User.objects.create_user("ed", is_staff=True)
    editor.groups.add(Group.objects.get(name="Directory staff"))
    client = sign_in(Client(), User.objects.get(pk=editor.pk))
    assert client.get(reverse("admin:doctors_surveycomment_changelist")).status_code == 403
    assert client.get(reverse("admin:doctors_survey_import")).status_code == 403


def test_the_rating_sort_puts_rated_doctors_first_and_hides_nobody(client, directory, questions):
    assert import_surveys(
        export(surveys_of(directory["smith"], 30, score=5) + surveys_of(directory["brown"], 30, score=3))
    ).imported
    assert import_surveys(export(surveys_of(directory["silva"], 10, score=5, prefix="FEW"))).imported
    names = texts(client.get(URL, {"sort": "rating"}).content.decode(), ".doctor-card__name a")
    assert names == ["John Smith, MD", "Kevin Brown, MD", "Maria Lopez, MD", "Ana Silva, MD"][:2] + sorted(
        ["Maria Lopez, MD", "Ana Silva, MD"], key=lambda n: n.split()[1]
    )
    assert len(names) == len(texts(client.get(URL).content.decode(), ".doctor-card__name a"))


def test_the_rating_sort_pages_through_the_rated_then_the_others_as_one_list(client, directory, settings):
    """Rated first (doctors.ratings.RatedFirst) reads the rated and the others apart: the pages
    meet where the rated end, the second page included, and the count is the whole list's."""
    DoctorFactory.create_batch(19)  # 23 published in all: two pages
    today = timezone.localdate()
    rated = {"brown": ("4.20", 40), "lopez": ("4.90", 31), "silva": ("4.20", 30), "smith": ("4.90", 29)}
    for key, (score, surveys) in rated.items():  # Smith: one survey short of showing his rating
        DoctorRating.objects.create(
            doctor=directory[key], score=score, surveys=surveys, first_date=today, last_date=today
        )
    doctors = list(Doctor.objects.published())
    shown = [d for d in doctors if d.pk in {directory[k].pk for k in ("brown", "lopez", "silva")}]
    by_name = lambda d: (d.last_name, d.first_name, d.pk)  # noqa: E731
    expected = sorted(shown, key=lambda d: (-float(rated[d.last_name.lower()][0]), *by_name(d)))
    expected += sorted((d for d in doctors if d not in shown), key=by_name)

    pages = [client.get(URL, {"sort": "rating", "page": n}) for n in (1, 2)]
    listed = [name for page in pages for name in texts(page.content.decode(), ".doctor-card__name a")]
    assert listed == [d.display_name for d in expected]
    assert all(page.context["count"] == len(doctors) == 23 for page in pages)
    # With a filter: the same order among the doctors it keeps.
    page = client.get(URL, {"sort": "rating", "specialty": "cardiology"})
    kept = {d.pk for d in Doctor.objects.published().filter(specialties__slug="cardiology")}
    assert texts(page.content.decode(), ".doctor-card__name a") == [
        d.display_name for d in expected if d.pk in kept
    ]


def test_the_spanish_profile_reads_in_spanish(client, directory, questions):
    lopez = rated_with_comments(directory, published=5)
    section = ratings_section(profile(client, lopez, "es"))
    words = text(section)
    assert "Calificaciones de los pacientes" in words and "5,0 de 5" in words
    assert "Le explicó las cosas de forma fácil de entender" in words
    assert [c.get("lang") for c in select(section, ".comment blockquote")] == ["en"] * 5
    assert "1 comentario: Nombra o identifica a un paciente o a un miembro del personal" in words


def test_the_page_on_ratings_says_the_thresholds_the_site_uses(client, demo, settings):
    settings.RATINGS_MIN_SURVEYS = 25
    page = client.get("/en/patient-experience/doctor-ratings/").content.decode()
    assert "at least 25 patients have returned a survey" in page
    for reason in ["It names or identifies a patient", "It uses profane, abusive or discriminatory language"]:
        assert reason in page
    spanish = client.get("/es/experiencia-del-paciente/calificaciones-de-medicos/").content.decode()
    assert "Nombra o identifica a un paciente" in spanish


def test_the_profile_query_count_does_not_grow_with_ratings_and_comments(client, directory, questions):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from doctors.caching import directory_changed

    lopez = rated_with_comments(directory, published=6)

    def queries():
        directory_changed()
        with CaptureQueriesContext(connection) as captured:
            profile(client, lopez)
        return len(captured)

    queries()
    before = queries()
    rated_with_comments_more = surveys_of(
        lopez, 40, prefix="MORE", comments=[f"More {n}." for n in range(30)]
    )
    assert import_surveys(export(rated_with_comments_more)).imported
    decide(SurveyComment.objects.filter(text__startswith="More"), CommentStatus.PUBLISHED, None)
    queries()
    assert queries() == before


def test_the_mail_worker_works_the_ratings_out_again_each_day(directory, questions):
    from appointments.schedule import JOBS, Schedule

    assert import_surveys(export(surveys_of(directory["lopez"], 30))).imported
    DoctorRating.objects.all().delete()  # as if the period had moved since
    Schedule(jobs={"refresh_ratings": JOBS["refresh_ratings"]}).run_due()
    assert DoctorRating.objects.get(doctor=directory["lopez"]).surveys == 30
    DoctorRating.objects.all().delete()
    Schedule(jobs={"refresh_ratings": JOBS["refresh_ratings"]}).run_due()  # another worker, the same day
    assert not DoctorRating.objects.exists()
