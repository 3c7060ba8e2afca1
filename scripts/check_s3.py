#!/usr/bin/env python3
"""Prove that the local S3 endpoint behaves like S3 where the project relies on it.

    eval "$(scripts/services env)" && .venv/bin/python scripts/check_s3.py

Checks: bucket creation, signed (SigV4) put/get, an unsigned GET of a private
object is refused with 403, a presigned GET works and is refused after it
expires, multipart upload with presigned part URLs, and the CORS preflight a
browser sends before a multipart part upload.  Exits non-zero on the first failure.
"""

from __future__ import annotations

import os
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3
from botocore.config import Config

ENDPOINT = os.environ.get("AWS_S3_ENDPOINT_URL", "http://127.0.0.1:19000")
KEY = os.environ.get("AWS_ACCESS_KEY_ID", "vtaccess")
SECRET = os.environ.get("AWS_SECRET_ACCESS_KEY", "vtsecret-please-change")
REGION = os.environ.get("AWS_S3_REGION_NAME", "us-east-1")


def http(method: str, url: str, data: bytes | None = None, headers: dict | None = None):
    if not url.startswith(("http://", "https://")):
        raise ValueError(f"not an HTTP URL: {url}")
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})  # noqa: S310 (checked above)
    try:
        with urllib.request.urlopen(req, timeout=10) as resp:  # noqa: S310 (checked above)
            return resp.status, dict(resp.headers), resp.read()
    except urllib.error.HTTPError as exc:
        return exc.code, dict(exc.headers), exc.read()


def check(label: str, condition: bool, detail: str = "") -> None:
    print(f"{'ok  ' if condition else 'FAIL'} {label}{'  ' + detail if detail else ''}")
    if not condition:
        sys.exit(1)


def main() -> None:
    s3 = boto3.client(
        "s3",
        endpoint_url=ENDPOINT,
        aws_access_key_id=KEY,
        aws_secret_access_key=SECRET,
        region_name=REGION,
        config=Config(signature_version="s3v4", s3={"addressing_style": "path"}),
    )
    bucket = f"vt-check-{uuid.uuid4().hex[:8]}"
    s3.create_bucket(Bucket=bucket)
    check("create bucket", bucket in {b["Name"] for b in s3.list_buckets()["Buckets"]})
    try:
        body = "Проверка S3 — check".encode()
        s3.put_object(Bucket=bucket, Key="private/build.txt", Body=body, ContentType="text/plain")
        got = s3.get_object(Bucket=bucket, Key="private/build.txt")["Body"].read()
        check("signed put/get round trip", got == body)

        status, _, _ = http("GET", f"{ENDPOINT}/{bucket}/private/build.txt")
        check("unsigned GET of a private object is refused", status == 403, f"status={status}")

        status, _, _ = http(
            "GET",
            f"{ENDPOINT}/{bucket}/private/build.txt",
            headers={"Authorization": "AWS4-HMAC-SHA256 Credential=vtaccess/x, Signature=bad"},
        )
        check("badly signed GET is refused", status in (400, 403), f"status={status}")

        url = s3.generate_presigned_url(
            "get_object", Params={"Bucket": bucket, "Key": "private/build.txt"}, ExpiresIn=2
        )
        status, _, data = http("GET", url)
        check("presigned GET works before expiry", status == 200 and data == body, f"status={status}")
        time.sleep(3.5)
        status, _, _ = http("GET", url)
        check("presigned GET is refused after expiry (2 s)", status == 403, f"status={status}")

        # Browser-style multipart upload: presigned UploadPart URLs, ETag read from the response.
        key = "builds/webgl.zip"
        upload_id = s3.create_multipart_upload(Bucket=bucket, Key=key)["UploadId"]
        part1, part2 = os.urandom(5 * 1024 * 1024), os.urandom(1024)
        parts = []
        for number, chunk in ((1, part1), (2, part2)):
            part_url = s3.generate_presigned_url(
                "upload_part",
                Params={"Bucket": bucket, "Key": key, "UploadId": upload_id, "PartNumber": number},
                ExpiresIn=60,
            )
            # An explicit binary Content-Type, as a browser sends for a File/Blob: S3Proxy (Jetty)
            # parses an application/x-www-form-urlencoded body (urllib's default) as form data.
            status, headers, _ = http(
                "PUT",
                part_url,
                data=chunk,
                headers={"Origin": "http://localhost:8000", "Content-Type": "application/octet-stream"},
            )
            etag = {k.lower(): v for k, v in headers.items()}.get("etag")
            check(
                f"presigned multipart part {number} upload", status == 200 and bool(etag), f"status={status}"
            )
            parts.append({"PartNumber": number, "ETag": etag})
        s3.complete_multipart_upload(
            Bucket=bucket, Key=key, UploadId=upload_id, MultipartUpload={"Parts": parts}
        )
        size = s3.head_object(Bucket=bucket, Key=key)["ContentLength"]
        check("multipart upload completed", size == len(part1) + len(part2), f"size={size}")

        status, headers, _ = http(
            "OPTIONS",
            f"{ENDPOINT}/{bucket}/{key}?partNumber=1&uploadId=x",
            headers={
                "Origin": "http://localhost:8000",
                "Access-Control-Request-Method": "PUT",
                "Access-Control-Request-Headers": "content-type",
            },
        )
        lower = {k.lower(): v for k, v in headers.items()}
        check(
            "CORS preflight allows any origin",
            status == 200 and lower.get("access-control-allow-origin") in ("*", "http://localhost:8000"),
            f"status={status} allow-origin={lower.get('access-control-allow-origin')}",
        )
        status, headers, _ = http(
            "GET",
            s3.generate_presigned_url(
                "get_object", Params={"Bucket": bucket, "Key": "private/build.txt"}, ExpiresIn=60
            ),
            headers={"Origin": "http://localhost:8000"},
        )
        lower = {k.lower(): v for k, v in headers.items()}
        exposed = lower.get("access-control-expose-headers", "").lower()
        check(
            "CORS response exposes ETag",
            exposed == "*" or "etag" in exposed,
            f"expose={lower.get('access-control-expose-headers')}",
        )
    finally:
        for obj in s3.list_objects_v2(Bucket=bucket).get("Contents", []):
            s3.delete_object(Bucket=bucket, Key=obj["Key"])
        for up in s3.list_multipart_uploads(Bucket=bucket).get("Uploads", []):
            s3.abort_multipart_upload(Bucket=bucket, Key=up["Key"], UploadId=up["UploadId"])
        s3.delete_bucket(Bucket=bucket)
    print("S3 endpoint OK:", ENDPOINT)


if __name__ == "__main__":
    main()
