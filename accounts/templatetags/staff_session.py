"""The warning before a staff session ends for lack of activity (accounts.sessions)."""

from django import template
from django.conf import settings

register = template.Library()


@register.inclusion_tag("accounts/session_warning.html", takes_context=True)
def staff_session_warning(context):
    """For a signed-in person only: nothing at all on a visitor's page."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"show": False}
    return {
        "show": True,
        "csrf_token": context.get("csrf_token"),
        "idle_seconds": settings.STAFF_SESSION_IDLE_SECONDS,
        "warning_seconds": settings.STAFF_SESSION_WARNING_SECONDS,
        "warning_minutes": settings.STAFF_SESSION_WARNING_SECONDS // 60,
    }
