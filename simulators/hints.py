"""The installation hints the helpdesk asks for (hook ``vt_installation_hints``, registered in
``wagtail_hooks``): is the reported version out of date on the customer's channel, or withdrawn?"""

from django.core.exceptions import ValidationError
from django.utils import timezone

from core.versions import version_key
from customers.models import Customer, Licence

from .channels import STABLE, state
from .models import Platform, validate_semver


def _channel(trainer_key, customer_id):
    """The channel the customer follows for the trainer: a current licence's, else the customer's."""
    if customer_id is None:
        return STABLE
    today = timezone.localdate()
    licence = (
        Licence.objects.filter(
            customer_id=customer_id,
            trainer__translation_key=trainer_key,
            valid_from__lte=today,
            valid_to__gte=today,
        )
        .select_related("customer")
        .first()
    )
    if licence is not None:
        return licence.effective_channel
    customer = Customer.objects.filter(pk=customer_id).only("channel").first()
    return customer.channel if customer else STABLE


def installation_hints(trainer_key, platform, version, customer_id):
    """[{"code": "withdrawn_build", "version"}] or [{"code": "outdated_version", "latest", "channel"}]
    or []: the reported ``version`` of the trainer (its pages' translation key) on ``platform``."""
    if not version or platform not in Platform.values:
        return []
    try:
        validate_semver(version)
    except ValidationError:
        return []
    current = state(trainer_key, platform)
    if version in current["withdrawn"]:
        return [{"code": "withdrawn_build", "version": version}]
    channel = _channel(trainer_key, customer_id)
    offered = current["channels"].get(channel)
    build = offered and offered["build"]
    if build and version_key(version) < version_key(build["version"]):
        return [{"code": "outdated_version", "latest": build["version"], "channel": channel}]
    return []
