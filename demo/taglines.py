"""The demo's language assistance taglines (pages.Tagline), from data/taglines.toml: English, then
the 15 candidate languages for Massachusetts, each in its own language and script. A hospital
confirms its own list against HHS's for its state (the data file says where the demo's comes from).

Idempotent: a language that already has a tagline is left as it is (an editor may have changed or
hidden it); only the missing ones are made, in the file's order.
"""

from pages.models import Tagline

from .datafiles import read


def ensure_taglines():
    """Make the taglines the demo declares that do not exist yet. Returns how many were made."""
    existing = set(Tagline.objects.values_list("language", flat=True))
    made = 0
    for position, tagline in enumerate(read("taglines.toml")["taglines"]):
        if tagline["language"] in existing:
            continue
        row = Tagline(position=position, **tagline)
        row.full_clean()  # a tag that is no BCP 47, a text without its {phone}
        row.save()
        made += 1
    return made


def source():
    """Where the demo's list of languages comes from, as the data file says."""
    return read("taglines.toml")["source"]
