from django.urls import path

from support.maintenance import subscriptions

app_name = "maintenance"
urlpatterns = [
    path("maintenance/subscribe/", subscriptions.subscribe, name="subscribe"),
    path("maintenance/dismiss/<str:key>/", subscriptions.dismiss, name="dismiss"),
]
