"""The cache namespaces of Find a Doctor (toolkit.caching.Namespace).

Its pages are versioned with the places' (locations.caching.DIRECTORY): doctor cards show
locations, location pages list doctors, so a change to either makes both stale.
"""

from django.conf import settings

from locations.caching import DIRECTORY
from toolkit.caching import TIMEOUT, Namespace
from toolkit.forms import choices_of

# No longer than open times are read again (scheduling): the pages show the next ones.
cached_directory_page = DIRECTORY.cached_page(seconds=min(TIMEOUT, settings.SCHEDULING_REFRESH_SECONDS))

# The specialty and condition terms search understands (doctors.search).
VOCABULARY = Namespace(
    "vocabulary",
    models=["doctors.Specialty", "doctors.Condition", "doctors.SurveyQuestion"],
    many_to_many=["doctors.Condition.specialties"],
)

# What every doctor's card shows of the vocabulary: specialties' and languages' names. A change to
# one doctor moves only that doctor's card (doctors.cards).
DOCTOR_CARDS = Namespace("doctor_cards", models=["doctors.Specialty", "doctors.Language"])


def directory_changed():
    """After bulk changes that send no signals: every directory page, and every doctor's card (a
    change that knows whose cards it changed moves only those: doctors.cards.touch)."""
    DIRECTORY.changed()
    DOCTOR_CARDS.changed()


SPECIALTY_CHOICES = choices_of("doctors.Specialty")
LANGUAGE_CHOICES = choices_of("doctors.Language")
INSURER_CHOICES = choices_of("pricing.Payer")
