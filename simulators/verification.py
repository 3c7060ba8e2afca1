"""Verifying a stored build: its size and SHA-256 against the declared ones, WebGL bundles unpacked."""

import logging
import uuid

from django.utils import timezone
from django.utils.translation import gettext as _

from . import webgl
from .models import BuildKind, BuildStatus
from .storage import get_store, hash_object

logger = logging.getLogger(__name__)

ZIP_MAGIC = b"PK\x03\x04"


def verify_build(build, streamed_sha256=None):
    """Compare the stored object's size and SHA-256 with the declared ones; move to ``draft`` or ``failed``.

    For browser uploads the server streams the whole object back and hashes it: this is the
    authoritative check, the browser's hashes are only a hint. ``import_build`` hashed the file
    while sending it and made sure it did not change meanwhile (``streamed_sha256``), so only the
    stored size is checked.
    """
    store = get_store()
    try:
        if streamed_sha256:
            size, sha256 = store.size(build.object_key), streamed_sha256
        else:
            size, sha256 = hash_object(store, build.object_key)
    except FileNotFoundError:
        size, sha256 = 0, ""
    problem = ""
    if size != build.size:
        problem = _("Size mismatch: expected %(expected)s bytes, stored %(actual)s.") % {
            "expected": build.size,
            "actual": size,
        }
    elif sha256 != build.sha256:
        problem = _("SHA-256 mismatch: expected %(expected)s, stored %(actual)s.") % {
            "expected": build.sha256,
            "actual": sha256,
        }
    elif build.kind == BuildKind.WEBGL:
        problem = _unpack_webgl(store, build)
    if problem:
        store.delete(build.object_key)
        build.transition(BuildStatus.FAILED, message=problem)
        return False
    build.verified_at = timezone.now()
    build.save(update_fields=["verified_at", "webgl_prefix"])
    build.transition(BuildStatus.DRAFT, message=_("Verified."))
    return True


def _unpack_webgl(store, build):
    prefix = f"webgl/{build.pk}-{uuid.uuid4().hex[:8]}/"
    _meta, chunks = store.open(build.object_key)
    head = next(chunks, b"")
    chunks.close()
    if not head.startswith(ZIP_MAGIC):
        return _("The WebGL build is not a zip archive.")
    try:
        count = webgl.unpack(store, build.object_key, prefix)
    except webgl.BundleError as exc:
        store.delete_prefix(prefix)
        return str(exc)
    logger.info("Unpacked %s files of build %s to %s", count, build.pk, prefix)
    build.webgl_prefix = prefix
    return ""
