"""Unity WebGL bundles: content types of their files and unpacking a zip into its own prefix."""

import mimetypes
import posixpath
import tempfile
import zipfile

from django.utils.translation import gettext as _

# Unity names compressed files "<name>.<ext>.br" / ".gz" and expects them served with the
# Content-Type of the inner file and the matching Content-Encoding.
ENCODINGS = {".br": "br", ".gz": "gzip"}
TYPES = {
    ".wasm": "application/wasm",
    ".js": "application/javascript",
    ".data": "application/octet-stream",
    ".unityweb": "application/octet-stream",
    ".symbols.json": "application/json",
    ".json": "application/json",
    ".html": "text/html; charset=utf-8",
    ".css": "text/css",
    ".png": "image/png",
    ".ico": "image/x-icon",
}
MAX_MEMBERS = 2000


class BundleError(ValueError):
    """A WebGL zip that cannot be published (message is user-facing)."""


def content_headers(name):
    """``(content_type, content_encoding)`` for a file of a Unity WebGL build."""
    lower = name.lower()
    encoding = ""
    for suffix, value in ENCODINGS.items():
        if lower.endswith(suffix):
            encoding = value
            lower = lower[: -len(suffix)]
            break
    for suffix, value in TYPES.items():
        if lower.endswith(suffix):
            return value, encoding
    guessed, _enc = mimetypes.guess_type(lower)
    return guessed or "application/octet-stream", encoding


def _safe_member(name):
    normalized = posixpath.normpath(name)
    if name.startswith("/") or normalized.startswith("..") or "\\" in name or normalized == ".":
        raise BundleError(_("The archive contains an unsafe path: %(name)s") % {"name": name})
    return normalized


def unpack(store, zip_name, prefix):
    """Copy every file of the zip ``zip_name`` to ``prefix``; returns the number of files.

    The zip is spooled to a temporary file (zip needs seeking); members are streamed one at a time.
    """
    _meta, chunks = store.open(zip_name)
    with tempfile.TemporaryFile() as spool:
        for chunk in chunks:
            spool.write(chunk)
        spool.seek(0)
        try:
            archive = zipfile.ZipFile(spool)
        except zipfile.BadZipFile as exc:
            raise BundleError(_("The WebGL build is not a valid zip archive.")) from exc
        with archive:
            members = [info for info in archive.infolist() if not info.is_dir()]
            if len(members) > MAX_MEMBERS:
                raise BundleError(_("The archive has too many files."))
            names = [_safe_member(info.filename) for info in members]
            # A zip made from the build folder itself or from its parent both work.
            root = ""
            if "index.html" not in names:
                candidates = [n for n in names if posixpath.basename(n) == "index.html"]
                if not candidates:
                    raise BundleError(_("The WebGL build has no index.html."))
                root = posixpath.dirname(min(candidates, key=len)) + "/"
            count = 0
            for info, name in zip(members, names, strict=True):
                if not name.startswith(root):
                    continue
                relative = name[len(root) :]
                content_type, encoding = content_headers(relative)
                with archive.open(info) as member:
                    store.put_stream(
                        f"{prefix}{relative}",
                        member,
                        size_hint=info.file_size,
                        content_type=content_type,
                        content_encoding=encoding,
                    )
                count += 1
            return count
