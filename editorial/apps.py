from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EditorialConfig(AppConfig):
    name = "editorial"
    verbose_name = _("Editorial workflow")

    def ready(self):
        from djangocms_alias.models import AliasContent

        from . import signals  # noqa: F401

        # djangocms-versioning lets whoever may change a content publish it unless the content
        # says otherwise; pages say "cms.publish_page", aliases (footer, alert banner) say
        # nothing. The same permission publishes both here, so editors publish neither.
        AliasContent.has_publish_permission = lambda self, user: user.has_perm("cms.publish_page")
