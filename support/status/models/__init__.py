"""The status app's models: notices and subscribers (``notices``), incidents (``incidents``), the status
page (``status_page``) and the working-day exceptions (``workdays``)."""

from .incidents import Incident, IncidentUpdate
from .notices import MaintenanceNoticePage, MaintenanceUpdate, NoticeDispatch, Subscriber, reminder_lead
from .status_page import StatusPage
from .workdays import WorkingDayException

__all__ = [
    "Incident",
    "IncidentUpdate",
    "MaintenanceNoticePage",
    "MaintenanceUpdate",
    "NoticeDispatch",
    "StatusPage",
    "Subscriber",
    "WorkingDayException",
    "reminder_lead",
]
