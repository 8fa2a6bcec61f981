"""Error reports to Sentry (or a server that speaks its protocol, such as GlitchTip), when
SENTRY_DSN is set: what broke and where in the code, never what anybody sent.

A report is rebuilt from an allow-list rather than scrubbed of what is known to be sensitive: a
field the SDK adds tomorrow is dropped until it is added here. What is kept: the exception's type
(not its message, which can quote a value: "Key (email)=(...) already exists"), its stack frames
with their source lines but no local variables, the path of the address (no query string, no
host), the method and the route, the request id of mgh_site.logs (the same as in the JSON log
lines), the level, logger, release and environment. Never the body, cookies, headers, query
string, user, the values of a log message (its template only) or what breadcrumbs carry.
"""

import logging
from urllib.parse import urlsplit

from mgh_site.logs import request_id

logger = logging.getLogger(__name__)

EVENT_FIELDS = {
    "event_id", "timestamp", "platform", "level", "logger", "server_name", "release", "environment",
    "transaction", "fingerprint", "sdk",
}  # fmt: skip
FRAME_FIELDS = {
    "filename", "abs_path", "module", "function", "lineno", "colno", "in_app",
    "pre_context", "context_line", "post_context",
}  # fmt: skip
MECHANISM_FIELDS = {
    "type",
    "handled",
    "synthetic",
    "exception_id",
    "parent_id",
    "source",
    "is_exception_group",
}
BREADCRUMB_FIELDS = {"type", "category", "level", "timestamp"}
REMOVED = "[removed]"


def start(dsn, environment, release=None):
    """Send error reports to `dsn` from this process (the app servers, the mail worker)."""
    import sentry_sdk
    from sentry_sdk.integrations.django import DjangoIntegration
    from sentry_sdk.integrations.logging import LoggingIntegration

    sentry_sdk.init(
        dsn=dsn,
        environment=environment,
        release=release or None,
        # What the SDK would collect on its own, each turned off at the source as well as dropped
        # by before_send: request bodies, the values of local variables, and personal data (user, IP
        # address, identifying headers and cookies), which is off as long as neither
        # `send_default_pii` (deprecated by recent releases: given, it warns) nor `data_collection` is given.
        max_request_body_size="never",
        include_local_variables=False,
        before_send=before_send,
        before_breadcrumb=before_breadcrumb,
        # No performance tracing (its spans carry SQL and addresses) and no release-health
        # sessions (they can carry the visitor's address and browser).
        traces_sample_rate=None,
        before_send_transaction=lambda event, hint: None,
        auto_session_tracking=False,
        integrations=[
            # The route's pattern names a request's transaction, never the address as typed.
            DjangoIntegration(transaction_style="url"),
            # Errors logged at ERROR become reports (their template only: see before_send).
            LoggingIntegration(level=logging.INFO, event_level=logging.ERROR),
        ],
    )


def before_send(event, hint):
    """The report as it may leave the server: only the fields of the allow-lists above."""
    kept = {name: value for name, value in event.items() if name in EVENT_FIELDS}
    if isinstance(kept.get("transaction"), str):
        kept["transaction"] = kept["transaction"].split("?", 1)[0]
    if "exception" in event:
        kept["exception"] = {"values": [_exception(value) for value in _values(event["exception"])]}
    if "logentry" in event:
        kept["logentry"] = _logentry(event["logentry"])
    if isinstance(event.get("request"), dict):
        kept["request"] = _request(event["request"])
    if isinstance(event.get("breadcrumbs"), dict):
        crumbs = [before_breadcrumb(crumb, None) for crumb in _values(event["breadcrumbs"])]
        kept["breadcrumbs"] = {"values": [crumb for crumb in crumbs if crumb]}
    contexts = event.get("contexts") or {}
    kept["contexts"] = {
        name: {key: contexts[name][key] for key in keys if key in contexts[name]}
        for name, keys in (
            ("trace", ("trace_id", "span_id", "parent_span_id")),
            ("runtime", ("name", "version")),
        )
        if isinstance(contexts.get(name), dict)
    }
    kept["tags"] = {"request_id": request_id.get()} if request_id.get() else {}
    if isinstance(kept.get("sdk"), dict):
        kept["sdk"] = {key: kept["sdk"][key] for key in ("name", "version") if key in kept["sdk"]}
    return kept


def before_breadcrumb(crumb, hint):
    """What happened before the error, by kind only: a query, a log line of such a logger at such a
    level, an HTTP call; never the SQL, its parameters, the message or the address."""
    return {name: value for name, value in crumb.items() if name in BREADCRUMB_FIELDS}


def _values(container):
    values = container.get("values") if isinstance(container, dict) else container
    return [value for value in values or [] if isinstance(value, dict)]


def _exception(exception):
    kept = {key: exception[key] for key in ("type", "module") if key in exception}
    kept["value"] = REMOVED
    if isinstance(exception.get("mechanism"), dict):
        mechanism = exception["mechanism"]
        kept["mechanism"] = {key: mechanism[key] for key in MECHANISM_FIELDS if key in mechanism}
    if isinstance(exception.get("stacktrace"), dict):
        frames = _frames(exception["stacktrace"].get("frames"))
        kept["stacktrace"] = {"frames": frames}
    return kept


def _frames(frames):
    return [
        {key: frame[key] for key in FRAME_FIELDS if key in frame}
        for frame in frames or []
        if isinstance(frame, dict)
    ]


def _logentry(entry):
    """The template of a logged message ("A %s request was not saved: %s"), which is code, when its
    values were passed apart; a message with none may have them written into it, and goes."""
    if not isinstance(entry, dict) or not entry.get("params"):
        return {"message": REMOVED}
    return {"message": str(entry.get("message", REMOVED))}


def _request(request):
    kept = {"method": request["method"]} if isinstance(request.get("method"), str) else {}
    if isinstance(request.get("url"), str):
        kept["url"] = urlsplit(request["url"]).path
    return kept
