"""How the site writes values in its schema.org JSON-LD, in one place: an enumeration's member as
schema.org's address for it (as schema.org's examples and Google's guides write them), phones in
E.164, coordinates to six decimals (search engines ask for at least five)."""

from toolkit.identity import e164

SCHEMA_ORG = "https://schema.org"


def member(name):
    """An enumeration's member: "Cardiovascular" -> "https://schema.org/Cardiovascular"."""
    return f"{SCHEMA_ORG}/{name}"


def telephone(number):
    """schema.org's telephone or faxNumber: "617-726-2000" -> "+16177262000"."""
    return e164(number)


def geo(latitude, longitude):
    """schema.org GeoCoordinates, to six decimals (about 10 cm)."""
    return {"@type": "GeoCoordinates", "latitude": round(latitude, 6), "longitude": round(longitude, 6)}
