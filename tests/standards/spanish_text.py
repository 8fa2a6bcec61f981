"""Finds English left on Spanish pages: every string a reader sees or hears (text, and the accessible
names in labels' attributes) that is the same on a /es/ page and on its English twin, unless it is a
proper name, a number, or inside an element marked with another language (lang="en")."""

import re

from tests.html import parse

# Names of the hospital's own services and outside brands, and words spelled the same in both
# languages that the demo uses; everything else that may stay the same comes from the data (below).
SAME_IN_BOTH = {
    "Patient Gateway",  # the patient portal's name
    "Apple Maps",
    "Google Maps",
    "Hospital",
    "Hindi",
    "Osteoporosis",
    "MD",
    "PhD",
    "NP",
}
ACCESSIBLE_NAMES = ("aria-label", "placeholder", "alt", "title")
BUTTON_TYPES = ("submit", "button", "reset")
EMAIL = re.compile(r"\S+@\S+")
SKIPPED = {"script", "style", "template", "noscript"}


def strings(html):
    """{(string, language)}: each text node and accessible name of the page's body, with the
    language it is marked as (the nearest lang attribute)."""
    found = set()
    body = parse(html).find("body")
    for element in body.iter():
        if not isinstance(element.tag, str) or element.tag in SKIPPED or skipped(element):
            continue
        language = language_of(element)
        for value in [element.text, *(element.get(name) for name in ACCESSIBLE_NAMES)]:
            add(found, value, language)
        if element.tag == "input" and element.get("type") in BUTTON_TYPES:
            add(found, element.get("value"), language)
        parent = element.getparent()
        if parent is not None and element.tail and parent.tag not in SKIPPED:
            add(found, element.tail, language_of(parent))
    return found


def skipped(element):
    return any(
        ancestor.tag in SKIPPED or "cms-toolbar" in (ancestor.get("class") or "")
        for ancestor in element.iterancestors()
    )


def language_of(element):
    for candidate in (element, *element.iterancestors()):
        if candidate.get("lang"):
            return candidate.get("lang")
    return None


def add(found, value, language):
    value = " ".join((value or "").split())
    if value:
        found.add((value, language))


def proper_name_pattern(names):
    """One pattern for the proper names the data holds, longest first."""
    names = sorted({n for n in names if n}, key=len, reverse=True)
    return re.compile("|".join(re.escape(n) for n in names)) if names else re.compile(r"(?!)")


def english_left(spanish_html, english_html, proper_names, echoed=()):
    """The strings of the Spanish page that are also on the English one and are neither proper
    names, numbers, what the visitor typed (`echoed`), nor marked as another language."""
    english = {}
    for value, language in strings(english_html):
        english.setdefault(value, set()).add((language or "en").split("-")[0])
    page_language = parse(spanish_html).get("lang") or ""
    # A Spanish page declared English as a whole would hide every string from the check.
    left = [] if page_language.split("-")[0] == "es" else [f"<html lang={page_language!r}>"]
    for value, language in sorted(strings(spanish_html), key=lambda item: item[0]):
        if value not in english or (language or "es").split("-")[0] != "es" or value in echoed:
            continue
        if english[value] == {"es"}:  # Spanish on both, as the English page says (e.g. "Español")
            continue
        rest = EMAIL.sub(" ", proper_names.sub(" ", value))
        for word in sorted(SAME_IN_BOTH, key=len, reverse=True):
            rest = re.sub(rf"\b{re.escape(word)}\b", " ", rest)
        if re.search(r"[^\W\d_]{2,}", rest):  # a word of two letters or more is left
            left.append(value)
    return left
