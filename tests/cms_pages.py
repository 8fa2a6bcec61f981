"""A content page with one paragraph, published and re-drafted through djangocms-versioning, for
tests that watch a publication reach the caches."""

from cms.api import add_plugin, create_page
from cms.models import Page, PageContent
from djangocms_versioning.models import Version


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
