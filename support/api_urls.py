"""The support app's api_urls module: includes those of its sub-packages."""

from django.urls import include, path

app_name = "support_api"
urlpatterns = [
    path("", include("support.maintenance.api_urls")),
]
