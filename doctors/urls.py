from django.urls import path

from . import views
from .caching import cached_directory_page

app_name = "doctors"

urlpatterns = [
    path("", cached_directory_page(views.doctor_list), name="list"),
    path("<slug:slug>/", cached_directory_page(views.DoctorDetailView.as_view()), name="detail"),
]
