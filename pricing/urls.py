from django.urls import path

from . import views
from .caching import cached_pricing_page

app_name = "pricing"

urlpatterns = [
    path("", cached_pricing_page(views.index), name="index"),
    path("services/", cached_pricing_page(views.service_list), name="services"),
    path("estimate/", cached_pricing_page(views.estimate_search), name="estimate"),
    path("estimate/<int:pk>/", cached_pricing_page(views.service_estimate), name="service"),
]
