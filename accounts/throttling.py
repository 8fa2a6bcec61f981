"""Two tiers of sign-in throttling with django-axes: a user name from one address, and the address.

AXES_LOCKOUT_PARAMETERS counts failures both per (user name, address) and per address. Axes compares
the larger count (the address's) with one limit, which may be a callable: `failure_limit` gives the
low per-account limit once that account's own count from this address has reached it, and the
higher address-wide limit otherwise. So five wrong passwords for one account from one address lock
that pair, as before, and AXES_ADDRESS_FAILURE_LIMIT wrong passwords from one address, spread over
any number of accounts, lock the address.
"""

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum


def _pair_attempts(request, credentials):
    return AccessAttempt.objects.filter(
        username=get_client_username(request, credentials), ip_address=request.axes_ip_address
    )


def failure_limit(request, credentials=None):
    """AXES_FAILURE_LIMIT: the limit that applies to this attempt's (user name, address)."""
    failures = (
        _pair_attempts(request, credentials)
        .filter(attempt_time__gte=get_cool_off_threshold(request))
        .aggregate(total=Sum("failures_since_start"))["total"]
        or 0
    )
    # Which lock the lockout page explains, should this attempt be refused.
    if failures >= settings.AXES_ACCOUNT_FAILURE_LIMIT:
        request.axes_lockout_scope = "account"
        return settings.AXES_ACCOUNT_FAILURE_LIMIT
    request.axes_lockout_scope = "address"
    return settings.AXES_ADDRESS_FAILURE_LIMIT


class AxesHandler(AxesDatabaseHandler):
    """AXES_HANDLER: axes's database handler, except that a successful sign-in clears only that
    account's failures from the address. Axes would clear every count the address is part of,
    letting anybody with one account wipe out the record of guesses at all the others."""

    def reset_user_attempts(self, request, credentials=None):
        count, _ = _pair_attempts(request, credentials).delete()
        return count
