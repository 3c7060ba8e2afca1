from django.urls import path

from support.maintenance import subscriptions
from support.maintenance.feeds import MaintenanceAtomFeed, MaintenanceRssFeed

app_name = "maintenance"
urlpatterns = [
    path("feeds/maintenance.rss", MaintenanceRssFeed(), name="rss"),
    path("feeds/maintenance.atom", MaintenanceAtomFeed(), name="atom"),
    path("maintenance/confirm/<str:token>", subscriptions.confirm, name="confirm"),
    path("maintenance/unsubscribe/<str:token>", subscriptions.unsubscribe, name="unsubscribe"),
]
