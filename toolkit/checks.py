"""Deployment checks (`manage.py check --deploy`) of the settings every absolute address rests on."""

from django.conf import settings
from django.core.checks import Error, Tags, register
from django.http.request import split_domain_port, validate_host


@register(Tags.sites, deploy=True)
def site_domain_is_a_host_the_site_answers_to(app_configs=None, **kwargs):
    """SITE_DOMAIN names the host of every absolute address (toolkit.addresses): sitemap.xml, the
    canonical and hreflang links, og:url, JSON-LD, e-mails. A host ALLOWED_HOSTS refuses is a
    forgotten setting (the laptop's default 127.0.0.1:8000 behind a real host name): search
    engines and staff would be sent where the site does not answer."""
    host, _port = split_domain_port(settings.SITE_DOMAIN)
    if host and validate_host(host, settings.ALLOWED_HOSTS):
        return []
    return [
        Error(
            f"SITE_DOMAIN ({settings.SITE_DOMAIN!r}) is not one of ALLOWED_HOSTS {settings.ALLOWED_HOSTS!r}.",
            hint="Set SITE_DOMAIN to the site's public host name (e.g. www.massgeneral.org).",
            id="toolkit.E001",
        )
    ]
