"""Importing the survey vendor's export: the post-visit surveys patients returned, one answer a row.

The file is CSV (UTF-8, a header row) with these columns, in any order:

    npi          the doctor's NPI (the directory's doctors only)
    survey_id    the vendor's id of the returned survey: every row of one survey carries it
    survey_date  the date of the survey, YYYY-MM-DD, not in the future
    question     the vendor's key of the question (a SurveyQuestion's key, in the admin)
    score        1 to 5
    comment      optional: the patient's own words (on one row of the survey, or repeated)
    comment_id   the vendor's id of the comment, required with a comment
    language     optional: the language the comment is written in (en, es, pt…), shown on the page
                 for screen readers and translation tools

The issue that asked for this import named the vendor's columns without `survey_id`; we ask for
it, as vendors' exports carry it, because counting surveys (the rating threshold counts surveys,
not answers) and importing the same file twice without counting anything twice both need it.

Written by hand with the csv module rather than with django-import-export, whose unit is one row
to one record: here a survey spans several rows, comments are keyed by their own id, and a file
is checked whole before anything is saved. A file with any problem changes nothing; every problem
is named by its row (the header is row 1) and column, in the reader's language. Importing the same
file again changes nothing: surveys, answers and comments already imported are recognised by the
vendor's ids (an answer by its survey and question), and a comment's moderation is never touched.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Doctor, Survey, SurveyAnswer, SurveyComment, SurveyQuestion
from .ratings import refresh

COLUMNS = ["npi", "survey_id", "survey_date", "question", "score", "comment", "comment_id", "language"]
LANGUAGE = re.compile(r"^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$")
REQUIRED = ["npi", "survey_id", "survey_date", "question", "score"]
LISTED = 200  # problems listed; the rest are counted
ID_LENGTH = 64


@dataclass
class Problem:
    row: int
    column: str
    message: str


@dataclass
class Report:
    problems: list = field(default_factory=list)
    problem_count: int = 0
    rows: int = 0
    surveys_new: int = 0
    surveys_known: int = 0
    answers_new: int = 0
    comments_new: int = 0
    imported: bool = False

    @property
    def ok(self):
        return not self.problem_count

    @property
    def problems_not_listed(self):
        return self.problem_count - len(self.problems)

    def add(self, row, column, message):
        self.problem_count += 1
        if len(self.problems) < LISTED:
            self.problems.append(Problem(row, column, message))

    def summary(self):
        return _(
            "%(surveys)d new surveys (%(known)d already imported), %(answers)d new answers and "
            "%(comments)d new comments, waiting for review."
        ) % {
            "surveys": self.surveys_new,
            "known": self.surveys_known,
            "answers": self.answers_new,
            "comments": self.comments_new,
        }


class Reading:
    """What the file holds, checked row by row against itself and the directory."""

    def __init__(self, report, today):
        self.report, self.today = report, today
        self.doctors = dict(Doctor.objects.values_list("npi", "pk"))
        self.questions = dict(SurveyQuestion.objects.values_list("key", "pk"))
        self.surveys = {}  # survey_id -> (doctor pk, date, first row)
        self.answers = {}  # (survey_id, question pk) -> (score, row)
        self.comments = {}  # comment_id -> (survey_id, text, language, row)

    def row(self, number, cells):
        problems_before = self.report.problem_count
        doctor = self.doctor(number, cells["npi"])
        survey_id = self.identifier(number, "survey_id", cells["survey_id"])
        date = self.date(number, cells["survey_date"])
        question = self.question(number, cells["question"])
        score = self.score(number, cells["score"])
        comment, comment_id = cells.get("comment", "").strip(), cells.get("comment_id", "").strip()
        language = cells.get("language", "").strip()
        if comment and not comment_id:
            self.report.add(number, "comment_id", _("A comment needs its comment id."))
        elif comment_id:
            comment_id = self.identifier(number, "comment_id", comment_id)
        if language and not LANGUAGE.match(language):
            self.report.add(
                number,
                "language",
                _("“%(value)s” is not a language code like en or es.") % {"value": language},
            )
        if self.report.problem_count > problems_before:
            return
        known = self.surveys.setdefault(survey_id, (doctor, date, number))
        if known[:2] != (doctor, date):
            self.report.add(
                number,
                "survey_id",
                _("Survey %(id)s is given another doctor or date on row %(row)d.")
                % {"id": survey_id, "row": known[2]},
            )
            return
        answered = self.answers.setdefault((survey_id, question), (score, number))
        if answered[0] != score:
            self.report.add(
                number,
                "score",
                _("This survey's answer to this question is given another score on row %(row)d.")
                % {"row": answered[1]},
            )
        if comment:
            said = self.comments.setdefault(comment_id, (survey_id, comment, language, number))
            if said[:3] != (survey_id, comment, language):
                self.report.add(
                    number,
                    "comment",
                    _("Comment %(id)s is given another text, language or survey on row %(row)d.")
                    % {"id": comment_id, "row": said[3]},
                )

    def doctor(self, number, value):
        value = value.strip()
        if not value:
            self.report.add(number, "npi", _("The NPI is missing."))
        elif value not in self.doctors:
            self.report.add(
                number, "npi", _("No doctor in the directory has the NPI “%(npi)s”.") % {"npi": value}
            )
        return self.doctors.get(value)

    def identifier(self, number, column, value):
        value = value.strip()
        if not value:
            self.report.add(number, column, _("This id is missing."))
        elif len(value) > ID_LENGTH:
            self.report.add(
                number, column, _("This id is longer than %(limit)d characters.") % {"limit": ID_LENGTH}
            )
        return value

    def date(self, number, value):
        try:
            date = datetime.date.fromisoformat(value.strip())
        except ValueError:
            self.report.add(
                number, "survey_date", _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": value}
            )
            return None
        if date > self.today:
            self.report.add(number, "survey_date", _("This date is in the future."))
        return date

    def question(self, number, value):
        value = value.strip()
        if value not in self.questions:
            self.report.add(
                number,
                "question",
                _("The survey questions in the admin have no key “%(key)s”: add it there first.")
                % {"key": value},
            )
        return self.questions.get(value)

    def score(self, number, value):
        value = value.strip()
        if value not in {"1", "2", "3", "4", "5"}:
            self.report.add(number, "score", _("“%(value)s” is not a score from 1 to 5.") % {"value": value})
            return None
        return int(value)


def read(fileobj, today=None):
    """Check the whole file; returns the Report and, when it has no problem, the Reading."""
    report = Report()
    today = today or timezone.localdate()
    text = io.TextIOWrapper(fileobj, encoding="utf-8-sig", newline="")
    try:
        rows = csv.DictReader(text)
        header = [name.strip().lower() for name in rows.fieldnames or []]
        missing = [name for name in REQUIRED if name not in header]
        for name in missing:
            report.add(1, name, _("The header row has no column “%(column)s”.") % {"column": name})
        if missing:
            return report, None
        rows.fieldnames = header
        reading = Reading(report, today)
        for number, cells in enumerate(rows, start=2):
            report.rows += 1
            reading.row(number, {name: (value or "") for name, value in cells.items() if name})
    except (UnicodeDecodeError, csv.Error) as error:
        report.add(report.rows + 2, "", _("This is not a CSV file in UTF-8 (%(error)s).") % {"error": error})
        return report, None
    finally:
        text.detach()
    if not report.rows:
        report.add(2, "", _("The file has no survey in it."))
    return report, (reading if report.ok else None)


def import_surveys(fileobj, today=None):
    """Import the vendor's file whole, or nothing when it has any problem. Returns the Report."""
    return _saved(fileobj, today, keep=True)


def preview(fileobj, today=None):
    """What importing the file would add, or its problems, with nothing changed. Returns the Report.

    The import itself, rolled back: the problems only the database shows (a survey imported before
    with another doctor, an answer with another score) are found as the import finds them."""
    return _saved(fileobj, today, keep=False)


def _saved(fileobj, today, keep):
    report, reading = read(fileobj, today)
    if reading is None:
        return report
    with transaction.atomic():
        saved = save(reading, report)
        if report.ok and keep:
            refresh(saved)
            report.imported = True
        else:
            transaction.set_rollback(True)
    return report


def _chunks(values, size=2000):
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start : start + size]


def save(reading, report):
    """Adds what is new; returns the ids of the doctors whose surveys changed."""
    existing = {}
    for chunk in _chunks(reading.surveys):
        for vendor_id, pk, doctor, date in Survey.objects.filter(vendor_id__in=chunk).values_list(
            "vendor_id", "pk", "doctor_id", "date"
        ):
            existing[vendor_id] = (pk, doctor, date)
    new = []
    for vendor_id, (doctor, date, number) in reading.surveys.items():
        if vendor_id not in existing:
            new.append(Survey(vendor_id=vendor_id, doctor_id=doctor, date=date))
        elif existing[vendor_id][1:] != (doctor, date):
            message = _("Survey %(id)s was imported before with another doctor or date.")
            report.add(number, "survey_id", message % {"id": vendor_id})
    Survey.objects.bulk_create(new, batch_size=2000)
    report.surveys_new, report.surveys_known = len(new), len(existing)
    pks = {vendor_id: pk for vendor_id, (pk, _doctor, _date) in existing.items()}
    pks.update((survey.vendor_id, survey.pk) for survey in new)
    answered = {}
    for chunk in _chunks(pk for pk, _doctor, _date in existing.values()):
        for survey, question, score in SurveyAnswer.objects.filter(survey_id__in=chunk).values_list(
            "survey_id", "question_id", "score"
        ):
            answered[survey, question] = score
    answers = []
    for (vendor_id, question), (score, number) in reading.answers.items():
        before = answered.get((pks[vendor_id], question))
        if before is None:
            answers.append(SurveyAnswer(survey_id=pks[vendor_id], question_id=question, score=score))
        elif before != score:
            message = _("This answer was imported before with the score %(score)d.")
            report.add(number, "score", message % {"score": before})
    SurveyAnswer.objects.bulk_create(answers, batch_size=5000)
    report.answers_new = len(answers)
    known_comments = set()
    for chunk in _chunks(reading.comments):
        known_comments.update(
            SurveyComment.objects.filter(vendor_id__in=chunk).values_list("vendor_id", flat=True)
        )
    comments = [
        SurveyComment(
            vendor_id=comment_id,
            survey_id=pks[vendor_id],
            doctor_id=reading.surveys[vendor_id][0],
            date=reading.surveys[vendor_id][1],
            text=text,
            language=language,
        )
        for comment_id, (vendor_id, text, language, _row) in reading.comments.items()
        if comment_id not in known_comments
    ]
    SurveyComment.objects.bulk_create(comments, batch_size=2000)
    report.comments_new = len(comments)
    return {doctor for doctor, _date, _row in reading.surveys.values()}
