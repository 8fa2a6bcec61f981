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
