"""Keep the page texts in step with what is published."""

import logging

from cms.models import PageContent
from django.db import transaction
from django.dispatch import receiver
from djangocms_versioning import constants
from djangocms_versioning.signals import post_version_operation

from .indexing import index_page

logger = logging.getLogger(__name__)
CHANGES = {constants.OPERATION_PUBLISH, constants.OPERATION_UNPUBLISH, constants.OPERATION_ARCHIVE}


@receiver(post_version_operation)
def index_published_page(sender, operation, obj=None, **kwargs):
    if operation not in CHANGES or obj is None or not isinstance(obj.content, PageContent):
        return
    content = obj.content
    try:
        with transaction.atomic():  # a failure here must not undo the publication
            index_page(content.page, content.language)
    except Exception:
        logger.exception("Page %s (%s) was not indexed for search", content.page_id, content.language)
