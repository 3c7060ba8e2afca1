"""The helpdesk's models: fault reports and duty shifts (``reports``) and the support page (``pages``)."""

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
    "ReferenceCounter",
    "Status",
    "SubmissionKey",
    "SupportPage",
    "TimelineEvent",
]
