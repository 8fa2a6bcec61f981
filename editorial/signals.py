"""Moved pages keep working: when a page's address changes, its old address redirects to the new.

A page's address changes when it is moved in the page tree (the admin's "move page" operation)
or when a new slug is published (django CMS 5 derives the address from the published content).
Around both, every page address is noted before and compared after; each one that changed gets
a permanent redirect (django.contrib.redirects, editable in the admin).
"""

from cms.models import PageContent, PageUrl
from cms.operations import MOVE_PAGE
from cms.signals import post_obj_operation, pre_obj_operation
from django.conf import settings
from django.contrib.redirects.models import Redirect
from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver
from djangocms_versioning import constants
from djangocms_versioning.signals import post_version_operation, pre_version_operation

from .alerts import schedule_changed
from .models import AlertSchedule

_addresses_before = {}  # operation token -> {(page id, language): path}


def page_addresses():
    return {
        (page_id, language): path
        for page_id, language, path in PageUrl.objects.exclude(path=None).values_list(
            "page_id", "language", "path"
        )
    }


def url(language, path):
    return f"/{language}/{path}/" if path else f"/{language}/"


def redirect_moved(before):
    after = page_addresses()
    for (page_id, language), old in before.items():
        new = after.get((page_id, language))
        if new is None or new == old:
            continue
        old_url, new_url = url(language, old), url(language, new)
        Redirect.objects.filter(site_id=settings.SITE_ID, new_path=old_url).update(
            new_path=new_url
        )  # no chains
        Redirect.objects.update_or_create(
            site_id=settings.SITE_ID, old_path=old_url, defaults={"new_path": new_url}
        )
        Redirect.objects.filter(
            site_id=settings.SITE_ID, old_path=new_url
        ).delete()  # a page back where it was


@receiver(pre_obj_operation)
def before_move(sender, operation, token, **kwargs):
    if operation == MOVE_PAGE:
        _addresses_before[token] = page_addresses()


@receiver(post_obj_operation)
def after_move(sender, operation, token, **kwargs):
    if token in _addresses_before:
        redirect_moved(_addresses_before.pop(token))


@receiver(pre_version_operation)
def before_publish(sender, operation, token, **kwargs):
    if operation == constants.OPERATION_PUBLISH and sender is PageContent:
        _addresses_before[token] = page_addresses()


@receiver(post_version_operation)
def after_publish(sender, operation, token, **kwargs):
    if token in _addresses_before:
        redirect_moved(_addresses_before.pop(token))


post_save.connect(schedule_changed, sender=AlertSchedule, dispatch_uid="alert-schedule-saved")
post_delete.connect(schedule_changed, sender=AlertSchedule, dispatch_uid="alert-schedule-deleted")
