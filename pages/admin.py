from cms.extensions import PageContentExtensionAdmin
from cms.models import PageContent
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from djangocms_versioning import constants
from djangocms_versioning.models import Version

from .models import SocialSharing


@admin.register(SocialSharing)
class SocialSharingAdmin(PageContentExtensionAdmin):
    """Chosen on a draft, like the rest of the page: what visitors see changes only when a draft
    that changes it is published (the toolbar offers it in edit mode only; this refuses the rest)."""

    def save_model(self, request, obj, form, change):
        if change:
            content = obj.extended_object
        else:
            content = PageContent.admin_manager.filter(pk=request.GET.get("extended_object")).first()
        if content is not None and Version.objects.get_for_content(content).state != constants.DRAFT:
            raise PermissionDenied
        super().save_model(request, obj, form, change)
