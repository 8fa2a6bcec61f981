from cms.extensions import PageExtensionAdmin
from django.contrib import admin

from .models import SocialSharing


@admin.register(SocialSharing)
class SocialSharingAdmin(PageExtensionAdmin):
    pass
