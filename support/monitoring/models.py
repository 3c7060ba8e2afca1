"""Monitored components, raw probe samples and their hourly/daily aggregates."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from support.monitoring.probes import label_of


class ProbeStatus(models.TextChoices):
    OK = "ok", _("Operational")
    DEGRADED = "degraded", _("Degraded")
    DOWN = "down", _("Down")


class Component(models.Model):
    """One monitored part of the platform (database, storage, public site...). Rows are created by the
    monitor from the probe registry (``probes.REGISTRY``); incidents will reference them."""

    # Operational rows stay out of Wagtail's reference index (see FaultReport).
    wagtail_reference_index_ignore = True

    code = models.SlugField(_("code"), max_length=32, unique=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("monitored component")
        verbose_name_plural = _("monitored components")
        ordering = ["pk"]

    def __str__(self):
        return str(self.label)

    @property
    def label(self):
        return label_of(self.code)


class Sample(models.Model):
    """The result of one probe of one component: kept ``MONITOR_RAW_DAYS``."""

    wagtail_reference_index_ignore = True

    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="samples")
    probed_at = models.DateTimeField(_("probed at"))
    status = models.CharField(_("status"), max_length=8, choices=ProbeStatus.choices)
    ms = models.FloatField(_("duration, ms"))
    detail = models.CharField(_("detail"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("probe sample")
        verbose_name_plural = _("probe samples")
        indexes = [models.Index(fields=["component", "-probed_at"]), models.Index(fields=["probed_at"])]

    def __str__(self):
        return f"{self.component.code} {self.status} at {self.probed_at:%Y-%m-%d %H:%M}"


class Rollup(models.Model):
    """The samples of one component in one hour or one (Moscow) day, counted by outcome: kept
    ``MONITOR_AGGREGATE_DAYS``. A failure inside a declared maintenance window of the component counts
    under ``maintenance``, not ``down``."""

    wagtail_reference_index_ignore = True

    class Period(models.TextChoices):
        HOUR = "hour", _("hour")
        DAY = "day", _("day")

    component = models.ForeignKey(Component, on_delete=models.CASCADE, related_name="rollups")
    period = models.CharField(_("period"), max_length=4, choices=Period.choices)
    starts_at = models.DateTimeField(_("starts at"))
    ok = models.PositiveIntegerField(default=0)
    degraded = models.PositiveIntegerField(default=0)
    down = models.PositiveIntegerField(default=0)
    maintenance = models.PositiveIntegerField(default=0)
    ms_total = models.FloatField(default=0)

    class Meta:
        verbose_name = _("uptime aggregate")
        verbose_name_plural = _("uptime aggregates")
        constraints = [
            models.UniqueConstraint(
                fields=["component", "period", "starts_at"], name="monitoring_rollup_unique"
            )
        ]
        indexes = [models.Index(fields=["period", "starts_at"])]

    def __str__(self):
        return f"{self.component.code} {self.period} from {self.starts_at:%Y-%m-%d %H:%M}"

    @property
    def samples(self):
        return self.ok + self.degraded + self.down + self.maintenance

    @property
    def uptime(self):
        """Percentage of the samples outside maintenance that found the component up (degraded counts as
        up: it still serves); None when every sample fell in maintenance or there is none."""
        counted = self.ok + self.degraded + self.down
        return None if not counted else round(100 * (self.ok + self.degraded) / counted, 2)
