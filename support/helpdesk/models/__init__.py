"""The helpdesk's models: fault reports and duty shifts (``reports``), on-call alerts (``oncall``) and
the support page (``pages``)."""

from .oncall import OnCallAlert
from .pages import SupportPage
from .reports import (
    OPEN_STATUSES,
    DutyShift,
    FaultAttachment,
    FaultReport,
    NotAFaultReason,
    ReferenceCounter,
    Status,
    SubmissionKey,
    TimelineEvent,
)

__all__ = [
    "OPEN_STATUSES",
    "DutyShift",
    "FaultAttachment",
    "FaultReport",
    "NotAFaultReason",
    "OnCallAlert",
    "ReferenceCounter",
    "Status",
    "SubmissionKey",
    "SupportPage",
    "TimelineEvent",
]
