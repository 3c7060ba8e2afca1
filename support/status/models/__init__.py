"""The status app's models: notices and subscribers (``notices``), the status page (``status_page``) and
the working-day exceptions (``workdays``)."""

from .notices import MaintenanceNoticePage, MaintenanceUpdate, NoticeDispatch, Subscriber, reminder_lead
from .status_page import StatusPage
from .workdays import WorkingDayException

__all__ = [
    "MaintenanceNoticePage",
    "MaintenanceUpdate",
    "NoticeDispatch",
    "StatusPage",
    "Subscriber",
    "WorkingDayException",
    "reminder_lead",
]
