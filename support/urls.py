"""Language-prefixed support URLs (the support page itself is a Wagtail page)."""

from django.urls import include, path

from support.faults import views

app_name = "support"

urlpatterns = [
    path("", include("support.maintenance.urls")),
    path("support/track/<str:reference>/", views.track, name="track"),
]
