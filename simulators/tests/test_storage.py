from datetime import UTC, datetime, timedelta
from io import BytesIO

import pytest
from botocore.exceptions import EndpointConnectionError

from simulators.storage import (
    UPLOAD_CONCURRENCY,
    S3Store,
    StorageUnavailable,
    content_disposition,
    hash_object,
    part_size_for,
    storage_available,
)
from simulators.tests.conftest import sha
from simulators.tests.fakes import FakeS3Client


def test_content_disposition_has_ascii_fallback_and_rfc5987_name():
    header = content_disposition('Кран "мостовой" 1.0.0.zip')
    assert header.startswith('attachment; filename="')
    assert "filename*=UTF-8''%D0%9A%D1%80%D0%B0%D0%BD%20%22" in header
    ascii_part = header.split(";")[1]
    assert ascii_part.isascii()
    assert '\\"' not in header


def test_part_size_grows_for_huge_files(settings):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 8 * 1024 * 1024
    assert part_size_for(100) == 8 * 1024 * 1024
    assert part_size_for(200 * 1024**3) >= 200 * 1024**3 / 10_000


def test_put_stream_small_file_is_one_put_and_hash_matches():
    client = FakeS3Client()
    store = S3Store(client, "b", "private")
    size, digest = store.put_stream("k", BytesIO(b"hello"))
    assert (size, digest) == (5, sha(b"hello"))
    assert client.objects["private/k"][0] == b"hello"
    assert hash_object(store, "k") == (5, sha(b"hello"))


def test_put_file_of_one_part_hashes_the_file(tmp_path):
    path = tmp_path / "a.zip"
    path.write_bytes(b"hello" * 1000)
    client = FakeS3Client()
    size, digest = S3Store(client, "b", "private").put_file("k", path, content_type="application/zip")
    assert (size, digest) == (5000, sha(b"hello" * 1000))
    assert client.objects["private/k"] == (b"hello" * 1000, "application/zip", "")


def test_put_file_aborts_the_upload_when_a_part_fails(settings, tmp_path):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    path = tmp_path / "a.zip"
    path.write_bytes(b"x" * 12 * 1024 * 1024)
    client = FakeS3Client()
    upload_part = client.upload_part

    def failing(**kwargs):
        if kwargs["PartNumber"] == 2:
            raise EndpointConnectionError(endpoint_url="http://s3.test")
        return upload_part(**kwargs)

    client.upload_part = failing
    with pytest.raises(StorageUnavailable):
        S3Store(client, "b").put_file("k", path)
    assert client.uploads == {}
    assert "k" not in client.objects


class _Trickle:
    """A stream that answers at most ``step`` bytes per read, as a pipe or an archive member may."""

    def __init__(self, data, step=100_000):
        self._data, self._step, self._position = data, step, 0

    def read(self, amount=-1):
        amount = self._step if amount is None or amount < 0 else min(amount, self._step)
        chunk = self._data[self._position : self._position + amount]
        self._position += len(chunk)
        return chunk


def test_put_stream_sends_whole_parts_of_a_trickling_stream(settings):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    data = bytes(range(256)) * (11 * 1024 * 1024 // 256)  # 11 MiB -> 5 + 5 + 1 MiB
    client = FakeS3Client()
    part_sizes = []
    upload_part = client.upload_part

    def recording(**kwargs):
        response = upload_part(**kwargs)
        part_sizes.append((kwargs["PartNumber"], int(response["ETag"].strip('"').split("-")[2])))
        return response

    client.upload_part = recording
    size, digest = S3Store(client, "b").put_stream("k", _Trickle(data), size_hint=len(data))
    assert (size, digest) == (len(data), sha(data))
    assert client.objects["k"][0] == data
    assert sorted(part_sizes) == [(1, 5 * 1024 * 1024), (2, 5 * 1024 * 1024), (3, 1024 * 1024)]
    assert client.max_in_flight <= UPLOAD_CONCURRENCY


def test_put_stream_aborts_the_upload_when_a_part_fails(settings):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    client = FakeS3Client()
    upload_part = client.upload_part

    def failing(**kwargs):
        if kwargs["PartNumber"] == 2:
            client.down = True
            try:
                return upload_part(**kwargs)
            finally:
                client.down = False
        return upload_part(**kwargs)

    client.upload_part = failing
    with pytest.raises(StorageUnavailable):
        S3Store(client, "b").put_stream("k", BytesIO(b"x" * 12 * 1024 * 1024))
    assert client.uploads == {}
    assert "k" not in client.objects


def test_s3_down_is_storage_unavailable():
    client = FakeS3Client()
    client.down = True
    store = S3Store(client, "b")
    with pytest.raises(StorageUnavailable):
        store.download_url("k", "a.zip")
    with pytest.raises(StorageUnavailable):
        store.ping()


def test_missing_object_is_file_not_found_and_missing_upload_is_tolerated_on_abort():
    store = S3Store(FakeS3Client(), "b")
    with pytest.raises(FileNotFoundError):
        store.open("nope")
    store.abort_multipart("k", "no-such-upload")


def test_presigned_download_carries_disposition(settings):
    settings.SIMULATORS_DOWNLOAD_EXPIRE = 120
    url = S3Store(FakeS3Client(), "b").download_url("k", "Кран.zip")
    assert "response-content-disposition" in url.lower() or "ResponseContentDisposition" in url
    assert "X-Amz-Expires=120" in url


def test_storage_available_is_cached(fake_s3):
    assert storage_available() is True
    fake_s3.fake.down = True
    assert storage_available() is True  # cached for a few seconds
    from django.core.cache import cache

    cache.clear()
    assert storage_available() is False


@pytest.mark.django_db
def test_abort_stale_uploads(fake_s3, trainer):
    from simulators.services import abort_stale_uploads

    old = fake_s3.create_multipart("builds/old")
    fresh = fake_s3.create_multipart("builds/fresh")
    fake_s3.fake.uploads[old]["initiated"] = datetime.now(UTC) - timedelta(hours=30)
    assert abort_stale_uploads() == 1
    assert list(fake_s3.fake.uploads) == [fresh]
