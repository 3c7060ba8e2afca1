"""The intake's background task: what a report's arrival sets off after the user has their answer.

Accepting a report stays one short transaction; linking the UIN to its customer, the release-channel
hints and the personal manager's message follow in ``process_arrival``, queued with the report.
"""

import logging

from django.conf import settings
from django.db import router, transaction
from django.urls import reverse
from django_tasks import task
from django_tasks_db import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from wagtail.users.models import UserProfile

from customers.models import ManagerContact
from customers.queries import customer_for_uin
from support.helpdesk.hints import ARRIVAL_CODES, installation_hints
from support.helpdesk.models.reports import FaultReport
from support.notifications.outbox import enqueue_email, enqueue_sms

logger = logging.getLogger(__name__)


@task()
def process_arrival(report_id: int) -> dict:
    """Link the report to the customer of its UIN (or flag the UIN as unknown), add the installation's
    hints and tell the customer's personal manager. Safe to run twice: hints are replaced and the
    manager's messages are deduplicated per report."""
    report = (
        FaultReport.objects.select_related("trainer", "assignee")
        .filter(pk=report_id, anonymised_at__isnull=True)
        .first()
    )
    if report is None:
        return {"report": None}
    customer = customer_for_uin(report.uin)
    hints = [hint for hint in report.hints if hint.get("code") not in ARRIVAL_CODES]
    if customer is None:
        # Accepted all the same: the learner may be new and the customer's list not yet imported.
        hints.append({"code": "unknown_uin"})
    hints += installation_hints(report, customer.pk if customer else None)
    with transaction.atomic():
        FaultReport.objects.filter(pk=report.pk).update(customer=customer, hints=hints)
        notified = notify_manager(report, customer) if customer else []
    return {"report": report.reference, "customer": customer.pk if customer else None, "notified": notified}


def notify_manager(report, customer) -> list[str]:
    """E-mail and SMS to the customer's personal manager, in the language of their admin profile, naming
    the engineer on duty who has the report (the engineer is alerted by the on-call side)."""
    manager = customer.manager
    if manager is None or not manager.is_active:
        return []
    language = UserProfile.get_for_user(manager).get_preferred_language()
    engineer = report.assignee
    context = {
        "reference": report.reference,
        "customer": customer.name,
        "uin": report.uin,
        "manager": manager.get_full_name() or manager.get_username(),
        "trainer": report.trainer.title if report.trainer else "",
        "version": report.trainer_version,
        "engineer": (engineer.get_full_name() or engineer.get_username()) if engineer else "",
        "report_url": settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        + reverse("support_report", args=[report.pk]),
    }
    sent = []
    if manager.email:
        enqueue_email(
            manager.email,
            "report_to_manager",
            language=language,
            context=context,
            dedup_key=f"report-manager-email:{report.pk}",
            source=report,
        )
        sent.append("email")
    phone = ManagerContact.objects.filter(user=manager).values_list("phone", flat=True).first()
    if phone:
        try:
            enqueue_sms(
                phone,
                "report_to_manager",
                language=language,
                context=context,
                dedup_key=f"report-manager-sms:{report.pk}",
                source=report,
            )
            sent.append("sms")
        except ValueError:
            logger.warning("personal manager %s has an unusable phone number", manager.pk)
    return sent


def schedule_arrival(report) -> None:
    """Queue ``process_arrival`` for a report stored in the current transaction.

    A queue kept in the same database takes the task row inside the transaction (report and task commit
    together); any other backend gets it after commit, once the report is visible to it."""
    same_database = router.db_for_write(DBTaskResult) == router.db_for_write(FaultReport)
    if isinstance(process_arrival.get_backend(), DatabaseBackend) and same_database:
        process_arrival.enqueue(report.pk)
    else:
        transaction.on_commit(lambda: _enqueue(report.pk))


def _enqueue(report_id) -> None:
    try:
        process_arrival.enqueue(report_id)
    except Exception:
        logger.exception("could not queue the arrival of report %s", report_id)
