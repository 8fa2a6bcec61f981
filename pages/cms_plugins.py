"""Registers the site's plugins with django CMS; each renders its own accessible template."""

from cms.plugin_base import CMSPluginBase
from cms.plugin_pool import plugin_pool
from django.utils.translation import gettext_lazy as _

from . import models

MODULE = _("Mass General")
LINK_FIELDSET = (_("Link"), {"fields": ("link", "service")})


class SitePlugin(CMSPluginBase):
    module = MODULE
    cache = True

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        cls.render_template = f"includes/plugins/{cls.model._meta.model_name}.html"


@plugin_pool.register_plugin
class HeroPlugin(SitePlugin):
    model = models.Hero
    name = _("Hero")
    fieldsets = (
        (None, {"fields": ("heading", "text", "image", "image_alt")}),
        (_("Button"), {"fields": ("link_label", "link", "service")}),
    )


@plugin_pool.register_plugin
class CardGridPlugin(SitePlugin):
    model = models.CardGrid
    name = _("Card grid")
    allow_children = True
    child_classes = ["CardPlugin"]


@plugin_pool.register_plugin
class CardPlugin(SitePlugin):
    model = models.Card
    name = _("Card")
    require_parent = True
    parent_classes = ["CardGridPlugin"]
    fieldsets = ((None, {"fields": ("title", "text", "image")}), LINK_FIELDSET)


@plugin_pool.register_plugin
class CallToActionPlugin(SitePlugin):
    model = models.CallToAction
    name = _("Call to action")
    fieldsets = ((None, {"fields": ("heading", "text", "link_label", "style")}), LINK_FIELDSET)


@plugin_pool.register_plugin
class FiguresPlugin(SitePlugin):
    model = models.Figures
    name = _("Figures")
    allow_children = True
    child_classes = ["FigurePlugin"]


@plugin_pool.register_plugin
class FigurePlugin(SitePlugin):
    model = models.Figure
    name = _("Figure")
    require_parent = True
    parent_classes = ["FiguresPlugin"]


@plugin_pool.register_plugin
class CalloutPlugin(SitePlugin):
    model = models.Callout
    name = _("Callout or quote")


@plugin_pool.register_plugin
class RecognitionListPlugin(SitePlugin):
    model = models.RecognitionList
    name = _("Recognition list")
    allow_children = True
    child_classes = ["RecognitionPlugin"]


@plugin_pool.register_plugin
class RecognitionPlugin(SitePlugin):
    model = models.Recognition
    name = _("Recognition")
    require_parent = True
    parent_classes = ["RecognitionListPlugin"]


@plugin_pool.register_plugin
class LanguageAssistancePlugin(CMSPluginBase):
    """The language assistance taglines (45 CFR 92.11), kept in the admin (Language assistance
    taglines), not in the plugin: the list is the same wherever the block is shown (the
    "language-assistance" alias), and a change there shows on every page at once (pages.signals)."""

    module = MODULE
    name = _("Language assistance taglines")
    render_template = "includes/plugins/languageassistance.html"
    cache = True

    def render(self, context, instance, placeholder):
        context = super().render(context, instance, placeholder)
        context["taglines"] = models.Tagline.objects.shown()
        return context
