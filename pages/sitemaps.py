"""sitemap.xml: published CMS pages and the apps' published records, each in every language it
has, with hreflang alternates (and English as x-default)."""

from urllib.parse import urlsplit

from cms.models import Page, PageUrl
from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.db.models import Prefetch
from django.urls import NoReverseMatch
from django.utils.functional import cached_property
from django.utils.translation import get_language, override

from toolkit.addresses import absolute_url

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class OnSiteDomain(Sitemap):
    """Addresses made as every page makes its own (toolkit.addresses.absolute_url): the public
    scheme and host, not the request's; x-default is the English address, as on the pages."""

    def get_protocol(self, protocol=None):
        return urlsplit(absolute_url("/")).scheme

    def get_domain(self, site=None):
        return urlsplit(absolute_url("/")).netloc

    def get_urls(self, page=1, site=None, protocol=None):
        urls = super().get_urls(page, site, protocol)
        for url in urls:
            # Django's x-default drops the language prefix ("/research/"), an address that only
            # redirects; the pages' own hreflang links name the default language's page.
            alternates = {alternate["lang_code"]: alternate for alternate in url.get("alternates", ())}
            if "x-default" in alternates and settings.LANGUAGE_CODE in alternates:
                alternates["x-default"]["location"] = alternates[settings.LANGUAGE_CODE]["location"]
        return urls


class PageSitemap(OnSiteDomain):
    """Every page with a published address, in the languages it is published in."""

    changefreq = "weekly"
    priority = 0.7
    i18n = True
    alternates = True
    x_default = True
    languages = LANGUAGES

    def items(self):
        published = PageUrl.objects.exclude(path=None).only("page_id", "language", "path")
        return (
            Page.objects.filter(urls__path__isnull=False, is_page_type=False)
            .distinct()
            .prefetch_related(Prefetch("urls", queryset=published, to_attr="published_urls"))
            .order_by("path")
        )

    def get_languages_for_item(self, page):
        return [url.language for url in page.published_urls if url.language in LANGUAGES]

    def location(self, page):
        language = get_language()
        path = next(url.path for url in page.published_urls if url.language == language)
        return f"/{language}/{path}/" if path else f"/{language}/"


class PublishedSitemap(OnSiteDomain):
    """Every published record of `model`, by its own URL, in both languages (the apps' pages are
    the same in each, their interface translated)."""

    changefreq = "weekly"
    priority = 0.6
    i18n = True
    alternates = True
    x_default = True
    languages = LANGUAGES

    def __init__(self, model):
        super().__init__()
        self.model = model

    def items(self):
        return self.model.objects.published().only("slug").order_by("pk")

    def get_languages_for_item(self, item):
        return self.app_languages

    @cached_property
    def app_languages(self):
        """The languages the app's page is published in: its records have addresses in those."""
        sample = self.model.objects.published().only("slug").first()
        languages = []
        for language in LANGUAGES:
            with override(language):
                try:
                    sample and sample.get_absolute_url()
                except NoReverseMatch:
                    continue
            languages.append(language)
        return languages
