"""The support app's root_urls module: includes those of its sub-packages."""

from django.urls import include, path

app_name = "support_root"
urlpatterns = [
    path("", include("support.maintenance.root_urls")),
]
