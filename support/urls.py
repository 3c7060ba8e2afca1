"""The support app's urls module: includes those of its sub-packages."""

from django.urls import include, path

app_name = "support"
urlpatterns = [
    path("", include("support.maintenance.urls")),
]
