"""Refuses, with 400, requests whose path, query string or form fields cannot be text.

A NUL byte, bytes that are not UTF-8, or a path or query string far longer than any address of
the site: PostgreSQL refuses NUL in text, so such a value used to reach a query and answer 500,
from whichever view, filter, admin list or middleware read it first (any unknown path with a NUL
did: the redirects of moved pages look it up). One check here, before sessions, the
CMS or any view, answers them all with a small page instead, so no view guards its own parameters.

- The query string is judged as the client sent it (the WSGI bytes), the path as Django left it
  (bytes that are not UTF-8 escaped again), so invalid UTF-8 is seen in both, where Django would
  have replaced or re-escaped it.
- Form fields (urlencoded, and multipart's non-file fields) are judged once Django has parsed the
  body for the view, through its own parser and upload handlers, just before the view runs: the
  body is read once, as CSRF's check reads it. Files are not looked at: their contents are not
  text, and Django's parser drops the unprintable characters of their names itself.
- Lengths: only bounds far above anything a field takes, so a value one of the site's fields finds
  too long still reaches the field, which says so beside it. Longer bodies are
  mgh_site.body_limits' and Django's (DATA_UPLOAD_MAX_MEMORY_SIZE) to refuse.

Nothing the visitor sent is echoed in the page or written to the log.
"""

import logging
from urllib.parse import parse_qsl, unquote_to_bytes

from django.conf import settings
from django.core.handlers.wsgi import get_bytes_from_wsgi
from django.http import UnreadablePostError

from toolkit.views import standalone_page

logger = logging.getLogger(__name__)

# The site's longest addresses (a doctor's or a place's profile, a page four levels down, an admin
# change page) stay under 200 characters; 2,000 is also what browsers and CDNs have long been safe with.
MAX_PATH_LENGTH = 2000
# gunicorn refuses a request line over 4,094 bytes, so in production nothing longer reaches the
# site; the same bound here makes runserver and any other server alike. The longest value a field
# reads from a query is a search (200 characters, toolkit.forms.SearchField): at most 2,400 bytes
# once percent-encoded, so a search one character too long still gets its own message.
MAX_QUERY_STRING_BYTES = 4096

# What Django's parsers put in place of bytes that are not UTF-8: in a multipart field (whose raw
# bytes are gone once parsed) it is the only trace of them. A browser posting a form of this site
# (UTF-8 pages) never sends such bytes; the one who pastes a U+FFFD itself (a sign of text already
# garbled) is refused too, and told to retype it.
REPLACEMENT_CHARACTER = "\ufffd"
URLENCODED = "application/x-www-form-urlencoded"
MULTIPART = "multipart/form-data"
# Where a request's path is logged (mgh_site.logs, Django's "Bad Request" warning) once it is refused
# for its path: the path is what the visitor typed, and may be 2,000 characters of anything.
REFUSED_PATH = "[refused path]"
# axes.models.AccessAttempt.username's max_length.
AXES_USERNAME_LENGTH = 255


def _text_problem(pairs):
    """What is wrong with decoded (name, value) pairs as text, or None."""
    for name, value in pairs:
        if "\x00" in name or "\x00" in value:
            return "a NUL character"
    return None


def _urlencoded_problem(raw):
    """What is wrong with a query string or an urlencoded body (bytes, as sent), or None.

    Parsed as Django's QueryDict parses it, but strictly: Django would replace undecodable bytes.
    """
    try:
        pairs = parse_qsl(
            raw.decode(),
            keep_blank_values=True,
            errors="strict",
            max_num_fields=settings.DATA_UPLOAD_MAX_NUMBER_FIELDS,
        )
    except UnicodeDecodeError:
        return "bytes that are not UTF-8"
    except ValueError:  # Django would refuse these too (TooManyFieldsSent), on its generic page
        return "too many fields"
    return _text_problem(pairs)


def path_problem(request):
    if len(request.path_info) > MAX_PATH_LENGTH:
        return "a path too long"
    try:
        # Django has already escaped the bytes of the path that are not UTF-8 again ("%FF"), and put
        # that in place of the raw path: undo it. A "%" the client escaped itself ("%25FF") is caught
        # too, which costs nothing: no address of the site has a "%" in it.
        unquote_to_bytes(request.path_info).decode()
    except UnicodeDecodeError:
        return "bytes that are not UTF-8 in the path"
    if "\x00" in request.path_info:
        return "a NUL character in the path"
    return None


def query_problem(request):
    raw = get_bytes_from_wsgi(request.META, "QUERY_STRING", "")
    if len(raw) > MAX_QUERY_STRING_BYTES:
        return "a query string too long"
    problem = _urlencoded_problem(raw)
    return problem and f"{problem} in the query string"


def form_problem(request):
    """What is wrong with a POSTed form's fields, or None. Reads request.POST (and FILES), which the
    view would read anyway: Django parses the body once and keeps the result."""
    if request.method != "POST" or request.content_type not in (URLENCODED, MULTIPART):
        return None
    try:
        fields, files = request.POST, request.FILES
    except UnreadablePostError:
        return None  # the client went away mid-body: nobody to answer (CSRF's check does the same)
    if request.content_type == URLENCODED:
        # request.body is the same bytes Django kept to parse request.POST: not read a second time.
        problem = _urlencoded_problem(request.body)
    else:
        pairs = [(name, value) for name, values in fields.lists() for value in values]
        pairs += [(name, "") for name in files]  # a file's field name is text too
        problem = _text_problem(pairs)
        if not problem and any(REPLACEMENT_CHARACTER in text for pair in pairs for text in pair):
            problem = "bytes that are not UTF-8"
    return problem and f"{problem} in the form"


def bad_request(request, exception=None):
    """The 400 page, in the language of the address (the site's /en/ or /es/ prefix; LocaleMiddleware
    has not run yet), saying nothing of what was sent. Also the site's handler400, so the 400s Django
    itself gives (a body with too many fields, a bad Host header) look the same."""
    return standalone_page(request, "400.html", 400)


def login_username(request, credentials=None):
    """AXES_USERNAME_CALLABLE: the user name axes records a sign-in attempt under, cut to its column.

    Django's sign-in forms give the user name field no length limit (only the input's maxlength),
    so any length reaches authentication, and axes would store it in 255 characters: a 500 on
    PostgreSQL. Names that long belong to nobody; cutting them still counts the attempts.
    """
    data = credentials or getattr(request, "data", request.POST)
    username = data.get(getattr(settings, "AXES_USERNAME_FORM_FIELD", "username"))
    return username[:AXES_USERNAME_LENGTH] if isinstance(username, str) else username


class MalformedInputMiddleware:
    """Put it after the security headers' middleware (the 400 page gets them too) and before anything
    that reads the path, the query or a body. The first cache layer above it never stores what it
    refuses (only a 200 is stored), so a page served from there needs no check."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if problem := path_problem(request):
            response = bad_request(request)
            # Logged from here on (by mgh_site.logs and by Django) under a placeholder: the request
            # is answered, nothing else reads it.
            request.path = request.path_info = REFUSED_PATH
            return self.refused(response, problem)
        if problem := query_problem(request):
            return self.refused(bad_request(request), problem)
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        # The fields are checked here, once every middleware before the view has run (the body
        # limits among them: nothing is parsed that they would refuse), and before CSRF's check.
        if problem := form_problem(request):
            return self.refused(bad_request(request), problem)
        return None

    @staticmethod
    def refused(response, problem):
        logger.info("Refused a request with %s", problem)
        return response
