"""/fhir/: the directory as a read-only FHIR R4 server (interop.resources), for anyone's app or
assistant: JSON, no sign-in, no cookie, open to scripts on other sites (CORS, GET only), cached until
the directory changes, paged, and limited per address.

Interactions: `GET /fhir/metadata` (the CapabilityStatement), `GET /fhir/<type>/<id>` (read) and
`GET /fhir/<type>?<parameters>` (search, a `searchset` Bundle with `next` links). Anything else
is answered with an OperationOutcome that says what was wrong.
"""

import datetime
from dataclasses import dataclass, field
from functools import wraps
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.core.paginator import EmptyPage, Paginator
from django.db.models import Q
from django.http import HttpResponseNotModified, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone, translation
from django.utils.choices import flatten_choices
from django.utils.dateparse import parse_date, parse_datetime
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods

from doctors.forms import DoctorSearchForm
from locations.caching import DIRECTORY
from locations.forms import LocationSearchForm
from toolkit.addresses import absolute_url
from toolkit.client_ip import client_address
from toolkit.ratelimit import within_limit

from . import bulk, resources

CONTENT_TYPE = "application/fhir+json; charset=utf-8"
DEFAULT_COUNT, MAX_COUNT = 20, 100


class Invalid(Exception):
    """A search parameter's value that cannot be understood: a 400 saying which and why."""


def string_filter(*paths):
    """FHIR's string search: each of `paths` starts with the value, case and accents aside; here,
    contains it, as the site's own search forgives."""

    def apply(records, value):
        matches = Q()
        for path in paths:
            matches |= Q(**{f"{path}__icontains": value})
        return records.filter(matches)

    return apply


def id_filter(path):
    def apply(records, value):
        value = value.rsplit("/", 1)[-1]
        if not value.isdigit():
            raise Invalid(f"{value!r} is not the id of a resource here.")
        return records.filter(**{path: int(value)})

    return apply


def npi_filter(records, value):
    system, _, npi = value.rpartition("|")
    if system and system != resources.NPI_SYSTEM:
        return records.none()
    return records.filter(npi=npi)


def last_updated_filter(records, value):
    """`_lastUpdated=ge2026-01-01`: gt, ge, lt, le or eq (the default) and a date or a date and time
    with its offset; a date compares as its whole day, in the hospital's time zone."""
    prefix, moment = (value[:2], value[2:]) if value[:2] in ("gt", "ge", "lt", "le", "eq") else ("eq", value)
    day = parse_date(moment) if len(moment) == 10 else None
    if day is not None:
        start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
        end = start + datetime.timedelta(days=1)
    else:
        try:
            start = parse_datetime(moment)
        except ValueError:
            start = None
        if start is None:
            raise Invalid(f"_lastUpdated: {value!r} is not a date (2026-01-31) or a date and time.")
        if timezone.is_naive(start):
            start = timezone.make_aware(start)
        end = start + datetime.timedelta(seconds=1)
    bounds = {
        "gt": Q(last_updated__gte=end),
        "ge": Q(last_updated__gte=start),
        "lt": Q(last_updated__lt=start),
        "le": Q(last_updated__lt=end),
        "eq": Q(last_updated__gte=start, last_updated__lt=end),
    }
    return records.filter(bounds[prefix])


@dataclass
class Kind:
    """A resource type: its records (as resources.*_records give them), how one is built, and its
    search parameters {name: (FHIR type, filter(records, value))}."""

    records: object
    build: object
    search: dict = field(default_factory=dict)

    @property
    def params(self):
        """Every search parameter it takes: FHIR's common ones, then its own."""
        return {**COMMON, **self.search}


COMMON = {"_id": ("token", id_filter("pk")), "_lastUpdated": ("date", last_updated_filter)}
KINDS = {
    "Practitioner": Kind(
        resources.practitioner_records,
        resources.practitioner,
        {
            "name": ("string", string_filter("full_name", "last_name", "first_name")),
            "identifier": ("token", npi_filter),
        },
    ),
    "PractitionerRole": Kind(
        resources.practitioner_role_records,
        resources.practitioner_role,
        {
            "practitioner": ("reference", id_filter("doctor_id")),
            "location": ("reference", id_filter("location_id")),
            "specialty": (
                "token",
                string_filter("doctor__specialties__name_en", "doctor__specialties__slug"),
            ),
        },
    ),
    "Location": Kind(
        resources.location_records,
        resources.location,
        {
            "name": ("string", string_filter("name")),
            "address-city": ("string", string_filter("city")),
            "address-postalcode": ("string", string_filter("zip_code")),
        },
    ),
    "HealthcareService": Kind(
        resources.healthcare_service_records,
        resources.healthcare_service,
        {
            "name": ("string", string_filter("name_en")),
            "location": ("reference", id_filter("locations")),
        },
    ),
}
READ_ONLY = ["read", "search-type"]
DOCUMENTATION = (
    "Read-only, with no sign-in. A search gives at most _count resources (20 unless asked, 100 at most), "
    "and its Bundle's next link the page after."
)


def outcome(status, code, text):
    """An OperationOutcome: what went wrong, for a person reading it and for a program."""
    body = {
        "resourceType": "OperationOutcome",
        "issue": [{"severity": "error", "code": code, "diagnostics": text}],
    }
    return fhir_json(body, status=status)


def fhir_json(body, status=200):
    return JsonResponse(
        body, status=status, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def base_url(path=""):
    return absolute_url(f"/fhir/{path}")


def open_data(view):
    """What every answer of /fhir/ shares: open to other sites' scripts for reading (CORS), limited
    per address (INTEROP_RATE_LIMIT a minute), in English whatever the visitor's browser asks."""

    @csrf_exempt  # nothing here changes anything: a POST is told 405, not refused for its token
    @require_http_methods(["GET", "HEAD", "OPTIONS"])
    @wraps(view)
    def wrapper(request, *args, **kwargs):
        if request.method == "OPTIONS":  # a browser asking before a script reads
            response = fhir_json({}, status=204)
            response.content = b""
        elif not within_limit(
            "fhir",
            client_address(request),
            settings.INTEROP_RATE_LIMIT,
            60,
            "/fhir/ is served without a rate limit while the shared cache is away",
        ):
            response = outcome(
                429, "throttled", "Too many requests from this address: try again in a minute."
            )
            response["Retry-After"] = "60"
        else:
            with translation.override("en"):
                response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        response["Access-Control-Allow-Methods"] = "GET, HEAD, OPTIONS"
        response["Access-Control-Allow-Headers"] = "Accept"
        return response

    return wrapper


@open_data
@DIRECTORY.cached_page()
def capability_statement(request):
    searches = {
        name: [{"name": param, "type": kind} for param, (kind, _apply) in spec.params.items()]
        for name, spec in KINDS.items()
    }
    searches["Organization"] = [{"name": "_id", "type": "token"}]
    return fhir_json(
        {
            "resourceType": "CapabilityStatement",
            "status": "active",
            "date": timezone.now().date().isoformat(),
            "publisher": resources.hospital().name,
            "kind": "instance",
            "implementation": {
                "description": f"{resources.hospital().name}: the public directory of doctors and places",
                "url": base_url(),
            },
            "fhirVersion": "4.0.1",
            "format": ["json"],
            "implementationGuide": [
                "http://hl7.org/fhir/us/davinci-pdex-plan-net/ImplementationGuide/hl7.fhir.us.davinci-pdex-plan-net"
            ],
            "rest": [
                {
                    "mode": "server",
                    "documentation": DOCUMENTATION,
                    "resource": [
                        {
                            "type": name,
                            "profile": resources.PLAN_NET + "plannet-" + name,
                            "interaction": [{"code": code} for code in READ_ONLY],
                            "searchParam": params,
                        }
                        for name, params in searches.items()
                    ],
                }
            ],
        }
    )


@open_data
@DIRECTORY.cached_page()
def read(request, kind, pk):
    if kind == "Organization":
        if pk != resources.ORGANIZATION_ID:
            return outcome(404, "not-found", f"There is no Organization/{pk} here.")
        return fhir_json(resources.organization(resources.organization_last_updated()))
    spec = KINDS.get(kind)
    if spec is None:
        return outcome(404, "not-supported", f"{kind} is not a resource type this server has.")
    record = spec.records().filter(pk=int(pk)).first() if pk.isdigit() else None
    if record is None:
        return outcome(404, "not-found", f"There is no {kind}/{pk} here.")
    return fhir_json(spec.build(record))


@open_data
@DIRECTORY.cached_page()
def search(request, kind):
    if kind == "Organization":
        found = [resources.organization(resources.organization_last_updated())]
        wanted = request.GET.get("_id")
        if wanted is not None and wanted != resources.ORGANIZATION_ID:
            found = []
        return fhir_json(bundle(kind, found, len(found), None))
    spec = KINDS.get(kind)
    if spec is None:
        return outcome(404, "not-supported", f"{kind} is not a resource type this server has.")
    records = spec.records()
    applied = []
    try:
        count = paging_number(request, "_count", DEFAULT_COUNT, MAX_COUNT)
        number = paging_number(request, "page", 1, None)
        for name, (_kind, apply) in spec.params.items():
            for value in request.GET.getlist(name):
                if value:
                    records = apply(records, value)
                    applied.append((name, value))
    except Invalid as error:
        return outcome(400, "invalid", str(error))
    # A role's specialties are many: the roles of a specialty's search are each listed once.
    paginator = Paginator(records.distinct() if kind == "PractitionerRole" else records, count)
    try:
        page = paginator.page(number)
    except EmptyPage:
        return outcome(400, "invalid", f"page: there are {paginator.num_pages} pages of {count}.")
    built = [spec.build(record) for record in page.object_list]
    return fhir_json(bundle(kind, built, paginator.count, page, applied, count))


@open_data
def unknown(request, rest):
    return outcome(404, "not-found", f"/fhir/{rest} is not an address of this server: see /fhir/metadata.")


def paging_number(request, name, default, most):
    value = request.GET.get(name)
    if not value:
        return default
    if not value.isdigit() or int(value) < 1:
        raise Invalid(f"{name}: {value!r} is not a whole number of 1 or more.")
    return min(int(value), most) if most else int(value)


def bundle(kind, built, total, page, applied=(), count=DEFAULT_COUNT):
    def link(number):
        return base_url(kind) + "?" + urlencode([*applied, ("_count", count), ("page", number)])

    links = [{"relation": "self", "url": link(page.number if page else 1)}]
    if page is not None and page.has_next():
        links.append({"relation": "next", "url": link(page.next_page_number())})
    if page is not None and page.has_previous():
        links.append({"relation": "previous", "url": link(page.previous_page_number())})
    return {
        "resourceType": "Bundle",
        "type": "searchset",
        "total": total,
        "link": links,
        "entry": [
            {
                "fullUrl": base_url(f"{resource['resourceType']}/{resource['id']}"),
                "resource": resource,
                "search": {"mode": "match"},
            }
            for resource in built
        ],
    }


# --- $bulk-publish: our open times in SMART Scheduling Links (interop.bulk) ---------------------------


def polling_hint(response):
    """How long to wait before asking again, as the spec asks (Cache-Control max-age): no longer than
    any public page of the site may be kept, since a hold changes the times at any moment."""
    seconds = min(settings.SCHEDULING_REFRESH_SECONDS, settings.PUBLIC_CACHE_SECONDS)
    response["Cache-Control"] = f"public, max-age={seconds}"
    return response


@open_data
def bulk_publish(request):
    """The manifest. A `_since` is ignored, as the spec allows: the `request` says so by not echoing
    it, and every file is whole."""
    body = bulk.manifest(
        base_url("$bulk-publish"), lambda name: absolute_url(reverse("interop:bulk_file", args=[name]))
    )
    response = JsonResponse(body, content_type="application/json")
    return polling_hint(response)


@open_data
def bulk_file(request, name):
    """One NDJSON file, written as it is read. Its ETag is the data's version: a client asking again
    with it before anything changed gets a 304 and no body."""
    if name not in bulk.FILES.values():
        return outcome(404, "not-found", f"There is no file {name}.ndjson: the manifest lists the files.")
    etag = f'"{name}-{DIRECTORY.version()}"'
    if request.headers.get("If-None-Match") == etag:
        response = HttpResponseNotModified()
    else:
        response = StreamingHttpResponse(bulk.lines(name), content_type="application/fhir+ndjson")
    response["ETag"] = etag
    return polling_hint(response)


# --- /llms.txt: what the site offers, for assistants and other programs --------------------------------

HINTS = {
    "q": (
        "plain words: a name, a specialty, a condition or a symptom, in English or Spanish; typos and "
        "missing accents are forgiven"
    ),
    "zip": "a 5-digit US ZIP code; with sort=distance, the nearest first",
    "plan": "a plan of the insurer chosen, by its number, as the page's plan list gives it",
}


def describe(form):
    """Each field of a list's search form: its name, its label, and the values it takes (the options
    of a list, "on" for a tick box) or what to write in it."""
    params = []
    for name, form_field in form.fields.items():
        values = []
        if isinstance(form_field, forms.BooleanField):
            values = ["on"]
        elif isinstance(form_field, forms.ChoiceField) and name != "plan":
            values = [
                str(value) for value, _label in flatten_choices(form_field.choices) if value not in ("", None)
            ]
        params.append(
            {"name": name, "label": str(form_field.label), "values": values, "hint": HINTS.get(name, "")}
        )
    return params


def page_address(name, **params):
    """The absolute address of an app's page (and its query), or None when no page hooks that app."""
    try:
        path = reverse(name)
    except NoReverseMatch:
        return None
    return absolute_url(path) + (f"?{urlencode(params)}" if params else "")


@DIRECTORY.cached_page()
def llms_txt(request):
    """/llms.txt: the site in a few lines of Markdown for language models and other programs, made
    from the forms and endpoints themselves (so that it says what they take), in English."""
    with translation.override("en"):
        doctors = page_address("doctors:list")
        locations = page_address("locations:list")
        context = {
            "hospital": resources.hospital(),
            "origin": absolute_url("/").rstrip("/"),
            "doctors": doctors
            and {
                "url": doctors,
                "params": describe(DoctorSearchForm()),
                "example": page_address(
                    "doctors:list", specialty="cardiology", language="spanish", accepting="yes"
                ),
            },
            "locations": locations and {"url": locations, "params": describe(LocationSearchForm())},
            "fhir": base_url(),
            "fhir_searches": [
                {"type": name, "params": [f"`{param}`" for param in spec.params]}
                for name, spec in KINDS.items()
            ],
            "rate_limit": settings.INTEROP_RATE_LIMIT,
            "appointments": page_address("appointments:index"),
            "prices": page_address("pricing:index"),
        }
        return render(request, "interop/llms.txt", context, content_type="text/markdown; charset=utf-8")
