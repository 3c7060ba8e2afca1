"""Models of the support app; Django finds them here, sub-packages define them."""

from support.maintenance.models import (  # noqa: F401
    MaintenanceNoticePage,
    MaintenanceUpdate,
    NoticeDispatch,
    StatusPage,
    Subscriber,
    WorkingDayException,
)
