"""The demo's hand-written content, read from the TOML files in demo/data/ (tomllib: no dependency).

- pages/<key>.toml, tree.toml, aliases.toml: the page tree, its prose in English and Spanish side
  by side, the footer and the alert banner (read by demo.content and demo.content_es);
- directory.toml: departments, specialties with their synonyms, conditions, languages
  (demo.doctors);
- places.toml: the campus, its buildings and garages, the community sites, the other demo places,
  services, timetables, holidays and visiting details (demo.doctors, demo.locations).

The generators of fictional doctors and practices stay in Python (demo.doctors, demo.locations).
"""

import tomllib
from functools import cache
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"


@cache
def read(name):
    """A data file's content, by its path under demo/data/ ("places.toml", "pages/home.toml")."""
    with open(DATA / name, "rb") as file:
        return tomllib.load(file)
