"""The visitor's address, for rate limits and login throttling."""

from django.conf import settings


def client_address(request):
    """The visitor's IP address: behind N trusted proxies (DJANGO_TRUSTED_PROXY_COUNT), the address
    the outermost of them saw, read from X-Forwarded-For; otherwise the connection's own."""
    proxies = settings.TRUSTED_PROXY_COUNT
    forwarded = [
        part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()
    ]
    if proxies and len(forwarded) >= proxies:
        return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")
