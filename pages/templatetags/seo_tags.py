"""What search engines and sharing previews read from a page's <head>."""

from django import template
from django.conf import settings
from django.templatetags.static import static
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from toolkit import addresses, identity, structured_data
from toolkit.views import json_for_script

register = template.Library()


@register.simple_tag
def absolute_url(path):
    """`path` on the public host (toolkit.addresses): never the request's Host header."""
    return addresses.absolute_url(path)


@register.inclusion_tag("includes/page_meta.html", takes_context=True)
def page_meta(
    context, title=None, description=None, shared_description=None, path=None, image=None, kind="website"
):
    """A page's description, canonical address and Open Graph tags: the one way every page says them.

    What is not given comes from the CMS page (for an app's page, the page the app hangs on): its
    title, its meta description (both the description and the one shared), its sharing image
    (`SocialSharing` on its content, so it follows publication). `path`: the canonical address, by
    default the view's `canonical_path` (a list's page: toolkit.listing.canonical_path), or else
    the request's path without its query; `image`: a picture's URL. "" leaves a tag out.
    """
    request = context["request"]
    page = getattr(request, "current_page", None)
    language = get_language()
    from_page = {"title": "", "description": "", "image": ""}
    if page:
        from_page["title"] = page.get_title(language) or ""
        from_page["description"] = page.get_meta_description(language) or ""
        sharing = getattr(page.get_content_obj(language), "socialsharing", None)
        if sharing is not None and sharing.image_id:
            from_page["image"] = sharing.image.url
    description = from_page["description"] if description is None else description
    # The editor's sharing image is wide (1200 × 630): a large card where that is offered.
    wide_image = image is None and bool(from_page["image"])
    image = from_page["image"] if image is None else image
    return {
        "url": addresses.absolute_url(addresses.own_path(context) if path is None else path),
        "kind": kind,
        "site_name": identity.hospital().name,
        "title": from_page["title"] if title is None else title,
        "description": description,
        "shared_description": from_page["description"] if shared_description is None else shared_description,
        "image": addresses.absolute_url(image) if image else "",
        "wide_image": wide_image,
    }


@register.simple_tag(takes_context=True)
def hospital_json_ld(context):
    """schema.org Hospital, for the home page."""
    origin = addresses.site_origin()
    hospital = identity.hospital()
    data = {
        "@context": "https://schema.org",
        "@type": "Hospital",
        "name": hospital.name,
        "alternateName": hospital.alternate_name,
        "url": f"{origin}/{get_language()}/",
        "logo": origin + static("img/logo.svg"),
        "telephone": structured_data.telephone(hospital.phone),
        "address": hospital.postal_address(),
        "geo": structured_data.geo(hospital.latitude, hospital.longitude),
        "medicalSpecialty": [
            structured_data.member(name)
            for name in ("Cardiovascular", "Oncologic", "Neurologic", "Emergency")
        ],
        "isAcceptingNewPatients": True,
        # The languages the site and its staff speak to patients in (BCP 47): schema.org gives a
        # Hospital, as an Organization, knowsLanguage (availableLanguage is a ContactPoint's).
        "knowsLanguage": [code for code, _name in settings.LANGUAGES],
    }
    return mark_safe(f'<script type="application/ld+json">{json_for_script(data)}</script>')  # noqa: S308 - escaped JSON  # nosec
