"""Project-wide middleware."""

import re

from csp.constants import SELF
from csp.middleware import CSPMiddleware, PolicyParts
from django.conf import settings
from django.middleware import locale
from django.utils import translation
from django.utils.cache import patch_vary_headers

from editorial.roles import edits_cms_content

# Admin screens of django CMS and of the apps its editor opens in its modals and side frame (page
# settings, plugins, versions, aliases, text and link editors, the media library, page extensions):
# they write inline scripts and styles. Every other admin screen (appointment requests, users, the
# directory, two-factor sign-in) keeps the visitors' policy, for every user.
CMS_ADMIN_APPS = frozenset(
    ("cms", "djangocms_versioning", "djangocms_alias", "djangocms_text", "djangocms_link", "filer", "pages")
)
ADMIN_PATH = re.compile(r"^/[^/]+/admin/(?P<app>[^/]*)")

EDITOR, SIDE_FRAME = "editor", "side frame"


def cms_editing(request):
    """EDITOR where a CMS editor needs the editor's policy: a CMS admin screen, or a page of the site
    when the toolbar shows; SIDE_FRAME on the admin's index, which the toolbar opens in its side
    frame (framed, but no inline script); None everywhere else and for everyone else."""
    if not edits_cms_content(getattr(request, "user", None)):
        return None
    admin = ADMIN_PATH.match(request.path_info)
    if admin is None:
        toolbar = getattr(request, "toolbar", None)
        return EDITOR if toolbar is not None and toolbar.show_toolbar else None
    match = getattr(request, "resolver_match", None)
    if match is None or match.namespaces[:1] != ["admin"]:
        return None  # two-factor screens, unknown addresses
    if admin["app"] in CMS_ADMIN_APPS:
        return EDITOR
    return SIDE_FRAME if match.url_name == "index" else None


class StaffFramingMiddleware:
    """The site frames its own pages only where the django CMS editor does (cms_editing): its
    modals and side frame; everything else, patient data above all, gets X-Frame-Options: DENY
    (X_FRAME_OPTIONS).

    Sits after XFrameOptionsMiddleware in MIDDLEWARE, so its header is set first and kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        if cms_editing(request):
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
    """django-csp's Content-Security-Policy, with the editor's policy where the CMS editor works.

    Everyone gets CONTENT_SECURITY_POLICY: scripts and styles from the site's own static files
    only, no inline script unless it carries the request's nonce. CMS editors get
    CONTENT_SECURITY_POLICY_STAFF on the CMS's screens and on pages with the toolbar, because the
    toolbar and editors write inline scripts and styles of their own (their pages are never
    cached, so this costs nothing to others); elsewhere, the intake screens with patients' data
    above all, an injected inline script is refused for them too.
    """

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if report_only or parts.config is not None:
            return parts
        where = cms_editing(request)
        if where == EDITOR:
            return PolicyParts(config=settings.CONTENT_SECURITY_POLICY_STAFF["DIRECTIVES"], nonce=None)
        if where == SIDE_FRAME:
            parts.replace = {**(parts.replace or {}), "frame-ancestors": [SELF]}
        return parts


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, except that a 404 answered by a view at the root, an address with no language
    (/fhir/Practitioner/0: FHIR's "not found"), stays that 404 instead of a redirect to the same
    address under /en/, where django CMS's pages would take it. An address nothing answers is
    redirected as before."""

    def process_response(self, request, response):
        if (
            response.status_code == 404
            and getattr(request, "resolver_match", None) is not None
            and not translation.get_language_from_path(request.path_info)
        ):
            patch_vary_headers(response, ("Accept-Language",))
            response.headers.setdefault("Content-Language", translation.get_language())
            return response
        return super().process_response(request, response)
