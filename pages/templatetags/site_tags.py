"""Template tags for page templates that need data a partial cannot be given."""

from cms.cache import _get_cache_version
from cms.models import PageContent
from cms.utils.conf import get_cms_setting
from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()
FRAGMENT_CACHE_PREFIX = "fragment:"


class CaptureNode(template.Node):
    def __init__(self, nodelist, varname):
        self.nodelist = nodelist
        self.varname = varname

    def render(self, context):
        # The nodelist's output is already escaped template output; strip() only drops blank space.
        context[self.varname] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308
        return ""


@register.tag
def capture(parser, token):
    """Render the enclosed template into a variable: {% capture as name %}…{% endcapture %}.

    Used to show a wrapper (like the alert banner's) only when what it wraps has content.
    """
    bits = token.split_contents()
    if len(bits) != 3 or bits[1] != "as":
        raise template.TemplateSyntaxError("Usage: {% capture as name %}…{% endcapture %}")
    nodelist = parser.parse(("endcapture",))
    parser.delete_first_token()
    return CaptureNode(nodelist, bits[2])


@register.inclusion_tag("includes/card/child_pages.html", takes_context=True)
def child_page_cards(context):
    """Cards for the published child pages of the current page, in tree order.

    Each card carries the child's title and meta description, so editors write a page's
    summary once and every landing page that lists it stays in step.
    """
    request = context["request"]
    page = getattr(request, "current_page", None)
    if not page:
        return {"children": []}
    language = get_language()
    # PageContent.objects holds published content only (djangocms-versioning's manager).
    contents = (
        PageContent.objects.filter(page__in=page.get_child_pages(), language=language, in_navigation=True)
        .select_related("page")
        .prefetch_related("page__urls")
        .order_by("page__path")
    )
    children = [
        {
            "title": content.menu_title or content.title,
            "description": content.meta_description,
            "url": content.page.get_absolute_url(language),
        }
        for content in contents
    ]
    return {"children": children}


class PublicFragmentNode(template.Node):
    def __init__(self, nodelist, name):
        self.nodelist = nodelist
        self.name = name

    def render(self, context):
        request = context.get("request")
        toolbar = getattr(request, "toolbar", None)
        if request is None or request.user.is_authenticated or (toolbar and toolbar.show_toolbar):
            return self.nodelist.render(context)
        key = f"{FRAGMENT_CACHE_PREFIX}{self.name}:{get_language()}:{_get_cache_version()}"
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, get_cms_setting("CACHE_DURATIONS")["content"])
        return html


@register.tag
def public_fragment(parser, token):
    """Cache, for anonymous visitors, a part of the page that is the same on every page.

    {% public_fragment "footer" %}…{% endpublic_fragment %}. The key carries django CMS's page
    cache version, which every publish changes (pages.signals also bumps it for aliases), so the
    fragment is fresh after any publication, in every process sharing the cache. Staff always
    get it rendered anew, with the editing toolbar's markers.
    """
    bits = token.split_contents()
    if len(bits) != 2:
        raise template.TemplateSyntaxError('Usage: {% public_fragment "name" %}…{% endpublic_fragment %}')
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, bits[1].strip("\"'"))
