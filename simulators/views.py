"""Public views: build downloads (presigned redirects), personal links and the WebGL player."""

import logging
import zlib

import brotli
from csp.decorators import csp
from django.http import Http404, StreamingHttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.clickjacking import xframe_options_sameorigin
from django.views.decorators.http import require_GET

from core.net import client_ip

from .models import DownloadLog, PersonalDownloadLink, SimulatorBuild
from .storage import StorageUnavailable, content_disposition, get_store, storage_available
from .suspension import suspended_response, window_suspending

logger = logging.getLogger(__name__)

# Unity's generated index.html uses inline scripts and compiles WebAssembly; the player files are
# served from their own path with this policy instead of the site-wide strict one.
PLAYER_CSP = {
    "default-src": ["'self'"],
    "script-src": ["'self'", "'unsafe-inline'", "'wasm-unsafe-eval'", "blob:"],
    "style-src": ["'self'", "'unsafe-inline'"],
    "img-src": ["'self'", "data:", "blob:"],
    "connect-src": ["'self'", "blob:", "data:"],
    "worker-src": ["'self'", "blob:"],
    "media-src": ["'self'", "blob:"],
    "frame-ancestors": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
}


def _log(request, build, outcome, link=None):
    DownloadLog.objects.create(
        build=build,
        link=link,
        user=request.user if request.user.is_authenticated else None,
        ip_address=client_ip(request) or None,
        user_agent=request.META.get("HTTP_USER_AGENT", "")[:400],
        outcome=outcome,
    )


def _message(request, status, title, text, build=None):
    return render(
        request,
        "simulators/download_message.html",
        {"title": title, "text": text, "build": build},
        status=status,
    )


def _deliver(request, build, link=None):
    if window := window_suspending(request, build, "downloads"):
        _log(request, build, DownloadLog.Outcome.SUSPENDED, link)
        return suspended_response(request, build, window)
    store = get_store()
    try:
        # Presigning works offline: check (cached) that S3 answers before sending anyone there.
        if not storage_available():
            raise StorageUnavailable()
        url = store.download_url(build.object_key, build.download_filename)
        if url is None:
            _meta, chunks = store.open(build.object_key)
            response = StreamingHttpResponse(chunks, content_type="application/octet-stream")
            response["Content-Disposition"] = content_disposition(build.download_filename)
            response["Content-Length"] = str(build.size)
        else:
            response = redirect(url)
    except (StorageUnavailable, FileNotFoundError):
        _log(request, build, DownloadLog.Outcome.UNAVAILABLE, link)
        return _message(
            request,
            503,
            _("Temporarily unavailable"),
            _("The file is temporarily unavailable. Please try again in a few minutes."),
            build,
        )
    _log(request, build, DownloadLog.Outcome.REDIRECTED, link)
    return response


@require_GET
@never_cache
def download(request, pk):
    """Public demo builds for anyone, licensed builds for holders of the download permission: 302 to a
    short-lived presigned URL."""
    build = get_object_or_404(SimulatorBuild.objects.select_related("trainer"), pk=pk)
    if not build.is_downloadable:
        raise Http404
    if not build.is_available_to(request.user):
        _log(request, build, DownloadLog.Outcome.DENIED)
        return _message(
            request,
            403,
            _("Licensed build"),
            _("This build is licensed. Ask your manager or support for a personal download link."),
            build,
        )
    return _deliver(request, build)


@require_GET
@never_cache
def personal_download(request, token):
    """A personal link issued by support: works until it expires or is revoked; every use is logged."""
    link = PersonalDownloadLink.objects.select_related("build__trainer").filter(token=token).first()
    if link is None:
        raise Http404
    build = link.build
    if not link.is_active or not build.is_downloadable:
        _log(request, build, DownloadLog.Outcome.DENIED, link)
        return _message(
            request,
            410,
            _("Link no longer valid"),
            _("This download link has expired or was revoked. Ask support for a new one."),
            build,
        )
    return _deliver(request, build, link)


def _playable_build(request, pk):
    build = get_object_or_404(SimulatorBuild.objects.select_related("trainer"), pk=pk)
    if not build.is_playable or not build.is_available_to(request.user):
        raise Http404
    return build


@require_GET
def play(request, pk):
    """The player: a compatibility pre-check, then the build full-screen in an iframe."""
    build = _playable_build(request, pk)
    if window := window_suspending(request, build, "launcher"):
        return suspended_response(request, build, window)
    trainer = build.trainer.localized
    return render(request, "simulators/play.html", {"build": build, "trainer": trainer})


class _Decoder:
    """Decode a stored Content-Encoding for clients that did not offer it (e.g. brotli over HTTP)."""

    def __init__(self, encoding):
        if encoding == "br":
            self._decoder = brotli.Decompressor()
            self.feed = self._decoder.process
            self.flush = lambda: b""
        else:
            self._decoder = zlib.decompressobj(wbits=31)
            self.feed = self._decoder.decompress
            self.flush = self._decoder.flush

    def decode(self, chunks):
        for chunk in chunks:
            if data := self.feed(chunk):
                yield data
        if tail := self.flush():
            yield tail


def _accepts(request, encoding):
    offered = request.META.get("HTTP_ACCEPT_ENCODING", "")
    return encoding in {item.split(";")[0].strip() for item in offered.split(",")}


@require_GET
@xframe_options_sameorigin
@csp(PLAYER_CSP)
def player_file(request, pk, path):
    """Stream one file of an unpacked WebGL build from the private bucket, same-origin.

    The stored Content-Type and Content-Encoding are kept; when the browser did not offer the
    encoding (Chromium sends ``br`` only over HTTPS) the file is decompressed on the way.
    """
    build = _playable_build(request, pk)
    if ".." in path.split("/"):
        raise Http404
    try:
        meta, chunks = get_store().open(build.webgl_prefix + path)
    except FileNotFoundError as exc:
        raise Http404 from exc
    except StorageUnavailable:
        return _message(
            request, 503, _("Temporarily unavailable"), _("The file is temporarily unavailable."), build
        )
    encoding = meta["content_encoding"]
    if encoding and not _accepts(request, encoding):
        response = StreamingHttpResponse(_Decoder(encoding).decode(chunks), content_type=meta["content_type"])
    else:
        response = StreamingHttpResponse(chunks, content_type=meta["content_type"])
        response["Content-Length"] = str(meta["size"])
        if encoding:
            response["Content-Encoding"] = encoding
    response["Vary"] = "Accept-Encoding"
    response["Cache-Control"] = "public, max-age=3600" if build.is_public_demo else "private, max-age=3600"
    return response
