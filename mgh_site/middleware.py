"""Project-wide middleware."""


class StaffFramingMiddleware:
    """Pages may be framed by the site itself only for signed-in staff, whose django CMS editor
    shows pages and forms in frames; everyone else gets X-Frame-Options: DENY (X_FRAME_OPTIONS).

    Sits after XFrameOptionsMiddleware in MIDDLEWARE, so its header is set first and kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
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
