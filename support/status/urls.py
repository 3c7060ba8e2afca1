"""Language-prefixed status URLs (the status page and notices are Wagtail pages; incidents are not)."""

from django.urls import path

from support.status import incident_views, subscriptions

app_name = "status"
urlpatterns = [
    path("maintenance/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("maintenance/dismiss/<uuid:key>/", subscriptions.dismiss, name="dismiss"),
    path("incidents/<id:pk>/", incident_views.incident, name="incident"),
]
