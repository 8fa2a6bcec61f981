"""Project-wide middleware."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings


def _is_staff(request):
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated and user.is_staff


class StaffFramingMiddleware:
    """Pages may be framed by the site itself only for signed-in staff, whose django CMS editor
    shows pages and forms in frames; everyone else gets X-Frame-Options: DENY (X_FRAME_OPTIONS).

    Sits after XFrameOptionsMiddleware in MIDDLEWARE, so its header is set first and kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if _is_staff(request):
            response.setdefault("X-Frame-Options", "SAMEORIGIN")
        return response


# Features no page of the site uses: a page (or anything injected into it) may not ask for them.
PERMISSIONS_POLICY = ", ".join(
    f"{feature}=()"
    for feature in (
        "accelerometer", "autoplay", "camera", "display-capture", "geolocation", "gyroscope",
        "magnetometer", "microphone", "midi", "payment", "usb",
    )
)  # fmt: skip


class PermissionsPolicyMiddleware:
    """Permissions-Policy on every response: cameras, microphones, location and the like, off."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        response.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's Content-Security-Policy, with the staff policy for signed-in staff.

    Visitors get CONTENT_SECURITY_POLICY: scripts and styles from the site's own static files
    only, no inline script unless it carries the request's nonce. Signed-in staff get
    CONTENT_SECURITY_POLICY_STAFF, because the django CMS toolbar and editors write inline
    scripts and styles of their own; staff pages are never cached, so they cost nothing to others.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and _is_staff(request):
            return PolicyParts(config=settings.CONTENT_SECURITY_POLICY_STAFF["DIRECTIVES"], nonce=None)
        return parts
