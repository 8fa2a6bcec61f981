"""Template tags for page templates that need data a partial cannot be given."""

import hashlib
from functools import partial

from cms.models import PageContent
from cms.utils import get_language_from_request
from cms.utils.conf import get_cms_setting
from cms.utils.i18n import get_public_languages
from django import template
from django.conf import settings
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext, override

from toolkit.addresses import absolute_url, own_path
from toolkit.caching import PUBLICATION, ProcessMemo, cms_page_cache_version

register = template.Library()
FRAGMENT_CACHE_PREFIX = "fragment:"


class CaptureNode(template.Node):
    def __init__(self, nodelist, varname):
        self.nodelist = nodelist
        self.varname = varname

    def render(self, context):
        # The nodelist's output is already escaped template output; strip() only drops blank space.
        context[self.varname] = mark_safe(self.nodelist.render(context).strip())  # noqa: S308  # nosec
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
    def __init__(self, nodelist, name, scope):
        self.nodelist = nodelist
        self.name = name
        self.scope = scope

    def render(self, context):
        request = context.get("request")
        toolbar = getattr(request, "toolbar", None)
        if request is None or request.user.is_authenticated or (toolbar and toolbar.show_toolbar):
            return self.nodelist.render(context)
        # The request's language, as the aliases inside use, and the active one, as translated words
        # and page links use: they differ on a page shown in a fallback language (the active one is
        # then the content's), and a fragment is kept for each pair it is made in.
        languages = f"{get_language_from_request(request)}:{get_language()}"
        versions = f"{PUBLICATION.version()}.{cms_page_cache_version()}"
        key = f"{FRAGMENT_CACHE_PREFIX}{self.name}:{languages}:{versions}"
        render = partial(self.nodelist.render, context)
        if self.scope is None:
            return _FRAGMENTS.shared(key, render, get_cms_setting("CACHE_DURATIONS")["content"])
        page = getattr(request, "current_page", None)
        if not page:
            return render()  # an error page: nothing worth keeping for its address
        key += f":{page.pk}"
        if self.scope == "per_address":
            key += ":" + hashlib.sha256(own_path(context).encode()).hexdigest()
        # Kept in this process only: the addresses are many, some of them made up (a bad doctor's
        # address is a 404 under the directory's page), so none is written to the shared cache.
        return _FRAGMENTS.get(key, render)


# Fragments are asked for on every page: kept in each process too, for half the time django CMS's
# version takes to lapse (its key expires when no publication moved it for that long, and starts
# again at 1), so that no fragment outlives a version that could come back.
_FRAGMENTS = ProcessMemo(size=1024, max_age=get_cms_setting("CACHE_DURATIONS")["content"] / 2)
FRAGMENT_SCOPES = ("per_page", "per_address")


@register.tag
def public_fragment(parser, token):
    """Cache, for anonymous visitors, a part of the page that is the same on every page, or with
    `per_page` on every address of the same CMS page (an app's page and its records' pages), or
    with `per_address` on every page of the same canonical address (toolkit.addresses.own_path).

    {% public_fragment "footer" %}…{% endpublic_fragment %},
    {% public_fragment "main-menu" per_page %}…{% endpublic_fragment %}. The key carries every
    publication's version (toolkit.caching.PUBLICATION) and django CMS's page cache version, which
    page moves and pages.signals (aliases, taglines) move too, so the fragment is fresh after any of
    them, in every process; each process keeps the fragments it uses in memory, and the shared cache
    keeps the site-wide ones. What is inside may depend only on those, the languages, the page and
    the address: never on the query string, the visitor, or a directory's data. Staff always get it
    rendered anew, with the editing toolbar's markers.
    """
    bits = token.split_contents()
    if len(bits) not in (2, 3) or (len(bits) == 3 and bits[2] not in FRAGMENT_SCOPES):
        raise template.TemplateSyntaxError(
            'Usage: {% public_fragment "name" [per_page|per_address] %}…{% endpublic_fragment %}'
        )
    nodelist = parser.parse(("endpublic_fragment",))
    parser.delete_first_token()
    return PublicFragmentNode(nodelist, bits[1].strip("\"'"), bits[2] if len(bits) == 3 else None)


# Languages and their alternates: the notice on a page shown in its fallback language, and the
# hreflang links of every page.


@register.simple_tag(takes_context=True)
def fallback_notice(context):
    """On a CMS page shown in a fallback language (a Spanish address of a page not yet written in
    Spanish), a notice in the visitor's language that says so, with a link to the page's own address.

    The page around the content stays in the visitor's language (pages.middleware); the content
    is marked with its own ({% content_lang %}).
    """
    if fallback_language(context) is None:
        return ""
    request, content = context["request"], context["current_pagecontent"]
    requested = request.LANGUAGE_CODE
    with override(requested):  # in the visitor's language, not the content's
        notice = gettext("This page is not available in your language yet, so we are showing it in English.")
        link_label = gettext("See this page in English")
    return format_html(
        '<div class="wrap"><p class="notice language-notice" role="note" lang="{}">{} '
        '<a href="{}" hreflang="{}">{}</a></p></div>',
        requested,
        notice,
        content.page.get_absolute_url(content.language, fallback=False),
        content.language,
        link_label,
    )


def fallback_language(context):
    """The language of the CMS page's content when it is not the page's (a Spanish address of a
    page not yet written in Spanish, shown in English), else None."""
    request = context.get("request")
    content = context.get("current_pagecontent")
    requested = getattr(request, "LANGUAGE_CODE", None)
    if content is None or not requested or content.language == requested:
        return None
    return content.language


@register.simple_tag(takes_context=True)
def content_lang(context):
    """lang="en" on an element holding the content of a page shown in its fallback language (its
    title, its placeholders), so that only they are marked English while the rest of the page (the
    chrome) follows the address's language (WCAG 3.1.2)."""
    language = fallback_language(context)
    return format_html(' lang="{}"', language) if language else ""


class ContentLanguageNode(template.Node):
    def __init__(self, nodelist):
        self.nodelist = nodelist

    def render(self, context):
        with override(fallback_language(context) or get_language()):
            return self.nodelist.render(context)


@register.tag
def in_content_language(parser, token):
    """{% in_content_language %}{% placeholder "content" %}{% endin_content_language %}: what it
    encloses is rendered in the language of the page's content, so that a page shown in its
    fallback language finds its plugins in that language and they read in it throughout, while
    the page around it stays in the address's language (pages.middleware.PageLanguageMiddleware).
    The element around it carries {% content_lang %}."""
    nodelist = parser.parse(("endin_content_language",))
    parser.delete_first_token()
    return ContentLanguageNode(nodelist)


@register.simple_tag(takes_context=True)
def hreflang_links(context):
    """<link rel="alternate" hreflang> to the same page in each language it is published in, and
    x-default to the English one.

    A CMS page lists the languages it has published content in, at each one's own address. An app
    page (the doctor directory, locations, appointments, search) has the same URLs in every
    language the app's page is published in, so the address only changes its language prefix.
    """
    request = context.get("request")
    page = getattr(request, "current_page", None) if request is not None else None
    if not page:
        return ""
    toolbar = getattr(request, "toolbar", None)
    if toolbar and (toolbar.edit_mode_active or toolbar.preview_mode_active):
        return ""  # the editor's own addresses have no alternates
    public = get_public_languages(site_id=page.site_id)
    published = set(PageContent.objects.filter(page=page).values_list("language", flat=True))
    languages = [language for language in public if language in published]
    if page.application_urls:
        path = own_path(context)  # the canonical link's: each language's twin of it
        prefix = f"/{getattr(request, 'LANGUAGE_CODE', get_language())}/"
        if not path.startswith(prefix):
            return ""
        urls = {language: f"/{language}/{path.removeprefix(prefix)}" for language in languages}
    else:
        urls = {language: page.get_absolute_url(language, fallback=False) for language in languages}
    urls = {language: absolute_url(url) for language, url in urls.items() if url}
    if settings.LANGUAGE_CODE in urls:
        urls["x-default"] = urls[settings.LANGUAGE_CODE]
    return format_html_join(
        "\n  ", '<link rel="alternate" hreflang="{}" href="{}">', ((lang, url) for lang, url in urls.items())
    )


@register.simple_tag(takes_context=True)
def static_alias_in(context, code, language):
    """A static alias's published content in `language`, whatever the page's language: the alert
    banner in English on a Spanish page when it has not been written in Spanish (better an English
    notice of a closed garage than none)."""
    from djangocms_alias.models import Alias

    alias = Alias.objects.filter(static_code=code).first()
    placeholder = alias.get_placeholder(language=language) if alias else None
    if placeholder is None:
        return ""
    renderer = context["request"].toolbar.content_renderer
    return renderer.render_placeholder(placeholder, context, language=language, editable=False)
