"""Language-prefixed status URLs (the status page and notices are Wagtail pages)."""

from django.urls import path

from support.status import subscriptions

app_name = "status"
urlpatterns = [
    path("maintenance/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("maintenance/dismiss/<uuid:key>/", subscriptions.dismiss, name="dismiss"),
]
