"""No page hands a visitor's browser to anyone but the hospital. Every page type, in both languages,
is visited in Chromium recording every request the browser makes (documents, images, fonts, styles,
scripts, fetches, prefetches, frames), every request the Content-Security-Policy refused, and every
cookie; the check fails on a request to another host, on a cookie an anonymous visitor does not
need, and on a policy looser than the site's today.

Hospitals have been fined for pixels and third-party analytics on public pages: a search, an
estimate or an appointment form tells what a patient is worried about.
"""

from http.cookies import SimpleCookie
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.models import User

from appointments.views import RECEIVED_COOKIE
from tests.cms_pages import publish_text_page
from tests.page_types import FORMS, page_types

from .conftest import fill_appointment_request

# Today's policy for visitors (settings.CONTENT_SECURITY_POLICY): a page's may be stricter, never
# looser. "'nonce-" stands for the page's own nonce; the media host is the only other host.
MEDIA_HOSTS = [settings.S3_MEDIA_DOMAIN] if settings.S3_MEDIA_DOMAIN else []
STRICTEST_TODAY = {
    "default-src": {"'self'"},
    "script-src": {"'self'", "'nonce-"},
    "style-src": {"'self'"},
    "img-src": {"'self'", "data:", *(f"https://{host}" for host in MEDIA_HOSTS)},
    "font-src": {"'self'"},
    "connect-src": {"'self'"},
    "object-src": {"'none'"},
    "base-uri": {"'none'"},
    "form-action": {"'self'"},
    "frame-ancestors": {"'none'"},
    "upgrade-insecure-requests": set(),
}
REQUIRED = STRICTEST_TODAY.keys() - {"upgrade-insecure-requests"}  # that one is on only over HTTPS

# What a policy refuses never reaches the network, but Chromium still reports the request (failed
# with "csp") and the violation, to the console and as an event in the page.
REPORT_VIOLATIONS = """document.addEventListener("securitypolicyviolation", e =>
  window.reportViolation(e.blockedURI + " (" + e.effectiveDirective + ")"));"""
# Hints that open a connection to a host (its DNS, TCP and TLS see the visitor) without a request.
CONNECTION_HINTS = """[...document.querySelectorAll('link[rel~=preconnect], link[rel~=dns-prefetch]')]
  .map(link => link.href)"""
# Django's CSRF protection refuses a form without its cookie: pages with a form may set it.
FORM = "form[method=post]"


class Recorder:
    """What the browser did for one page of a visit, in any of its frames: the requests it made,
    those the policy refused, the cookies it was given or wrote, and each document's policy."""

    def __init__(self, context, site_url):
        self.context = context
        self.own_hosts = {urlsplit(site_url).netloc, *MEDIA_HOSTS}
        context.on("request", lambda request: self.requests.append(request.url))
        context.on("response", self.response)
        context.on("console", self.console)
        context.expose_binding("reportViolation", lambda source, text: self.refused.append(text))
        context.add_init_script(REPORT_VIOLATIONS)

    def start(self, name, fresh=True):
        """Record the page `name` from now on; `fresh`: as a new visitor, without cookies."""
        self.name = name
        self.requests, self.refused, self.cookies_set, self.policies = [], [], set(), []
        if fresh:
            self.context.clear_cookies()
        self.cookies_before = self.cookies()

    def cookies(self):
        return {(cookie["name"], cookie["value"]) for cookie in self.context.cookies()}

    def response(self, response):
        for header in response.header_values("set-cookie"):
            self.cookies_set.update(SimpleCookie(header))
        if response.request.resource_type == "document":
            # The policy the browser applied: for a copy it revalidated (a 304, which carries no
            # policy), the one it kept with that copy.
            self.policies.append((response.url, response.headers.get("content-security-policy")))

    def console(self, message):
        if "Content Security Policy" in message.text:
            self.refused.append(message.text)

    def problems(self, page, allowed_cookies=()):
        """What the page did that it must not, each naming the page; call once it has loaded."""
        page.wait_for_load_state("networkidle")  # late fetches and prefetches too
        allowed = {*allowed_cookies, *([settings.CSRF_COOKIE_NAME] if page.locator(FORM).count() else [])}
        cookies = {name for name, _ in self.cookies() - self.cookies_before} | self.cookies_set
        problems = [f"request to another host: {url}" for url in self.requests if self.outside(url)]
        hints = page.evaluate(CONNECTION_HINTS)
        problems += [f"connection to another host: {url}" for url in hints if self.outside(url)]
        problems += [f"refused by the Content-Security-Policy: {text}" for text in self.refused]
        problems += [f"cookie for an anonymous visitor: {name}" for name in sorted(cookies - allowed)]
        problems += [
            f"{url}: {looser}" for url, policy in self.policies for looser in looser_than_today(policy)
        ]
        return [f"{self.name}: {problem}" for problem in problems]

    def outside(self, url):
        parts = urlsplit(url)
        return parts.scheme not in ("data", "blob", "about") and parts.netloc not in self.own_hosts


def looser_than_today(policy):
    """How the Content-Security-Policy header `policy` is looser than the site's today, if it is."""
    if not policy:
        return ["no Content-Security-Policy"]
    directives = {
        name: sources for name, *sources in (part.split() for part in policy.split(";") if part.strip())
    }
    problems = [f"no {name}" for name in sorted(REQUIRED - directives.keys())]
    for name, sources in directives.items():
        if name not in STRICTEST_TODAY:
            problems.append(f"{name} is not in today's policy")
            continue
        allowed = STRICTEST_TODAY[name]
        problems += [
            f"{name} allows {source}"
            for source in sources
            if source not in allowed and not (source.startswith("'nonce-") and "'nonce-" in allowed)
        ]
    return problems


def every_page_type(page, recorder, site_url, language):
    problems = []
    for name, path in page_types(language):
        recorder.start(f"{name} ({language})")
        page.goto(site_url + path)
        problems += recorder.problems(page)
        if name in FORMS:  # and again with every error showing
            recorder.start(f"{name} with errors ({language})", fresh=False)
            page.locator(f"{FORM} button[type=submit]").click()
            page.locator("[data-error-summary]").wait_for()
            problems += recorder.problems(page)
    return problems


def search_suggestions(page, recorder, site_url, language):
    """The header's search box fetches suggestions from the site as the visitor types."""
    recorder.start(f"search suggestions ({language})")
    page.goto(f"{site_url}/{language}/")
    with page.expect_response(lambda response: "/suggest/" in response.url):
        page.locator("input[data-suggest-url]").click()
        page.keyboard.type("cardio")
    return recorder.problems(page)


def language_switcher(page, recorder, site_url, language):
    """The visitor picks the other language in the header."""
    recorder.start(f"language switcher ({language})")
    page.goto(f"{site_url}/{language}/")
    with page.expect_navigation():
        page.locator(f".lang-switch a[hreflang]:not([hreflang={language}])").click()
    # The visitor's own choice, written by the site's script (static/js/site.js) so that the bare
    # address opens in it next time: "en" or "es", nothing else.
    return recorder.problems(page, allowed_cookies=[settings.LANGUAGE_COOKIE_NAME])


def confirmation(page, recorder, site_url, language):
    """A real appointment request, and its confirmation."""
    recorder.start(f"appointment form filled in ({language})")
    fill_appointment_request(page, site_url, language)
    problems = recorder.problems(page)
    recorder.start(f"confirmation ({language})", fresh=False)
    page.locator(f"{FORM} button[type=submit]").click()
    page.locator("[data-reference]").wait_for()
    # The confirmation finds its reference in a signed cookie (an hour, under /appointments/ only)
    # rather than in an address that the browser's history would keep.
    return problems + recorder.problems(page, allowed_cookies=[RECEIVED_COOKIE])


def test_no_page_sends_the_visitor_elsewhere_or_sets_a_cookie(site, page):
    recorder = Recorder(page.context, site.url)
    problems = []
    for language in ("en", "es"):
        problems += every_page_type(page, recorder, site.url, language)
        problems += search_suggestions(page, recorder, site.url, language)
        problems += language_switcher(page, recorder, site.url, language)
        problems += confirmation(page, recorder, site.url, language)
    assert not problems, "\n".join(problems)


PIXEL, SCRIPT = "https://tracker.example/p.gif", "https://tracker.example/pixel.js"
TAGS = f'<link rel="preconnect" href="https://analytics.example"><script src="{SCRIPT}"></script></head>'


def served_with_a_tag_manager(route):
    """The page as a site with third-party analytics would serve it: their script in the page,
    their cookie, and no Content-Security-Policy in the way."""
    response = route.fetch()
    headers = {name: value for name, value in response.headers.items() if name != "content-security-policy"}
    headers["set-cookie"] = "_ga=GA1.1.1234.5678; Path=/"
    body = response.text().replace("</head>", TAGS)
    route.fulfill(response=response, headers=headers, body=body)


def test_the_check_fails_on_a_page_that_reaches_another_host(site, context):
    """An editor pastes a tracking pixel into a page's text (django CMS's text editor keeps an
    image from anywhere, and drops a <script>): the policy refuses it, and the check says so. Served
    without the policy, with an outside script and its cookie, the page fails every part of the check."""
    publish_text_page(User.objects.get(username="admin"), "pixel", f'<img src="{PIXEL}" alt="">', "Pixel")
    context.route("https://tracker.example/**", lambda route: route.abort())  # nothing leaves the machine
    page = context.new_page()  # not the `page` fixture, which fails a test on any refusal by the policy
    recorder = Recorder(context, site.url)

    recorder.start("page with a pixel")
    page.goto(f"{site.url}/en/pixel/")
    problems = recorder.problems(page)
    assert f"page with a pixel: request to another host: {PIXEL}" in problems
    assert f"page with a pixel: refused by the Content-Security-Policy: {PIXEL} (img-src)" in problems

    page.route(f"{site.url}/en/pixel/", served_with_a_tag_manager)
    recorder.start("page with analytics")
    page.goto(f"{site.url}/en/pixel/")
    problems = recorder.problems(page)
    assert f"page with analytics: request to another host: {SCRIPT}" in problems
    assert f"page with analytics: request to another host: {PIXEL}" in problems
    assert "page with analytics: connection to another host: https://analytics.example/" in problems
    assert "page with analytics: cookie for an anonymous visitor: _ga" in problems
    assert f"page with analytics: {site.url}/en/pixel/: no Content-Security-Policy" in problems


def test_a_looser_policy_fails_the_check():
    policy = "default-src 'self'; script-src 'self' 'unsafe-inline' https://www.googletagmanager.com"
    assert looser_than_today(policy) == [
        "no base-uri",
        "no connect-src",
        "no font-src",
        "no form-action",
        "no frame-ancestors",
        "no img-src",
        "no object-src",
        "no style-src",
        "script-src allows 'unsafe-inline'",
        "script-src allows https://www.googletagmanager.com",
    ]
