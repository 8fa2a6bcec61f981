from django.urls import path

from . import views
from .models import Request

app_name = "appointments"

urlpatterns = [
    path("", views.index, name="index"),
    path("request/", views.RequestFormView.as_view(kind=Request.Kind.APPOINTMENT), name="appointment"),
    path(
        "second-opinion/",
        views.RequestFormView.as_view(kind=Request.Kind.SECOND_OPINION),
        name="second_opinion",
    ),
    path("refer/", views.RequestFormView.as_view(kind=Request.Kind.REFERRAL), name="referral"),
    path(
        "good-faith-estimate/",
        views.RequestFormView.as_view(kind=Request.Kind.GOOD_FAITH_ESTIMATE),
        name="good_faith_estimate",
    ),
    path("received/", views.received, name="received"),
]
