from django.urls import path

from . import views
from .caching import DIRECTORY

app_name = "locations"

# Pages say whether a place is open now, so they are kept a minute at most (see toolkit.caching).
cached = DIRECTORY.cached_page(seconds=60)

urlpatterns = [
    path("", cached(views.location_list), name="list"),
    # Before the places' pattern, which "directions" would otherwise match as a slug.
    path("directions/", cached(views.directions), name="directions"),
    path("<slug:slug>/", cached(views.LocationDetailView.as_view()), name="detail"),
]
