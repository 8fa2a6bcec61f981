"""The page in the language of its address, even when its content is not written in it yet."""

from django.utils import translation


class PageLanguageMiddleware:
    """Renders every page in the language of its address (request.LANGUAGE_CODE, from the URL).

    django CMS shows a page not yet written in Spanish at its Spanish address in English, by
    switching the whole request to English (cms.views.details): the header, search box, skip link,
    breadcrumbs and <html lang> would be English around a Spanish menu and footer. Switching back
    before the page is rendered leaves only its content in English: the page templates render it
    inside {% in_content_language %}, marked with {% content_lang %} (pages.templatetags.site_tags).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_template_response(self, request, response):
        language = getattr(request, "LANGUAGE_CODE", None)
        if language and translation.get_language() != language:
            translation.activate(language)
        return response
