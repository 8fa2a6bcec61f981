"""What search engines and sharing previews read from a page's <head>."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from toolkit import addresses
from toolkit.views import json_for_script

register = template.Library()


@register.simple_tag
def absolute_url(path):
    """`path` on the public host (toolkit.addresses): never the request's Host header."""
    return addresses.absolute_url(path)


@register.inclusion_tag("includes/social_meta.html", takes_context=True)
def social_meta(context):
    """Canonical link and Open Graph tags for the current CMS page (or the page an app hangs on)."""
    request = context["request"]
    page = getattr(request, "current_page", None)
    origin = addresses.site_origin()
    data = {"url": origin + request.path, "title": "", "description": "", "image": ""}
    if page:
        language = get_language()
        data["title"] = page.get_title(language) or ""
        data["description"] = page.get_meta_description(language) or ""
        sharing = getattr(page, "socialsharing", None)
        if sharing is not None and sharing.image_id:
            data["image"] = origin + sharing.image.url
    return {"meta": data, "site_name": "Massachusetts General Hospital"}


@register.simple_tag(takes_context=True)
def hospital_json_ld(context):
    """schema.org Hospital, for the home page."""
    origin = addresses.site_origin()
    data = {
        "@context": "https://schema.org",
        "@type": "Hospital",
        "name": "Massachusetts General Hospital",
        "alternateName": "Mass General",
        "url": f"{origin}/{get_language()}/",
        "logo": origin + static("img/logo.svg"),
        "telephone": "+1-" + settings.APPOINTMENTS_PHONE,
        "address": {
            "@type": "PostalAddress",
            "streetAddress": "55 Fruit Street",
            "addressLocality": "Boston",
            "addressRegion": "MA",
            "postalCode": "02114",
            "addressCountry": "US",
        },
        "geo": {"@type": "GeoCoordinates", "latitude": 42.3626, "longitude": -71.0688},
        "medicalSpecialty": ["Cardiovascular", "Oncologic", "Neurologic", "Emergency"],
        "isAcceptingNewPatients": True,
        "availableLanguage": ["English", "Spanish"],
    }
    return mark_safe(f'<script type="application/ld+json">{json_for_script(data)}</script>')  # noqa: S308 - escaped JSON  # nosec
