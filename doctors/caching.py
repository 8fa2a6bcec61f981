"""The cache namespaces of Find a Doctor (toolkit.caching.Namespace).

Its pages are versioned with the places' (locations.caching.DIRECTORY): doctor cards show
locations, location pages list doctors, so a change to either makes both stale.
"""

from locations.caching import DIRECTORY
from toolkit.caching import Namespace
from toolkit.forms import choices_of

cached_directory_page = DIRECTORY.cached_page()
# Also called after bulk changes that send no signals.
directory_changed = DIRECTORY.changed

# The specialty and condition terms search understands (doctors.search).
VOCABULARY = Namespace(
    "vocabulary",
    models=["doctors.Specialty", "doctors.Condition", "doctors.SurveyQuestion"],
    many_to_many=["doctors.Condition.specialties"],
)

SPECIALTY_CHOICES = choices_of("doctors.Specialty")
LANGUAGE_CHOICES = choices_of("doctors.Language")
INSURER_CHOICES = choices_of("pricing.Payer")
