"""The demo's patient experience: the survey's questions, a fictional survey vendor's export for the
first demo doctors, imported through the real importer (doctors.surveys), and the comments decided
through the real moderation (doctors.ratings.decide).

Every survey, score and comment is invented. Most of those doctors have enough surveys for a rating,
some too few (their profiles say why there is none), a few none. Comments are in English and some in
Spanish; most are published, some wait for review, and some are not shown, each for a reason its
words give. Only the first RATINGS_DEMO_DOCTORS doctors get surveys, so that a benchmark directory of
tens of thousands of doctors loads in about the same time; `ensure_ratings()` gives surveys to those
of them that have none yet, so it is idempotent.
"""

import csv
import io
import random
from datetime import timedelta

from django.utils import timezone

from doctors.models import CommentStatus, Doctor, SurveyComment, SurveyQuestion, WithholdReason
from doctors.ratings import decide
from doctors.surveys import import_surveys

RATINGS_DEMO_DOCTORS = 400

# (the vendor's key, English, Spanish): each read after "The doctor…"
QUESTIONS = [
    ("CP_EXPLAIN", "Explained things in a way that was easy to understand",
     "Le explicó las cosas de forma fácil de entender"),
    ("CP_LISTEN", "Listened carefully to you", "Le escuchó con atención"),
    ("CP_RESPECT", "Showed respect for what you had to say",
     "Mostró respeto por lo que usted tenía que decir"),
    ("CP_TIME", "Spent enough time with you", "Le dedicó suficiente tiempo"),
    ("CP_HISTORY", "Knew the important information about your medical history",
     "Conocía la información importante de sus antecedentes médicos"),
    ("CP_RECOMMEND", "Is one you would recommend to family and friends",
     "Es alguien a quien recomendaría a su familia y amigos"),
]  # fmt: skip

PRAISE_EN = [
    "Took the time to explain my test results and answered every question I had.",
    "Very kind and patient. I never felt rushed.",
    "Listened to me and made a plan we agreed on together.",
    "Clear explanations, and the follow-up call came exactly when promised.",
    "I have seen many doctors over the years and this was the best visit I have had.",
    "Remembered details from my last visit, which made me feel cared for.",
    "Honest about my options, including the ones that were not surgery.",
    "Made my elderly mother feel comfortable and spoke directly to her, not just to me.",
    "Explained the procedure step by step and the recovery went just as described.",
    "Warm, knowledgeable and thorough. I left with a clear plan.",
    "Always on time, and never makes me feel like a number.",
    "Good with my kids: they were nervous and left smiling.",
    "Answered my portal messages quickly and clearly.",
    "Helped me understand my diagnosis without scaring me.",
    "Very thorough exam, and wrote everything down for me.",
]
CRITICISM_EN = [
    "Good doctor, but the wait past my appointment time was over an hour.",
    "Knowledgeable, though the visit felt short for everything I wanted to ask.",
    "Explained things well, but I had to call twice to get my results.",
    "Fine visit overall; I would have liked more time to talk about side effects.",
    "Competent, but used a lot of medical terms I had to look up afterwards.",
]
PRAISE_ES = [
    "Me explicó todo con mucha paciencia y respondió todas mis preguntas.",
    "Muy amable y atento. Nunca me sentí apurada.",
    "Me escuchó y juntos hicimos un plan de tratamiento.",
    "Excelente trato, y el intérprete estuvo disponible toda la consulta.",
    "Explicó los resultados de forma clara y sin prisa.",
    "Muy buena doctora, mis hijos se sintieron cómodos con ella.",
    "Atención muy profesional. La recomiendo a mi familia.",
]
CRITICISM_ES = [
    "Buen médico, pero esperé más de una hora después de la hora de mi cita.",
    "La consulta fue corta para todo lo que quería preguntar.",
]
# Comments that are not shown, in the words that are the reason.
WITHHELD = {
    WithholdReason.IDENTIFIES_PERSON: [
        "The nurse at the front desk, the one with the red glasses on Tuesdays, was rude to me.",
        "My neighbour Jim Parker saw this doctor too and says the same.",
    ],
    WithholdReason.HEALTH_DETAILS: [
        "After my second miscarriage this year and the biopsy results, the doctor was kind.",
    ],
    WithholdReason.PROFANITY: ["This was a [profanity] waste of my whole [profanity] afternoon."],
    WithholdReason.NOT_ABOUT_CARE: [
        "The garage was full and parking cost far too much.",
        "My bill had a charge I did not understand and nobody answers the billing line.",
    ],
    WithholdReason.WRONG_DOCTOR: ["I actually saw the resident, not this doctor, but she was great."],
    WithholdReason.UNCLEAR: ["ok ok ok"],
}


def ensure_questions():
    for order, (key, english, spanish) in enumerate(QUESTIONS):
        SurveyQuestion.objects.get_or_create(
            key=key, defaults={"text_en": english, "text_es": spanish, "order": order}
        )


def ensure_ratings(user=None, seed=2026):
    """Surveys for the first demo doctors that have none, imported and moderated as staff would.
    Returns how many surveys were imported."""
    ensure_questions()
    doctors = list(
        Doctor.objects.filter(is_demo=True, surveys__isnull=True)
        .filter(pk__in=Doctor.objects.filter(is_demo=True).order_by("pk").values("pk")[:RATINGS_DEMO_DOCTORS])
        .order_by("pk")
        .values_list("npi", flat=True)
    )
    if not doctors:
        return 0
    today = timezone.localdate()
    export, kinds = io.StringIO(), {}
    writer = csv.writer(export)
    writer.writerow(
        ["npi", "survey_id", "survey_date", "question", "score", "comment", "comment_id", "language"]
    )
    for npi in doctors:
        rng = random.Random(f"{seed}-{npi}")  # noqa: S311 - demo data, not security  # nosec B311
        count = rng.choices([rng.randint(30, 140), rng.randint(4, 29), 0], weights=[75, 18, 7])[0]
        mean = rng.uniform(4.2, 4.95)
        for number in range(count):
            survey_id = f"DEMO-{npi}-{number:04d}"
            date = today - timedelta(days=rng.randint(1, 330))
            comment = language = comment_id = ""
            if rng.random() < 0.3:
                comment, language, kind = _comment(rng)
                comment_id = f"DEMO-C-{npi}-{number:04d}"
                kinds[comment_id] = kind
            for key, _english, _spanish in QUESTIONS:
                score = max(1, min(5, round(rng.gauss(mean, 0.6))))
                writer.writerow([npi, survey_id, date.isoformat(), key, score, comment, comment_id, language])
                comment = comment_id = language = ""  # the comment on the survey's first row
    if export.getvalue().count("\n") == 1:  # those doctors' draws gave them no survey
        return 0
    report = import_surveys(io.BytesIO(export.getvalue().encode()))
    if not report.imported:
        raise RuntimeError(f"The demo's survey export was refused: {report.problems[:3]}")
    _moderate(kinds, user)
    return report.surveys_new


def _comment(rng):
    """(text, language, what becomes of it: "publish", "pending" or a WithholdReason)."""
    if rng.random() < 0.08:
        reason = rng.choice(list(WITHHELD))
        return rng.choice(WITHHELD[reason]), "en", reason
    spanish = rng.random() < 0.15
    praise, criticism = (PRAISE_ES, CRITICISM_ES) if spanish else (PRAISE_EN, CRITICISM_EN)
    text = rng.choice(criticism if rng.random() < 0.2 else praise)
    return text, "es" if spanish else "en", "pending" if rng.random() < 0.15 else "publish"


def _moderate(kinds, user):
    by_kind = {}
    for comment_id, kind in kinds.items():
        by_kind.setdefault(kind, []).append(comment_id)
    for kind, ids in by_kind.items():
        for start in range(0, len(ids), 2000) if kind != "pending" else ():
            comments = SurveyComment.objects.filter(vendor_id__in=ids[start : start + 2000])
            if kind == "publish":
                decide(comments, CommentStatus.PUBLISHED, user)
            else:
                decide(comments, CommentStatus.WITHHELD, user, kind)
