"""One search over the site: published pages, doctors and locations, grouped by kind and ranked.

- Pages: PostgreSQL full-text with weights (title, then description, then body) plus trigram
  likeness on titles; elsewhere every word must appear, ranked by where it appears.
- Doctors: the directory's own search (names, specialties, conditions and symptoms, typos).
- Locations: names, the building they are in, and the services they house.
A word that matches nothing is replaced by the nearest word the site uses ("cardiolgy" →
"cardiology"), and the page says so. Snippets are cut from the text and escaped before the
matched words are marked.
"""

import difflib
import operator
import re
from dataclasses import dataclass, field
from functools import reduce
from urllib.parse import quote_plus

from django.contrib.postgres.search import SearchQuery, SearchRank, TrigramWordSimilarity
from django.core.cache import cache
from django.db import connection
from django.db.models import F, Q
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from doctors.models import Doctor
from doctors.search import SpecialtyMatcher
from doctors.search import search as search_doctors
from locations.caching import DIRECTORY
from locations.models import Location, Service

from .caching import SEARCH
from .indexing import SEARCH_CONFIGS
from .models import PageText

WORD = re.compile(r"\w[\w'’-]*")
PAGE_LIMIT = 10
DOCTOR_LIMIT = 5
LOCATION_LIMIT = 5
SNIPPET_LENGTH = 200


@dataclass
class Hit:
    title: str
    url: str
    snippet: str = ""
    detail: str = ""


@dataclass
class Group:
    kind: str
    label: str
    item_label: str
    hits: list
    count: int
    score: float
    more_url: str = ""

    @property
    def more_label(self):
        labels = {
            "doctor": ngettext("See the %(count)d doctor", "See all %(count)d doctors", self.count),
            "location": ngettext("See the %(count)d location", "See all %(count)d locations", self.count),
        }
        return labels.get(self.kind, "") % {"count": self.count}


@dataclass
class Results:
    query: str
    corrected: str = ""
    groups: list = field(default_factory=list)

    @property
    def total(self):
        return sum(group.count for group in self.groups)


def words_of(text):
    return [word.lower() for word in WORD.findall(text)]


def highlight(text, words, length=None):
    """`text` escaped, with `words` marked; cut to about `length` characters around the first match."""
    if not text:
        return ""
    pattern = (
        re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)), re.I)
        if words
        else None
    )
    if length and len(text) > length:
        first = pattern.search(text) if pattern else None
        start = max(0, (first.start() if first else 0) - length // 3)
        if start:
            start = text.find(" ", start) + 1 or start
        end = min(len(text), start + length)
        if end < len(text):
            end = text.rfind(" ", start, end) if text.rfind(" ", start, end) > start else end
        text = ("… " if start else "") + text[start:end] + (" …" if end < len(text) else "")
    if not pattern:
        return escape(text)
    parts, last = [], 0
    for match in pattern.finditer(text):
        parts.append(escape(text[last : match.start()]))
        parts.append(f"<mark>{escape(match.group())}</mark>")
        last = match.end()
    parts.append(escape(text[last:]))
    return mark_safe("".join(parts))  # noqa: S308 - every part is escaped  # nosec


def known_words(language):
    """Every word of four letters or more the site uses in `language`, to correct typos against."""
    key = f"search:words:{language}:{SEARCH.version()}:{DIRECTORY.version()}"
    words = cache.get(key)
    if words is None:
        words = set()
        for title, description, text in PageText.objects.filter(language=language).values_list(
            "title", "description", "text"
        ):
            words.update(words_of(f"{title} {description} {text}"))
        for name in Location.objects.published().values_list("name", flat=True):
            words.update(words_of(name))
        words.update(words_of(" ".join(Service.objects.values_list("name", flat=True))))
        words.update(words_of(" ".join(SpecialtyMatcher.load().terms)))
        words = {word for word in words if len(word) >= 4}
        cache.set(key, words, 60 * 60)
    return words


def corrected(query, language):
    """The query with each unknown word replaced by the nearest known one, or "" if none changed."""
    known = known_words(language)
    changed = False
    out = []
    for word in query.split():
        lower = word.lower()
        if len(lower) >= 5 and lower not in known:
            # One letter wrong in a word of six or more ("reserch"); short words are left alone,
            # where one letter makes another word ("hours", "yours").
            near = difflib.get_close_matches(lower, known, n=1, cutoff=0.82)
            if near:
                out.append(near[0])
                changed = True
                continue
        out.append(word)
    return " ".join(out) if changed else ""


def find_pages(query, language):
    texts = PageText.objects.filter(language=language)
    if connection.vendor == "postgresql":
        text_query = SearchQuery(
            query, config=SEARCH_CONFIGS.get(language, "simple"), search_type="websearch"
        )
        matches = (
            texts.filter(Q(vector=text_query) | Q(title__trigram_word_similar=query))
            .annotate(rank=SearchRank(F("vector"), text_query) + TrigramWordSimilarity(query, "title"))
            .order_by("-rank", "title")
        )
        found = list(matches[:PAGE_LIMIT])
        return found, matches.count() if len(found) == PAGE_LIMIT else len(found)
    # Words of one or two letters ("or", "of") would match inside almost any text.
    words = [word for word in words_of(query) if len(word) >= 3]
    if not words:
        return [], 0
    each = [Q(title__icontains=w) | Q(description__icontains=w) | Q(text__icontains=w) for w in words]
    found = list(texts.filter(*each))  # every word
    if not found and len(words) > 1:
        found = list(texts.filter(reduce(operator.or_, each)))  # else any of them, the most first

    def rank(page):
        title, description, text = page.title.lower(), page.description.lower(), page.text.lower()
        return 5 * (title == query.lower()) + sum(
            3 * (w in title) + 2 * (w in description) + (w in text) for w in words
        )

    found.sort(key=lambda page: (-rank(page), page.title))
    return found[:PAGE_LIMIT], len(found)


def find_doctors(query):
    found = search_doctors(query)
    matches = Doctor.objects.published().filter(found.matches)
    ranked = list(
        found.ranked(Doctor.objects.published())
        .order_by("-relevance", "last_name", "first_name", "pk")
        .values_list("pk", "relevance")[:DOCTOR_LIMIT]
    )
    by_id = Doctor.objects.for_cards().in_bulk([pk for pk, _ in ranked])
    doctors = [by_id[pk] for pk, _ in ranked]
    exact = bool(ranked) and ranked[0][1] >= 10
    return (
        doctors,
        (matches.count() if len(ranked) == DOCTOR_LIMIT else len(ranked)),
        exact,
        found.interpretations,
    )


def find_locations(query):
    matches = Location.objects.published().matching(query)
    found = sorted(
        matches.select_related("parent")[:200],
        key=lambda place: (
            place.name.lower() != query.lower(),
            query.lower() not in place.name.lower(),
            place.name,
        ),
    )
    return found[:LOCATION_LIMIT], len(found)


def site_search(query, language, doctors_url="", locations_url=""):
    results = Results(query=query)
    groups = _search(query, language, doctors_url, locations_url)
    if not any(group.count for group in groups):
        better = corrected(query, language)
        if better:
            results.corrected = better
            groups = _search(better, language, doctors_url, locations_url)
    results.groups = sorted((g for g in groups if g.count), key=lambda g: -g.score)
    return results


def _search(query, language, doctors_url, locations_url):
    words = words_of(query)
    lowered = query.lower()

    pages, page_count = find_pages(query, language)
    page_hits = [
        Hit(
            title=highlight(page.title, words),
            url=page.get_absolute_url(),
            snippet=highlight(page.text if any(w in page.text.lower() for w in words) else page.description,
                              words, SNIPPET_LENGTH),
        )
        for page in pages
    ]  # fmt: skip
    page_score = 3 if any(p.title.lower() == lowered for p in pages) else 1.5

    doctors, doctor_count, exact_doctor, interpretations = find_doctors(query)
    doctor_hits = [
        Hit(
            title=highlight(doctor.display_name, words),
            url=doctor.get_absolute_url(),
            snippet=highlight(" · ".join(s.name for s in doctor.specialties.all()), words),
            detail=doctor.get_accepting_new_patients_display(),
        )
        for doctor in doctors
    ]
    doctor_score = 4 if exact_doctor else 2 if interpretations else 1

    locations, location_count = find_locations(query)
    location_hits = [
        Hit(
            title=highlight(place.name, words),
            url=place.get_absolute_url(),
            snippet=highlight(place.get_kind_display(), words),
            detail=place.address,
        )
        for place in locations
    ]
    location_score = 3.5 if any(p.name.lower() == lowered for p in locations) else 1

    more = f"?q={quote_plus(query)}"
    return [
        Group("page", _("Pages"), _("Page"), page_hits, page_count, page_score),
        Group(
            "doctor",
            _("Doctors"),
            _("Doctor"),
            doctor_hits,
            doctor_count,
            doctor_score,
            doctors_url and doctors_url + more,
        ),
        Group(
            "location",
            _("Locations"),
            _("Location"),
            location_hits,
            location_count,
            location_score,
            locations_url and locations_url + more,
        ),
    ]


def suggestions(query, language, limit=8):
    """Names to complete what is being typed: doctors, places, specialties and conditions, pages."""
    query = query.strip()
    if len(query) < 2:
        return []
    found = []
    for doctor in (
        Doctor.objects.published()
        .filter(Q(last_name__istartswith=query) | Q(full_name__istartswith=query))
        .order_by("last_name", "first_name")[:4]
    ):
        found.append(
            {"label": doctor.display_name, "kind": str(_("Doctor")), "url": doctor.get_absolute_url()}
        )
    matcher = SpecialtyMatcher.load()
    terms = sorted({str(label) for label in matcher.completions(query.lower())})
    for label in terms[:3]:
        found.append({"label": label, "kind": str(_("Specialty or condition")), "url": ""})
    for place in Location.objects.published().filter(name__icontains=query).order_by("name")[:3]:
        found.append({"label": place.name, "kind": str(_("Location")), "url": place.get_absolute_url()})
    for page in PageText.objects.filter(language=language, title__icontains=query).order_by("title")[:3]:
        found.append({"label": page.title, "kind": str(_("Page")), "url": page.get_absolute_url()})
    return found[:limit]
