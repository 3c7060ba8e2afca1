"""Build storage: the private bucket through boto3, or a local directory when S3 is not configured.

The server never holds a whole build in memory: browsers upload parts straight to S3 through
presigned URLs, the server streams objects in fixed-size chunks to hash them, and ``put_file`` and
``put_stream`` hand a local file or a stream to boto3's managed transfer with at most
``UPLOAD_CONCURRENCY`` parts in flight.
"""

import contextlib
import functools
import hashlib
import logging
import shutil
import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from urllib.parse import quote

import boto3
from boto3.s3.transfer import TransferConfig
from botocore.config import Config
from botocore.exceptions import BotoCoreError, ClientError
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from core.cache import cached, forget

logger = logging.getLogger(__name__)

CHUNK_SIZE = 1024 * 1024
# Parts of a server-side upload in memory (in flight or waiting for a thread), plus the one being
# read: about 4 parts whatever the file's size. bench/cases/simulators.py weighs speed and memory
# against boto3's upload_file of the same file (ten threads reading the file themselves).
UPLOAD_CONCURRENCY = 3
MIN_PART_SIZE = 5 * 1024 * 1024  # S3's minimum for every part but the last
MAX_PARTS = 10_000
AVAILABILITY_ENTRY = "simulators:storage-available"


class StorageUnavailable(Exception):
    """The object store cannot be reached (or is not configured for this operation)."""

    default_message = _("The file storage is temporarily unavailable. Please try again later.")

    def __init__(self, message=None):
        super().__init__(message or str(self.default_message))


class StorageNotConfigured(StorageUnavailable):
    default_message = _("Direct uploads need S3 storage, which is not configured on this server.")


class UploadNotFound(Exception):
    """The multipart upload no longer exists (completed, aborted or expired)."""


def content_disposition(filename):
    """An attachment header with an ASCII fallback and the exact UTF-8 name (RFC 6266 / RFC 5987)."""
    ascii_name = filename.encode("ascii", "replace").decode("ascii").replace("?", "_")
    ascii_name = ascii_name.replace("\\", "_").replace('"', "_")
    return f"attachment; filename=\"{ascii_name}\"; filename*=UTF-8''{quote(filename, safe='')}"


def part_size_for(size, preferred=None):
    """The configured part size, grown when a file would otherwise need more than 10,000 parts."""
    part = max(preferred or settings.SIMULATORS_UPLOAD_PART_SIZE, MIN_PART_SIZE)
    while size / part > MAX_PARTS:
        part *= 2
    return part


@contextlib.contextmanager
def _s3_errors():
    try:
        yield
    except ClientError as exc:
        code = exc.response.get("Error", {}).get("Code", "")
        if code in {"NoSuchUpload"}:
            raise UploadNotFound(code) from exc
        if code in {"NoSuchKey", "404", "NotFound"}:
            raise FileNotFoundError(code) from exc
        logger.warning("S3 request failed: %s", exc)
        raise StorageUnavailable() from exc
    except BotoCoreError as exc:
        logger.warning("S3 unreachable: %s", exc)
        raise StorageUnavailable() from exc


class _HashingReader:
    """A stream that cannot seek over ``fileobj``, hashing (SHA-256) and counting what is read.

    boto3's managed transfer (s3transfer's ``UploadNonSeekableInputManager``) reads a stream that
    cannot seek once, in order, part after part, in its submission thread, and gives each part to
    the upload threads as a body of its own: whatever order or retries the parts' requests take,
    this sees the file once, front to back. (A seekable one would be re-read by botocore on retries
    and for checksums.)"""

    def __init__(self, fileobj):
        self._fileobj = fileobj
        self.digest = hashlib.sha256()
        self.size = 0

    def readable(self):
        return True

    def seekable(self):
        return False

    def read(self, amount=-1):
        if amount is None or amount < 0:
            data = self._fileobj.read()
        else:
            # Every part but the last must be whole: a short read (a pipe, an archive member) would
            # make a short part, which S3 refuses.
            chunks = []
            while amount and (chunk := self._fileobj.read(amount)):
                chunks.append(chunk)
                amount -= len(chunk)
            data = chunks[0] if len(chunks) == 1 else b"".join(chunks)
        self.digest.update(data)
        self.size += len(data)
        return data


def _hash_file(path, stop=None):
    """``(size, sha256)`` of a local file read in ``CHUNK_SIZE`` blocks (``stop`` ends it early)."""
    digest, total = hashlib.sha256(), 0
    # One buffer read into again and again: a new megabyte per read would be allocated in this
    # thread's own malloc arena, which keeps a few of them resident after they are freed.
    buffer = bytearray(CHUNK_SIZE)
    view = memoryview(buffer)
    with path.open("rb", buffering=0) as handle:
        while (count := handle.readinto(buffer)) and not (stop and stop.is_set()):
            digest.update(view[:count])
            total += count
    return total, digest.hexdigest()


class S3Store:
    """Builds in an S3-compatible bucket (AWS, Yandex Object Storage, MinIO, S3Proxy)."""

    supports_direct_upload = True

    def __init__(self, client, bucket, prefix="", public_client=None):
        self.client = client
        self.public_client = public_client or client
        self.bucket = bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def _key(self, name):
        return self.prefix + name

    def describe(self):
        return f"s3:{self.bucket}"

    def ping(self):
        with _s3_errors():
            self.client.head_bucket(Bucket=self.bucket)

    # Multipart upload driven by the browser -------------------------------------------------------

    def create_multipart(self, name, content_type="application/octet-stream"):
        with _s3_errors():
            response = self.client.create_multipart_upload(
                Bucket=self.bucket, Key=self._key(name), ContentType=content_type
            )
        return response["UploadId"]

    def sign_part(self, name, upload_id, part_number):
        with _s3_errors():
            return self.public_client.generate_presigned_url(
                "upload_part",
                Params={
                    "Bucket": self.bucket,
                    "Key": self._key(name),
                    "UploadId": upload_id,
                    "PartNumber": part_number,
                },
                ExpiresIn=settings.SIMULATORS_UPLOAD_URL_EXPIRE,
            )

    def list_parts(self, name, upload_id):
        parts = []
        marker = 0
        with _s3_errors():
            while True:
                response = self.client.list_parts(
                    Bucket=self.bucket, Key=self._key(name), UploadId=upload_id, PartNumberMarker=marker
                )
                parts += [
                    {"part_number": p["PartNumber"], "etag": p["ETag"], "size": p["Size"]}
                    for p in response.get("Parts", [])
                ]
                if not response.get("IsTruncated"):
                    return parts
                marker = response["NextPartNumberMarker"]

    def complete_multipart(self, name, upload_id, parts):
        with _s3_errors():
            self.client.complete_multipart_upload(
                Bucket=self.bucket,
                Key=self._key(name),
                UploadId=upload_id,
                MultipartUpload={
                    "Parts": [
                        {"PartNumber": p["part_number"], "ETag": p["etag"]}
                        for p in sorted(parts, key=lambda p: p["part_number"])
                    ]
                },
            )

    def abort_multipart(self, name, upload_id):
        with contextlib.suppress(UploadNotFound), _s3_errors():
            self.client.abort_multipart_upload(Bucket=self.bucket, Key=self._key(name), UploadId=upload_id)

    def list_multipart_uploads(self):
        """Every unfinished multipart upload under our prefix: (name, upload_id, initiated)."""
        kwargs = {"Bucket": self.bucket, "Prefix": self.prefix}
        with _s3_errors():
            while True:
                response = self.client.list_multipart_uploads(**kwargs)
                for upload in response.get("Uploads", []):
                    yield upload["Key"][len(self.prefix) :], upload["UploadId"], upload["Initiated"]
                if not response.get("IsTruncated"):
                    return
                kwargs["KeyMarker"] = response["NextKeyMarker"]
                kwargs["UploadIdMarker"] = response["NextUploadIdMarker"]

    # Objects ------------------------------------------------------------------------------------

    def open(self, name, accept_missing=False):
        """``(metadata, chunk iterator)``; metadata has content_type, content_encoding, size."""
        with _s3_errors():
            response = self.client.get_object(Bucket=self.bucket, Key=self._key(name))
        meta = {
            "content_type": response.get("ContentType") or "application/octet-stream",
            "content_encoding": response.get("ContentEncoding") or "",
            "size": response["ContentLength"],
        }

        def chunks():
            body = response["Body"]
            try:
                with _s3_errors():
                    yield from body.iter_chunks(CHUNK_SIZE)
            finally:
                body.close()

        return meta, chunks()

    def size(self, name):
        with _s3_errors():
            return self.client.head_object(Bucket=self.bucket, Key=self._key(name))["ContentLength"]

    def put_bytes(self, name, data, content_type="application/octet-stream", content_encoding=""):
        extra = {"ContentEncoding": content_encoding} if content_encoding else {}
        with _s3_errors():
            self.client.put_object(
                Bucket=self.bucket, Key=self._key(name), Body=data, ContentType=content_type, **extra
            )

    def _transfer(self, size):
        """The managed transfer's configuration for a file of ``size`` bytes.

        From ``SIMULATORS_UPLOAD_PART_SIZE`` on (grown for huge files) it is a multipart upload of
        parts of that size, ``UPLOAD_CONCURRENCY`` at a time, and the transfer aborts the upload
        itself when a part fails.
        """
        part_size = part_size_for(size)
        config = TransferConfig(
            multipart_threshold=part_size, multipart_chunksize=part_size, max_concurrency=UPLOAD_CONCURRENCY
        )
        # Parts of a stream held in memory, being sent or waiting for a thread (s3transfer's default
        # is 10). A file is read by ranges instead, so this bounds streams only.
        config.max_in_memory_upload_chunks = UPLOAD_CONCURRENCY
        return config

    @staticmethod
    def _headers(content_type, content_encoding):
        extra = {"ContentType": content_type}
        if content_encoding:
            extra["ContentEncoding"] = content_encoding
        return extra

    def put_stream(
        self, name, fileobj, size_hint=0, content_type="application/octet-stream", content_encoding=""
    ):
        """Upload a stream with boto3's managed transfer; returns ``(size, sha256)`` of what was read."""
        reader = _HashingReader(fileobj)
        with _s3_errors():
            self.client.upload_fileobj(
                reader,
                self.bucket,
                self._key(name),
                ExtraArgs=self._headers(content_type, content_encoding),
                Config=self._transfer(size_hint),
            )
        return reader.size, reader.digest.hexdigest()

    def put_file(self, name, path, content_type="application/octet-stream", content_encoding=""):
        """Upload a local file with boto3's managed transfer; returns ``(size, sha256)`` of the file.

        The transfer opens the file by name, so each upload thread reads its own part from disk in
        small blocks as the request sends it: no part is ever held in memory, whatever the file's
        size (a stream would be buffered part by part, see ``_HashingReader``). A second thread reads
        the same file meanwhile for its SHA-256, on the other core while the transfer waits on S3.
        """
        stop = threading.Event()
        with ThreadPoolExecutor(max_workers=1) as pool:
            hashing = pool.submit(_hash_file, path, stop)
            try:
                with _s3_errors():
                    self.client.upload_file(
                        str(path),
                        self.bucket,
                        self._key(name),
                        ExtraArgs=self._headers(content_type, content_encoding),
                        Config=self._transfer(path.stat().st_size),
                    )
            except BaseException:
                stop.set()
                raise
            return hashing.result()

    def delete(self, name):
        with _s3_errors():
            self.client.delete_object(Bucket=self.bucket, Key=self._key(name))

    def delete_prefix(self, prefix):
        paginator = self.client.get_paginator("list_objects_v2")
        with _s3_errors():
            for page in paginator.paginate(Bucket=self.bucket, Prefix=self._key(prefix)):
                keys = [{"Key": item["Key"]} for item in page.get("Contents", [])]
                if keys:
                    self.client.delete_objects(Bucket=self.bucket, Delete={"Objects": keys, "Quiet": True})

    def download_url(self, name, filename, expires=None):
        with _s3_errors():
            return self.public_client.generate_presigned_url(
                "get_object",
                Params={
                    "Bucket": self.bucket,
                    "Key": self._key(name),
                    "ResponseContentDisposition": content_disposition(filename),
                },
                ExpiresIn=expires or settings.SIMULATORS_DOWNLOAD_EXPIRE,
            )


class LocalStore:
    """Builds in a local directory (development and the fast test tier); no direct browser uploads."""

    supports_direct_upload = False

    def __init__(self, location):
        self.location = Path(location)

    def describe(self):
        return "local"

    def _path(self, name):
        path = (self.location / name).resolve()
        if not path.is_relative_to(self.location.resolve()):
            raise FileNotFoundError(name)
        return path

    def ping(self):
        return None

    def _unsupported(self, *args, **kwargs):
        raise StorageNotConfigured()

    create_multipart = sign_part = list_parts = complete_multipart = abort_multipart = _unsupported

    def list_multipart_uploads(self):
        return iter(())

    def _meta_path(self, name):
        path = self._path(name)
        return path.with_name(path.name + ".meta")

    def open(self, name):
        path = self._path(name)
        if not path.is_file():
            raise FileNotFoundError(name)
        content_type, content_encoding = "application/octet-stream", ""
        meta_path = self._meta_path(name)
        if meta_path.exists():
            content_type, _sep, content_encoding = meta_path.read_text().partition("\n")
        meta = {
            "content_type": content_type,
            "content_encoding": content_encoding,
            "size": path.stat().st_size,
        }

        def chunks():
            with path.open("rb") as handle:
                while chunk := handle.read(CHUNK_SIZE):
                    yield chunk

        return meta, chunks()

    def size(self, name):
        path = self._path(name)
        if not path.is_file():
            raise FileNotFoundError(name)
        return path.stat().st_size

    def _write_meta(self, name, content_type, content_encoding):
        self._meta_path(name).write_text(f"{content_type}\n{content_encoding}")

    def put_bytes(self, name, data, content_type="application/octet-stream", content_encoding=""):
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self._write_meta(name, content_type, content_encoding)

    def put_stream(
        self, name, fileobj, size_hint=0, content_type="application/octet-stream", content_encoding=""
    ):
        path = self._path(name)
        path.parent.mkdir(parents=True, exist_ok=True)
        digest, total = hashlib.sha256(), 0
        with path.open("wb") as handle:
            while chunk := fileobj.read(CHUNK_SIZE):
                digest.update(chunk)
                total += len(chunk)
                handle.write(chunk)
        self._write_meta(name, content_type, content_encoding)
        return total, digest.hexdigest()

    def put_file(self, name, path, content_type="application/octet-stream", content_encoding=""):
        with path.open("rb") as handle:
            return self.put_stream(name, handle, content_type=content_type, content_encoding=content_encoding)

    def delete(self, name):
        for path in (self._path(name), self._meta_path(name)):
            path.unlink(missing_ok=True)

    def delete_prefix(self, prefix):
        shutil.rmtree(self._path(prefix), ignore_errors=True)

    def download_url(self, name, filename, expires=None):
        """Local files have no URL of their own: the download view streams them."""
        return None


def hash_object(store, name):
    """Stream an object and return ``(size, sha256)`` without holding it in memory."""
    _meta, chunks = store.open(name)
    digest, total = hashlib.sha256(), 0
    for chunk in chunks:
        digest.update(chunk)
        total += len(chunk)
    return total, digest.hexdigest()


def _client(endpoint_url):
    options = settings.STORAGES["private"].get("OPTIONS", {})
    config = Config(
        signature_version="s3v4",
        s3={"addressing_style": options.get("addressing_style") or settings.AWS_S3_ADDRESSING_STYLE},
        connect_timeout=settings.SIMULATORS_S3_TIMEOUT,
        read_timeout=60,
        retries={"max_attempts": 2, "mode": "standard"},
        max_pool_connections=UPLOAD_CONCURRENCY * 2,
    )
    return boto3.session.Session().client(
        "s3",
        endpoint_url=endpoint_url,
        region_name=options.get("region_name") or settings.AWS_S3_REGION_NAME,
        aws_access_key_id=settings.AWS_ACCESS_KEY_ID,
        aws_secret_access_key=settings.AWS_SECRET_ACCESS_KEY,
        config=config,
    )


_lock = threading.Lock()


@functools.lru_cache(maxsize=4)
def _build_store(backend, bucket, location, endpoint, public_endpoint):
    if "s3" in backend.lower():
        client = _client(endpoint)
        public = _client(public_endpoint) if public_endpoint and public_endpoint != endpoint else client
        return S3Store(client, bucket, location, public_client=public)
    return LocalStore(location)


_override = None


@contextlib.contextmanager
def override_store(store):
    """Use ``store`` instead of the configured one (tests, benchmarks)."""
    global _override
    previous, _override = _override, store
    forget(AVAILABILITY_ENTRY)
    try:
        yield store
    finally:
        _override = previous
        forget(AVAILABILITY_ENTRY)


def get_store():
    """The store of ``STORAGES["private"]`` (built once per configuration)."""
    if _override is not None:
        return _override
    config = settings.STORAGES["private"]
    options = config.get("OPTIONS", {})
    backend = config["BACKEND"]
    if "s3" in backend.lower():
        location = options.get("location", "")
    else:
        location = options.get("location") or str(Path(settings.MEDIA_ROOT).parent / "private-media")
    with _lock:
        return _build_store(
            backend,
            options.get("bucket_name", ""),
            location,
            options.get("endpoint_url") or settings.AWS_S3_ENDPOINT_URL,
            settings.AWS_S3_PUBLIC_ENDPOINT_URL,
        )


def _ping():
    try:
        get_store().ping()
    except StorageUnavailable:
        return False
    return True


def storage_available():
    """Whether the build store answers, cached briefly so pages do not wait on a dead endpoint."""
    return cached(AVAILABILITY_ENTRY, _ping, timeout=lambda available: 30 if available else 10)
