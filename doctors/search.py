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
from dataclasses import dataclass, field

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.db import connection
from django.db.models import Case, F, FilteredRelation, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce

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
    # Which doctors match, and how well: kept apart, so that counting the matches does not
    # compute the relevance of every one of them.
    matches: Q
    relevance: object
    # What the words were taken to mean, e.g. {"Chest pain": {…}}: shown as "Including…".
    interpretations: dict
    # Relations the relevance reads (FilteredRelation), joined before it is computed.
    joins: dict = field(default_factory=dict)

    def ranked(self, doctors):
        """`doctors` with their relevance (annotated as `relevance`)."""
        return doctors.annotate(**self.joins).annotate(relevance=self.relevance)


def search(query):
    """Doctors matching `query` by name, specialty, condition or symptom, and their relevance."""
    query = query.strip()
    interpretations = SpecialtyMatcher.load().match(query)
    specialty_ids = set().union(*interpretations.values()) if interpretations else set()
    by_specialty = Q(
        pk__in=Doctor.specialties.through.objects.filter(specialty_id__in=specialty_ids).values("doctor_id")
    )
    exact_name = Q(full_name__iexact=query) | Q(last_name__iexact=query)

    if connection.vendor == "postgresql":
        # Each way of matching is an indexed subquery (GIN full-text, GIN trigram, the specialty
        # link table), and the doctors are those in their UNION: OR-ing the subqueries in one WHERE
        # would make PostgreSQL test every row of the table instead.
        text_query = SearchQuery(query, config="english", search_type="websearch")
        branches = [DoctorSearch.objects.filter(vector=text_query).order_by().values("doctor_id")]
        words = normalize(query).split()
        if not interpretations and len(words) <= 3:
            # Misspelt names: what the vocabulary does not know is most likely a name. Each word
            # is compared with first and last names, each through its own trigram index.
            by_name = Q()
            for word in words:
                by_name |= Q(last_name__trigram_similar=word) | Q(first_name__trigram_similar=word)
            branches.append(Doctor.objects.filter(by_name).order_by().values("pk"))
        if specialty_ids:
            branches.append(
                Doctor.specialties.through.objects.filter(specialty_id__in=specialty_ids)
                .order_by()
                .values("doctor_id")
            )
        matches = Q(pk__in=branches[0].union(*branches[1:]))
        # The words' rank, read only for the doctors whose words match (a vector that does not match
        # ranks 0), joined from those rows, which the full-text index finds in one pass. Joining the
        # table whole read every doctor's vector (28 ms at 100,000 doctors); a subquery per doctor
        # looked each up by the primary key (about 20 ms more than this join for "cardiology").
        joins = {"words": FilteredRelation("search", condition=Q(search__vector=text_query))}
        relevance = (
            Case(When(exact_name, then=Value(10.0)), default=Value(0.0), output_field=FloatField())
            + Case(When(by_specialty, then=Value(1.0)), default=Value(0.0), output_field=FloatField())
            + Coalesce(SearchRank(F("words__vector"), text_query), Value(0.0))
        )
        if not interpretations:
            # Ranking names by likeness costs a comparison per row: only for name-like queries.
            relevance += TrigramWordSimilarity(query, "full_name") * 2
    else:
        joins = {}
        words = normalize(query).split()
        all_words = Q()
        for word in words:
            all_words &= Q(text__contains=word)
        by_words = (
            Q(pk__in=DoctorSearch.objects.filter(all_words).values("doctor_id")) if words else Q(pk__in=[])
        )
        matches = by_words | by_specialty
        relevance = (
            Case(When(exact_name, then=Value(10)), default=Value(0), output_field=IntegerField())
            + Case(
                When(full_name__icontains=query, then=Value(5)), default=Value(0), output_field=IntegerField()
            )
            + Case(When(by_specialty, then=Value(1)), default=Value(0), output_field=IntegerField())
        )
    return SearchResult(matches=matches, relevance=relevance, interpretations=interpretations, joins=joins)
