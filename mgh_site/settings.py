"""Settings for the hospital site: every deploy-time value comes from the environment.

The defaults are for a laptop (SQLite, local-memory cache, console e-mail), except DEBUG: it is on
only with DJANGO_DEBUG=true, and without it DJANGO_SECRET_KEY must be set. `.env.example` lists
every variable.
"""

from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit

import environ
from csp.constants import NONCE, NONE, SELF, UNSAFE_INLINE
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

env = environ.Env()
# A .env file beside manage.py is read when present; real environment variables win.
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

# Off unless DJANGO_DEBUG=true is set (`make run` and the Makefile's other laptop targets set it): a
# command run on a server without the variable must run as production, never in debug mode.
DEBUG = env.bool("DJANGO_DEBUG", default=False)
# The published development key only in debug mode; anywhere else the key must be given.
SECRET_KEY = env("DJANGO_SECRET_KEY", default="")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is not set. Set DJANGO_SECRET_KEY to a long random secret, or set "
            "DJANGO_DEBUG=true to run on a laptop with the development key."
        )
    SECRET_KEY = "django-insecure-local-development-key-do-not-use-in-production"  # noqa: S105  # nosec B105
ALLOWED_HOSTS = env.list("DJANGO_ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "[::1]"])
CSRF_TRUSTED_ORIGINS = env.list("DJANGO_CSRF_TRUSTED_ORIGINS", default=[])
# Other sites learn only our origin from a link, never the path (it may name a doctor or a search).
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
# Reverse proxies in front of the app servers (load balancer, CDN) that add to X-Forwarded-For:
# the visitor's address is the one the outermost of them saw. 0: the connection's own address.
TRUSTED_PROXY_COUNT = env.int("DJANGO_TRUSTED_PROXY_COUNT", default=0)

INSTALLED_APPS = [
    # Before the admin, as django-modeltranslation asks: the directory's vocabulary in each language
    "modeltranslation",
    # Django (the admin site asks every staff user for a second factor: accounts.admin_site)
    "accounts.admin_apps.StaffAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sites",
    "django.contrib.sitemaps",
    "django.contrib.postgres",
    "django.contrib.redirects",
    # Third party: django CMS and its companions
    "cms",
    "menus",
    "treebeard",
    "sekizai",
    "parler",
    "djangocms_versioning",
    "djangocms_alias",
    "djangocms_text",
    "djangocms_link",
    "filer",
    "easy_thumbnails",
    # Third party: two-factor sign-in for staff (TOTP, recovery codes, WebAuthn passkeys)
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "two_factor",
    "two_factor.plugins.webauthn",
    # Ours
    "toolkit",
    "pages",
    "locations",
    "pricing",
    "notices",
    "doctors",
    "scheduling",
    "appointments",
    "sitesearch",
    "interop",
    "editorial",
    "accounts",
    "demo",
    # Last: throttles admin logins (django-axes)
    "axes",
    "csp",
]

MIDDLEWARE = [
    # /healthz and /readyz for load balancers, before anything that may need the database.
    "mgh_site.health.HealthCheckMiddleware",
    "mgh_site.logs.RequestLogMiddleware",
    # Pages anybody would get alike, answered from one Redis read with the headers everything
    # below gave them (security headers, ETag); "public" and a short max-age for browsers and a CDN.
    "toolkit.caching.SharedPageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "mgh_site.middleware.ContentSecurityPolicyMiddleware",
    "mgh_site.middleware.PermissionsPolicyMiddleware",
    # Below the first cache layer (a cached page is served without these checks: only a page made
    # for a well-formed GET is ever stored) and the security headers, which the 400 and 413 get too.
    # A NUL byte, invalid UTF-8 or an over-long value in the path, the query or a form's fields is
    # answered 400, for every view at once (PostgreSQL refuses NUL in text: it was a 500).
    "mgh_site.malformed.MalformedInputMiddleware",
    # A body over its route's limit is refused with 413 before it is read (55 MB on the
    # second-opinion form, less elsewhere), with or without a proxy in front.
    "mgh_site.body_limits.BodyLimitMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # ETags and 304s for every page.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # Django's, but a 404 from a view at the root (/fhir/) stays a 404 (not a redirect under /en/).
    "mgh_site.middleware.LocaleMiddleware",
    # A page not yet written in the address's language: only its content is in English, the page
    # around it in the address's language (django CMS switches the whole request to English).
    "pages.middleware.PageLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # request.user.is_verified(): signed in with a second factor (django-otp).
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Staff sessions end when idle or too old (accounts.sessions): after authentication, and after
    # messages, which tell the person why they were signed out. Does nothing without a session cookie.
    "accounts.sessions.StaffSessionMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "mgh_site.middleware.StaffFramingMiddleware",
    # Old addresses of moved pages answer with a permanent redirect (on 404 only), with or without
    # a query string on the old address (django.contrib.redirects' own fallback needs it exact).
    "editorial.redirects.MovedPageRedirectMiddleware",
    # The alert banner appears and disappears on schedule, even on cached pages.
    "editorial.alerts.AlertScheduleMiddleware",
    "cms.middleware.user.CurrentUserMiddleware",
    "cms.middleware.page.CurrentPageMiddleware",
    # django CMS's toolbar, for staff signed in with their second factor only.
    "accounts.two_factor.VerifiedToolbarMiddleware",
    "axes.middleware.AxesMiddleware",
]

# django CMS's ApphookReloadMiddleware is left out on purpose: it costs a query on every request
# to notice that an app was hooked onto a page, which happens only when the site is set up; the
# app servers pick such a change up when they restart (as on every deploy).
ROOT_URLCONF = "mgh_site.urls"
WSGI_APPLICATION = "mgh_site.wsgi.application"
SITE_ID = 1
# The public host name of every absolute address (toolkit.addresses: sitemap.xml, canonical and
# hreflang links, og:url, JSON-LD, e-mails); `migrate` writes it to the Site. One of ALLOWED_HOSTS
# (toolkit.checks says so under `check --deploy`).
SITE_DOMAIN = env("SITE_DOMAIN", default="127.0.0.1:8000")

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "django.template.context_processors.media",
                "django.template.context_processors.static",
                "cms.context_processors.cms_settings",
                "sekizai.context_processors.sekizai",
                "pages.context_processors.site_links",
            ],
        },
    },
]

# Database: SQLite file by default, PostgreSQL (psycopg 3) through DATABASE_URL.
DATABASES = {"default": env.db("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}")}
DATABASES["default"]["CONN_MAX_AGE"] = env.int("DATABASE_CONN_MAX_AGE", default=60)
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # A database host that accepts no connection (a partition, a stopped machine) fails the request
    # with the 503 page in this long, instead of holding a worker thread until gunicorn's timeout.
    DATABASES["default"].setdefault("OPTIONS", {}).setdefault("connect_timeout", 5)
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Cache: Redis shared by every app process when REDIS_URL is set, local memory otherwise.
REDIS_URL = env("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # django-redis, answering as a miss while Redis is away (mgh_site.cache): every page and
            # form works without it, made afresh from the database.
            "BACKEND": "mgh_site.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": env("CACHE_KEY_PREFIX", default="mgh"),
            "OPTIONS": {
                # A Redis that stops answering (rather than refusing) fails a call in this long, and
                # then this process asks it nothing for RETRY_SECONDS, answering every call as a miss.
                "SOCKET_CONNECT_TIMEOUT": env.float("REDIS_TIMEOUT_SECONDS", default=1.0),
                "SOCKET_TIMEOUT": env.float("REDIS_TIMEOUT_SECONDS", default=1.0),
                "RETRY_SECONDS": env.float("REDIS_RETRY_SECONDS", default=5.0),
            },
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# With Redis, each app process also keeps up to this much of the public pages in its own memory,
# served without a Redis read while nothing they were made from has changed (toolkit.caching).
NEAR_CACHE_BYTES = env.int("DJANGO_NEAR_CACHE_MB", default=16) * 2**20
# Every process hears of changes at once (Redis pub/sub); in case such news is ever lost unnoticed,
# it also checks the versions in Redis this often, which bounds how long a copy could be wrong.
NEAR_CACHE_VERIFY_SECONDS = env.float("DJANGO_NEAR_CACHE_VERIFY_SECONDS", default=1.0)

# Sessions (staff only: visitors get none) in the database alone: one indexed read on pages that
# make dozens, and no copy in Redis that could outlive a logout made while Redis was away.
SESSION_ENGINE = "django.contrib.sessions.backends.db"
# No script needs to read the session or CSRF cookies (forms carry the token; the CMS toolbar has
# its own copy). The language cookie is written by the switcher's script (static/js/site.js), not
# by the server: django CMS's LanguageCookieMiddleware is left out, as a Set-Cookie on every
# first visit would keep public pages out of shared caches.
SESSION_COOKIE_HTTPONLY = CSRF_COOKIE_HTTPONLY = True
# Staff are signed out after STAFF_SESSION_IDLE_MINUTES without activity (warned two minutes before,
# with a button to stay signed in), and STAFF_SESSION_MAX_HOURS after signing in whatever they do
# (accounts.sessions). The cookie has no expiry date, so closing the browser ends the session too.
STAFF_SESSION_IDLE_SECONDS = env.int("STAFF_SESSION_IDLE_MINUTES", default=15) * 60
STAFF_SESSION_MAX_SECONDS = env.int("STAFF_SESSION_MAX_HOURS", default=8) * 60 * 60
STAFF_SESSION_WARNING_SECONDS = 120
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# The session row itself lasts no longer than the longest session.
SESSION_COOKIE_AGE = STAFF_SESSION_MAX_SECONDS

# Staff logins: after 5 failures for one username from one address, that pair is locked out for
# 15 minutes (django-axes); a success clears that pair's count (not the address's: accounts.throttling).
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_ACCOUNT_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
# And after this many failures from one address, whatever the usernames tried, the address is locked
# out for as long: nobody can try a few passwords on every account. Raise it where many staff share
# one address (a hospital network behind one NAT address), as everyone there counts together.
AXES_ADDRESS_FAILURE_LIMIT = env.int("AXES_ADDRESS_FAILURE_LIMIT", default=20)
# Both tiers are counted; accounts.throttling.failure_limit says which limit applies.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"], "ip_address"]
AXES_FAILURE_LIMIT = "accounts.throttling.failure_limit"
AXES_HANDLER = "accounts.throttling.AxesHandler"
AXES_COOLOFF_TIME = timedelta(minutes=env.int("AXES_COOLOFF_MINUTES", default=15))
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "toolkit.client_ip.client_address"
# The user name a failed sign-in is recorded under, cut to the 255 characters axes keeps.
AXES_USERNAME_CALLABLE = "mgh_site.malformed.login_username"
AXES_LOCKOUT_TEMPLATE = "admin/locked_out.html"

# Staff sign in at the admin's own address with a password and then a second factor
# (django-two-factor-auth: a code from an authenticator app, a recovery code, or a passkey); one who
# has none yet is sent to enrol one before any admin page opens (accounts.admin_site).
LOGIN_URL = "admin:login"
LOGIN_REDIRECT_URL = "admin:index"
LOGOUT_REDIRECT_URL = "admin:login"
# The name authenticator apps and passkeys show for the account.
OTP_TOTP_ISSUER = TWO_FACTOR_WEBAUTHN_RP_NAME = env("TWO_FACTOR_ISSUER", default="Mass General website")
# Passkeys belong to the host name they were made on unless this names a parent domain.
TWO_FACTOR_WEBAUTHN_RP_ID = env("TWO_FACTOR_WEBAUTHN_RP_ID", default=None)
# A wrong code makes the next try wait 1 s, then 2, 4, 8... (django-otp's default, said here).
OTP_TOTP_THROTTLE_FACTOR = 1

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Languages: English and Spanish under /en/ and /es/.
LANGUAGE_CODE = "en"
LANGUAGES = [("en", _("English")), ("es", _("Spanish"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "America/New_York"
USE_I18N = True
# Dates, times and numbers are written each language's way (Django's localisation); English pages
# take the American hospital's forms from mgh_site/formats/en.
FORMAT_MODULE_PATH = ["mgh_site.formats"]
USE_TZ = True

CMS_LANGUAGES = {
    SITE_ID: [
        {"code": "en", "name": _("English"), "public": True},
        # Spanish pages fall back to English until an editor writes them.
        {"code": "es", "name": _("Spanish"), "public": True, "fallbacks": ["en"]},
    ],
    "default": {"fallbacks": ["en"], "redirect_on_fallback": False, "hide_untranslated": False},
}

# Each language's name in that language (its autonym), for the choice of a patient's preferred
# language (toolkit.autonyms): Django's own table (django.conf.locale.LANG_INFO, "name_local") names
# most; these are the ones it lacks. A language with no written form (American Sign Language) is
# named in the page's language instead.
LANGUAGE_AUTONYMS = {
    "ht": "Kreyòl ayisyen",
    "kea": "Kriolu kabuverdianu",
    "zh": "中文（普通话）",
    "yue": "粵語（廣東話）",
}

# The languages the notices' documents (the privacy notice, the financial assistance papers) may be
# uploaded in besides LANGUAGES, as BCP 47 codes (notices.models.document_languages). IRS 501(r)
# asks for the financial assistance papers in each language spoken by limited-English people making
# up 1,000 or 5% of the community, whichever is fewer: the hospital confirms its own list.
NOTICE_DOCUMENT_LANGUAGES = ["pt", "zh-hans", "ht", "vi", "ru", "ar", "kea", "km"]

# The directory's and the places' vocabulary (specialty, condition, language and service names, a
# place's directions) in each language, as columns of the same row (django-modeltranslation, see
# doctors/translation.py): English is the original, and what shows where no Spanish is written yet
# (marked lang="en", toolkit.translation).
MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = ("en",)
MODELTRANSLATION_PREPOPULATE_LANGUAGE = "en"  # slugs are made from the English name

# Static files: WhiteNoise with hashed, compressed names outside DEBUG.
STATIC_URL = "/static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
STATICFILES_DIRS = [BASE_DIR / "static"]
# Files browsers ask for at the site's root, served there by WhiteNoise: /favicon.ico (made from
# static/img/favicon.svg), for browsers and tools that ask for it whatever the page's <link> says.
WHITENOISE_ROOT = BASE_DIR / "static" / "root"


def _root_file_headers(headers, path, url):
    """A root file's name never changes with its content (unlike /static/'s hashed names): a day."""
    if url == "/favicon.ico":
        headers["Cache-Control"] = "public, max-age=86400"


WHITENOISE_ADD_HEADERS_FUNCTION = _root_file_headers
MEDIA_URL = "/media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=BASE_DIR / "media")
# Files patients send (medical records) are kept apart from the public media, with no URL of their
# own: staff download them through a permission-checked admin view.
PRIVATE_MEDIA_ROOT = env.path("PRIVATE_MEDIA_ROOT", default=BASE_DIR / "private-media")
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "appointments.storage.PrivateFileSystemStorage",
        "OPTIONS": {"location": str(PRIVATE_MEDIA_ROOT)},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}
# With more than one app server, files must not stay on one server's disk: name S3-compatible
# buckets (django-storages; any S3 API, e.g. MinIO or Ceph through S3_ENDPOINT_URL) and every
# server reads and writes the same files. The credentials are boto3's own variables
# (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY), never settings.
S3_ENDPOINT_URL = env("S3_ENDPOINT_URL", default=None)
S3_REGION = env("S3_REGION", default=None)
S3_MEDIA_BUCKET = env("S3_MEDIA_BUCKET", default="")
# The host the public media are served from (a CDN in front of the bucket), if any.
S3_MEDIA_DOMAIN = env("S3_MEDIA_DOMAIN", default=None)
S3_PRIVATE_BUCKET = env("S3_PRIVATE_BUCKET", default="")
_s3 = {"endpoint_url": S3_ENDPOINT_URL, "region_name": S3_REGION, "file_overwrite": False}
if S3_MEDIA_BUCKET:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        # Public images and documents: plain addresses that browsers and a CDN can cache.
        "OPTIONS": {**_s3, "bucket_name": S3_MEDIA_BUCKET, "custom_domain": S3_MEDIA_DOMAIN,
                    "querystring_auth": False},
    }  # fmt: skip
if S3_PRIVATE_BUCKET:
    # Patients' records: a bucket nobody outside can read; staff get them through the same
    # permission-checked view as on disk.
    STORAGES["private"] = {
        "BACKEND": "appointments.private_s3.PrivateS3Storage",
        "OPTIONS": {**_s3, "bucket_name": S3_PRIVATE_BUCKET, "default_acl": "private"},
    }

# E-mail: console by default; EMAIL_URL (e.g. smtp+tls://user:pass@host:587) in production.
vars().update(env.email("EMAIL_URL", default="consolemail://"))
# Seconds the mail worker waits on a silent mail server before it gives up and retries later;
# without it, a server that accepts the connection and never answers stops the worker for good.
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=10)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", default="Mass General website <noreply@localhost>")

# django CMS
CMS_CONFIRM_VERSION4 = True
CMS_TEMPLATES = [
    ("pages/content.html", _("Content page")),
    ("pages/section.html", _("Section landing")),
    ("pages/home.html", _("Home page")),
]
CMS_PERMISSION = False
CMS_PAGE_CACHE = True
CMS_PLACEHOLDER_CACHE = True
CMS_PLUGIN_CACHE = True
CMS_CACHE_DURATIONS = {"content": 600, "menus": 3600, "permissions": 3600}
CMS_CACHE_PREFIX = "cms-"
# How long browsers and a CDN may keep a public page (they cannot be told when it changes): the
# longest a visitor can see a page older than its last publication.
PUBLIC_CACHE_SECONDS = env.int("DJANGO_PUBLIC_CACHE_SECONDS", default=60)
DJANGOCMS_VERSIONING_ALLOW_DELETING_VERSIONS = True
# Nobody may frame the site; CMS editors get SAMEORIGIN on the pages and CMS screens the editor
# frames, never on patient data (mgh_site.middleware.StaffFramingMiddleware).
X_FRAME_OPTIONS = "DENY"

TEXT_INLINE_EDITING = True
THUMBNAIL_PROCESSORS = (
    "easy_thumbnails.processors.colorspace",
    "easy_thumbnails.processors.autocrop",
    "filer.thumbnail_processors.scale_and_crop_with_subject_location",
    "easy_thumbnails.processors.filters",
)
THUMBNAIL_HIGH_RESOLUTION = True

# Links out to systems the hospital runs elsewhere.
PATIENT_PORTAL_URL = env("PATIENT_PORTAL_URL", default="https://patientgateway.massgeneralbrigham.org/")
GIVING_URL = env("GIVING_URL", default="https://giving.massgeneral.org/donate/")

# The hospital this site speaks for, declared once: read through toolkit.identity by the templates
# ({% load hospital %}{% hospital as hospital %}) and the JSON-LD. The defaults are the demo hospital's.
HOSPITAL = {
    "name": env("HOSPITAL_NAME", default="Massachusetts General Hospital"),
    "alternate_name": env("HOSPITAL_ALTERNATE_NAME", default="Mass General"),
    "street_address": env("HOSPITAL_STREET_ADDRESS", default="55 Fruit Street"),
    "locality": env("HOSPITAL_LOCALITY", default="Boston"),
    "region": env("HOSPITAL_REGION", default="MA"),
    "postal_code": env("HOSPITAL_POSTAL_CODE", default="02114"),
    "country": env("HOSPITAL_COUNTRY", default="US"),
    # To 5 decimals at least (about a metre): what search engines ask of a place's coordinates.
    "latitude": env.float("HOSPITAL_LATITUDE", default=42.362664),
    "longitude": env.float("HOSPITAL_LONGITUDE", default=-71.068886),
    "phone": env("HOSPITAL_PHONE", default="617-726-2000"),  # the main line
    "emergency_number": env("HOSPITAL_EMERGENCY_NUMBER", default="911"),
    # Where visitors report a barrier on the website (the accessibility statement says it).
    "accessibility_email": env("HOSPITAL_ACCESSIBILITY_EMAIL", default="accessibility@massgeneral.org"),
}

# Appointment requests
APPOINTMENTS_PHONE = env("APPOINTMENTS_PHONE", default=HOSPITAL["phone"])  # may differ from the main line
# Where a department without an intake address of its own is told of new requests.
APPOINTMENTS_INTAKE_EMAIL = env("APPOINTMENTS_INTAKE_EMAIL", default="intake@localhost")
# Patients' ratings of their doctors, from the post-visit surveys (doctors.ratings): shown only for a
# doctor with at least RATINGS_MIN_SURVEYS surveys returned in the last RATINGS_PERIOD_DAYS days;
# comments only once RATINGS_MIN_COMMENTS of them are published, RATINGS_COMMENTS_PER_PAGE a page.
RATINGS_MIN_SURVEYS = env.int("RATINGS_MIN_SURVEYS", default=30)
RATINGS_PERIOD_DAYS = env.int("RATINGS_PERIOD_DAYS", default=365)
RATINGS_MIN_COMMENTS = env.int("RATINGS_MIN_COMMENTS", default=5)
RATINGS_COMMENTS_PER_PAGE = env.int("RATINGS_COMMENTS_PER_PAGE", default=10)
# Where patient financial services are told of new Good Faith Estimate requests.
PATIENT_FINANCIAL_SERVICES_EMAIL = env(
    "PATIENT_FINANCIAL_SERVICES_EMAIL", default="financial-services@localhost"
)
# What the confirmation promises: "we will contact you within N business days".
APPOINTMENTS_RESPONSE_BUSINESS_DAYS = env.int("APPOINTMENTS_RESPONSE_BUSINESS_DAYS", default=2)
# Requests one address may send in an hour (0: no limit).
APPOINTMENTS_RATE_LIMIT = env.int("APPOINTMENTS_RATE_LIMIT", default=10)
# /fhir/ (interop): requests a minute from one address; 0 for none.
INTEROP_RATE_LIMIT = env.int("INTEROP_RATE_LIMIT", default=120)
# Open appointment times (scheduling): the SMART Scheduling Links feeds are read again every
# SCHEDULING_REFRESH_SECONDS (by the mail worker), and pages showing times are kept no longer. A
# doctor's next new-patient time is shown when it is within SCHEDULING_SHOW_DAYS; further out, the
# card says to call. SCHEDULING_LOCATION_SYSTEM is the identifier system by which the scheduling
# system names our places (the value is the place's slug). A time chosen in the request form is held
# for staff to confirm for SCHEDULING_HOLD_HOURS.
SCHEDULING_REFRESH_SECONDS = env.int("SCHEDULING_REFRESH_SECONDS", default=15 * 60)
SCHEDULING_SHOW_DAYS = env.int("SCHEDULING_SHOW_DAYS", default=30)
SCHEDULING_LOCATION_SYSTEM = env("SCHEDULING_LOCATION_SYSTEM", default="urn:mgh-site:location")
SCHEDULING_HOLD_HOURS = env.int("SCHEDULING_HOLD_HOURS", default=72)
# `manage.py purge_requests` deletes requests (and their files) older than this.
APPOINTMENTS_RETENTION_DAYS = env.int("APPOINTMENTS_RETENTION_DAYS", default=180)
# The mail worker also runs that purge, once in this many hours between all the workers (the last
# run is kept in the database); 0: never (run `manage.py purge_requests` some other way).
PURGE_INTERVAL_HOURS = env.float("PURGE_INTERVAL_HOURS", default=24)
PHONE_REGION = "US"  # phone numbers without a leading + are read as this country's

# Price transparency: publishing runs CMS's validator (node_modules/@cmsgov/hpt-validator, installed
# by `npm ci`) with this Node.js; unset: the `node` on PATH. Without it nothing is published.
NODE_BINARY = env("NODE_BINARY", default="")

# In production every request is redirected to HTTPS; `make serve` turns that off to try production
# settings over plain HTTP on a laptop.
SERVED_OVER_HTTPS = not DEBUG and env.bool("DJANGO_SECURE_SSL_REDIRECT", default=True)

# Content-Security-Policy (django-csp): scripts, styles and fonts from the site's own static files
# only. No page needs an inline script; one that must have one gives it `nonce="{{ request.csp_nonce }}"`
# and must not be cached (a cached page would carry an old nonce). JSON-LD blocks are data, which the
# policy does not govern. Images may also come from the media bucket's host.
MEDIA_ORIGINS = []
if S3_MEDIA_BUCKET:
    _media_host = S3_MEDIA_DOMAIN or urlsplit(S3_ENDPOINT_URL or "").netloc
    MEDIA_ORIGINS = [f"https://{_media_host}" if _media_host else "https://*.amazonaws.com"]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:", *MEDIA_ORIGINS],
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [NONE],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        # Off over plain HTTP (`make serve`), where it would send the page's own files to https.
        "upgrade-insecure-requests": SERVED_OVER_HTTPS,
    }
}
# CMS editors, on the CMS's admin screens and on pages with the toolbar only, never elsewhere in the
# admin (mgh_site.middleware.ContentSecurityPolicyMiddleware): the django CMS toolbar and its editors
# run inline scripts and styles, and frame the site's own pages.
CONTENT_SECURITY_POLICY_STAFF = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": [SELF, UNSAFE_INLINE],
        "style-src": [SELF, UNSAFE_INLINE],
        "frame-src": [SELF],
        "frame-ancestors": [SELF],
    }
}

# Production hardening, on whenever DEBUG is off.
if not DEBUG:
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_SSL_REDIRECT = SERVED_OVER_HTTPS
    SECURE_HSTS_SECONDS = env.int("DJANGO_SECURE_HSTS_SECONDS", default=60 * 60 * 24 * 365)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    # `make serve` turns these off to try production settings over plain HTTP on a laptop.
    SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env.bool("DJANGO_SECURE_COOKIES", default=True)

# Logs: JSON lines with the request id when DEBUG is off (or LOG_FORMAT=json), plain text on a
# laptop. One line per request from mgh_site.logs.RequestLogMiddleware; never a patient's data.
LOG_FORMAT = env("LOG_FORMAT", default="plain" if DEBUG else "json")
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "mgh_site.logs.RequestIdFilter"}},
    "formatters": {
        "plain": {"format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"},
        "json": {"()": "mgh_site.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {"class": "logging.StreamHandler", "formatter": LOG_FORMAT, "filters": ["request_id"]}
    },
    "root": {"handlers": ["console"], "level": env("DJANGO_LOG_LEVEL", default="INFO")},
    "loggers": {
        # Django's own per-request warnings ("Not Found: /path") repeat what our request line says.
        "django.request": {"level": "ERROR"},
        "axes": {"level": "WARNING"},
    },
}

# django CMS 5.1 runs on treebeard 5 (pinned <6); its manager check only warns about treebeard 6.
SILENCED_SYSTEM_CHECKS = ["treebeard.E001"]

# Error reports to Sentry, or a server that speaks its protocol (GlitchTip), when SENTRY_DSN is set:
# the exception and where in the code, never what anybody sent (mgh_site.error_reports keeps an
# allow-list). Needs the sentry-sdk package; nothing is sent, or imported, without a DSN.
SENTRY_DSN = env("SENTRY_DSN", default="")
if SENTRY_DSN:
    from mgh_site.error_reports import start as start_error_reports

    start_error_reports(
        SENTRY_DSN,
        environment=env("SENTRY_ENVIRONMENT", default="development" if DEBUG else "production"),
        # The deployed code's version (a git commit or a tag), to tell which deploy an error began in.
        release=env("SENTRY_RELEASE", default=None),
    )
