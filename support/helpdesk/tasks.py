"""Background work of the helpdesk (django-tasks)."""

from django_tasks import task

from support.helpdesk import triage
from support.notifications.outbox import deliver_message


@task()
def accept_report(message_ids: list[int], report_id: int) -> dict:
    """Deliver a new report's acknowledgements first (the reporter waits for them), then triage it."""
    delivered = {str(pk): deliver_message(pk) for pk in message_ids}
    triage.triage(report_id)
    return delivered
