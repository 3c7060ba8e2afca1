"""A new report and the customer registry: the UIN's customer linked (an unknown UIN flagged, never
refused: the learner may be new), the installation's hints, and the customer's personal manager told.
Run by the background triage (``triage``), never in the request."""

import logging

from django.conf import settings
from django.urls import reverse
from wagtail.users.models import UserProfile

from customers.models import ManagerContact
from support.helpdesk.hints import installation_hints
from support.notifications.outbox import enqueue_email, enqueue_sms

logger = logging.getLogger(__name__)


def customer_hints(report, customer) -> list[dict]:
    """``unknown_uin`` for a UIN no customer holds, plus what the release channels know of the version."""
    hints = [] if customer is not None else [{"code": "unknown_uin"}]
    return hints + installation_hints(report, customer.pk if customer else None)


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
