"""The build lifecycle: start and finish an upload, import a local file (verification:
``simulators.verification``, run by ``verify_build_task`` after an upload completes)."""

import logging
import re
import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _

from .models import BuildKind, BuildStatus, SimulatorBuild
from .storage import StorageUnavailable, get_store
from .tasks import verify_build_task
from .verification import verify_build

logger = logging.getLogger(__name__)

ALLOWED_EXTENSIONS = {
    BuildKind.WEBGL: (".zip",),
    BuildKind.INSTALLER: (".exe", ".msi", ".dmg", ".pkg", ".appimage", ".deb", ".rpm", ".zip"),
    BuildKind.ARCHIVE: (".zip", ".7z", ".tar.gz", ".tar.xz", ".tgz"),
    BuildKind.PACKAGE: (".apk", ".aab", ".ipa", ".zip"),
}


class BuildError(ValueError):
    """A user-facing reason why a build cannot be created or verified."""

    def __init__(self, message, field=None):
        super().__init__(message)
        self.field = field


def check_file(kind, filename, size):
    allowed = ALLOWED_EXTENSIONS[BuildKind(kind)]
    if not filename.lower().endswith(allowed):
        raise BuildError(
            _("A %(kind)s build must be one of: %(extensions)s.")
            % {"kind": BuildKind(kind).label, "extensions": ", ".join(allowed)},
            field="filename",
        )
    if size <= 0:
        raise BuildError(_("The file is empty."), field="size")
    if size > settings.SIMULATORS_MAX_BUILD_SIZE:
        raise BuildError(
            _("The file is larger than the limit of %(limit)s bytes.")
            % {"limit": settings.SIMULATORS_MAX_BUILD_SIZE},
            field="size",
        )


def object_name(trainer, platform, version, filename):
    safe = get_valid_filename(filename)[:120] or "build"
    return f"builds/{trainer.pk}/{platform}/{version}/{uuid.uuid4().hex}/{safe}"


def new_build(*, trainer, version, platform, kind, filename, size, sha256, user=None, is_public_demo=False):
    """Validate and save a build in ``uploading`` (without touching storage)."""
    check_file(kind, filename, size)
    if sha256 and not re.fullmatch(r"[0-9a-f]{64}", sha256):
        raise BuildError(_("SHA-256 must be 64 lowercase hexadecimal characters."), field="sha256")
    build = SimulatorBuild(
        trainer=trainer,
        version=version,
        platform=platform,
        kind=kind,
        original_filename=filename,
        object_key=object_name(trainer, platform, version, filename),
        size=size,
        sha256=sha256,
        uploaded_by=user if user and user.is_authenticated else None,
        is_public_demo=is_public_demo,
    )
    try:
        build.full_clean(exclude=["object_key"], validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        field, messages = next(iter(exc.message_dict.items()))
        if field == "__all__":
            field = "version"
        raise BuildError(" ".join(messages), field=field) from exc
    try:
        with transaction.atomic():
            build.save()
    except IntegrityError as exc:
        raise BuildError(
            _("Version %(version)s already exists for this trainer and platform.") % {"version": version},
            field="version",
        ) from exc
    return build


def start_upload(build):
    """Open a multipart upload for a new build; deletes the build if storage refuses."""
    store = get_store()
    try:
        build.upload_id = store.create_multipart(build.object_key)
    except StorageUnavailable:
        build.delete()
        raise
    build.save(update_fields=["upload_id"])
    return build


def abort_upload(build):
    """Forget an unfinished upload: the parts in S3 and the build record."""
    if build.status != BuildStatus.UPLOADING:
        raise BuildError(_("Only an unfinished upload can be aborted."))
    if build.upload_id:
        get_store().abort_multipart(build.object_key, build.upload_id)
    build.delete()


def complete_upload(build, parts, sha256=""):
    """Assemble the parts and queue the server-side verification.

    The SHA-256 may be declared when the upload starts or here: the browser hashes the parts while
    it sends them, so it knows the digest only at the end.
    """
    if build.status != BuildStatus.UPLOADING or build.verified_at:
        raise BuildError(_("This upload is already complete."))
    if sha256:
        if build.sha256 and build.sha256 != sha256:
            raise BuildError(_("The SHA-256 differs from the one declared at the start."), field="sha256")
        build.sha256 = sha256
    if not build.sha256:
        raise BuildError(_("The SHA-256 of the file is missing."), field="sha256")
    store = get_store()
    listed = {p["part_number"]: p for p in store.list_parts(build.object_key, build.upload_id)}
    received = sum(p["size"] for p in listed.values())
    if received != build.size:
        raise BuildError(
            _("The storage received %(received)s of %(size)s bytes; resume the upload to send the rest.")
            % {"received": received, "size": build.size}
        )
    if parts:
        for part in parts:
            stored = listed.get(part["part_number"])
            if stored is None or stored["etag"].strip('"') != part["etag"].strip('"'):
                raise BuildError(
                    _("Part %(n)s does not match what the storage received.") % {"n": part["part_number"]}
                )
    store.complete_multipart(build.object_key, build.upload_id, list(listed.values()))
    build.upload_id = ""
    build.status_message = _("Verifying size and SHA-256…")
    build.save(update_fields=["upload_id", "status_message", "sha256"])
    transaction.on_commit(lambda: verify_build_task.enqueue(build.pk))


def import_file(*, trainer, version, platform, kind, path, user=None, is_public_demo=False, publish=False):
    """Stream a local file to storage, verify it and optionally publish (``manage.py import_build``)."""
    before = path.stat()
    size = before.st_size
    build = new_build(
        trainer=trainer,
        version=version,
        platform=platform,
        kind=kind,
        filename=path.name,
        size=size,
        sha256="0" * 64,
        user=user,
        is_public_demo=is_public_demo,
    )
    store = get_store()
    try:
        stored_size, sha256 = store.put_file(build.object_key, path)
        # The storage and the hash read the file separately: a file rewritten meanwhile may differ
        # between the two, so the hash would not vouch for what was stored.
        after = path.stat()
        if (after.st_size, after.st_mtime_ns) != (before.st_size, before.st_mtime_ns):
            store.delete(build.object_key)
            raise BuildError(_("The file changed while it was being uploaded; import it again."))
    except BaseException:
        build.delete()
        raise
    build.size, build.sha256 = stored_size, sha256
    build.save(update_fields=["size", "sha256"])
    if not verify_build(build, streamed_sha256=sha256):
        raise BuildError(build.status_message)
    if publish:
        build.publish()
    return build


def abort_stale_uploads(now=None):
    """Abort multipart uploads older than ``SIMULATORS_STALE_UPLOAD_HOURS``; returns how many."""
    cutoff = (now or timezone.now()) - timedelta(hours=settings.SIMULATORS_STALE_UPLOAD_HOURS)
    store = get_store()
    aborted = 0
    for name, upload_id, initiated in list(store.list_multipart_uploads()):
        if initiated < cutoff:
            store.abort_multipart(name, upload_id)
            aborted += 1
    stale = SimulatorBuild.objects.filter(
        status=BuildStatus.UPLOADING, uploaded_at__lt=cutoff, verified_at=None
    )
    stale.delete()
    return aborted
