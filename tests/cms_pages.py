"""The demo site committed for tests that serve it from other processes, and a content page with
one paragraph, published and re-drafted through djangocms-versioning, for tests that watch a
publication reach the caches."""

import io
import secrets

from cms.api import add_plugin, create_page
from cms.models import Page, PageContent
from cms.utils.apphook_reload import reload_urlconf
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from djangocms_versioning import versionables
from djangocms_versioning.models import Version


def load_committed_demo(doctors=0, admin_password=None):
    """load_demo into a database the test commits to (transactional_db), for servers and browsers
    in other processes or threads; its admin's password is `admin_password`, or a random one."""
    # After the flush that ends each such test, content types are made anew with new ids, which
    # Django and djangocms-versioning would otherwise remember from before.
    ContentType.objects.clear_cache()
    for versionable in versionables._cms_extension().versionables:
        versionable.__dict__.pop("content_types", None)
    password = admin_password or secrets.token_urlsafe(16)
    call_command("load_demo", admin_password=password, doctors=doctors, stdout=io.StringIO())
    # The apps are hooked onto pages made just now: rebuild the URLs that lead to them.
    reload_urlconf()


def publish_text_page(user, slug, words, title="Visiting hours"):
    """A page under the home page saying `words`, published; its English PageContent."""
    page = create_page(
        title, "pages/content.html", "en", slug=slug, parent=Page.objects.get(is_home=True), created_by=user
    )
    content = PageContent.admin_manager.get(page=page, language="en")
    add_plugin(content.rescan_placeholders()["content"], "TextPlugin", "en", body=f"<p>{words}</p>")
    Version.objects.get_for_content(content).publish(user)
    return content


def draft_saying(content, user, words):
    """A new draft of the page of `content` whose paragraph says `words` (not published): its Version."""
    draft = Version.objects.get_for_content(content).copy(user)
    plugin = draft.content.get_placeholders().get(slot="content").get_plugins("en").get()
    text, _ = plugin.get_plugin_instance()
    text.body = f"<p>{words}</p>"
    text.save()
    return draft
