"""The hospital this site speaks for: its name, address, coordinates, main line and emergency number,
declared once in settings.HOSPITAL and read from here by the JSON-LD and by the templates, through
`{% load hospital %}{% hospital as hospital %}` (a tag, not a context processor: the error pages
are rendered without one, Django's 500 handler with no context at all).
"""

from dataclasses import dataclass
from functools import cache

import phonenumbers
from django.conf import settings
from django.core.signals import setting_changed


@dataclass(frozen=True)
class Hospital:
    name: str
    alternate_name: str
    street_address: str
    locality: str
    region: str
    postal_code: str
    country: str
    latitude: float
    longitude: float
    phone: str  # the main line, as people read it: "617-726-2000"
    emergency_number: str
    accessibility_email: str = ""  # where visitors report a barrier on the website

    @property
    def phone_href(self):
        """The main line as a link's address: "tel:+16177262000"."""
        return phone_href(self.phone)

    def postal_address(self):
        """schema.org PostalAddress."""
        return {
            "@type": "PostalAddress",
            "streetAddress": self.street_address,
            "addressLocality": self.locality,
            "addressRegion": self.region,
            "postalCode": self.postal_code,
            "addressCountry": self.country,
        }


def e164(number):
    """A phone number as people write it, in E.164, the one form links and schema.org's telephone
    take: "617-726-2000" -> "+16177262000" (read as a PHONE_REGION number without a leading +);
    "" for what is not a phone number at all."""
    try:
        parsed = phonenumbers.parse(number, settings.PHONE_REGION)
    except phonenumbers.NumberParseException:
        return ""
    return phonenumbers.format_number(parsed, phonenumbers.PhoneNumberFormat.E164)


def phone_href(number):
    """A phone number as a link's address (E.164): "617-726-2000" -> "tel:+16177262000"."""
    return "tel:" + e164(number)


@cache
def hospital():
    return Hospital(**settings.HOSPITAL)


def _forget(setting, **kwargs):
    if setting == "HOSPITAL":
        hospital.cache_clear()


setting_changed.connect(_forget)
