"""The fleet inventory: what each manifest request tells about its device, buffered in the shared
cache and written to PostgreSQL by ``fleet_tick`` (a minute's requests at once), so polling devices
cost no database write.

A record is the latest state of one device (``DeviceState``: one row per customer, trainer, platform
and device) plus daily counts (``DailyFleetCount``: devices seen and requests per Moscow day and
installed version). No personal data: no address, no user, only what identifies the installation.
"""

import csv
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.db import transaction
from django.db.models import Count
from django.utils import timezone

from core.cache import append, drain
from core.versions import version_key

from .channels import state
from .models import DailyFleetCount, DeviceState

BUFFER = "fleet"


class ManifestRequest(NamedTuple):
    """What one manifest request tells about its device, as buffered (``seen``: Unix seconds)."""

    customer_id: int
    trainer_key: str
    platform: str
    device_id: str
    model: str
    firmware: str
    version: str
    channel: str
    mode: str
    seen: int

    @property
    def device(self):
        return (self.customer_id, self.trainer_key, self.platform, self.device_id)


def record(*, customer_id, trainer_key, platform, device_id, model, firmware, version, channel, mode):
    """Buffer one manifest request (no database access)."""
    seen = int(timezone.now().timestamp())
    # Buffered as a plain tuple: what a worker of the previous release buffered reads the same way.
    entry = ManifestRequest(
        customer_id, str(trainer_key), platform, device_id, model, firmware, version, channel, mode, seen
    )
    append(BUFFER, tuple(entry))


def _latest(requests):
    """The newest request of each device."""
    latest = {}
    for request in requests:
        if request.device not in latest or latest[request.device].seen <= request.seen:
            latest[request.device] = request
    return latest


@transaction.atomic
def flush(now=None):
    """Write the buffered requests: upsert each device's latest state and the day's counts. Returns the
    number of requests written."""
    records = [
        ManifestRequest(*entry) for entry in drain(BUFFER, now=None if now is None else now.timestamp())
    ]
    if not records:
        return 0
    rows = [
        DeviceState(
            customer_id=request.customer_id,
            trainer_key=request.trainer_key,
            platform=request.platform,
            device_id=request.device_id,
            model=request.model,
            firmware=request.firmware,
            version=request.version,
            channel=request.channel,
            mode=request.mode,
            last_seen=datetime.fromtimestamp(request.seen, UTC),
        )
        for request in _latest(records).values()
    ]
    DeviceState.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["customer", "trainer_key", "platform", "device_id"],
        update_fields=["model", "firmware", "version", "channel", "mode", "last_seen"],
    )
    requests = Counter()
    for request in records:
        day = datetime.fromtimestamp(request.seen, timezone.get_default_timezone()).date()
        requests[(day, request.customer_id, request.trainer_key, request.platform, request.version)] += 1
    _count_days(requests)
    return len(records)


def _count_days(requests):
    """Add the requests to each day's row and recount its devices (those whose latest state that day
    runs the version): a device counts once a day, under the version it ended the day with."""
    for (day, customer_id, trainer_key, platform, version), count in requests.items():
        start = datetime.combine(day, datetime.min.time(), timezone.get_default_timezone())
        devices = DeviceState.objects.filter(
            customer_id=customer_id,
            trainer_key=trainer_key,
            platform=platform,
            version=version,
            last_seen__gte=start,
            last_seen__lt=start + timedelta(days=1),
        ).count()
        row, created = DailyFleetCount.objects.select_for_update().get_or_create(
            day=day,
            customer_id=customer_id,
            trainer_key=trainer_key,
            platform=platform,
            version=version,
            defaults={"devices": devices, "requests": count},
        )
        if not created:
            row.devices = devices
            row.requests += count
            row.save(update_fields=["devices", "requests"])


# What the admin shows ------------------------------------------------------------------------------


def devices(trainer_key=None, customer_id=None):
    queryset = DeviceState.objects.select_related("customer")
    if trainer_key:
        queryset = queryset.filter(trainer_key=trainer_key)
    if customer_id:
        queryset = queryset.filter(customer_id=customer_id)
    return queryset


def status_of(device, channel_states):
    """``current``, ``outdated`` or ``withdrawn``: the device's version against what its channel
    offers it now (``channel_states``: ``channels.state`` per (trainer key, platform))."""
    key = (str(device.trainer_key), device.platform)
    if key not in channel_states:
        channel_states[key] = state(*key)
    current = channel_states[key]
    if device.version in current["withdrawn"]:
        return "withdrawn"
    channel = current["channels"].get(device.channel)
    build = channel and channel["build"]
    if build and device.version and version_key(device.version) < version_key(build["version"]):
        return "outdated"
    return "current"


def version_counts(queryset):
    """[(trainer key, platform, version, devices)], most devices first."""
    rows = queryset.values("trainer_key", "platform", "version").annotate(devices=Count("pk"))
    return list(rows.order_by("trainer_key", "platform", "-devices", "version"))


def unseen_since(queryset, days, now=None):
    return queryset.filter(last_seen__lt=(now or timezone.now()) - timedelta(days=days))


CSV_FIELDS = [
    "customer",
    "customer_inn",
    "trainer_key",
    "platform",
    "device_id",
    "model",
    "firmware",
    "version",
    "channel",
    "mode",
    "last_seen",
    "status",
]


def write_csv(out, queryset):
    """The devices as CSV, one per row (the columns of ``CSV_FIELDS``)."""
    writer = csv.writer(out)
    writer.writerow(CSV_FIELDS)
    channel_states = {}
    for device in queryset.iterator(chunk_size=2000):
        writer.writerow(
            [
                device.customer.name,
                device.customer.inn,
                device.trainer_key,
                device.platform,
                device.device_id,
                device.model,
                device.firmware,
                device.version,
                device.channel,
                device.mode,
                device.last_seen.isoformat(),
                status_of(device, channel_states),
            ]
        )
