"""Template tags for page templates that need data a partial cannot be given."""

from cms.models import PageContent
from django import template
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

register = template.Library()


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
