"""Gathering a published page's words into PageText: on publish and unpublish, and on demand."""

from cms.models import Page, PageContent, PageUrl
from django.contrib.postgres.search import SearchVector
from django.db import connection, models
from django.utils.html import strip_tags
from django.utils.text import normalize_newlines

from .caching import SEARCH
from .models import PageText

SEARCH_CONFIGS = {"en": "english", "es": "spanish"}
# Plugin fields that hold no words a visitor would search for.
SKIPPED_FIELDS = {"link", "attributes", "style", "template", "css_class", "icon"}


def plugin_words(plugin):
    """The text of a plugin's own character and text fields, without markup."""
    words = []
    for field in plugin._meta.concrete_fields:
        if not isinstance(field, models.CharField | models.TextField) or field.choices:
            continue
        if field.name in SKIPPED_FIELDS or field.name.endswith("_url") or field.model is not type(plugin):
            continue
        value = getattr(plugin, field.name) or ""
        if value.strip():
            words.append(strip_tags(normalize_newlines(value)).strip())
    return " ".join(words)


def page_words(content):
    """All the words of a page content's plugins, in reading order."""
    plugins = []
    for placeholder in content.get_placeholders():
        for plugin in placeholder.get_plugins(content.language).order_by("position"):
            instance, _plugin_class = plugin.get_plugin_instance()
            if instance is not None:
                plugins.append(plugin_words(instance))
    return " ".join(part for part in plugins if part)


def index_page(page, language):
    """Store the published content of `page` in `language`, or drop it if none is published."""
    content = PageContent.objects.filter(page=page, language=language).first()  # published only
    url = PageUrl.objects.filter(page=page, language=language).first()
    if content is None or url is None:
        PageText.objects.filter(page=page, language=language).delete()
        SEARCH.changed()
        return None
    text, _created = PageText.objects.update_or_create(
        page=page,
        language=language,
        defaults={
            "title": content.title,
            "description": content.meta_description or "",
            "path": url.path or "",
            "text": page_words(content),
        },
    )
    if connection.vendor == "postgresql":
        config = SEARCH_CONFIGS.get(language, "simple")
        PageText.objects.filter(pk=text.pk).update(
            vector=SearchVector("title", weight="A", config=config)
            + SearchVector("description", weight="B", config=config)
            + SearchVector("text", weight="C", config=config)
        )
    SEARCH.changed()
    return text


def index_all():
    """Rebuild every page's text (after loading content, or to repair the index). Returns the count."""
    pairs = set(PageContent.objects.values_list("page_id", "language"))  # published contents
    texts = PageText.objects.values_list("pk", "page_id", "language")
    PageText.objects.filter(pk__in=[pk for pk, *pair in texts if tuple(pair) not in pairs]).delete()
    pages = Page.objects.in_bulk({page_id for page_id, _ in pairs})
    for page_id, language in sorted(pairs):
        index_page(pages[page_id], language)
    return len(pairs)
