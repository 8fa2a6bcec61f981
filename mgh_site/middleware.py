"""Project-wide middleware."""

from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.utils.cache import get_max_age, patch_cache_control


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


class PublicCacheHeadersMiddleware:
    """Lets browsers and a CDN keep the pages every visitor gets alike, for a short while.

    A response is shared (Cache-Control: public) only when its view said it may be kept at all
    (a max-age, as the django CMS page cache and pages.caching do), it went to someone not signed
    in, it is a 200 to a GET, it sets no cookie and nobody marked it private or no-store. Its
    max-age is then cut to PUBLIC_CACHE_SECONDS, as nobody can recall a copy already kept: a
    publication reaches every visitor within that time. ConditionalGetMiddleware, before this one
    in MIDDLEWARE, adds the ETag and answers a matching If-None-Match with a 304.

    Responses keep `Vary: Cookie`: a CDN in front should bypass its cache for requests carrying the
    session cookie (staff) and leave other cookies out of its key (docs/deploy.md).
    """

    PRIVATE = ("private", "no-store", "no-cache")

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if "Vary" in response:  # django CMS writes "Vary: , Cookie" for pages without plugin vary headers
            response["Vary"] = ", ".join(part.strip() for part in response["Vary"].split(",") if part.strip())
        if self.shareable(request, response):
            max_age = min(get_max_age(response), settings.PUBLIC_CACHE_SECONDS)
            del response["Cache-Control"]
            del response["Expires"]  # max-age says it; Expires would be the old, longer time
            patch_cache_control(response, public=True, max_age=max_age)
        return response

    def shareable(self, request, response):
        user = getattr(request, "user", None)
        cache_control = response.get("Cache-Control", "")
        return (
            request.method in ("GET", "HEAD")
            and response.status_code == 200
            and user is not None
            and not user.is_authenticated
            and not response.cookies
            and (get_max_age(response) or 0) > 0
            and not any(word in cache_control for word in self.PRIVATE)
        )
