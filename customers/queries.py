"""The registry's public queries other apps use: who a UIN belongs to, and what to show staff about it."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Max, Q
from django.utils import timezone

from catalogue.queries import trainer_titles
from core import languages
from customers.models import Customer, LearnerUIN, Licence, ManagerContact


def normalise_uin(value) -> str:
    """UINs are compared as typed, without surrounding spaces (a pasted UIN often carries some)."""
    return str(value or "").strip()


def customer_for_uin(uin) -> Customer | None:
    """The customer a UIN was issued to, or None (an unknown UIN: perhaps a new learner)."""
    uin = normalise_uin(uin)
    if not uin:
        return None
    row = LearnerUIN.objects.select_related("customer__manager").filter(uin=uin).first()
    return row.customer if row else None


@dataclass
class Installation:
    """What staff see for a UIN within one screen: its customer, manager (with phone) and licences."""

    uin: str
    customer: Customer | None
    manager_phone: str = ""
    licences: list = field(default_factory=list)

    @property
    def known(self) -> bool:
        return self.customer is not None


def installation(uin, customer=None) -> Installation:
    """The block for ``uin``; ``customer`` when the caller already knows it (a linked fault report)."""
    uin = normalise_uin(uin)
    customer = customer or customer_for_uin(uin)
    if customer is None:
        return Installation(uin=uin, customer=None)
    phone = ""
    if customer.manager_id:
        phone = (
            ManagerContact.objects.filter(user_id=customer.manager_id).values_list("phone", flat=True).first()
            or ""
        )
    licences = list(Licence.objects.filter(customer=customer).select_related("trainer").order_by("-valid_to"))
    titles = trainer_titles(languages.current(), {licence.trainer.translation_key for licence in licences})
    for licence in licences:
        licence.trainer_title = titles.get(str(licence.trainer.translation_key), licence.trainer.title)
    return Installation(uin=uin, customer=customer, manager_phone=phone, licences=licences)


def expired_uins(now=None, *, retention_days: int):
    """UINs kept past the retention period: registered before it began and of a customer with no
    licence valid at any moment within it (the learners can no longer use a trainer, so nothing
    justifies keeping their identifiers)."""
    now = now or timezone.now()
    cutoff = now - timedelta(days=retention_days)
    current = Customer.objects.annotate(last_day=Max("licences__valid_to")).filter(
        last_day__gte=cutoff.date()
    )
    return LearnerUIN.objects.filter(created_at__lt=cutoff).exclude(Q(customer__in=current))
