from django.urls import path

from . import views
from .caching import cached_public_page

app_name = "doctors"

urlpatterns = [
    path("", cached_public_page(views.doctor_list), name="list"),
    path("<slug:slug>/", cached_public_page(views.DoctorDetailView.as_view()), name="detail"),
]
