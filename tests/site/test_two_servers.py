"""The app servers keep no state of their own: two gunicorn processes, one database, one Redis.

Whatever a visitor or an editor does through one server is seen at once through the other: a page
published on A, a login made on A, a doctor renamed on A. Behind a load balancer any request may
land on any process, so anything kept in one process's memory (a local cache, a session) would
show here as the other server answering with what it saw before.

Only meaningful on PostgreSQL and Redis (SQLite is one file per machine; without REDIS_URL each
process has its own local-memory cache): skipped otherwise. CI runs the suite on both.
"""

import hashlib
from html.parser import HTMLParser

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import PBKDF2PasswordHasher
from django.core.cache import cache
from django.db import connection
from django.urls import reverse
from django.utils import translation
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from doctors.models import Doctor
from tests.cms_pages import draft_saying, load_committed_demo, publish_text_page
from tests.servers import Browser, Server
from tests.staff import totp_device

PASSWORD = "two-servers-test-password"
OLD_WORDS = "Visiting hours are from 8 a.m. to 8 p.m."
NEW_WORDS = "Visiting hours are now from 7 a.m. to 9 p.m."
DIRECTORY = "/en/find-a-doctor/"

pytestmark = [
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two app servers share one database only on PostgreSQL (set DATABASE_URL=postgres://...)",
    ),
    pytest.mark.skipif(
        not settings.REDIS_URL,
        reason="without REDIS_URL each app process has a cache of its own (set REDIS_URL=redis://...)",
    ),
]


@pytest.fixture
def servers(transactional_db):
    """Servers A and B, started on the demo site committed to the test database."""
    load_committed_demo(doctors=5, admin_password=PASSWORD)
    # The test settings hash passwords with MD5, which the real settings do not accept: give the
    # demo admin a hash the servers can check.
    hasher = PBKDF2PasswordHasher()
    get_user_model().objects.filter(username="admin").update(password=hasher.encode(PASSWORD, hasher.salt()))

    # The servers start after the data is there: each reads the pages apps are hooked onto once.
    started = []
    try:
        started.append(Server("A"))
        started.append(Server("B"))  # both boot at once
        for server in started:
            server.wait_until_ready()
        yield started
    finally:
        for server in started:
            server.stop()


def shared_cache_keys():
    """Every key of this test run in Redis."""
    client = cache.redis()
    return {key.decode() for key in client.scan_iter(match=cache.make_key("*", version="*"))}


class FormFields(HTMLParser):
    """What a browser would send for the form `form_id` of a page, as (name, value) pairs."""

    SKIPPED = {"submit", "button", "image", "reset", "file"}

    def __init__(self, html, form_id):
        super().__init__()
        self.form_id, self.inside, self.fields = form_id, False, []
        self.select = self.textarea = None
        self.feed(html)
        self.close()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or "disabled" in attrs:
            return
        name = attrs.get("name")
        if tag == "input" and name and attrs.get("type", "text") not in self.SKIPPED:
            if attrs.get("type") not in ("checkbox", "radio") or "checked" in attrs:
                self.fields.append((name, attrs.get("value") or ("on" if "checked" in attrs else "")))
        elif tag == "select" and name:
            self.select = {"name": name, "multiple": "multiple" in attrs, "first": None, "chosen": False}
        elif tag == "option" and self.select is not None:
            value = attrs.get("value", "")
            if self.select["first"] is None:
                self.select["first"] = value
            if "selected" in attrs:
                self.fields.append((self.select["name"], value))
                self.select["chosen"] = True
        elif tag == "textarea" and name:
            self.textarea = [name, ""]

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select" and self.select is not None:
            select, self.select = self.select, None
            if not select["chosen"] and not select["multiple"] and select["first"] is not None:
                self.fields.append((select["name"], select["first"]))
        elif tag == "textarea" and self.textarea is not None:
            name, value = self.textarea
            self.fields.append((name, value.removeprefix("\r\n").removeprefix("\n")))
            self.textarea = None


def test_two_servers_share_sessions_pages_and_the_directory(servers):
    """An editor logs in on A, and B knows them; publishes a page and renames a doctor on A, and a
    visitor on B sees both at once. One test, not three, so the demo site, the two servers and the
    flush after are paid for once (a run stays well under 30 s)."""
    a, b = servers
    editor = Browser(a)
    editor.log_in("admin", PASSWORD, totp_device(get_user_model().objects.get(username="admin")))
    a_login_on_a_is_valid_on_b(editor, b)
    a_page_published_on_a_is_served_new_by_b(editor, b)
    a_doctor_renamed_on_a_is_listed_new_by_b(editor, b)


def a_login_on_a_is_valid_on_b(editor, b):
    same_editor_on_b = Browser(b, cookies=False)
    status, body, headers = same_editor_on_b.request(
        "/en/admin/", headers={"Cookie": f"sessionid={editor.cookie('sessionid')}"}
    )
    assert status == 200, f"B answers the session made on A with {status} to {headers.get('Location')}"
    assert 'action="/en/admin/logout/"' in body and 'id="login-form"' not in body

    # Without the cookie, B sends the visitor to log in: the 200 above was the session's doing.
    status, _, headers = Browser(b, cookies=False).request("/en/admin/")
    assert status == 302 and headers["Location"].startswith("/en/admin/login/")


def a_page_published_on_a_is_served_new_by_b(editor, b):
    user = get_user_model().objects.get(username="admin")
    content = publish_text_page(user, "visiting-hours-two-servers", OLD_WORDS)
    url = content.page.get_absolute_url("en")

    visitor = Browser(b, cookies=False)
    before = shared_cache_keys()
    for _ in range(4):  # rendered, then from Redis, then from B's own memory
        assert OLD_WORDS in visitor.get(url)
    # django CMS keys its page cache on the path's SHA-1: B stored the page in Redis.
    path_hash = hashlib.sha1(url.encode()).hexdigest()  # noqa: S324
    assert any(path_hash in key for key in shared_cache_keys() - before), f"B did not cache {url} in Redis"

    # The editor's new draft is made here (a third process); server A publishes it.
    draft = draft_saying(content, user, NEW_WORDS)
    with translation.override("en"):
        publish = reverse("admin:djangocms_versioning_pagecontentversion_publish", args=[draft.pk])
    status, body, _ = editor.request(publish, {})
    assert status == 302, f"publish on A: {status}\n{body[:2000]}\n{editor.server.logs()}"
    assert Version.objects.get(pk=draft.pk).state == constants.PUBLISHED

    seen = visitor.get(url)
    assert NEW_WORDS in seen and OLD_WORDS not in seen, f"B still serves the old page\n{b.logs()}"


def a_doctor_renamed_on_a_is_listed_new_by_b(editor, b):
    doctor = Doctor.objects.order_by("pk").first()
    old_name, new_name = doctor.display_name, f"{doctor.first_name} Twoserverington, {doctor.credentials}"

    visitor = Browser(b, cookies=False)
    before = shared_cache_keys()
    for _ in range(4):  # rendered, then from Redis, then from B's own memory
        assert old_name in visitor.get(DIRECTORY)
    assert any(":page:directory:" in key for key in shared_cache_keys() - before), "B cached no directory"

    # Renamed in server A's admin: its change form sent back as a browser would, one name changed.
    with translation.override("en"):
        change = reverse("admin:doctors_doctor_change", args=[doctor.pk])
    fields = [(k, v) for k, v in FormFields(editor.get(change), "doctor_form").fields if k != "last_name"]
    assert ("first_name", doctor.first_name) in fields, fields
    status, body, _ = editor.request(change, [*fields, ("last_name", "Twoserverington"), ("_save", "Save")])
    assert status == 302, f"save on A: {status}\n{body[:3000]}\n{editor.server.logs()}"
    assert Doctor.objects.get(pk=doctor.pk).last_name == "Twoserverington"

    listed = visitor.get(DIRECTORY)
    assert new_name in listed and old_name not in listed, f"B still lists the old name\n{b.logs()}"
