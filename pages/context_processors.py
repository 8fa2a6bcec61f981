"""Addresses of the hospital's outside systems, for the header's top tasks."""

from django.conf import settings


def site_links(request):
    return {
        "PATIENT_PORTAL_URL": settings.PATIENT_PORTAL_URL,
        "GIVING_URL": settings.GIVING_URL,
    }
