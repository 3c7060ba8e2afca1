from django.urls import path

from support.maintenance.api import MaintenanceListView
from support.maintenance.feeds import CalendarView

app_name = "maintenance"
urlpatterns = [
    path("maintenance", MaintenanceListView.as_view(), name="list"),
    path("maintenance/calendar.ics", CalendarView.as_view(), name="calendar"),
]
