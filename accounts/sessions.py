"""Short staff sessions: signed out after STAFF_SESSION_IDLE_SECONDS without activity, and
STAFF_SESSION_MAX_SECONDS after signing in whatever the activity.

The server decides: the middleware keeps the sign-in time and the last activity in the session and
signs the person out when either limit has passed. The page's script (static/js/session-warning.js)
only warns before the idle limit and offers to stay signed in; its polls of `session_status` are not
activity, pressing "Stay signed in" (a POST to it) is.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import JsonResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from .audit import current_request

SIGNED_IN_AT = "_staff_signed_in_at"
ACTIVE_AT = "_staff_active_at"


def started(sender, request, user, **kwargs):
    """user_logged_in: the session's clocks start now."""
    if request is not None and hasattr(request, "session"):
        request.session[SIGNED_IN_AT] = request.session[ACTIVE_AT] = time.time()


class StaffSessionMiddleware:
    """Ends signed-in sessions that were idle or open too long. Put it after AuthenticationMiddleware
    and MessageMiddleware (the message says why the person was signed out).

    A request without a session cookie (every visitor) is passed through untouched: no session is
    read or made, no cookie set. It also keeps the request being served where accounts.audit finds
    the user and address of a change made in the admin.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = current_request.set(request)
        try:
            if settings.SESSION_COOKIE_NAME in request.COOKIES and request.user.is_authenticated:
                self.check(request)
            return self.get_response(request)
        finally:
            current_request.reset(token)

    def check(self, request):
        session, now = request.session, time.time()
        signed_in_at = session.get(SIGNED_IN_AT)
        if signed_in_at is None:  # signed in before these rules: count from now
            session[SIGNED_IN_AT] = session[ACTIVE_AT] = now
            return
        active_at = session.get(ACTIVE_AT, signed_in_at)
        if now - signed_in_at >= settings.STAFF_SESSION_MAX_SECONDS:
            hours = max(round(settings.STAFF_SESSION_MAX_SECONDS / 3600), 1)
            end(
                request,
                f"signed in for more than {settings.STAFF_SESSION_MAX_SECONDS} s",
                ngettext(
                    "For your security, you were signed out %(count)d hour after signing in. "
                    "Please sign in again.",
                    "For your security, you were signed out %(count)d hours after signing in. "
                    "Please sign in again.",
                    hours,
                )
                % {"count": hours},
            )
        elif now - active_at >= settings.STAFF_SESSION_IDLE_SECONDS:
            end(
                request,
                f"idle for more than {settings.STAFF_SESSION_IDLE_SECONDS} s",
                _(
                    "For your security, you were signed out after a while without activity. "
                    "Please sign in again."
                ),
            )
        elif not is_poll(request) and now - active_at >= 1:
            session[ACTIVE_AT] = now  # at most one session write a second


def end(request, reason, message):
    request.session_ended_because = reason  # for the audit record (accounts.audit.signed_out)
    logout(request)
    messages.warning(request, message)


def is_poll(request):
    return request.method in ("GET", "HEAD") and request.path == reverse("staff_session")


def seconds_left(request):
    """Seconds before this session ends, by the first of the two limits."""
    now, session = time.time(), request.session
    signed_in_at = session.get(SIGNED_IN_AT, now)
    active_at = session.get(ACTIVE_AT, signed_in_at)
    return max(
        0,
        min(
            settings.STAFF_SESSION_IDLE_SECONDS - (now - active_at),
            settings.STAFF_SESSION_MAX_SECONDS - (now - signed_in_at),
        ),
    )


@never_cache
@require_http_methods(["GET", "POST"])
def session_status(request):
    """GET: how long the session has left (not activity). POST, "Stay signed in": the middleware
    counted it as activity, so the idle time starts again."""
    if not request.user.is_authenticated:
        return JsonResponse({"signed_in": False})
    return JsonResponse({"signed_in": True, "seconds_left": round(seconds_left(request), 1)})
