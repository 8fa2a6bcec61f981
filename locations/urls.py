from django.urls import path

from . import views
from .caching import DIRECTORY

app_name = "locations"

# Pages say whether a place is open now, so they are kept a minute at most (see toolkit.caching).
cached = DIRECTORY.cached_page(seconds=60)

urlpatterns = [
    path("", cached(views.location_list), name="list"),
    path("<slug:slug>/", cached(views.LocationDetailView.as_view()), name="detail"),
]
