"""Unprefixed status URLs: feeds and the links in e-mails."""

from django.urls import path

from support.status import subscriptions
from support.status.feeds import MaintenanceAtomFeed, MaintenanceRssFeed

app_name = "status_root"
urlpatterns = [
    path("feeds/maintenance.rss", MaintenanceRssFeed(), name="rss"),
    path("feeds/maintenance.atom", MaintenanceAtomFeed(), name="atom"),
    path("maintenance/confirm/<str:token>", subscriptions.confirm, name="confirm"),
    path("maintenance/unsubscribe/<str:token>", subscriptions.unsubscribe, name="unsubscribe"),
]
