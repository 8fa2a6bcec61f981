"""Patients' ratings of their doctors, from the hospital's post-visit surveys only (never open reviews).

A doctor's `DoctorRating` is worked out from the surveys returned in the rating period (the last
RATINGS_PERIOD_DAYS days): the overall score (the mean of every answer), the number of surveys, the
period's first and last survey dates, the mean per question, how many answers gave each score, and
the comments published and withheld (by reason). It is worked out again after each import of
surveys, after each moderation decision, and daily, as the period moves (the mail worker's
schedule, `manage.py refresh_ratings`). Pages read only that row: whether a rating is shown
(RATINGS_MIN_SURVEYS surveys or more) is decided by `shown()`, and comments show beside a shown
rating once RATINGS_MIN_COMMENTS are published.
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone
from django.utils.functional import cached_property

from locations.caching import DIRECTORY

from . import cards
from .caching import VOCABULARY
from .models import (
    CommentDecision,
    CommentStatus,
    DoctorRating,
    Survey,
    SurveyAnswer,
    SurveyComment,
    SurveyQuestion,
)


def period(today=None):
    """(first day, last day) of the rating period ending `today`."""
    today = today or timezone.localdate()
    return today - datetime.timedelta(days=settings.RATINGS_PERIOD_DAYS - 1), today


def period_months():
    """The rating period in whole months, as pages say it ("the last 12 months")."""
    return round(settings.RATINGS_PERIOD_DAYS / 30.44)


def shown(rating):
    """True when a doctor's rating (a DoctorRating, or None) may be shown."""
    return rating is not None and rating.surveys >= settings.RATINGS_MIN_SURVEYS


def comments_shown(rating):
    return shown(rating) and rating.comments_published >= settings.RATINGS_MIN_COMMENTS


def questions():
    """The survey questions, kept in the cache until one changes (profiles name them)."""
    key = f"doctors:survey-questions:{VOCABULARY.version()}"
    found = cache.get(key)
    if found is None:
        found = list(SurveyQuestion.objects.all())
        cache.set(key, found, 60 * 60)
    return found


def stars(score):
    """Five stars as "full", "half" or "empty", for a score out of 5 (to the nearest half)."""
    halves = int((Decimal(score) * 2).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    return ["full"] * (halves // 2) + ["half"] * (halves % 2) + ["empty"] * (5 - halves // 2 - halves % 2)


def published_comments(doctor, today=None):
    """The doctor's published comments of the period, newest first (what the profile pages through)."""
    first, last = period(today)
    return SurveyComment.objects.filter(
        doctor=doctor, status=CommentStatus.PUBLISHED, date__gte=first, date__lte=last
    ).order_by("-date", "-pk")


def refresh(doctor_ids=None, today=None):
    """Work out the ratings of these doctors (all when None) again, in a fixed number of queries.

    Returns how many doctors have a rating row afterwards among those worked out."""
    first, last = period(today)
    surveys = Survey.objects.filter(date__gte=first, date__lte=last)
    comments = SurveyComment.objects.filter(date__gte=first, date__lte=last)
    if doctor_ids is not None:
        doctor_ids = list(doctor_ids)
        surveys = surveys.filter(doctor_id__in=doctor_ids)
        comments = comments.filter(doctor_id__in=doctor_ids)
    rows = {}
    for row in (
        surveys.order_by().values("doctor_id").annotate(n=Count("pk"), first=Min("date"), last=Max("date"))
    ):
        rows[row["doctor_id"]] = DoctorRating(
            doctor_id=row["doctor_id"],
            score=Decimal(0),
            surveys=row["n"],
            first_date=row["first"],
            last_date=row["last"],
            questions={},
            distribution={str(score): 0 for score in range(1, 6)},
            comments_withheld={},
        )
    answers = SurveyAnswer.objects.filter(survey__in=surveys.values("pk")).order_by()
    per_question = {}
    for row in answers.values("survey__doctor_id", "question_id", "score").annotate(n=Count("pk")):
        rating = rows[row["survey__doctor_id"]]
        rating.distribution[str(row["score"])] += row["n"]
        total, count = per_question.get((rating.doctor_id, row["question_id"]), (0, 0))
        per_question[rating.doctor_id, row["question_id"]] = (
            total + row["score"] * row["n"],
            count + row["n"],
        )
    for (doctor_id, question_id), (total, count) in per_question.items():
        rows[doctor_id].questions[str(question_id)] = str(_two_places(total, count))
    for rating in rows.values():
        count = sum(rating.distribution.values())
        rating.score = _two_places(sum(int(s) * n for s, n in rating.distribution.items()), count)
    for row in (
        comments.exclude(status=CommentStatus.PENDING)
        .order_by()
        .values("doctor_id", "status", "reason")
        .annotate(n=Count("pk"))
    ):
        rating = rows.get(row["doctor_id"])
        if rating is None:
            continue
        if row["status"] == CommentStatus.PUBLISHED:
            rating.comments_published += row["n"]
        else:
            rating.comments_withheld[row["reason"]] = (
                rating.comments_withheld.get(row["reason"], 0) + row["n"]
            )
    now = timezone.now()
    for rating in rows.values():
        rating.computed_at = now
    with transaction.atomic():
        stale = DoctorRating.objects.all()
        if doctor_ids is not None:
            stale = stale.filter(doctor_id__in=doctor_ids)
        rated_before = set(stale.values_list("doctor_id", flat=True))
        stale.delete()
        DoctorRating.objects.bulk_create(rows.values(), batch_size=2000)
        # Bulk changes send no signals: the cards of the doctors rated before or now are stale, and
        # the cached directory pages.
        cards.touch(rated_before | set(rows))
    DIRECTORY.changed()
    return len(rows)


class RatedFirst:
    """The ids of `doctors` (a queryset of the matching ones) with a rating shown first, best first,
    then the others, never left out; each part by name. Sliced as a queryset is
    (toolkit.listing.FetchedByIds).

    Read as two lists rather than one ordered by a score that is empty for most doctors: the rated
    doctors are few, and the others come in the order of the name index, so a page reads only the
    rows it shows instead of sorting every matching doctor.
    """

    def __init__(self, doctors):
        rated = Q(rating__surveys__gte=settings.RATINGS_MIN_SURVEYS)
        self.rated = doctors.filter(rated).order_by("-rating__score", "last_name", "first_name", "pk")
        self.others = doctors.exclude(rated).order_by("last_name", "first_name", "pk")

    @cached_property
    def rated_count(self):
        return self.rated.count()

    def __getitem__(self, bounds):
        start, stop, ids = bounds.start, bounds.stop, []
        if start < self.rated_count:
            ids += self.rated.values_list("pk", flat=True)[start : min(stop, self.rated_count)]
        if stop > self.rated_count:
            after = max(0, start - self.rated_count)
            ids += self.others.values_list("pk", flat=True)[after : stop - self.rated_count]
        return ids


def _two_places(total, count):
    return (Decimal(total) / Decimal(count or 1)).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def decide(comments, status, user, reason=""):
    """Publish or withhold comments (withholding needs a reason from WithholdReason), each decision
    kept as a CommentDecision; the doctors' ratings are worked out again. Returns how many changed."""
    if status == CommentStatus.WITHHELD and not reason:
        raise ValueError("A comment is withheld for a reason.")
    if status == CommentStatus.PUBLISHED:
        reason = ""
    now = timezone.now()
    comments = list(comments)
    with transaction.atomic():
        for comment in comments:
            comment.status, comment.reason = status, reason
            comment.decided_at, comment.decided_by = now, user
        SurveyComment.objects.bulk_update(comments, ["status", "reason", "decided_at", "decided_by"])
        CommentDecision.objects.bulk_create(
            CommentDecision(comment=c, status=status, reason=reason, decided_at=now, decided_by=user)
            for c in comments
        )
        refresh({comment.doctor_id for comment in comments})
    return len(comments)
