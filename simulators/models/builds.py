"""A build of a trainer for one platform: an object in the private bucket plus its lifecycle."""

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# The rule lives on the ground floor (fault reports check versions too); migrations name it here.
from core.versions import validate_semver

from .channels import start_stable, withdraw_build
from .choices import BuildStatus, Platform

SHA256_RE = re.compile(r"^[0-9a-f]{64}$")

# The project's own build permissions (``Meta.permissions``); staff status alone grants nothing.
PUBLISH_PERMISSION = "simulators.publish_simulatorbuild"
DOWNLOAD_LICENSED_PERMISSION = "simulators.download_licensed_simulatorbuild"


class BuildKind(models.TextChoices):
    WEBGL = "webgl", _("WebGL bundle (zip, played in the browser)")
    INSTALLER = "installer", _("Installer")
    ARCHIVE = "archive", _("Archive")
    PACKAGE = "package", _("Mobile / headset package (APK, IPA)")


TRANSITIONS = {
    BuildStatus.UPLOADING: {BuildStatus.DRAFT, BuildStatus.FAILED},
    BuildStatus.DRAFT: {BuildStatus.PUBLISHED, BuildStatus.WITHDRAWN},
    BuildStatus.PUBLISHED: {BuildStatus.WITHDRAWN},
    BuildStatus.WITHDRAWN: {BuildStatus.DRAFT},
    BuildStatus.FAILED: set(),
}


class InvalidTransition(ValidationError):
    """A status change the build lifecycle does not allow."""


class SimulatorBuildQuerySet(models.QuerySet):
    def for_trainer(self, page):
        """Builds of a trainer in any language: builds point at one translation of the page."""
        return self.filter(trainer__translation_key=page.translation_key)

    def published(self):
        return self.filter(status=BuildStatus.PUBLISHED)


class SimulatorBuild(models.Model):
    """One uploaded build of a trainer for a platform.

    ``size`` and ``sha256`` are declared when the upload starts; ``verified_at`` is set only after the
    server has streamed the stored object and found the same size and SHA-256, which is the only way
    out of ``uploading``.
    """

    trainer = models.ForeignKey(
        "catalogue.SimulatorPage",
        verbose_name=_("trainer"),
        on_delete=models.PROTECT,
        related_name="builds",
    )
    version = models.CharField(_("version"), max_length=64, validators=[validate_semver])
    platform = models.CharField(_("platform"), max_length=32, choices=Platform.choices)
    kind = models.CharField(_("kind"), max_length=16, choices=BuildKind.choices, default=BuildKind.ARCHIVE)
    status = models.CharField(
        _("status"), max_length=16, choices=BuildStatus.choices, default=BuildStatus.UPLOADING, db_index=True
    )
    is_public_demo = models.BooleanField(
        _("public demo"),
        default=False,
        help_text=_("Anyone may download or play a public demo; other builds are licensed."),
    )
    original_filename = models.CharField(_("file name"), max_length=255)
    object_key = models.CharField(_("object key"), max_length=512, unique=True)
    webgl_prefix = models.CharField(
        _("WebGL prefix"), max_length=512, blank=True, help_text=_("Where the unpacked WebGL bundle lives.")
    )
    size = models.BigIntegerField(_("size, bytes"))
    sha256 = models.CharField(_("SHA-256"), max_length=64, blank=True)
    upload_id = models.CharField(_("multipart upload id"), max_length=1024, blank=True)
    verified_at = models.DateTimeField(_("verified at"), null=True, blank=True)
    status_message = models.TextField(_("status message"), blank=True)
    release_note = models.ForeignKey(
        "simulators.ReleaseNotePage",
        verbose_name=_("release note"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="builds",
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), default=timezone.now)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    is_critical = models.BooleanField(
        _("critical (security) update"),
        default=False,
        help_text=_(
            "Offered to every device of its channels at once, whatever the rollout stage, and devices "
            "are told they must install it. Critical security updates are exempt from the maintenance "
            "notice period."
        ),
    )

    objects = SimulatorBuildQuerySet.as_manager()

    class Meta:
        verbose_name = _("simulator build")
        verbose_name_plural = _("simulator builds")
        ordering = ["-uploaded_at"]
        permissions = [
            ("publish_simulatorbuild", "Can publish simulator builds"),
            ("download_licensed_simulatorbuild", "Can download licensed simulator builds"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["trainer", "platform", "version"], name="simulators_build_unique_version"
            ),
        ]

    def __str__(self):
        return f"{self.trainer.title} {self.version} ({self.get_platform_display()})"

    def clean(self):
        super().clean()
        if self.sha256 and not SHA256_RE.match(self.sha256):
            raise ValidationError({"sha256": _("SHA-256 must be 64 lowercase hexadecimal characters.")})
        if self.size is not None and self.size <= 0:
            raise ValidationError({"size": _("The file is empty.")})

    @property
    def is_downloadable(self):
        return self.status == BuildStatus.PUBLISHED and self.verified_at is not None

    @property
    def is_playable(self):
        return self.kind == BuildKind.WEBGL and bool(self.webgl_prefix) and self.is_downloadable

    def is_available_to(self, user):
        """Whether ``user`` may download or play this build: public demos for anyone, licensed builds
        for holders of the download permission (Support and Build managers)."""
        return self.is_public_demo or user.has_perm(DOWNLOAD_LICENSED_PERMISSION)

    def can_transition(self, target):
        return target in TRANSITIONS[BuildStatus(self.status)]

    def transition(self, target, message=""):
        """Move to ``target`` or raise ``InvalidTransition``; saves the status fields."""
        target = BuildStatus(target)
        if not self.can_transition(target):
            raise InvalidTransition(
                _("A build cannot go from %(source)s to %(target)s.")
                % {"source": self.get_status_display(), "target": target.label},
                code="transition",
            )
        if target == BuildStatus.DRAFT and self.status == BuildStatus.UPLOADING and not self.verified_at:
            raise InvalidTransition(
                _("The upload has not been verified (size and SHA-256) yet."), code="unverified"
            )
        if target == BuildStatus.PUBLISHED:
            self.publish()
            return
        if target == BuildStatus.WITHDRAWN and self.status == BuildStatus.PUBLISHED:
            self.withdraw(message=message)
            return
        self.status = target
        self.status_message = message
        self.save(update_fields=["status", "status_message"])

    @transaction.atomic
    def publish(self, actor=None):
        """Publish this build: channels may offer it from now on. The first published build of a
        trainer and platform starts their stable channel, which the public download follows."""
        if not self.can_transition(BuildStatus.PUBLISHED):
            raise InvalidTransition(
                _("Only a verified draft can be published (this build is %(status)s).")
                % {"status": self.get_status_display()},
                code="transition",
            )
        self.status = BuildStatus.PUBLISHED
        self.status_message = ""
        self.published_at = timezone.now()
        self.save(update_fields=["status", "status_message", "published_at"])
        start_stable(self, actor)

    @transaction.atomic
    def withdraw(self, actor=None, message=""):
        """Withdraw a published build: every channel offering it moves back to its previous build, and
        devices that installed it are told to go back."""
        withdraw_build(self, actor, message)

    @property
    def download_filename(self):
        """The name the browser saves: trainer, version and platform plus the uploaded extension."""
        name = self.original_filename
        suffix = ""
        for ext in (".tar.gz", ".tar.xz"):
            if name.lower().endswith(ext):
                suffix = name[-len(ext) :]
                break
        else:
            if "." in name:
                suffix = name[name.rfind(".") :]
        return f"{self.trainer.title} {self.version} {self.platform}{suffix}"
