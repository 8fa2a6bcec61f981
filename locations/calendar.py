"""The hospital's clock and the days of its week, which the models (locations.models) and the hours
worked out from them (locations.hours) both use; this module imports neither."""

from zoneinfo import ZoneInfo

from django.db import models
from django.utils.translation import gettext_lazy as _

# The hospital's clock, whatever the server's. Matches settings.TIME_ZONE.
HOSPITAL_TZ = ZoneInfo("America/New_York")


class Weekday(models.IntegerChoices):
    """Days as Python numbers them (date.weekday()): Monday is 0."""

    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")
