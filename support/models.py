"""Every model of the support app, re-exported so Django finds them (one import line per sub-package)."""

from support.faults.models import (  # noqa: F401
    DutyShift,
    FaultAttachment,
    FaultReport,
    ReferenceCounter,
    TimelineEvent,
)
from support.faults.pages import SupportPage  # noqa: F401
from support.maintenance.models import (  # noqa: F401
    MaintenanceNoticePage,
    MaintenanceUpdate,
    NoticeDispatch,
    StatusPage,
    Subscriber,
    WorkingDayException,
)
from support.notifications.models import OutboxMessage  # noqa: F401
