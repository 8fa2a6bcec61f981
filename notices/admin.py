"""How editors keep the notices' documents: each version a row, listed by kind, language and
effective date, with which one is current.

Editors upload a new version unpublished ("Add a new version" on any row starts one with its kind,
language and title); only Publishers (notices.publish_policydocument) publish it, or change what
is published. A published version is never deleted: the notice pages keep it under "Earlier
versions" once a newer one takes effect.
"""

from urllib.parse import urlencode

from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import PolicyDocument

PUBLISH = "notices.publish_policydocument"


@admin.register(PolicyDocument)
class PolicyDocumentAdmin(admin.ModelAdmin):
    list_display = (
        "title",
        "kind",
        "language",
        "version",
        "effective_date",
        "published",
        "standing",
        "replace",
    )
    list_filter = ("kind", "language", "published")
    date_hierarchy = "effective_date"
    search_fields = ("title", "version")
    fields = ("kind", "language", "title", "version", "effective_date", "file", "published")

    @admin.display(description=_("standing"))
    def standing(self, document):
        return document.standing()

    @admin.display(description=_("replace"))
    def replace(self, document):
        """A link to the form of a new version of the same kind and language (the old one stays)."""
        query = urlencode({"kind": document.kind, "language": document.language, "title": document.title})
        url = f"{reverse('admin:notices_policydocument_add')}?{query}"
        return format_html('<a href="{}">{}</a>', url, _("Add a new version"))

    def get_readonly_fields(self, request, obj=None):
        return () if request.user.has_perm(PUBLISH) else ("published",)

    def has_change_permission(self, request, obj=None):
        """Only a Publisher changes a published document: an editor's change would reach the
        public unreviewed."""
        allowed = super().has_change_permission(request, obj)
        if obj is not None and obj.published and not request.user.has_perm(PUBLISH):
            return False
        return allowed

    def has_delete_permission(self, request, obj=None):
        """A draft may be deleted; a version that was published is the record of what was in effect."""
        if obj is not None and obj.published:
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # it would reach published versions too
        return actions
