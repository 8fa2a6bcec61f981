"""The price estimator: finding a shoppable service from what a patient types, and what it costs.

- `search()` / `find_services()`: plain words in the page's language or in English ("knee MRI",
  "resonancia de rodilla", "colonoscpy"), or a code ("70551", "CPT 70551"). The services are a few
  hundred rows, like the directory's vocabulary (doctors.search), so they are matched the same way:
  their words kept in the cache under the pricing version, compared in Python, typos forgiven with
  difflib. It is the same on PostgreSQL and SQLite, and asks the database nothing once cached.
- `estimate()`: the charges of a service's primary code and of its ancillaries, and for a plan what
  each part is usually paid: a fixed fee, a percentage of the gross charge, or for an algorithm the
  median and the 10th-90th percentile range. A fixed number of queries whatever the chargemaster's size.
"""

import difflib
import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.core.cache import cache
from django.db.models import Case, F, Q, When, Window
from django.db.models.functions import RowNumber
from modeltranslation import settings as mt_settings
from modeltranslation.utils import build_localized_fieldname

from toolkit.translation import sort_key, translated

from .caching import PRICING
from .models import ChargeCode, Rate, Setting, ShoppableService

CATALOGUE_CACHE_KEY = "pricing:catalogue"
WORD = re.compile(r"\w+")
# Words that say nothing of the service, in either language: "an MRI of my knee", "una resonancia de
# la rodilla", "how much is a colonoscopy".
STOP_WORDS = frozenset(
    {"a", "an", "and", "for", "my", "of", "on", "the", "to", "with", "i", "is", "need", "cost", "price",
     "how", "much", "de", "del", "el", "la", "las", "los", "y", "para", "mi", "en", "un", "una", "con",
     "por", "cuanto", "cuesta", "precio", "necesito"}
)  # fmt: skip
# What people put before a code: "CPT 70551", "código 70551".
CODE_WORDS = frozenset({"code", "codigo", "cpt", "hcpcs", "drg", "ms"})
CENT = Decimal("0.01")


def normalize(text):
    """Lower case, without accents or punctuation: "Resonáncia magnética" -> "resonancia magnetica"."""
    return " ".join(WORD.findall(sort_key(text)))


def singular(word):
    for ending in ("es", "s"):
        if len(word) > len(ending) + 3 and word.endswith(ending):
            return word[: -len(ending)]
    return word


@dataclass
class Entry:
    """One service's words: its name and other words for it, per language, normalized."""

    pk: int
    code: str
    code_type: str
    names: dict  # language -> normalized name
    terms: dict  # language -> [normalized term, ...]: the name and the other words for it

    def words(self, languages):
        return {word for lang in languages for term in self.terms[lang] for word in term.split()}


def catalogue():
    """Every service's Entry, kept in the cache until a service changes."""
    key = f"{CATALOGUE_CACHE_KEY}:{PRICING.version()}"
    entries = cache.get(key)
    if entries is None:
        entries = build_catalogue()
        cache.set(key, entries, 60 * 60 * 24)
    return entries


def build_catalogue():
    languages = mt_settings.AVAILABLE_LANGUAGES
    columns = [build_localized_fieldname(f, lang) for f in ("name", "search_words") for lang in languages]
    entries = []
    for row in ShoppableService.objects.values("pk", "code", "code_type", *columns):
        names, terms = {}, {}
        for lang in languages:
            name = row[build_localized_fieldname("name", lang)] or ""
            words = row[build_localized_fieldname("search_words", lang)] or ""
            names[lang] = normalize(name)
            terms[lang] = list(
                dict.fromkeys(t for text in (name, *words.split(",")) for t in term_forms(text) if t)
            )
        entries.append(Entry(row["pk"], row["code"].lower(), row["code_type"].lower(), names, terms))
    return entries


def term_forms(text):
    """A term as patients may type it: "X-ray" is "x ray", and "xray" too."""
    return {normalize(text), normalize(text.replace("-", ""))}


@dataclass
class Found:
    """What a search found, best first. `partial`: no service has all the words, these have some;
    `read_as`: the words as understood after fixing typos, when any was fixed."""

    services: list = field(default_factory=list)
    partial: bool = False
    read_as: str = ""


def find_services(words, language):
    """The shoppable services matching `words` (in `language` or English, or a code), best first."""
    return search(words, language).services


def search(words, language):
    entries = catalogue()
    languages = list(dict.fromkeys([language, mt_settings.DEFAULT_LANGUAGE]))
    tokens = normalize(words).split()
    by_code = match_codes(entries, tokens)
    if by_code:
        return Found(fetch(by_code))
    query = [t for t in tokens if t not in STOP_WORDS] or tokens
    if not query:
        return Found()
    ranked = rank(entries, query, languages)
    if ranked:
        return Found(fetch(ranked))
    vocabulary = {word for entry in entries for word in entry.words(languages)}
    fixed = [fix_typo(word, vocabulary) for word in query]
    if fixed != query:
        ranked = rank(entries, fixed, languages)
        if ranked:
            return Found(fetch(ranked), read_as=" ".join(fixed))
    ranked = rank(entries, fixed, languages, partial=True)
    return Found(fetch(ranked), partial=bool(ranked))


def match_codes(entries, tokens):
    """Services whose primary code is among the tokens (of the type named with it, if any)."""
    codes = {t for t in tokens if len(t) >= 3 and any(c.isdigit() for c in t)}
    if not codes:
        return []
    types = {t for t in tokens if t in CODE_WORDS} - {"code", "codigo"}
    return [e for e in entries if e.code in codes and (not types or any(t in e.code_type for t in types))]


def word_matches(query_word, words):
    """The word, its singular, or (from three letters) the beginning of a word: "colono", "rodillas"."""
    if query_word in words:
        return True
    if len(query_word) < 3:
        return False
    stem = singular(query_word)
    return any(w.startswith(query_word) or singular(w) == stem for w in words)


def rank(entries, query, languages, partial=False):
    """The entries having every word of `query` (or, when `partial`, the most of them), best first:
    the whole query as one of their terms, then within one, then all in the name, then by name."""
    phrase = " ".join(query)
    scored = []
    for entry in entries:
        words = entry.words(languages)
        matched = sum(word_matches(q, words) for q in query)
        if not matched or (matched < len(query) and not partial):
            continue
        terms = [term for lang in languages for term in entry.terms[lang]]
        name_words = {w for lang in languages for w in entry.names[lang].split()}
        score = 5 * (phrase in terms) + 3 * any(phrase in term for term in terms)
        score += 2 * all(word_matches(q, name_words) for q in query)
        name = entry.names[languages[0]] or entry.names[languages[-1]]
        scored.append((matched, score, name, entry))
    most = max((matched for matched, *_ in scored), default=0)
    scored = [item for item in scored if item[0] == most]
    scored.sort(key=lambda item: (-item[1], item[2]))
    return [entry for *_, entry in scored]


def fix_typo(word, vocabulary):
    if len(word) < 4 or word in vocabulary:
        return word
    close = difflib.get_close_matches(word, vocabulary, n=1, cutoff=0.75)
    return close[0] if close else word


def fetch(entries):
    """The services of `entries`, in that order: one query."""
    services = ShoppableService.objects.in_bulk([e.pk for e in entries])
    return [services[e.pk] for e in entries if e.pk in services]


# The estimate


@dataclass
class Part:
    """The service's primary item or one of its ancillaries, and what it is charged and paid."""

    label: str
    code: str
    code_type: str
    primary: bool
    charge: object = None  # the Charge its code and setting led to; None when the chargemaster has none
    rate: object = None  # the plan's Rate for it, if the plan has one
    low: Decimal | None = None  # what the plan usually pays, at least and at most
    high: Decimal | None = None
    typical: Decimal | None = None  # the fee, or for an algorithm the median
    basis: str = ""  # how the plan pays it: Basis

    @property
    def cash(self):
        """What a patient paying themselves is charged: the discounted cash price, else the gross charge."""
        if self.charge is None:
            return None
        if self.charge.discounted_cash is not None:
            return self.charge.discounted_cash
        return self.charge.gross_charge

    @property
    def minimum(self):
        return self.charge.minimum if self.charge else None

    @property
    def maximum(self):
        return self.charge.maximum if self.charge else None


class Basis:
    DOLLAR = "dollar"  # the plan's fixed fee
    PERCENTAGE = "percentage"  # the plan's percentage of the gross charge
    ALGORITHM = "algorithm"  # the plan's formula: median, 10th and 90th percentile allowed amounts
    ALL_PLANS = "all plans"  # the plan has no rate for it: the lowest and highest any plan pays


@dataclass
class Estimate:
    service: ShoppableService
    plan: object  # a Plan, or None (self-pay, or not chosen)
    parts: list

    def total(self, amount):
        """The sum of `amount(part)` over the priced parts, or None when none has it."""
        amounts = [amount(part) for part in self.parts if part.charge is not None]
        amounts = [a for a in amounts if a is not None]
        return sum(amounts, Decimal(0)) if amounts else None

    @property
    def low(self):
        return self.total(lambda part: part.low)

    @property
    def high(self):
        return self.total(lambda part: part.high)

    @property
    def cash(self):
        return self.total(lambda part: part.cash)

    @property
    def minimum(self):
        return self.total(lambda part: part.minimum)

    @property
    def maximum(self):
        return self.total(lambda part: part.maximum)

    @property
    def priced(self):
        """Whether the chargemaster has a charge for any part."""
        return any(part.charge is not None for part in self.parts)

    @property
    def unpriced(self):
        """The parts the chargemaster has no charge for."""
        return [part for part in self.parts if part.charge is None]

    @property
    def beyond_plan(self):
        """The parts the plan has no rate for (their range is every plan's)."""
        return [part for part in self.parts if part.basis == Basis.ALL_PLANS]


def estimate(service, plan=None):
    """What `service` costs: its parts' charges, and with `plan` what the plan usually pays.

    Two queries (three when the service's ancillaries were not prefetched): the charges of every
    code at once, then the plan's rates for those charges.
    """
    parts = [Part(translated(service, "name"), service.code, service.code_type, primary=True)]
    parts += [
        Part(translated(ancillary, "label"), ancillary.code, ancillary.code_type, primary=False)
        for ancillary in service.ancillaries.all()
    ]
    charges = charges_by_code({(p.code, p.code_type) for p in parts}, service.setting)
    for part in parts:
        part.charge = charges.get((part.code, part.code_type))
    if plan is not None:
        priced = [part.charge.pk for part in parts if part.charge is not None]
        rates = {rate.charge_id: rate for rate in Rate.objects.filter(plan=plan, charge_id__in=priced)}
        for part in parts:
            if part.charge is not None:
                price_for_plan(part, rates.get(part.charge.pk))
    return Estimate(service, plan, parts)


def charges_by_code(codes, setting):
    """{(code, type): the Charge billed for it at `setting`}: one query for every code.

    A code may have many charges (one per setting, with modifiers, or a revenue code shared by a
    whole department): the database ranks them and returns one per code, so a large chargemaster
    sends no more rows. The one at the service's setting comes first, then one for both settings,
    then any; plain before modified, then by position in the file.
    """
    if not codes:
        return {}
    wanted = Q()
    for code, code_type in codes:
        wanted |= Q(code=code, type=code_type)
    ranking = Window(
        RowNumber(),
        partition_by=[F("code"), F("type")],
        order_by=[
            Case(
                When(charge__setting=setting, then=0), When(charge__setting=Setting.BOTH, then=1), default=2
            ),
            Case(When(charge__modifiers="", then=0), default=1),
            F("charge__position"),
            F("charge_id"),
        ],
    )
    best = ChargeCode.objects.filter(wanted).annotate(rank=ranking).filter(rank=1).select_related("charge")
    return {(found.code, found.type): found.charge for found in best}


def price_for_plan(part, rate):
    """Set what the plan usually pays for `part` (low, high, basis) from its `rate`."""
    part.rate = rate
    charge = part.charge
    if rate is not None and rate.dollar is not None:
        part.low = part.high = part.typical = rate.dollar
        part.basis = Basis.DOLLAR
    elif rate is not None and rate.percentage is not None and charge.gross_charge is not None:
        amount = (charge.gross_charge * rate.percentage / 100).quantize(CENT, ROUND_HALF_UP)
        part.low = part.high = part.typical = amount
        part.basis = Basis.PERCENTAGE
    elif rate is not None and rate.median is not None:
        part.low = rate.percentile_10 if rate.percentile_10 is not None else rate.median
        part.high = rate.percentile_90 if rate.percentile_90 is not None else rate.median
        part.typical = rate.median
        part.basis = Basis.ALGORITHM
    elif charge.minimum is not None and charge.maximum is not None:
        part.low, part.high = charge.minimum, charge.maximum
        part.basis = Basis.ALL_PLANS
