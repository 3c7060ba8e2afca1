"""Status endpoints under ``/api/v1/``."""

from django.urls import path

from support.status.api import ComponentStatusView, IncidentDetailView, IncidentListView, MaintenanceListView
from support.status.feeds import CalendarView

app_name = "status_api"
urlpatterns = [
    path("maintenance", MaintenanceListView.as_view(), name="list"),
    path("maintenance/calendar.ics", CalendarView.as_view(), name="calendar"),
    path("status/components", ComponentStatusView.as_view(), name="components"),
    path("status/incidents", IncidentListView.as_view(), name="incidents"),
    path("status/incidents/<id:pk>", IncidentDetailView.as_view(), name="incident"),
]
