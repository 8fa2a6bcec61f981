"""Languages named in their own language ("Español", "Kreyòl ayisyen", "中文"), as a patient who
reads them looks for them: Django's table of languages (LANG_INFO's "name_local"), and for those it
lacks, settings.LANGUAGE_AUTONYMS."""

import unicodedata

from django.conf import settings
from django.conf.locale import LANG_INFO
from django.utils.text import capfirst


def autonym(code):
    """The name of the language `code` (a BCP 47 tag: "es", "ht", "zh") in that language, first
    letter capitalised as a list item is ("español" is "Español"), or None when none is known."""
    if not code:
        return None
    code = code.lower()
    name = settings.LANGUAGE_AUTONYMS.get(code) or LANG_INFO.get(code, {}).get("name_local")
    # NFC: Django's table writes some letters decomposed ("ê" + a combining accent in Tiếng Việt).
    return capfirst(unicodedata.normalize("NFC", name)) if name else None
