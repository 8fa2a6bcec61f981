"""/fhir/ (interop.views): at the root, with no language prefix; FHIR's own paths below it."""

from django.urls import path, re_path

from . import views

app_name = "interop"
urlpatterns = [
    path("", views.capability_statement, name="base"),
    path("metadata", views.capability_statement, name="metadata"),
    # Our open times in SMART Scheduling Links (interop.bulk).
    path("$bulk-publish", views.bulk_publish, name="bulk_publish"),
    re_path(r"^bulk/(?P<name>[a-z-]+)\.ndjson$", views.bulk_file, name="bulk_file"),
    re_path(r"^(?P<kind>[A-Z][A-Za-z]+)$", views.search, name="search"),
    re_path(r"^(?P<kind>[A-Z][A-Za-z]+)/(?P<pk>[A-Za-z0-9\-.]{1,64})$", views.read, name="read"),
    # Anything else under /fhir/ is FHIR's "not found", not a page of the site's.
    path("<path:rest>", views.unknown, name="unknown"),
]
