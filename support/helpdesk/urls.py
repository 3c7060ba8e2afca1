"""Language-prefixed helpdesk URLs (the support page itself is a Wagtail page)."""

from django.urls import path

from support.helpdesk import views

app_name = "helpdesk"

urlpatterns = [
    path("support/track/<str:reference>/", views.track, name="track"),
    path("support/on-call/<str:token>/", views.oncall_ack, name="oncall_ack"),
]
