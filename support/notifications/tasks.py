"""Background delivery of outbox rows (django-tasks)."""

from django_tasks import task

from .delivery import deliver_message


@task()
def deliver_outbox(message_ids: list[int]) -> dict:
    """Deliver the given rows now; failures stay pending with a back-off for the next try."""
    return {str(pk): deliver_message(pk) for pk in message_ids}
