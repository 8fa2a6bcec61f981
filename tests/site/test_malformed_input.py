"""Malformed input never gives a 500: a NUL byte, bytes that are not UTF-8 or an over-long value,
in the path, the query string or a form's fields, of any URL pattern of the site, is answered 400
(or 404, or a message beside the field), by mgh_site.malformed.

PostgreSQL refuses NUL in text, so without that check these are 500s there: run on PostgreSQL.
The walk builds one address for every pattern of the URLconf (the apps django CMS hooks onto its
pages, in English and Spanish; the admin, signed in as staff) with real slugs and ids.
"""

import json
import logging
import re
import uuid
from urllib.parse import parse_qsl, urlencode

import pytest
from axes.models import AccessAttempt
from cms.models import PageContent, PageUrl
from cms.utils.conf import get_cms_setting
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db.models import Q
from django.urls import URLResolver, get_resolver, resolve
from django.utils import translation

from appointments.forms import FORMS
from appointments.models import Request
from doctors.forms import DoctorSearchForm
from locations.forms import LocationSearchForm
from locations.models import Location
from mgh_site.logs import JsonFormatter, RequestIdFilter
from mgh_site.malformed import MAX_PATH_LENGTH, MAX_QUERY_STRING_BYTES
from sitesearch.forms import SiteSearchForm
from tests.appointments.conftest import URLS as FORM_URLS
from tests.appointments.conftest import form_key, valid_data
from tests.conftest import DEMO_PASSWORD
from tests.doctors.factories import DoctorFactory
from tests.html import select
from tests.staff import password_step
from toolkit.forms import SearchField

pytestmark = pytest.mark.django_db

# As a client sends them: percent-escaped, into a path segment or a query value.
NUL = "a%00b"
NOT_UTF8 = "%ff%fe"  # no UTF-8 sequence starts with 0xFF
TOO_LONG_SEGMENT = "p" * (MAX_PATH_LENGTH + 1)
LONG_SEGMENT = "p" * (MAX_PATH_LENGTH - 200)  # within the limit: reaches the views, which must cope
UNKNOWN = "zz"
REFUSED = {400, 404}
# Query parameters django CMS's toolbar reads on every page.
CMS_PARAMS = [get_cms_setting(f"TOOLBAR_URL__{name}") for name in ("PERSIST", "DISABLE", "ENABLE")] + [
    "cms_path"
]
# What the apps' public views read from the query string, by view name.
PUBLIC_PARAMS = {
    "doctors:list": [*DoctorSearchForm.base_fields, "page"],
    "locations:list": [*LocationSearchForm.base_fields, "page"],
    "sitesearch:results": [*SiteSearchForm.base_fields, "page"],
    "sitesearch:suggest": ["q"],
    "appointments:index": ["doctor"],
    "appointments:appointment": ["doctor"],
    "appointments:second_opinion": ["doctor"],
    "appointments:referral": ["doctor"],
    "appointments:good_faith_estimate": ["service"],
    "pricing:estimate": ["q", "plan"],
    "pricing:service": ["plan"],
}
# What the admin's views read (search, ordering, paging, popups, the list's filters to go back to,
# django CMS's language, editorial's "next"); each list's own filters are read off its page.
ADMIN_PARAMS = ["q", "o", "p", "e", "all", "_popup", "_to_field", "_changelist_filters", "language", "next"]
# django CMS's page tree answers 500 to any "e" (the admin's own ?e=1 after a wrong filter):
# cms/templatetags/cms_admin.py's render_filter_field deletes the key "ERROR_FLAG" where it means "e".
# A bug of django CMS 5.1 for any value, not of malformed ones; left out until it is fixed there.
UPSTREAM_BUGS = {("admin:cms_pagecontent_changelist", "e")}


def long_value(length):
    """A value of `length` characters, a tenth of them two bytes long in UTF-8, percent-escaped:
    1.5 bytes a character once sent."""
    return "%C3%B1" * (length // 10) + "v" * (length - length // 10)


# About the longest value one parameter can carry within the limit of the whole query string.
LONG_VALUE = long_value((MAX_QUERY_STRING_BYTES - 100) * 2 // 3)
TOO_LONG_VALUE = "v" * (MAX_QUERY_STRING_BYTES + 1)


# The walk over the URLconf.


def url_patterns(patterns=None, chain=()):
    """Every URL pattern of the site, each as the chain of patterns from the root to it."""
    for entry in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(entry, URLResolver):
            yield from url_patterns(entry.url_patterns, (*chain, entry))
        else:
            yield (*chain, entry)


def closing(regex, start):
    """The index of the parenthesis that closes the group opening at `start`."""
    depth, index, in_class = 0, start, False
    while True:
        char = regex[index]
        if char == "\\":
            index += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
        index += 1


def fill(regex, prefix, value_for):
    """A path matching `regex` (a pattern's, anchors and all), each group filled by value_for."""
    out, index = [], 0
    while index < len(regex):
        char = regex[index]
        if char == "\\":
            if regex[index + 1] not in "AZ":  # \A and \Z anchor; anything else is a literal
                out.append(regex[index + 1])
            index += 2
        elif char in "^$":
            index += 1
        elif char == "(":
            end = closing(regex, index)
            named = re.match(r"\(\?P<(\w+)>", regex[index:])
            inner = regex[index + (named.end() if named else 1) : end]
            out.append(value_for(named and named.group(1), inner, prefix + "".join(out)))
            index = end + 1
        else:
            out.append(char)
            index += 1
    return "".join(out)


class Values:
    """Real values for the groups of the patterns: slugs and ids from the demo content."""

    def __init__(self, language, callback):
        self.language, self.module = language, callback.__module__

    def __call__(self, name, inner, prefix):
        candidates = [*self.real(name, prefix), "1", "title", "no-such-thing"]
        return next(value for value in candidates if re.fullmatch(inner, value))

    def real(self, name, prefix):
        if name == "slug" and self.module.startswith("doctors"):
            yield DoctorFactory().slug  # the demo has no doctors: one published doctor
        elif name == "slug" and self.module.startswith("locations"):
            yield Location.objects.order_by("pk").first().slug
        elif name == "slug":  # a page of the CMS's own, not one an app is hooked onto
            own = Q(page__application_urls="") | Q(page__application_urls__isnull=True)
            pages = PageUrl.objects.filter(own, language=self.language)
            yield from pages.exclude(path="").values_list("path", flat=True)
        elif name is None and prefix.endswith("/placeholder/object/"):  # a page's content, by type and id
            yield str(ContentType.objects.get_for_model(PageContent).pk)
        elif name is None and re.search(r"/placeholder/object/\d+/\w+/$", prefix):
            yield str(PageContent.objects.order_by("pk").values_list("pk", flat=True).first())
        elif name == "kind" and prefix == "/fhir/":  # a FHIR resource type, and one of them
            yield "Location"
        elif name == "pk" and prefix == "/fhir/Location/":
            yield str(Location.objects.published().order_by("pk").first().pk)
        elif name == "app_label":
            yield "doctors"
        elif name == "content_type_id":
            yield str(ContentType.objects.get_for_model(Location).pk)
        elif name in ("object_id", "id", "pk", "version_id") and (model := self.model_in(prefix)):
            yield from (
                str(pk) for pk in model._default_manager.order_by("pk").values_list("pk", flat=True)[:1]
            )

    @staticmethod
    def model_in(prefix):
        if match := re.search(r"/admin/r/(\d+)/$", prefix):
            return ContentType.objects.get_for_id(int(match.group(1))).model_class()
        if match := re.search(r"/admin/(\w+)/(\w+)/", prefix):
            try:
                return apps.get_model(*match.groups())
            except LookupError:
                return None
        if "/aliases/" in prefix:
            return apps.get_model("djangocms_alias", "alias")
        if "/submit/" in prefix:
            return apps.get_model("djangocms_versioning", "version")
        return None


def site_urls(language, admin):
    """(address, view name) of every pattern in `language`: the admin's or everything else's."""
    urls = []
    with translation.override(language):
        for chain in url_patterns():
            callback = chain[-1].callback
            prefix = "/"
            for entry in chain:
                prefix += fill(entry.pattern.regex.pattern, prefix, Values(language, callback))
            if prefix.startswith(f"/{language}/admin/") != admin:
                continue
            if not admin and not prefix.startswith(f"/{language}/") and language != "en":
                continue  # robots.txt and the sitemap have no language: walked once
            # A pattern an earlier one shadows (filer's folder list over the admin's) is walked as
            # whatever answers its address.
            urls.append((prefix, resolve(prefix).view_name))
    return list(dict.fromkeys(urls))


def listed(failures):
    return f"{len(failures)} wrong answers:\n" + "\n".join(f"{status} {what}" for status, what in failures)


def in_segment(url, text):
    """`url` with `text` added to its last path segment."""
    return url[:-1] + text + "/" if url.endswith("/") else url + text


def walk(client, url, params, failures, one_long_query=False):
    """Send `url` malformed paths and queries; note in `failures` each answer that is not right."""

    def expect(allowed, address, answered):
        if answered.status_code not in allowed:
            failures.append((answered.status_code, address[:150]))

    for text in (NUL, NOT_UTF8, TOO_LONG_SEGMENT):
        expect(REFUSED, in_segment(url, text), client.get(in_segment(url, text)))
    coping = range(100, 500)
    expect(coping, in_segment(url, LONG_SEGMENT), client.get(in_segment(url, LONG_SEGMENT)))
    expect(REFUSED, f"{url}?{NUL}=1", client.get(f"{url}?{NUL}=1"))
    for name in (*params, *CMS_PARAMS, UNKNOWN):
        for value in (NUL, NOT_UTF8, TOO_LONG_VALUE):
            expect(REFUSED, f"{url}?{name}={value}", client.get(f"{url}?{name}={value}"))
        if not one_long_query:
            expect(coping, f"{url}?{name}=<long>", client.get(f"{url}?{name}={LONG_VALUE}"))
    if one_long_query:
        # Every parameter long at once (a page each would be a few thousand admin pages).
        names = [*params, *CMS_PARAMS, UNKNOWN]
        value = long_value((MAX_QUERY_STRING_BYTES - 30 * len(names)) * 2 // 3 // len(names))
        query = "&".join(f"{name}={value}" for name in names)
        expect(coping, f"{url}?<all long>", client.get(f"{url}?{query}"))


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_public_url_answers_malformed_paths_and_queries_with_400_or_404(client, demo, language):
    client.raise_request_exception = False  # a 500 is counted, not raised, so one run lists them all
    urls = site_urls(language, admin=False)
    names = {name for _url, name in urls}
    assert {"doctors:detail", "locations:detail", "sitesearch:suggest", "appointments:referral"} <= names
    assert {"pages-root", "pages-details-by-slug"} <= names
    if language == "en":
        assert {"robots", "sitemap"} <= names
    failures = []
    for url, name in urls:
        walk(client, url, PUBLIC_PARAMS.get(name, []), failures)
    assert not failures, listed(failures)


def test_every_admin_url_answers_malformed_paths_queries_and_list_filters_with_400_or_404(staff_client, demo):
    staff_client.raise_request_exception = False
    urls = site_urls("en", admin=True)
    assert len(urls) > 200
    failures = []
    for url, name in urls:
        params = list(ADMIN_PARAMS)
        if name.endswith("_changelist"):
            # The list's filters, as its own links name them (?specialties__id__exact=3).
            page = staff_client.get(url)  # some lists redirect, with no body
            links = [a.get("href") for a in select(page, 'a[href^="?"]')] if page.content.strip() else []
            params += sorted(
                {key for link in links for key, _ in parse_qsl(link[1:].split("#")[0])} - set(params)
            )
        params = [param for param in params if (name, param) not in UPSTREAM_BUGS]
        walk(staff_client, url, params, failures, one_long_query=True)
    assert not failures, listed(failures)


def test_a_search_one_character_too_long_still_reaches_its_field(client, demo):
    # Four-byte characters, twelve bytes each once escaped: the longest a search can be sent.
    search = "%F0%9F%98%80" * (SearchField.MAX_LENGTH + 1)
    response = client.get(f"/en/find-a-doctor/?q={search}")
    assert response.status_code in (200, 400)
    assert b'id="id_q_error"' in response.content


# The forms.


def urlencoded_with(data, name, escaped):
    """`data` with the field `name` holding `escaped` (percent-escaped), as an urlencoded body."""
    return urlencode({**data, name: "__VALUE__"}, doseq=True).replace("__VALUE__", escaped)


@pytest.mark.parametrize("kind", list(FORM_URLS))
def test_the_request_forms_refuse_malformed_fields_and_explain_long_ones_beside_them(client, demo, kind):
    client.raise_request_exception = False
    url = FORM_URLS[kind]
    _html, key = form_key(client, kind)
    data = valid_data(kind, key)
    form = FORMS[Request.Kind(kind)]()
    failures = []

    def expect(allowed, what, answered):
        if answered.status_code not in allowed:
            failures.append((answered.status_code, what))
        return answered

    for name in [*form.fields, "csrfmiddlewaretoken", UNKNOWN]:
        if name == "records":
            continue  # a file field: its files' names are sent below
        expect(REFUSED, f"{name}: NUL, multipart", client.post(url, {**data, name: "a\x00b"}))
        expect(REFUSED, f"{name}: not UTF-8, multipart", client.post(url, {**data, name: [b"a\xff\xfeb"]}))
        for escaped in (NUL, NOT_UTF8):
            body = urlencoded_with(data, name, escaped)
            answered = client.post(url, body, content_type="application/x-www-form-urlencoded")
            expect(REFUSED, f"{name}: {escaped}, urlencoded", answered)
        limit = getattr(form.fields.get(name), "max_length", None)
        # A new key each time: a long value some field accepts makes a request, which takes its key.
        long = {**data, "submission_key": str(uuid.uuid4()), name: "x" * ((limit or 5000) + 1)}
        answered = expect(range(100, 500), f"{name}: long", client.post(url, long))
        # Within every limit of the request: the field itself says it is too long.
        beside = f'id="id_{name}_error"'.encode() in answered.content
        if limit and not form.fields[name].widget.is_hidden and not beside:
            failures.append((answered.status_code, f"{name}: no message beside the field"))
    if "records" in form.fields:
        # Django's parser drops a file name's unprintable characters itself: the form takes the file.
        upload = SimpleUploadedFile("scan\x00.pdf", b"%PDF-1.4 not text", content_type="application/pdf")
        expect(range(100, 500), "records: NUL in a file name", client.post(url, {**data, "records": upload}))
    assert not failures, listed(failures)


def test_the_sign_in_form_refuses_malformed_fields_and_takes_any_length(client, admin_user):
    # The admin's (two-factor) login is the only one: django CMS's toolbar login leads to it.
    url = "/en/admin/login/?next=/en/admin/"
    client.raise_request_exception = False
    wrong = DEMO_PASSWORD[::-1]
    data = password_step("admin", wrong, next_url="/en/")
    failures = []
    for name in [*data, UNKNOWN]:
        for answered in (
            client.post(url, {**data, name: "a\x00b"}),
            client.post(
                url, urlencoded_with(data, name, NOT_UTF8), content_type="application/x-www-form-urlencoded"
            ),
        ):
            if answered.status_code not in REFUSED:
                failures.append((answered.status_code, name))
    # A user name longer than any (axes records failed attempts in 255 characters): a failed sign-in.
    answered = client.post(url, {**data, "auth-username": "x" * 3000})
    if answered.status_code >= 500:
        failures.append((answered.status_code, "a long user name"))
    assert not failures, listed(failures)
    assert AccessAttempt.objects.get().username == "x" * 255


# The 400 page.


@pytest.fixture
def log_lines(caplog):
    caplog.set_level(logging.INFO)
    caplog.handler.addFilter(RequestIdFilter())
    formatter = JsonFormatter()
    return lambda: [json.loads(formatter.format(record)) for record in caplog.records]


TYPED = "Philomena"  # what a visitor typed, to be found nowhere afterwards


@pytest.mark.parametrize(
    "language, address",
    [
        ("es", f"/es/find-a-doctor/{TYPED}%00/"),
        ("es", f"/es/find-a-doctor/?q={TYPED}%00"),
        ("es", f"/es/{TYPED}{TOO_LONG_SEGMENT}/"),
        ("en", f"/en/search/suggest/?q={TYPED}%ff"),
        ("en", f"/en/{TYPED}%ff%fe/"),
    ],
)
def test_the_400_page_speaks_the_language_of_the_address_and_repeats_nothing_typed(
    client, demo, log_lines, language, address
):
    response = client.get(address)
    assert response.status_code == 400
    page = response.content.decode()
    assert f'<html lang="{language}">' in page
    assert response["Content-Language"] == language
    assert response["Cache-Control"] == "no-store"
    heading = {
        "en": "We could not read that address or form",
        "es": "No pudimos leer esa dirección o ese formulario",
    }
    assert heading[language] in page
    assert f'href="/{language}/"' in page
    assert TYPED not in page
    lines = log_lines()
    assert TYPED not in json.dumps(lines, ensure_ascii=False)
    request_line = next(line for line in lines if line["logger"] == "mgh_site.requests")
    assert request_line["status"] == 400


def test_a_form_refused_for_its_fields_repeats_nothing_typed(client, demo, log_lines):
    client.raise_request_exception = False
    _html, key = form_key(client, "appointment")
    response = client.post(
        "/es/appointments/request/", valid_data("appointment", key, first_name=f"{TYPED}\x00")
    )
    assert response.status_code == 400
    assert 'lang="es"' in response.content.decode()
    assert TYPED not in response.content.decode()
    assert TYPED not in json.dumps(log_lines(), ensure_ascii=False)


def test_the_400_page_is_never_a_debug_page(client, demo, settings):
    settings.DEBUG = True
    response = client.get("/en/find-a-doctor/?q=%00")
    assert response.status_code == 400
    assert b"data-bad-request" in response.content
    assert b"Traceback" not in response.content and b"technical" not in response.content.lower()


def test_the_400s_django_gives_itself_show_the_same_page(client, demo):
    # More fields than DATA_UPLOAD_MAX_NUMBER_FIELDS: Django refuses the body (TooManyFieldsSent).
    client.raise_request_exception = False
    body = "&".join(f"f{number}=1" for number in range(1100))
    response = client.post(
        "/es/appointments/request/", body, content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 400
    assert b"data-bad-request" in response.content and b'lang="es"' in response.content
    assert response["Cache-Control"] == "no-store"
