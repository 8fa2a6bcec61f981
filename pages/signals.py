"""Keep cached public pages true to what is published, and the Site record true to settings.

django CMS clears its page cache when a page is published, but not when other versioned
content that every page shows is: the footer and the alert banner are aliases. Any
publish or unpublish therefore invalidates the page cache (a version bump in the shared
cache, so every app process sees it).
"""

from cms.models import CMSPlugin, Placeholder
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from djangocms_alias.models import AliasContent, AliasPlugin
from djangocms_versioning import constants
from djangocms_versioning.signals import post_version_operation

from toolkit.caching import invalidate_cms_pages

PUBLIC_CHANGES = {constants.OPERATION_PUBLISH, constants.OPERATION_UNPUBLISH}


@receiver(post_version_operation)
def invalidate_pages_on_publish(sender, operation, **kwargs):
    if operation not in PUBLIC_CHANGES:
        return
    invalidate_cms_pages()
    # Once more after commit: another process may have cached the old page in between.
    transaction.on_commit(invalidate_cms_pages)
    # toolkit.caching.PUBLICATION moves too (its own receiver), for the versions that never lapse.


@receiver([post_save, post_delete], sender="pages.Tagline")
def invalidate_pages_on_tagline_change(sender, **kwargs):
    """The language assistance taglines are no versioned content, but django CMS keeps them in its
    caches: in each placeholder that renders their plugin (the "language-assistance" alias's) and
    in each one holding that alias (a notice page's content), for ten minutes. A change to the
    list shows at once instead, as a publication would, after commit too."""
    forget_taglines()
    transaction.on_commit(forget_taglines)


def forget_taglines():
    """Clear each placeholder that shows the taglines, in its language, and django CMS's page cache."""
    plugins = CMSPlugin.objects.filter(plugin_type="LanguageAssistancePlugin")
    shown_in = set(plugins.values_list("placeholder", "language"))
    aliases = AliasContent.admin_manager.filter(placeholders__in=plugins.values("placeholder")).values(
        "alias"
    )
    shown_in |= set(AliasPlugin.objects.filter(alias__in=aliases).values_list("placeholder", "language"))
    placeholders = Placeholder.objects.in_bulk({placeholder for placeholder, _ in shown_in})
    for placeholder, language in shown_in:
        placeholders[placeholder].clear_cache(language)
    invalidate_cms_pages()


def configure_site(using="default", **kwargs):
    """After `migrate`: the Site gets the public domain from SITE_DOMAIN (sitemap links use it)."""
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": "Massachusetts General Hospital"},
    )
