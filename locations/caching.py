"""The cache namespaces of Find a Location (toolkit.caching.Namespace), and the directory's.

Doctors and places share one version, "directory": doctor cards show places, place pages list
doctors, so a change to either makes both stale. It is declared here, the lower of the two apps,
so that both can read it; the doctors' models are named by label, not imported.
"""

from toolkit.caching import Namespace
from toolkit.forms import choices_of

DIRECTORY = Namespace(
    "directory",
    models=[
        "locations.Location",
        "locations.OpeningHours",
        "locations.HoursException",
        "locations.Service",
        # The campus's walkways: the directions' graph is kept under this version (locations.directions).
        "locations.Waypoint",
        "locations.Connection",
        "doctors.Doctor",
        "doctors.ClinicalInterests",
        "doctors.Practice",
        "doctors.Training",
        "doctors.BoardCertification",
        "doctors.Specialty",
        "doctors.Condition",
        "doctors.Department",
        "doctors.Language",
        # The insurance a doctor takes (pricing's payers and plans), and their patients' ratings.
        "pricing.Payer",
        "pricing.Plan",
        "doctors.DoctorRating",
        "doctors.SurveyComment",
        "doctors.SurveyQuestion",
    ],
    many_to_many=[
        "locations.Location.services",
        "doctors.Doctor.specialties",
        "doctors.Doctor.conditions",
        "doctors.Doctor.languages",
        "doctors.Condition.specialties",
        "doctors.Practice.plans",
    ],
)

# Filter options offered by both Find a Doctor (location) and Find a Location (service).
LOCATION_CHOICES = choices_of("locations.Location")
SERVICE_CHOICES = choices_of("locations.Service")
