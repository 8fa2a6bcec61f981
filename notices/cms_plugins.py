"""The documents list editors put on a notice page: for one kind of document, the current version
in each language, then the earlier versions with the dates they were in effect."""

import datetime

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .models import Documents, PolicyDocument


@plugin_pool.register_plugin
class DocumentsPlugin(CMSPluginBase):
    model = Documents
    name = _("Policy documents")
    module = _("Mass General")
    render_template = "notices/documents.html"
    cache = True

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["shelves"] = PolicyDocument.objects.shelves(instance.kind)
        context["has_earlier"] = any(earlier for _language, _current, earlier in context["shelves"])
        return context

    def get_cache_expiration(self, request, instance, placeholder):
        """Until a published version takes effect (at midnight on the hospital's clock), if one is
        waiting; otherwise the cached page lasts until a document changes (notices.signals)."""
        upcoming = PolicyDocument.objects.next_change(instance.kind)
        if upcoming is None:
            return None
        midnight = datetime.datetime.combine(upcoming, datetime.time())
        return timezone.make_aware(midnight)
