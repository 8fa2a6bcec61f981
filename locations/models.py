"""Places of the hospital: campus, buildings, practices, labs, garages."""

import math
from datetime import timedelta
from urllib.parse import urlencode

from cms.models.fields import PlaceholderRelationField
from cms.utils.placeholder import get_placeholder_from_slot
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.db.models import ExpressionWrapper, F, Q
from django.db.models.functions import Now
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from . import hours
from .calendar import Weekday

EARTH_RADIUS_MILES = 3958.8
METRES_PER_MILE = 1609.344


def miles_between(lat1, lon1, lat2, lon2):
    """Great-circle distance (haversine) in miles."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi, dlambda = phi2 - phi1, math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_MILES * math.asin(math.sqrt(a))


def metres_between(lat1, lon1, lat2, lon2):
    return miles_between(lat1, lon1, lat2, lon2) * METRES_PER_MILE


FOOTPRINT_MESSAGE = _(
    "Give the footprint as a GeoJSON Polygon in longitude and latitude: "
    '{"type": "Polygon", "coordinates": [[[longitude, latitude], …]]}, each ring of at least four '
    "points, its last point the same as its first."
)

FOOTPRINT_FAR_MESSAGE = _(
    "This footprint is far from the place's latitude and longitude: GeoJSON writes each point as "
    "[longitude, latitude], longitude first."
)
FOOTPRINT_REACH = 2000  # metres from the place's own point that a footprint may start


def validate_polygon(value):
    """A GeoJSON Polygon (RFC 7946): rings of [longitude, latitude] positions, each closed.

    One message for every way it can be wrong: it shows the shape expected, which is what an editor
    pasting from a map tool needs, whatever the slip was."""

    def is_position(point):
        return (
            isinstance(point, list | tuple)
            and len(point) in (2, 3)  # a third number, the altitude, is allowed and ignored
            and all(isinstance(n, int | float) and not isinstance(n, bool) for n in point)
            and -180 <= point[0] <= 180
            and -90 <= point[1] <= 90
        )

    rings = value.get("coordinates") if isinstance(value, dict) and value.get("type") == "Polygon" else None
    if (
        not isinstance(rings, list)
        or not rings
        or not all(
            isinstance(ring, list)
            and len(ring) >= 4
            and all(is_position(point) for point in ring)
            and list(ring[0]) == list(ring[-1])
            for ring in rings
        )
    ):
        raise ValidationError(FOOTPRINT_MESSAGE, code="invalid_polygon")


def squared_distance(origin, prefix=""):
    """An expression for ordering places by distance from origin ({"latitude", "longitude"}) in SQL.

    The equirectangular approximation needs only arithmetic, so it runs on SQLite and PostgreSQL
    alike, and orders places within a region as great-circle distance does. `prefix` reaches the
    coordinates through a relation ("practices__location__"). Show miles with miles_between().
    """
    scale = math.cos(math.radians(origin["latitude"]))
    dlat = F(f"{prefix}latitude") - origin["latitude"]
    dlon = (F(f"{prefix}longitude") - origin["longitude"]) * scale
    return ExpressionWrapper(dlat * dlat + dlon * dlon, output_field=models.FloatField())


class LocationQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True)

    def matching(self, text):
        """The places whose name, building or one of whose services contains `text`.

        Services by their English names, whatever the page's language (Spanish search words are
        another matter): named explicitly, as the link table's queries are not rewritten by
        django-modeltranslation (locations/translation.py)."""
        by_service = Location.services.through.objects.filter(service__name_en__icontains=text).values(
            "location_id"
        )
        return self.filter(Q(name__icontains=text) | Q(parent__name__icontains=text) | Q(pk__in=by_service))

    def open_at(self, when):
        """The places open at the aware instant `when`.

        The weekly rows are compared in SQL on the hospital's wall clock (which is what they are
        written in): today's row, or yesterday's when it runs past midnight. The few places with a
        holiday or special hours today or yesterday are worked out in Python (locations.hours),
        which also handles those the same way.
        """
        local = when.astimezone(hours.HOSPITAL_TZ)
        today, now = local.date(), local.time()
        yesterday = today - timedelta(days=1)
        weekday, day_before = today.weekday(), yesterday.weekday()
        open_today = Q(weekday=weekday) & (
            Q(is_24_hours=True)
            | Q(is_closed=False, opens__lte=now) & (Q(closes__gt=now) | Q(closes_next_day=True))
        )
        still_open_from_yesterday = Q(
            weekday=day_before, is_closed=False, is_24_hours=False, closes_next_day=True, closes__gt=now
        )
        regular_open = OpeningHours.objects.filter(open_today | still_open_from_yesterday).values(
            "location_id"
        )
        exceptional = HoursException.objects.filter(date__in=[yesterday, today]).values("location_id")
        special = (
            self.filter(pk__in=exceptional)
            .only("pk")
            .prefetch_related(
                "hours",
                models.Prefetch(
                    "hours_exceptions", HoursException.objects.filter(date__in=[yesterday, today])
                ),
            )
        )
        return self.filter(
            Q(pk__in=regular_open) & ~Q(pk__in=exceptional) | Q(pk__in=hours.open_location_ids(special, when))
        )


class Location(models.Model):
    class Kind(models.TextChoices):
        HOSPITAL = "hospital", _("Hospital")
        PRACTICE = "practice", _("Outpatient practice")
        HEALTH_CENTER = "health_center", _("Community health center")
        LAB = "lab", _("Lab")
        IMAGING = "imaging", _("Imaging")
        PHARMACY = "pharmacy", _("Pharmacy")
        EMERGENCY = "emergency", _("Emergency")
        GARAGE = "garage", _("Garage")
        BUILDING = "building", _("Building")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    slug = models.SlugField(_("slug"), max_length=160, unique=True)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("part of"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="children",
    )
    street = models.CharField(_("street address"), max_length=200)
    city = models.CharField(_("city"), max_length=100, default="Boston")
    state = models.CharField(_("state"), max_length=2, default="MA")
    zip_code = models.CharField(_("ZIP code"), max_length=10)
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))
    phone = models.CharField(_("main phone"), max_length=30, blank=True)
    fax = models.CharField(_("fax"), max_length=30, blank=True)
    email = models.EmailField(_("front desk e-mail"), blank=True)
    services = models.ManyToManyField(
        "Service", verbose_name=_("services and departments here"), blank=True, related_name="locations"
    )
    entrance = models.TextField(
        _("entrance"), blank=True, help_text=_("Which door to use, and what is near it.")
    )
    accessibility = models.TextField(
        _("accessibility"),
        blank=True,
        help_text=_("Step-free route, drop-off, wheelchairs, accessible parking."),
    )
    parking = models.ForeignKey(
        "self",
        verbose_name=_("parking garage"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="served_locations",
        limit_choices_to={"kind": "garage"},
    )
    parking_rates = models.TextField(_("parking and rates"), blank=True)
    transit = models.TextField(_("public transit"), blank=True, help_text=_("Lines and stops nearby."))
    photo = models.ImageField(_("photo"), upload_to="locations/", blank=True)
    # JSON rather than a GIS geometry: runs on SQLite and PostgreSQL alike, and the campus map and
    # directions only ever draw it or read it whole.
    footprint = models.JSONField(
        _("footprint"),
        null=True,
        blank=True,
        validators=[validate_polygon],
        help_text=_("The building's outline on the campus map: a GeoJSON Polygon in longitude and latitude."),
    )
    placeholders = PlaceholderRelationField()
    is_published = models.BooleanField(_("published"), default=True)
    is_demo = models.BooleanField(
        _("demo data"), default=False, help_text=_("Made up for the demonstration site; not a real place.")
    )
    changed_at = models.DateTimeField(
        _("last changed"), auto_now=True, db_default=Now()
    )  # /fhir/'s lastUpdated

    objects = LocationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("location")
        verbose_name_plural = _("locations")

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("locations:detail", kwargs={"slug": self.slug})

    def clean(self):
        # A polygon with longitude and latitude swapped is still a valid polygon, half a world away.
        if self.footprint and self.latitude is not None and self.longitude is not None:
            try:
                validate_polygon(self.footprint)
            except ValidationError:
                return  # the field's own validator says what is wrong
            longitude, latitude = self.footprint["coordinates"][0][0][:2]
            if metres_between(self.latitude, self.longitude, latitude, longitude) > FOOTPRINT_REACH:
                raise ValidationError({"footprint": FOOTPRINT_FAR_MESSAGE})

    @cached_property
    def content(self):
        """Editor-written text about the place: a placeholder with plugins per language."""
        return get_placeholder_from_slot(self.placeholders, "content")

    def get_placeholder_slots(self):
        return ["content"]

    @property
    def address(self):
        return f"{self.street}, {self.city}, {self.state} {self.zip_code}"

    @property
    def map_url(self):
        return f"https://www.openstreetmap.org/?mlat={self.latitude}&mlon={self.longitude}#map=17/{self.latitude}/{self.longitude}"

    # Addresses with coordinates are built here, in Python: a template would write a float the page's
    # language's way ("42,3631" on Spanish pages), which no map service reads.
    @property
    def coordinates(self):
        """The point as map services read it: "42.3631,-71.0697"."""
        return f"{self.latitude},{self.longitude}"

    @property
    def directions_url(self):
        return "https://www.openstreetmap.org/directions?" + urlencode({"to": self.coordinates})

    # The phone's own map app, for "Open in your map app": a geo: link opens one on Android but
    # nothing on an iPhone, so the page offers the two map apps phones come with, each by the link
    # that opens its app where it is installed (iOS and Android hand these addresses to the app)
    # and its website anywhere else. Plain links: no other host hears of the page until one is followed.
    @property
    def apple_maps_url(self):
        return "https://maps.apple.com/?" + urlencode({"ll": self.coordinates, "q": self.name})

    @property
    def google_maps_url(self):
        return "https://www.google.com/maps/search/?" + urlencode({"api": 1, "query": self.coordinates})

    def miles_from(self, latitude, longitude):
        return miles_between(self.latitude, self.longitude, latitude, longitude)


class Service(models.Model):
    """A service or department patients come to a place for: Imaging, Lab, Cardiology clinic…"""

    name = models.CharField(_("name"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    changed_at = models.DateTimeField(
        _("last changed"), auto_now=True, db_default=Now()
    )  # /fhir/'s lastUpdated

    class Meta:
        ordering = ["name"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self):
        return self.name


class Hours(models.Model):
    """Shared fields of a day's hours: open and close times, closed all day, or open all day."""

    opens = models.TimeField(_("opens"), null=True, blank=True)
    closes = models.TimeField(_("closes"), null=True, blank=True)
    closes_next_day = models.BooleanField(
        _("closes after midnight"),
        default=False,
        help_text=_("For hours that run past midnight, e.g. 20:00 to 02:00."),
    )
    is_closed = models.BooleanField(_("closed all day"), default=False)
    is_24_hours = models.BooleanField(_("open 24 hours"), default=False)

    class Meta:
        abstract = True

    def clean(self):
        if self.is_closed or self.is_24_hours:
            if self.is_closed and self.is_24_hours:
                raise ValidationError(_("A day cannot be both closed and open 24 hours."))
            return
        if self.opens is None or self.closes is None:
            raise ValidationError(_("Give both the opening and the closing time, or mark the day closed."))
        if self.closes <= self.opens and not self.closes_next_day:
            raise ValidationError(
                {
                    "closes": _(
                        "This closes before it opens. If the hours run past midnight, "
                        "tick “closes after midnight”."
                    )
                }
            )
        if self.closes > self.opens and self.closes_next_day:
            raise ValidationError({"closes_next_day": _("These hours end before midnight: untick this box.")})


class OpeningHours(Hours):
    """One row per weekday, as in a printed timetable."""

    Weekday = Weekday

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours")
    weekday = models.PositiveSmallIntegerField(_("day"), choices=Weekday.choices)

    class Meta:
        ordering = ["weekday"]
        constraints = [models.UniqueConstraint(fields=["location", "weekday"], name="one_row_per_weekday")]
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")

    def __str__(self):
        return f"{self.location}: {self.get_weekday_display()}"


class HoursException(Hours):
    """Different hours on one date: a holiday, a closure, special hours."""

    location = models.ForeignKey(Location, on_delete=models.CASCADE, related_name="hours_exceptions")
    date = models.DateField(_("date"))
    reason = models.CharField(_("reason"), max_length=120, help_text=_("e.g. Thanksgiving Day"))

    class Meta:
        ordering = ["date"]
        constraints = [models.UniqueConstraint(fields=["location", "date"], name="one_exception_per_date")]
        verbose_name = _("holiday or special hours")
        verbose_name_plural = _("holidays and special hours")

    def __str__(self):
        return f"{self.location}: {self.date} ({self.reason})"


# --- The campus's walkways: what directions are found over (locations.directions) ----------------


class Waypoint(models.Model):
    """A point a visitor passes on campus: a door, a garage exit, a stop, an elevator on one floor."""

    class Kind(models.TextChoices):
        MAIN_ENTRANCE = "main_entrance", _("Main entrance")
        ACCESSIBLE_ENTRANCE = "accessible_entrance", _("Accessible entrance")
        EMERGENCY_ENTRANCE = "emergency_entrance", _("Emergency entrance")
        DROP_OFF = "drop_off", _("Drop-off")
        GARAGE_ENTRANCE = "garage_entrance", _("Garage entrance")
        TRANSIT_STOP = "transit_stop", _("Transit stop")
        ELEVATOR = "elevator", _("Elevator")
        STAIRS = "stairs", _("Stairs")
        JUNCTION = "junction", _("Junction")
        DOOR = "door", _("Door")

    kind = models.CharField(_("kind"), max_length=24, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=160)
    building = models.ForeignKey(
        Location,
        verbose_name=_("building"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,  # a building's doors and elevators go with it
        related_name="waypoints",
        help_text=_("The building, garage or clinic it is in or at; blank for a street or a stop."),
    )
    floor = models.SmallIntegerField(_("floor"), default=1, help_text=_("1 is the ground floor."))
    latitude = models.FloatField(_("latitude"))
    longitude = models.FloatField(_("longitude"))

    class Meta:
        ordering = ["name"]
        verbose_name = _("waypoint")
        verbose_name_plural = _("waypoints")

    def __str__(self):
        return self.name


ELEVATOR_METRES_PER_FLOOR = 20  # the ride and the wait, as metres walked
STAIRS_METRES_PER_FLOOR = 10  # a flight, as metres walked


class Connection(models.Model):
    """A way between two waypoints, walked either way: a path, a corridor, a bridge, an elevator ride."""

    class Kind(models.TextChoices):
        OUTDOOR_PATH = "outdoor_path", _("Outdoor path")
        CORRIDOR = "corridor", _("Corridor")
        BRIDGE = "bridge", _("Bridge")
        TUNNEL = "tunnel", _("Tunnel")
        SHARED_LOBBY = "shared_lobby", _("Shared lobby")
        ELEVATOR = "elevator", _("Elevator")
        STAIRS = "stairs", _("Stairs")
        RAMP = "ramp", _("Ramp")

    start = models.ForeignKey(
        Waypoint, verbose_name=_("from waypoint"), on_delete=models.CASCADE, related_name="connections_from"
    )
    end = models.ForeignKey(
        Waypoint, verbose_name=_("to waypoint"), on_delete=models.CASCADE, related_name="connections_to"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    indoors = models.BooleanField(_("indoors"), default=True)
    length = models.FloatField(
        _("length in metres"),
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
        help_text=format_lazy(
            _(
                "Leave blank to measure it from the two points. "
                "Elevators count {elevator} metres a floor, stairs {stairs}."
            ),
            elevator=ELEVATOR_METRES_PER_FLOOR,
            stairs=STAIRS_METRES_PER_FLOOR,
        ),
    )
    closed_from = models.DateField(_("closed from"), null=True, blank=True)
    closed_until = models.DateField(
        _("closed until"), null=True, blank=True, help_text=_("The last day it is closed.")
    )
    closure_note = models.CharField(
        _("closure note"), max_length=200, blank=True, help_text=_("Why, and which way to go instead.")
    )

    class Meta:
        ordering = ["start__name", "end__name"]
        verbose_name = _("connection")
        verbose_name_plural = _("connections")
        constraints = [
            models.CheckConstraint(condition=~Q(start=F("end")), name="connection_joins_two_waypoints"),
            models.CheckConstraint(
                condition=Q(closed_from__isnull=True)
                | Q(closed_until__isnull=True)
                | Q(closed_until__gte=F("closed_from")),
                name="connection_closure_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.start} – {self.end}"

    @property
    def step_free(self):
        return self.kind != self.Kind.STAIRS

    def closed_on(self, day):
        """Closed on `day`: between the two dates, both included; an open end runs on (or back) for good."""
        if self.closed_from is None and self.closed_until is None:
            return False
        return (self.closed_from is None or self.closed_from <= day) and (
            self.closed_until is None or day <= self.closed_until
        )

    def metres(self, start, end):
        """The length written, or measured from the waypoints `start` and `end` (passed in, so that a
        whole graph is measured without a query per connection), plus a fixed length per floor for
        elevators and stairs."""
        if self.length is not None:
            return self.length
        floors = abs(start.floor - end.floor)
        per_floor = {self.Kind.ELEVATOR: ELEVATOR_METRES_PER_FLOOR, self.Kind.STAIRS: STAIRS_METRES_PER_FLOOR}
        flat = metres_between(start.latitude, start.longitude, end.latitude, end.longitude)
        return flat + floors * per_floor.get(self.kind, 0)

    def clean(self):
        if self.start_id and self.start_id == self.end_id:
            raise ValidationError({"end": _("A connection joins two different waypoints.")})
        if self.closed_from and self.closed_until and self.closed_until < self.closed_from:
            raise ValidationError({"closed_until": _("The closure ends before it starts.")})
        if self.kind == self.Kind.OUTDOOR_PATH and self.indoors:
            raise ValidationError({"indoors": _("An outdoor path is not indoors: untick this box.")})
