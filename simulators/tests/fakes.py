"""An in-memory stand-in for the few boto3 S3 client calls the build store makes (fast tier only)."""

import io
import threading
import uuid
from datetime import UTC, datetime
from types import SimpleNamespace
from urllib.parse import urlencode

from boto3.s3.inject import upload_file, upload_fileobj
from botocore.exceptions import ClientError, EndpointConnectionError
from botocore.hooks import HierarchicalEmitter


def _error(code, operation):
    return ClientError({"Error": {"Code": code, "Message": code}}, operation)


class _Body:
    def __init__(self, data):
        self._stream = io.BytesIO(data)
        self.closed = False

    def iter_chunks(self, size):
        while chunk := self._stream.read(size):
            yield chunk

    def close(self):
        self.closed = True


class FakeS3Client:
    """Objects and multipart uploads in dictionaries; ``down = True`` simulates an unreachable S3.

    ``upload_file`` and ``upload_fileobj`` are boto3's own managed transfer driving the calls below,
    as on a real client."""

    # What s3transfer reads of a client besides its calls: the event hooks and the checksum policy.
    meta = SimpleNamespace(
        events=HierarchicalEmitter(), config=SimpleNamespace(request_checksum_calculation="when_required")
    )
    upload_file = upload_file
    upload_fileobj = upload_fileobj

    def __init__(self):
        self.objects = {}
        self.uploads = {}
        self.down = False
        self.in_flight = 0
        self.max_in_flight = 0
        self._lock = threading.Lock()

    def _check(self):
        if self.down:
            raise EndpointConnectionError(endpoint_url="http://s3.test")

    def head_bucket(self, Bucket):
        self._check()

    def create_multipart_upload(self, Bucket, Key, ContentType="", **extra):
        self._check()
        upload_id = uuid.uuid4().hex
        self.uploads[upload_id] = {
            "key": Key,
            "parts": {},
            "initiated": datetime.now(UTC),
            "content_type": ContentType,
            "content_encoding": extra.get("ContentEncoding", ""),
        }
        return {"UploadId": upload_id}

    def generate_presigned_url(self, operation, Params, ExpiresIn):
        self._check()
        query = {k: v for k, v in Params.items() if k not in {"Bucket", "Key"}}
        query["X-Amz-Expires"] = ExpiresIn
        return f"http://s3.test/{Params['Bucket']}/{Params['Key']}?{urlencode(query)}"

    def _upload(self, upload_id, operation):
        if upload_id not in self.uploads:
            raise _error("NoSuchUpload", operation)
        return self.uploads[upload_id]

    def upload_part(self, Bucket, Key, UploadId, PartNumber, Body, **extra):
        self._check()
        with self._lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            data = Body if isinstance(Body, bytes) else Body.read()
            self._upload(UploadId, "UploadPart")["parts"][PartNumber] = data
            return {"ETag": f'"etag-{PartNumber}-{len(data)}"'}
        finally:
            with self._lock:
                self.in_flight -= 1

    def list_parts(self, Bucket, Key, UploadId, PartNumberMarker=0):
        self._check()
        parts = self._upload(UploadId, "ListParts")["parts"]
        return {
            "Parts": [
                {"PartNumber": n, "ETag": f'"etag-{n}-{len(d)}"', "Size": len(d)}
                for n, d in sorted(parts.items())
            ],
            "IsTruncated": False,
        }

    def complete_multipart_upload(self, Bucket, Key, UploadId, MultipartUpload, **extra):
        self._check()
        upload = self._upload(UploadId, "CompleteMultipartUpload")
        data = b"".join(upload["parts"][p["PartNumber"]] for p in MultipartUpload["Parts"])
        self.objects[Key] = (data, upload["content_type"], upload["content_encoding"])
        del self.uploads[UploadId]

    def abort_multipart_upload(self, Bucket, Key, UploadId):
        self._check()
        self._upload(UploadId, "AbortMultipartUpload")
        del self.uploads[UploadId]

    def list_multipart_uploads(self, Bucket, Prefix="", **kwargs):
        self._check()
        return {
            "Uploads": [
                {"Key": u["key"], "UploadId": upload_id, "Initiated": u["initiated"]}
                for upload_id, u in self.uploads.items()
                if u["key"].startswith(Prefix)
            ],
            "IsTruncated": False,
        }

    def put_object(self, Bucket, Key, Body, ContentType="", ContentEncoding="", **extra):
        self._check()
        self.objects[Key] = (Body if isinstance(Body, bytes) else Body.read(), ContentType, ContentEncoding)

    def _object(self, key, operation):
        if key not in self.objects:
            raise _error("NoSuchKey", operation)
        return self.objects[key]

    def get_object(self, Bucket, Key):
        self._check()
        data, content_type, encoding = self._object(Key, "GetObject")
        return {
            "Body": _Body(data),
            "ContentType": content_type,
            "ContentEncoding": encoding,
            "ContentLength": len(data),
        }

    def head_object(self, Bucket, Key):
        self._check()
        try:
            data, _type, _enc = self._object(Key, "HeadObject")
        except ClientError as exc:
            raise _error("404", "HeadObject") from exc
        return {"ContentLength": len(data)}

    def delete_object(self, Bucket, Key):
        self._check()
        self.objects.pop(Key, None)

    def delete_objects(self, Bucket, Delete):
        for item in Delete["Objects"]:
            self.objects.pop(item["Key"], None)

    def get_paginator(self, name):
        client = self

        class Paginator:
            def paginate(self, Bucket, Prefix):
                yield {"Contents": [{"Key": k} for k in client.objects if k.startswith(Prefix)]}

        return Paginator()
