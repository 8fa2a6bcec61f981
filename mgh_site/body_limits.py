"""Request bodies over their route's limit are refused with 413 before they are read.

The limits hold in the app itself, so they hold without a proxy in front (`make serve`), and the
proxy (deploy/nginx.conf) refuses the same bodies earlier with the same numbers:

- 55 MB on the second-opinion form: 5 medical records of 10 MB (appointments.forms) and the
  form's fields, with room for the multipart framing;
- 500 MB on the chargemaster's import (pricing.admin): a billing system's export of every charge
  for every payer's plan, a million rates and more, in CMS's CSV or JSON layout;
- 20 MB in the rest of the admin: editors upload pictures and documents through django-filer;
- 5 MB anywhere else: no other public form takes files, the longest text any form takes is a few
  kilobytes, and Django keeps the fields of a body in memory up to DATA_UPLOAD_MAX_MEMORY_SIZE
  (2.5 MB) anyway; 5 MB leaves room for a CMS editor's largest plugin form.

A body announced by Content-Length is judged by its header alone: nothing of it is read. A body
sent chunked (no Content-Length) is read here, at most up to the limit: past it the request is cut
off with 413; within it, the body is handed on to Django, which otherwise ignores a chunked body.
"""

import re
import tempfile

from django.core.handlers.wsgi import LimitedStream

from toolkit.views import standalone_page

MB = 1024 * 1024
# (path, limit in bytes): the first that matches applies. Kept in step with deploy/nginx.conf.
LIMITS = (
    (re.compile(r"^/[a-z]{2}/appointments/second-opinion/$"), 55 * MB),
    (re.compile(r"^/[a-z]{2}/admin/pricing/charge/import/$"), 500 * MB),
    (re.compile(r"^/[a-z]{2}/admin/"), 20 * MB),
)
DEFAULT_LIMIT = 5 * MB
# A chunked body within its limit is kept in memory up to this size, on disk past it.
SPOOL_IN_MEMORY = 2 * MB
READ_SIZE = 64 * 1024


def limit_for(path):
    return next((limit for pattern, limit in LIMITS if pattern.match(path)), DEFAULT_LIMIT)


def too_large(request, limit):
    """The 413 page, in the language of the address (the middleware that would know runs later)."""
    response = standalone_page(request, "413.html", 413, {"limit_mb": limit // MB, "back": request.path_info})
    response["Content-Length"] = len(response.content)  # answered before CommonMiddleware would add it
    return response


class BodyLimitMiddleware:
    """Put it before anything that reads a body (CSRF, the forms), after the security headers'
    middleware (the 413 page gets them too)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        meta = request.META
        length = meta.get("CONTENT_LENGTH")
        if length:
            try:
                announced = int(length)
            except ValueError:
                announced = 0  # gunicorn refuses a malformed Content-Length before the app sees it
            limit = limit_for(request.path_info)
            if announced > limit:
                return too_large(request, limit)
        elif "chunked" in meta.get("HTTP_TRANSFER_ENCODING", "").lower():
            limit = limit_for(request.path_info)
            body = self._read_capped(meta["wsgi.input"], limit)
            if body is None:
                return too_large(request, limit)
            # Django reads a body only as long as CONTENT_LENGTH says (none: nothing at all), from
            # the stream WSGIRequest made when it was built: hand it the body just read, measured.
            size = body.seek(0, 2)
            body.seek(0)
            meta["CONTENT_LENGTH"] = str(size)
            request._stream = LimitedStream(body, size)
            try:
                return self.get_response(request)
            finally:
                body.close()
        return self.get_response(request)

    @staticmethod
    def _read_capped(stream, limit):
        """The body in a spooled file, or None as soon as it passes `limit` (the rest is not read)."""
        body = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - closed by the caller
        size = 0
        while chunk := stream.read(min(READ_SIZE, limit + 1 - size)):
            size += len(chunk)
            if size > limit:
                body.close()
                return None
            body.write(chunk)
        return body
