"""Fault reports, their timeline and attachments, the reference counter and on-call duty shifts.

The tables keep the names they had in the ``support`` app (``Meta.db_table``).
"""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import IntegrityError, connection, models, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from support.helpdesk.snapshots import snapshot
from support.notifications.phones import normalize_phone


def private_storage():
    """Attachments live in the private bucket; they are served only to staff."""
    return storages["private"]


class Status(models.TextChoices):
    NEW = "new", _("New")
    IN_REVIEW = "in_review", _("In review")
    AWAITING_INFO = "awaiting_info", _("Awaiting information")
    IN_PROGRESS = "in_progress", _("In progress")
    RESOLVED = "resolved", _("Resolved")
    NOT_A_FAULT = "not_a_fault", _("Not a fault")
    CLOSED = "closed", _("Closed")


OPEN_STATUSES = (Status.NEW, Status.IN_REVIEW, Status.AWAITING_INFO, Status.IN_PROGRESS)


class Mode(models.TextChoices):
    """Whether the trainer ran connected to the platform or offline when the fault happened."""

    ONLINE = "online", _("Online")
    OFFLINE = "offline", _("Offline")


class NotAFaultReason(models.TextChoices):
    """The three cases the service rules name as "not a fault"."""

    PLANNED_MAINTENANCE = "planned_maintenance", _("Planned maintenance")
    OUTSIDE_RESPONSIBILITY = (
        "outside_responsibility",
        _("Failure of elements outside the organisation's responsibility"),
    )
    INCOMPATIBLE_EQUIPMENT = (
        "incompatible_equipment",
        _("User equipment, software or technology incompatible with the service"),
    )


class ReferenceCounter(models.Model):
    """One row per year; the row lock taken by the increment makes references race-free."""

    year = models.PositiveIntegerField(primary_key=True)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        db_table = "support_referencecounter"

    def __str__(self):
        return f"{self.year}: {self.last}"

    @classmethod
    def next_reference(cls, year: int | None = None) -> str:
        """``VT-<year>-<6 digits>``; call inside the transaction that stores the report."""
        year = year or timezone.localdate().year
        for _attempt in range(3):
            with connection.cursor() as cursor:
                # One round trip instead of UPDATE + SELECT (the ORM's update() returns no values).
                cursor.execute(
                    'UPDATE "support_referencecounter" SET "last" = "last" + 1 '
                    'WHERE "year" = %s RETURNING "last"',
                    [year],
                )
                row = cursor.fetchone()
            if row:
                return f"VT-{year}-{row[0]:06d}"
            try:
                with transaction.atomic():
                    cls.objects.create(year=year, last=1)
                return f"VT-{year}-{1:06d}"
            except IntegrityError:
                continue  # someone created the year's row first; increment it instead
        raise RuntimeError("could not allocate a report reference")


class FaultReport(models.Model):
    """A user's notice of a fault (уведомление о неисправности) and where it stands."""

    # Operational rows, not editorial content: Wagtail's reference index (the admin's "usage"
    # listings) has no use for them, and indexing queues a task on every save.
    wagtail_reference_index_ignore = True

    reference = models.CharField(_("reference"), max_length=20, unique=True)
    token_hash = models.CharField(max_length=64, editable=False)
    status = models.CharField(_("status"), max_length=16, choices=Status.choices, default=Status.NEW)
    language = models.CharField(_("language"), max_length=2, default="ru")

    # Personal data (visible to the Support group only; blanked by anonymise_fault_reports).
    full_name = models.CharField(_("full name"), max_length=200)
    uin = models.CharField(_("user identifier (UIN)"), max_length=32, db_index=True)
    phone = models.CharField(_("contact phone"), max_length=20, db_index=True)
    email = models.EmailField(_("e-mail"), blank=True)

    trainer = models.ForeignKey(
        "catalogue.SimulatorPage",
        verbose_name=_("affected trainer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    description = models.TextField(_("description"))
    environment = models.JSONField(_("environment details"), default=dict, blank=True)
    # The installation, as the trainer's deep link or the reporter tells it (no personal data).
    trainer_version = models.CharField(_("trainer version"), max_length=64, blank=True)
    # A build platform code of the simulators app (``windows``, ``android_headset``...).
    platform = models.CharField(_("platform"), max_length=32, blank=True)
    device_model = models.CharField(_("device model"), max_length=100, blank=True)
    firmware = models.CharField(_("firmware"), max_length=64, blank=True)
    mode = models.CharField(_("mode"), max_length=8, choices=Mode.choices, blank=True)
    # The organisation whose registry holds the UIN, linked by the intake's background task (None: an
    # unknown UIN, accepted and flagged by a hint). Kept after anonymisation: it names no person.
    customer = models.ForeignKey(
        "customers.Customer",
        verbose_name=_("customer"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    consent_at = models.DateTimeField(_("consent given at"))
    hints = models.JSONField(_("triage hints"), default=list, blank=True)

    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("assignee"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    not_a_fault_reason = models.CharField(
        _("not a fault: reason"), max_length=32, choices=NotAFaultReason.choices, blank=True
    )
    not_a_fault_note = models.TextField(_("not a fault: note"), blank=True)
    # The status app's notice that explains a "planned maintenance" closure (a page id, no foreign key:
    # the helpdesk does not depend on the status app).
    maintenance_notice_id = models.PositiveIntegerField(_("maintenance notice"), null=True, blank=True)
    # A release note staff found to fix this fault ("known issue fixed in X"). A page, not the
    # simulators app's model: the helpdesk does not import it; the note's version is read from the page.
    fixed_in = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("known issue fixed in (release note)"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The status app's incident that affected the trainer or component when the report was filed (its
    # id, no foreign key, like the notice above); set by the background triage.
    incident_id = models.PositiveIntegerField(_("incident"), null=True, blank=True, db_index=True)
    # When the background triage (hints, incident, on-call alert) ran; ``oncall_tick`` catches up on
    # reports whose triage task was lost.
    triaged_at = models.DateTimeField(_("triaged at"), null=True, blank=True)
    # Set by the triage (``targets``: working hours, or 24/7 during a major incident); until then the
    # target counts plain hours from filing.
    first_response_due_at = models.DateTimeField(_("first response due"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    first_response_at = models.DateTimeField(_("first response at"), null=True, blank=True)
    resolved_at = models.DateTimeField(_("resolved at"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    anonymised_at = models.DateTimeField(_("anonymised at"), null=True, blank=True)

    class Meta:
        db_table = "support_faultreport"
        verbose_name = _("fault report")
        verbose_name_plural = _("fault reports")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.reference

    # Response-time targets ------------------------------------------------------------------------

    @property
    def first_response_due(self):
        return self.first_response_due_at or self.created_at + timedelta(
            hours=settings.SUPPORT_FIRST_RESPONSE_HOURS
        )

    @property
    def resolution_due(self):
        return self.created_at + timedelta(hours=settings.SUPPORT_RESOLUTION_HOURS)

    @property
    def is_overdue(self) -> bool:
        now = timezone.now()
        if self.status == Status.NEW and now > self.first_response_due:
            return True
        return self.status in OPEN_STATUSES and now > self.resolution_due

    @classmethod
    def first_response_overdue_q(cls, now=None) -> Q:
        now = now or timezone.now()
        untriaged = now - timedelta(hours=settings.SUPPORT_FIRST_RESPONSE_HOURS)
        return Q(status=Status.NEW) & (
            Q(first_response_due_at__lt=now) | Q(first_response_due_at__isnull=True, created_at__lt=untriaged)
        )

    @classmethod
    def overdue_q(cls, now=None) -> Q:
        now = now or timezone.now()
        resolution = now - timedelta(hours=settings.SUPPORT_RESOLUTION_HOURS)
        return cls.first_response_overdue_q(now) | Q(status__in=OPEN_STATUSES, created_at__lt=resolution)


class TimelineEvent(models.Model):
    """One step in a report's life: who, when, what; public events are shown to the user."""

    wagtail_reference_index_ignore = True

    class Kind(models.TextChoices):
        CREATED = "created", _("Created")
        TRANSITION = "transition", _("Status change")
        ASSIGNED = "assigned", _("Assigned")
        NOTE = "note", _("Internal note")
        REPLY = "reply", _("User reply")
        VIEWED = "viewed", _("Viewed")

    report = models.ForeignKey(FaultReport, on_delete=models.CASCADE, related_name="events")
    created_at = models.DateTimeField(_("time"), default=timezone.now)
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_label = models.CharField(_("actor"), max_length=150, blank=True)
    from_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=16, choices=Status.choices, blank=True)
    public = models.BooleanField(_("shown to the user"), default=False)
    message = models.TextField(_("message"), blank=True)

    class Meta:
        db_table = "support_timelineevent"
        verbose_name = _("timeline event")
        verbose_name_plural = _("timeline events")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.report_id} {self.kind} {self.created_at:%Y-%m-%d %H:%M}"


class FaultAttachment(models.Model):
    """A file sent with a report or a reply; its type was detected from the content."""

    wagtail_reference_index_ignore = True

    report = models.ForeignKey(FaultReport, on_delete=models.CASCADE, related_name="attachments")
    event = models.ForeignKey(
        TimelineEvent, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    file = models.FileField(storage=private_storage, upload_to="support/attachments/%Y/%m/", max_length=255)
    original_name = models.CharField(max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        db_table = "support_faultattachment"
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self):
        return self.original_name


# How far ahead the roster's gaps are shown (dashboard, duty listing).
ROSTER_GAP_DAYS = 14


class DutyShift(models.Model):
    """An on-call shift; a report that arrives during a primary shift is assigned to its engineer.

    The role says where the engineer stands on the roster while the shift runs: an alert goes to the
    primary first, escalates to the secondary when nobody acknowledges it, then to the support lead.
    Rows written before roles existed are primary shifts."""

    wagtail_reference_index_ignore = True

    class Role(models.TextChoices):
        # In escalation order.
        PRIMARY = "primary", _("Primary")
        SECONDARY = "secondary", _("Secondary")
        LEAD = "lead", _("Support lead")

    engineer = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("engineer"), on_delete=models.CASCADE, related_name="+"
    )
    role = models.CharField(_("role"), max_length=10, choices=Role.choices, default=Role.PRIMARY)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    phone = models.CharField(
        _("phone on duty"),
        max_length=20,
        blank=True,
        help_text=_("On-call alerts go to this number by SMS as well as to the engineer's e-mail."),
    )
    note = models.CharField(_("note"), max_length=200, blank=True)

    class Meta:
        db_table = "support_dutyshift"
        verbose_name = _("duty shift")
        verbose_name_plural = _("duty shifts")
        ordering = ["-start"]

    def __str__(self):
        return f"{self.engineer} {timezone.localtime(self.start):%Y-%m-%d %H:%M}"

    def clean(self):
        if self.start and self.end and self.end <= self.start:
            raise ValidationError({"end": _("The shift must end after it starts.")})
        if self.phone:
            try:
                self.phone = normalize_phone(self.phone)
            except ValueError:
                raise ValidationError({"phone": _("Enter a valid phone number.")}) from None

    @classmethod
    def on_duty(cls, at=None, role=Role.PRIMARY):
        """The shift of ``role`` covering ``at`` (latest start wins when shifts overlap), or ``None``."""
        at = at or timezone.now()
        roster = snapshot("duty-roster", at, cls._roster)
        return next((shift for shift in roster if shift.role == role and shift.start <= at < shift.end), None)

    @classmethod
    def escalation_chain(cls, at=None) -> list:
        """The shifts covering ``at`` in escalation order (primary, secondary, lead), one per role."""
        return [shift for role in cls.Role if (shift := cls.on_duty(at, role)) is not None]

    @classmethod
    def gaps(cls, since, until) -> list[tuple]:
        """``(start, end)`` of the times in ``[since, until)`` no primary shift covers: nobody would
        be assigned the reports, and alerts would start with the secondary or the lead, if any."""
        shifts = cls.objects.filter(role=cls.Role.PRIMARY, start__lt=until, end__gt=since).order_by("start")
        gaps, cursor = [], since
        for start, end in shifts.values_list("start", "end"):
            if start > cursor:
                gaps.append((cursor, start))
            cursor = max(cursor, end)
        if cursor < until:
            gaps.append((cursor, until))
        return gaps

    @classmethod
    def _roster(cls, since, until):
        """Shifts that cover some moment of ``[since, until)``, latest start first."""
        return list(
            cls.objects.filter(start__lt=until, end__gt=since)
            .select_related("engineer")
            .defer("engineer__password")  # the snapshot sits in the shared cache
            .order_by("-start")
        )


class SubmissionKey(models.Model):
    """One accepted submission of a fault report, by the key its sender gave it: the API's
    ``Idempotency-Key`` header or the form's one-time submission field.

    A retry with the same key is answered with the same report instead of a second one. Only a hash of
    the key is stored, and the tracking token is kept sealed with the key itself, so this table alone
    reveals neither (the report keeps only the token's hash). Rows expire after
    ``SUBMISSION_KEY_HOURS`` (``anonymise_fault_reports`` deletes them).
    """

    wagtail_reference_index_ignore = True

    class Scope(models.TextChoices):
        API = "api", _("API")
        FORM = "form", _("form")

    key_hash = models.CharField(max_length=64, unique=True)
    scope = models.CharField(_("scope"), max_length=4, choices=Scope.choices)
    fingerprint = models.CharField(
        max_length=64,
        help_text=_("SHA-256 of the submission; a reuse of the key with other data is refused."),
    )
    report = models.ForeignKey(FaultReport, on_delete=models.CASCADE, related_name="+")
    nonce = models.CharField(max_length=32)
    sealed_token = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("created at"), default=timezone.now, db_index=True)

    class Meta:
        db_table = "support_submissionkey"
        verbose_name = _("submission key")
        verbose_name_plural = _("submission keys")

    def __str__(self):
        return f"{self.scope} {self.report_id} {self.created_at:%Y-%m-%d %H:%M}"

    @classmethod
    def cutoff(cls, now=None):
        """Keys created before this moment have expired."""
        return (now or timezone.now()) - timedelta(hours=settings.SUPPORT_SUBMISSION_KEY_HOURS)
