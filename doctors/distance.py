"""Doctors nearest first: by the distance from a ZIP code to the nearest of their practices.

Practices are at a few dozen places, doctors are thousands: so the places are put in order of
distance here, in Python, and the database orders doctors by the rank of their nearest place (then
by name) instead of computing a distance for every practice of every doctor. A page near the top
needs only the doctors of the nearest places: the query first looks at just enough of them (from how
many of the directory's doctors practise at each place, and how many of all the doctors match), and
at every place only when those were too few for the page.
"""

import time

from django.db.models import Case, Count, F, IntegerField, Min, Value, When

from locations.caching import DIRECTORY
from locations.models import Location, miles_between
from toolkit.caching import ProcessMemo

from .models import Practice

# How much more than a page the first look aims to take in: the places' doctors match the filters
# in about the proportion all the directory's doctors do, but not exactly.
MARGIN = 3
# How long a place's count of doctors is used: it only sizes the first look (never who is listed or
# in which order), so it may be this old, and is not counted again on every change of the directory.
COUNTS_SECONDS = 60 * 60

_PLACES = ProcessMemo(size=2)
_COUNTS = ProcessMemo(size=2)


def practice_places():
    """[(location id, latitude, longitude, about how many doctors practise there)] of the published
    places: the places kept until the directory changes, their counts for up to COUNTS_SECONDS."""
    places = _PLACES.shared(f"doctors:practice-places:{DIRECTORY.version()}", _published_places, 60 * 60)
    slot = int(time.time() // COUNTS_SECONDS)
    counts = _COUNTS.shared(f"doctors:practice-counts:{slot}", _practice_counts, COUNTS_SECONDS)
    return [(pk, latitude, longitude, counts.get(pk, 0)) for pk, latitude, longitude in places]


def _published_places():
    return list(Location.objects.published().order_by("pk").values_list("pk", "latitude", "longitude"))


def _practice_counts():
    """{location id: practices there}: every practice, the unpublished doctors' too (a few), read
    from the practices alone. Counting only the published doctors' read every doctor as well: 26 ms
    at 20,000 doctors, on every change of the directory."""
    return dict(Practice.objects.order_by().values_list("location_id").annotate(Count("pk")))


class NearestFirst:
    """The ids of `doctors` (a queryset of the matching ones, `count` of them) nearest first from
    `origin` ({"latitude", "longitude"}), then by name; doctors with no published practice last.
    Sliced as a queryset is (toolkit.listing.FetchedByIds)."""

    def __init__(self, doctors, origin, count):
        self.doctors, self.count = doctors, count
        here = origin["latitude"], origin["longitude"]
        places = sorted((miles_between(lat, lon, *here), pk, n) for pk, lat, lon, n in practice_places())
        # Places as far as each other share a rank, so that their doctors are ordered by name together.
        self.ranks, rank, last = [], 0, None
        for miles, pk, doctors_there in places:
            if miles != last:
                rank, last = rank + 1, miles
            self.ranks.append((pk, rank, doctors_there))
        published = sum(n for _pk, _rank, n in self.ranks) or 1
        self.share = min(1.0, count / published)

    def ordered(self, ranks, only_there=False):
        """The doctors' ids by the rank of the nearest of their practices at these places, then by
        name; `only_there`: only the doctors with a practice at one of them."""
        doctors = self.doctors
        if only_there:  # before the annotation, so that its minimum is over the same practices
            doctors = doctors.filter(practices__location_id__in=[pk for pk, _rank, _n in ranks])
        rank = Case(
            *(When(practices__location_id=pk, then=Value(r)) for pk, r, _n in ranks),
            default=None,
            output_field=IntegerField(),
        )
        return (
            doctors.annotate(nearest=Min(rank))
            .order_by(F("nearest").asc(nulls_last=True), "last_name", "first_name", "pk")
            .values_list("pk", flat=True)
        )

    def nearest_places(self, wanted):
        """The ranks of the nearest places whose doctors are likely to fill `wanted` rows, and any
        place as far as the last of them."""
        taken, expected = [], 0
        for pk, rank, doctors_there in self.ranks:
            if expected >= wanted * MARGIN and rank != taken[-1][1]:
                break
            taken.append((pk, rank, doctors_there))
            expected += doctors_there * self.share
        return taken

    def __getitem__(self, bounds):
        wanted = min(bounds.stop, self.count) - bounds.start
        if wanted <= 0:
            return []
        nearest = self.nearest_places(bounds.stop)
        if len(nearest) < len(self.ranks):
            # Only the doctors with a practice at those places: each is ranked by the nearest of
            # them, which is the nearest of all. Exact when they fill the slice; the whole list else.
            ids = list(self.ordered(nearest, only_there=True)[bounds])
            if len(ids) == wanted:
                return ids
        return list(self.ordered(self.ranks)[bounds])
