"""Finding doctors from what patients type: names, specialties, conditions and symptoms, with typos.

Two parts:
- `SpecialtyMatcher`: the specialty and condition terms (and their synonyms: the `Vocabulary`
  models), kept in the cache, which turns "chest pain", "heart doctor" or "cardiolgy" into the
  specialties that treat it.
- `search()`: narrows and ranks a doctor queryset. On PostgreSQL it uses the full-text vector and
  trigram similarity on names (both indexed); elsewhere a simpler word match on the same text.
"""

import difflib
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FloatField, Max, Q, Value, When
from django_cte import CTE, with_cte

from toolkit.caching import ProcessMemo
from toolkit.translation import in_language, sort_key, translations

from .caching import VOCABULARY
from .models import Condition, Doctor, DoctorSearch, Specialty

# Named after the pickled class: a new name or shape of the class needs a new key.
MATCHER_CACHE_KEY = "doctors:specialty-matcher:every-language"
# Each process keeps the one matcher of the current vocabulary (and the last, while it moves on).
_MATCHERS = ProcessMemo(size=2)
WORD = re.compile(r"[\w'’-]+")


def normalize(text):
    """Lower-case words without accents: "Erupción" and "erupcion" are the same search."""
    return " ".join(WORD.findall(sort_key(text)))


@dataclass
class SpecialtyMatcher:
    """The terms (names and synonyms) of the vocabulary in every language, without accents; what a
    match is called is shown in the page's language."""

    # term (normalized) -> (label shown to the patient, as ((language, name), ...), specialty ids)
    terms: dict[str, tuple[tuple, frozenset[int]]] = field(default_factory=dict)

    @classmethod
    def load(cls):
        """The matcher of the vocabulary's current version: kept in this process (ProcessMemo), else
        read from the shared cache, else built (and shared)."""
        key = f"{MATCHER_CACHE_KEY}:{VOCABULARY.version()}"
        return _MATCHERS.shared(key, cls.build, 60 * 60 * 24)

    @classmethod
    def build(cls):
        matcher = cls()
        for specialty in Specialty.objects.all():
            for term in specialty.all_terms:
                matcher.add(term, label_of(specialty), {specialty.pk})
        for condition in Condition.objects.prefetch_related("specialties"):
            ids = {s.pk for s in condition.specialties.all()}
            for term in condition.all_terms:
                matcher.add(term, label_of(condition), ids)
        return matcher

    def add(self, term, label, specialty_ids):
        term = normalize(term)
        if not term:
            return
        _, ids = self.terms.get(term, (label, frozenset()))
        self.terms[term] = (label, ids | frozenset(specialty_ids))

    def completions(self, prefix):
        """What the terms beginning with `prefix` are called, in the page's language."""
        prefix = normalize(prefix)
        labels = {label for term, (label, _ids) in self.terms.items() if term.startswith(prefix)}
        return {in_language(dict(label)) for label in labels}

    def match(self, query):
        """The terms a query means, as {label: specialty ids}, each label a translation.Text in the
        page's language: whole terms, then near misses."""
        return {in_language(dict(label)): ids for label, ids in self.match_labels(query).items()}

    def match_labels(self, query):
        query = normalize(query)
        if not query:
            return {}
        matched = {}
        padded = f" {query} "
        for term, (label, ids) in self.terms.items():
            # The term appears whole in the query ("bad chest pain"), or the query is a
            # good part of a longer term ("knee" in "knee replacement").
            if f" {term} " in padded or (len(query) >= 4 and f" {query} " in f" {term} "):
                matched[label] = matched.get(label, frozenset()) | ids
        if matched:
            return matched
        # Typos: compare the whole query and each longer word with the known terms.
        candidates = [query, *(word for word in query.split() if len(word) >= 5)]
        for candidate in candidates:
            for term in difflib.get_close_matches(candidate, self.terms, n=3, cutoff=0.8):
                label, ids = self.terms[term]
                matched[label] = matched.get(label, frozenset()) | ids
        return matched


def label_of(vocabulary):
    return tuple(sorted(translations(vocabulary, "name").items()))


@dataclass
class SearchResult:
    # Which doctors match: a condition, so that counting them does not compute the relevance of each.
    matches: Q
    # What the words were taken to mean, e.g. {"Chest pain": {…}}: shown as "Including…".
    interpretations: dict
    # (doctors) -> those of them that match, each with its relevance: see ranked().
    rank: Callable

    def ranked(self, doctors):
        """`doctors` (a queryset not yet narrowed to these words: the other filters only) narrowed to
        the matches, each with its relevance (annotated as `relevance`)."""
        return self.rank(doctors)


def search(query):
    """Doctors matching `query` by name, specialty, condition or symptom, and their relevance."""
    query = query.strip()
    interpretations = SpecialtyMatcher.load().match(query)
    specialty_ids = set().union(*interpretations.values()) if interpretations else set()
    linked = Doctor.specialties.through.objects.filter(specialty_id__in=specialty_ids).order_by()
    exact_name = Case(
        When(Q(full_name__iexact=query) | Q(last_name__iexact=query), then=Value(10.0)),
        default=Value(0.0),
        output_field=FloatField(),
    )

    if connection.vendor == "postgresql":
        # Each way of matching is an indexed query (GIN full-text, GIN trigram, the specialty link
        # table), each row a doctor with what it adds to the relevance: the words' `rank`, and
        # `named` (1) for a specialty the words name.
        text_query = SearchQuery(query, config="english", search_type="websearch")
        branches = [
            DoctorSearch.objects.filter(vector=text_query)
            .order_by()
            .values("doctor_id", rank=SearchRank(F("vector"), text_query), named=ZERO)
        ]
        words = normalize(query).split()
        if not interpretations and len(words) <= 3:
            # Misspelt names: what the vocabulary does not know is most likely a name. Each word
            # is compared with first and last names, each through its own trigram index.
            by_name = Q()
            for word in words:
                by_name |= Q(last_name__trigram_similar=word) | Q(first_name__trigram_similar=word)
            branches.append(
                Doctor.objects.filter(by_name).order_by().values(doctor_id=F("pk"), rank=ZERO, named=ZERO)
            )
        if specialty_ids:
            branches.append(linked.values("doctor_id", rank=ZERO, named=ONE))
        # The doctors are those in the UNION of the branches: OR-ing them in one WHERE would make
        # PostgreSQL test every row of the table instead.
        matches = Q(pk__in=_union([branch.values("doctor_id") for branch in branches]))

        def rank(doctors):
            # The branches' rows grouped by doctor in a WITH clause, then joined to the doctors by
            # primary key: each match's words ranked where the full-text index found it, and the
            # doctors read only for the matches. Joining the matches' vectors and the specialty links
            # to the doctors afterwards read both again, and every doctor: "cardiology" at 100,000
            # doctors took about half as long again (bench/directory_explain.py).
            rows = CTE(_union(branches, all=True), name="doctor_search_rows")
            best = CTE(
                rows.queryset()
                .values("doctor_id")
                .annotate(words_rank=Max("rank"), by_specialty=Max("named"))
                .order_by(),
                name="doctor_search_best",
            )
            relevance = exact_name + best.col.by_specialty + best.col.words_rank
            if not interpretations:
                # Ranking names by likeness costs a comparison per row: only for name-like queries.
                relevance += TrigramWordSimilarity(query, "full_name") * 2
            joined = best.join(doctors, id=best.col.doctor_id)
            return with_cte(rows, best, select=joined).annotate(relevance=relevance)

    else:
        words = normalize(query).split()
        all_words = Q()
        for word in words:
            all_words &= Q(text__contains=word)
        by_words = (
            Q(pk__in=DoctorSearch.objects.filter(all_words).values("doctor_id")) if words else Q(pk__in=[])
        )
        by_specialty = Q(pk__in=linked.values("doctor_id"))
        matches = by_words | by_specialty
        relevance = (
            exact_name
            + Case(
                When(full_name__icontains=query, then=Value(5.0)),
                default=Value(0.0),
                output_field=FloatField(),
            )
            + Case(When(by_specialty, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
        )

        def rank(doctors):
            return doctors.filter(matches).annotate(relevance=relevance)

    return SearchResult(matches=matches, interpretations=interpretations, rank=rank)


ZERO, ONE = Value(0.0, output_field=FloatField()), Value(1.0, output_field=FloatField())


def _union(querysets, all=False):  # noqa: A002  # QuerySet.union's own name for it
    return querysets[0].union(*querysets[1:], all=all)
