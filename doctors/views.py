"""Find a Doctor: the browsable, filterable list and each doctor's profile."""

import datetime
from collections import defaultdict

from cms.models import CMSPlugin
from cms.utils.i18n import get_fallback_languages
from django.conf import settings
from django.core.cache import cache
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.generic import DetailView

from locations.caching import DIRECTORY
from pricing.models import Plan
from toolkit import structured_data
from toolkit.addresses import absolute_url
from toolkit.caching import ProcessMemo
from toolkit.listing import FilteredListView, KeptCard, query_without
from toolkit.translation import in_language, sort_key
from toolkit.views import (
    AppLanguageChangerMixin,
    json_for_script,
    show_in_breadcrumbs,
)

from . import cards as doctor_cards
from . import ratings
from .distance import NearestFirst
from .forms import AGE_SLUGS, DoctorSearchForm
from .models import AcceptedInsurer, AcceptedPlan, AgeGroup, Doctor, Practice, Specialty, WithholdReason
from .search import search


class DoctorListView(FilteredListView):
    template_name = "doctors/doctor_list.html"
    form_class = DoctorSearchForm
    context_object_name = "doctors"
    relaxable = [name for name in DoctorSearchForm.FILTERS if name != "zip"]  # a ZIP code only sorts

    def setup(self, request, *args, **kwargs):
        super().setup(request, *args, **kwargs)
        self.searches = {}

    def text_search(self, query):
        """The text search's result for `query`, worked out once however often the list is counted."""
        if query not in self.searches:
            self.searches[query] = search(query)
        return self.searches[query]

    def matching(self, data):
        doctors = Doctor.objects.published()
        if data.get("q"):
            doctors = doctors.filter(self.text_search(data["q"]).matches)
        # Relations filter through subqueries on their link tables: no join, so no DISTINCT to count.
        if data.get("specialty"):
            # The specialty and its sub-specialties, as ids the link table's index looks up: an OR
            # across the join to the specialties would read every link instead.
            family = Specialty.objects.filter(Q(pk=data["specialty"].pk) | Q(parent=data["specialty"].pk))
            linked = Doctor.specialties.through.objects.filter(specialty__in=family.values("pk")).values(
                "doctor_id"
            )
            doctors = doctors.filter(pk__in=linked)
        # Doctors who take the plan (or any of the insurer's) at a practice patients can find.
        if data.get("plan"):
            doctors = doctors.filter(
                pk__in=AcceptedPlan.objects.filter(plan=data["plan"]).values("doctor_id")
            )
        elif data.get("insurer"):
            taken = AcceptedInsurer.objects.filter(payer=data["insurer"])
            doctors = doctors.filter(pk__in=taken.values("doctor_id"))
        if data.get("age"):
            bit = AGE_SLUGS[data["age"]]
            # Every value of the bits with this one set: an IN list any database compares with an index.
            seen = [value for value in range(2 ** len(AgeGroup)) if value & bit]
            doctors = doctors.filter(ages_seen__in=seen)
        if data.get("location"):
            doctors = doctors.filter(
                pk__in=Practice.objects.filter(location=data["location"]).values("doctor_id")
            )
        if data.get("language"):
            linked = Doctor.languages.through.objects.filter(language=data["language"]).values("doctor_id")
            doctors = doctors.filter(pk__in=linked)
        if data.get("accepting"):
            doctors = doctors.filter(accepting_new_patients=data["accepting"])
        if data.get("virtual"):
            doctors = doctors.filter(offers_virtual_visits=True)
        if data.get("seen"):
            now = timezone.now()
            doctors = doctors.filter(
                next_opening__gt=now, next_opening__lte=now + datetime.timedelta(days=int(data["seen"]))
            )
        if data.get("gender"):
            doctors = doctors.filter(gender=data["gender"])
        return doctors

    def ordered_ids(self, doctors):
        """Best match (with a query), last name, or distance.

        Only ids are sorted, so the database orders narrow rows; the page's doctors are fetched
        after. Distance is to the nearest of a doctor's practices at published places (doctors
        with none come last), in the miles the cards show (doctors.distance).
        """
        sort, origin = self.sort, self.data.get("zip")
        if sort == DoctorSearchForm.SORT_DISTANCE and origin:
            return NearestFirst(doctors, origin, self.matches_count)
        if sort == DoctorSearchForm.SORT_RATING:
            # A rating shown (enough surveys) sorts by its score; the others follow, by name.
            return ratings.RatedFirst(doctors)
        if sort == DoctorSearchForm.SORT_RELEVANCE and self.data.get("q"):
            # The other filters' doctors, which the search narrows to its matches as it ranks them.
            others = self.matching({name: value for name, value in self.data.items() if name != "q"})
            doctors = (
                self.text_search(self.data["q"])
                .ranked(others)
                .order_by("-relevance", "last_name", "first_name", "pk")
            )
        else:
            doctors = doctors.order_by("last_name", "first_name", "pk")
        return doctors.values_list("pk", flat=True)

    @property
    def sort(self):
        return self.data.get("sort") or DoctorSearchForm.SORT_RELEVANCE

    def counts_while_sorting(self):
        # Nearest first and rated first read only the doctors of the page (doctors.distance,
        # doctors.ratings): only a ranking of words visits every match.
        return self.sort == DoctorSearchForm.SORT_RELEVANCE and bool(self.data.get("q"))

    @cached_property
    def matches_count(self):
        if set(self.data) - {"sort", "zip"}:  # filtered: every search its own count
            return self.matches.count()
        # The whole directory, as every visitor without a filter sees it until it changes.
        return _WHOLE_COUNT.shared(f"doctors:count:{DIRECTORY.version()}", self.matches.count, 60 * 60)

    def cards(self):
        return Doctor.objects.for_cards()

    def kept_cards(self, ids):
        """The cards of the page kept rendered ({% keep_card %}), read at once: their doctors are
        not loaded. What a card says of the place (where, how far) is never kept. What is kept is
        the card's own rendered HTML, under a key that moves with what it shows (doctors.cards)."""
        self.card_keys = doctor_cards.keys(self.request.path, ids)
        kept = cache.get_many(self.card_keys)
        return {self.card_keys[key]: mark_safe(html) for key, html in kept.items()}  # noqa: S308  # nosec B308 B703

    def keep_cards(self, rendered):
        if rendered:
            by_id = {pk: key for key, pk in self.card_keys.items()}
            cache.set_many({by_id[pk]: html for pk, html in rendered.items() if pk in by_id}, 60 * 60)

    def annotate(self, doctors):
        """Each card's place: the first practice, or the nearest to the ZIP code given. The doctors
        of kept cards are not loaded: their practices are, in one query."""
        kept = [doctor.pk for doctor in doctors if isinstance(doctor, KeptCard)]
        practices = defaultdict(list)
        if kept:
            for practice in (
                Practice.objects.filter(doctor_id__in=kept).select_related("location").order_by("order", "pk")
            ):
                practices[practice.doctor_id].append(practice)
        origin = self.data.get("zip")
        for doctor in doctors:
            places = practices[doctor.pk] if isinstance(doctor, KeptCard) else list(doctor.practices.all())
            doctor.place = places[0] if places else None
            doctor.opening = next_opening(places)
            if origin:
                doctor.nearest = nearest_practice(places, origin)

    def extra_context(self):
        found = self.text_search(self.data["q"]) if self.data.get("q") else None
        return {
            "interpretations": sorted(found.interpretations, key=sort_key) if found else [],
        }

    def chip_label(self, name, value):
        # Insurers and plans are named as they name themselves, in English (as in their selects).
        if name == "plan":
            return in_language({"en": f"{value.payer.name} – {value.name}"})
        if name == "insurer":
            return in_language({"en": value.name})
        return super().chip_label(name, value)

    def chip_removes(self, name):
        # Without its insurer, a plan would still name one: the insurance goes as a whole.
        return [name, "plan"] if name == "insurer" else super().chip_removes(name)

    def widenings(self):
        for name, widened, query in super().widenings():
            if name == "insurer":
                widened = {key: value for key, value in widened.items() if key != "plan"}
                query = query_without(self.request, "page", "insurer", "plan")
            yield name, widened, query
        if self.data.get("accepting") == Doctor.Accepting.YES:
            referral = Doctor.Accepting.REFERRAL
            query = query_without(self.request, "page", accepting=referral)
            yield "referral", {**self.data, "accepting": referral}, query


doctor_list = DoctorListView.as_view()
_WHOLE_COUNT = ProcessMemo(size=2)


def next_opening(practices):
    """The soonest new-patient time at any of these practices (at a published place) within
    SCHEDULING_SHOW_DAYS, as that practice; None if there is none so soon."""
    now = timezone.now()
    horizon = now + datetime.timedelta(days=settings.SCHEDULING_SHOW_DAYS)
    soon = [
        p for p in practices if p.next_opening and now < p.next_opening <= horizon and p.location.is_published
    ]
    return min(soon, key=lambda practice: practice.next_opening, default=None)


def nearest_practice(practices, origin):
    practices = [p for p in practices if p.location.is_published]
    if not practices:
        return None
    miles, practice = min(
        ((p.location.miles_from(origin["latitude"], origin["longitude"]), p) for p in practices),
        key=lambda pair: pair[0],
    )
    return {"practice": practice, "miles": miles}


class DoctorDetailView(AppLanguageChangerMixin, DetailView):
    template_name = "doctors/doctor_detail.html"
    context_object_name = "doctor"

    def get_queryset(self):
        return (
            Doctor.objects.published()
            .for_cards()
            .select_related("interests")  # the profile shows them; cards leave them out
            .prefetch_related(
                "conditions",
                "training",
                "certifications",
                Prefetch("practices__plans", queryset=Plan.objects.select_related("payer")),
            )
        )

    def get_object(self, queryset=None):
        doctor = super().get_object(queryset)
        show_in_breadcrumbs(self.request, doctor)
        return doctor

    def get_context_data(self, **kwargs):
        return {**super().get_context_data(**kwargs), **profile_context(self.request, self.object)}


def profile_context(request, doctor):
    practices = [p for p in doctor.practices.all() if p.location.is_published]
    for practice in practices:
        practice.opening = next_opening([practice])
    language = get_language()
    shown_in = bio_language(request, doctor, language)
    return {
        "doctor": doctor,
        "practices": practices,
        **ratings_context(request, doctor),
        "json_ld": physician_json_ld(request, doctor, practices),
        "bio_language": shown_in,
        # Said above a biography shown in English on a page in another language.
        "bio_note": _("Biography available in English only.") if shown_in != language else "",
    }


def ratings_context(request, doctor):
    """What the profile's ratings section shows: the rating, its questions, and a page of the
    published comments (?comments=2), only when the rating is shown."""
    rating = doctor.shown_rating
    context = {
        "rating": rating,
        "min_surveys": settings.RATINGS_MIN_SURVEYS,
        "period_months": ratings.period_months(),
    }
    if rating is None:
        return context
    questions = ratings.questions()
    context["scores"] = [
        (question, rating.questions[str(question.pk)])
        for question in questions
        if str(question.pk) in rating.questions
    ]
    answers = sum(rating.distribution.values()) or 1
    context["distribution"] = [
        (
            score,
            rating.distribution.get(str(score), 0),
            round(100 * rating.distribution.get(str(score), 0) / answers),
        )
        for score in range(5, 0, -1)
    ]
    context["stars"] = ratings.stars(rating.score)
    context["withheld"] = [
        (WithholdReason(reason).label, count) for reason, count in sorted(rating.comments_withheld.items())
    ]
    if ratings.comments_shown(rating):
        paginator = Paginator(ratings.published_comments(doctor), settings.RATINGS_COMMENTS_PER_PAGE)
        context["comments"] = paginator.get_page(request.GET.get("comments"))
    return context


def bio_language(request, doctor, language):
    """The language the biography is shown in: the page's, or else the first of its fallback
    languages (English) that has one. Staff editing the profile always get the page's language,
    so that what they write goes into it.
    """
    toolbar = getattr(request, "toolbar", None)
    if toolbar is not None and toolbar.edit_mode_active:
        return language
    written = set(
        CMSPlugin.objects.filter(placeholder=doctor.bio, parent=None)
        .values_list("language", flat=True)
        .distinct()
    )
    if language in written or not written:
        return language
    fallbacks = get_fallback_languages(language, site_id=settings.SITE_ID)
    return next((fallback for fallback in fallbacks if fallback in written), language)


def render_doctor(request, doctor):
    """The profile in the CMS editor and preview, where staff write the biography."""
    show_in_breadcrumbs(request, doctor)
    return TemplateResponse(request, DoctorDetailView.template_name, profile_context(request, doctor))


def physician_json_ld(request, doctor, practices):
    # schema.org's names for the specialties (a specialty without one is left out), each once.
    specialties = dict.fromkeys(s.medical_specialty for s in doctor.specialties.all() if s.medical_specialty)
    # No AggregateRating or Review here, although profiles show patients' ratings: search engines
    # ignore the reviews a business serves of itself (its own doctors) and may penalise the page.
    data = {
        "@context": "https://schema.org",
        "@type": "Physician",
        "name": doctor.display_name,
        "url": absolute_url(doctor.get_absolute_url()),
        "medicalSpecialty": [structured_data.member(name) for name in specialties],
        "isAcceptingNewPatients": doctor.accepting_new_patients == Doctor.Accepting.YES,
        # The insurers' plans (networks) taken at any practice. The ages seen have no property on
        # schema.org's Physician (its `audience` belongs to products and services), so are left out.
        "healthPlanNetworkId": list(
            dict.fromkeys(f"{plan.payer.name} {plan.name}" for p in practices for plan in p.plans.all())
        ),
        # BCP 47 codes, as schema.org asks, where the directory has them.
        "knowsLanguage": [language.code or language.name for language in doctor.languages.all()],
        "address": [
            {
                "@type": "PostalAddress",
                "name": p.location.name,
                "streetAddress": p.location.street,
                "addressLocality": p.location.city,
                "addressRegion": p.location.state,
                "postalCode": p.location.zip_code,
                "addressCountry": "US",
            }
            for p in practices
        ],
    }
    telephone = structured_data.telephone(practices[0].phone) if practices else ""
    if telephone:
        data["telephone"] = telephone
    for name in ("medicalSpecialty", "healthPlanNetworkId"):
        if not data[name]:
            del data[name]
    return json_for_script(data)
