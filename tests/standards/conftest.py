"""The demo site's page types, rendered once for all the checkers here: with its fictional doctors
added in a transaction that is then rolled back, so the tests that follow see the demo as built."""

from typing import NamedTuple

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models import F
from django.test import Client

from doctors.models import BoardCertification, Condition, Doctor, Language, Specialty, Training
from locations.models import Location
from pages.models import Recognition
from tests.page_types import load_demo_with_doctors, rendered_pages
from tests.standards import spanish_text


class SitePages(NamedTuple):
    pages: list  # [(name, language, path, HTML)]: tests.page_types.rendered_pages
    proper_names: object  # the names the data holds, as one pattern (spanish_text.proper_name_pattern)

    def in_language(self, language):
        return [page for page in self.pages if page[1] == language]


def proper_names():
    """The names the data holds: people (and their initials), places and their addresses,
    institutions, boards, who gave the hospital's awards, and the vocabulary's words that Spanish
    spells as English does."""
    names = [settings.HOSPITAL["name"], settings.HOSPITAL["alternate_name"]]
    for doctor in Doctor.objects.all():
        names += [
            doctor.display_name,
            doctor.full_name,
            doctor.credentials,
            doctor.first_name[0] + doctor.last_name[0],
        ]
    for place in Location.objects.all():
        names += [place.name, place.street, place.city, place.state, place.address]
    names += Recognition.objects.values_list("issuer", flat=True)
    names += Training.objects.values_list("institution", flat=True)
    names += BoardCertification.objects.values_list("board", flat=True)
    # And the vocabulary's words spelled the same in both languages ("Lupus", "Glaucoma"): Spanish
    # as they stand, on whichever doctor's page they come up.
    for model in (Condition, Specialty, Language):
        names += model.objects.filter(name_en=F("name_es")).values_list("name_en", flat=True)
    return spanish_text.proper_name_pattern(names)


@pytest.fixture(scope="session")
def site_pages(demo_db, django_db_blocker):
    """Every page type in both languages and each form in its error state (tests/page_types.py),
    through the whole stack, and the proper names of the data they were rendered from. The tests
    that use it are marked django_db: pytest-django runs those before the tests that empty the
    database (transactional_db), so the demo built once (demo_db) is still there."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_demo_with_doctors()
        rendered = SitePages(rendered_pages(Client()), proper_names())
        transaction.set_rollback(True)
    cache.clear()  # nothing cached from the rolled-back doctors reaches the next test
    return rendered
