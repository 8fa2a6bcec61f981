import pytest

from locations.models import Location, Service


@pytest.fixture
def no_places(db):
    """An empty list of places, whatever the session's demo content put there (rolled back after)."""
    Location.objects.all().delete()
    Service.objects.all().delete()
