"""Keep cached public pages true to what is published, and the Site record true to settings.

django CMS clears its page cache when a page is published, but not when other versioned
content that every page shows is: the footer and the alert banner are aliases. Any
publish or unpublish therefore invalidates the page cache (a version bump in the shared
cache, so every app process sees it).
"""

from cms.cache import invalidate_cms_page_cache
from django.conf import settings
from django.contrib.sites.models import Site
from django.db import transaction
from django.dispatch import receiver
from djangocms_versioning import constants
from djangocms_versioning.signals import post_version_operation

PUBLIC_CHANGES = {constants.OPERATION_PUBLISH, constants.OPERATION_UNPUBLISH}


@receiver(post_version_operation)
def invalidate_pages_on_publish(sender, operation, **kwargs):
    if operation not in PUBLIC_CHANGES:
        return
    invalidate_cms_page_cache()
    # Once more after commit: another process may have cached the old page in between.
    transaction.on_commit(invalidate_cms_page_cache)
    # toolkit.caching.PUBLICATION moves too (its own receiver), for the versions that never lapse.


def configure_site(using="default", **kwargs):
    """After `migrate`: the Site gets the public domain from SITE_DOMAIN (sitemap links use it)."""
    Site.objects.using(using).update_or_create(
        pk=settings.SITE_ID,
        defaults={"domain": settings.SITE_DOMAIN, "name": "Massachusetts General Hospital"},
    )
