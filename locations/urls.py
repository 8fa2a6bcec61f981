from django.urls import path

from toolkit.caching import cached_public_page

from . import views

app_name = "locations"

# Pages say whether a place is open now, so they are kept a minute at most (see toolkit.caching).
cached = cached_public_page("directory", seconds=60)

urlpatterns = [
    path("", cached(views.location_list), name="list"),
    path("<slug:slug>/", cached(views.LocationDetailView.as_view()), name="detail"),
]
