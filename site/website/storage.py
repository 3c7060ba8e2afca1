"""Media storage: the S3 media bucket stays private and every URL is presigned, but a signed URL is
reused while it stays valid long enough for any page that may show it."""

import time

from botocore.exceptions import BotoCoreError
from django.conf import settings
from storages.backends.s3 import S3Storage

# Bounds the memory of the reuse table; a full table is simply emptied and refilled.
MAX_REMEMBERED_URLS = 20_000

# A cached page is served for PAGE_CACHE_SECONDS; a visitor's browser still needs time to fetch it.
FETCH_MARGIN_SECONDS = 60


class MediaStorage(S3Storage):
    """S3 storage for images and documents whose presigned URLs are signed once and reused.

    Signing costs about 2 ms of CPU and a catalogue page shows a dozen images, so signing each one on
    every request made up a fifth of the listing's time. A URL is handed out again only while it
    remains valid for a whole page-cache lifetime plus a margin, so a page cached at the last moment
    still links to working images. Stable URLs also let browsers cache the images between pages."""

    def __init__(self, **options):
        super().__init__(**options)
        self._signed = {}

    def reuse_seconds(self):
        return self.querystring_expire - settings.PAGE_CACHE_SECONDS - FETCH_MARGIN_SECONDS

    def url(self, name, parameters=None, expire=None, http_method=None):
        if parameters or expire or http_method:
            return super().url(name, parameters, expire, http_method)
        now = time.monotonic()
        remembered = self._signed.get(name)
        if remembered and remembered[1] > now:
            return remembered[0]
        url = super().url(name)
        reuse = self.reuse_seconds()
        if reuse > 0:
            if len(self._signed) >= MAX_REMEMBERED_URLS:
                self._signed.clear()
            self._signed[name] = (url, now + reuse)
        return url

    def _open(self, name, mode="rb"):
        # An unreachable endpoint is an I/O error like a lost file: Wagtail then turns it into
        # SourceImageIOError, which its image tag and our renditions answer with no image, not a 500.
        try:
            return super()._open(name, mode)
        except BotoCoreError as exc:
            raise OSError(f"media storage unreachable: {exc}") from exc
