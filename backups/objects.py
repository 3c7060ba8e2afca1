"""The stored objects of a backup: an inventory of every object of the media and private storages
(key, size, SHA-256) and a content-addressed copy of each one in the backup vault.

On S3 the vault is a prefix of a bucket (``BACKUP_BUCKET_NAME``, else the private bucket) and every
copy is a server-side copy, so no byte passes through this process; an object of a bucket with
versioning on is not copied at all, its version id is recorded instead. Without S3 the vault is the
folder ``objects/`` beside the backups. Objects are keyed by their SHA-256, so an unchanged object is
copied once for all backups, and the hash is only recomputed when an object's size or ETag changed
since the previous backup.
"""

import hashlib
import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path

from boto3.s3.transfer import TransferConfig
from botocore.exceptions import ClientError
from django.conf import settings
from django.core.files.storage import storages
from storages.backends.s3 import S3Storage

CHUNK_SIZE = 1024 * 1024
# Objects larger than this are copied by parts (UploadPartCopy), still inside the object store.
COPY_CONFIG = TransferConfig(multipart_threshold=256 * 1024 * 1024, multipart_chunksize=256 * 1024 * 1024)
AREAS = (("media", "default"), ("private", "private"))


def vanished(error):
    """Whether an error says the object was deleted after it was listed."""
    if isinstance(error, FileNotFoundError):
        return True
    return isinstance(error, ClientError) and error.response.get("Error", {}).get("Code") in {
        "NoSuchKey",
        "404",
    }


def _hash_chunks(chunks):
    digest = hashlib.sha256()
    for chunk in chunks:
        digest.update(chunk)
    return digest.hexdigest()


@dataclass
class S3Area:
    """A storage's objects: a bucket, and the prefix its storage writes under."""

    name: str
    client: object
    bucket: str
    location: str
    excluded: list = field(default_factory=list)

    @property
    def prefix(self):
        return f"{self.location}/" if self.location else ""

    def describe(self):
        return f"s3://{self.bucket}/{self.prefix}"

    def versioned(self):
        try:
            return self.client.get_bucket_versioning(Bucket=self.bucket).get("Status") == "Enabled"
        except ClientError:
            return False  # a server without versioning (S3Proxy's filesystem backend): copy everything

    def ensure(self):
        try:
            self.client.head_bucket(Bucket=self.bucket)
        except ClientError:
            self.client.create_bucket(Bucket=self.bucket)

    def listing(self):
        """``(key, size, etag)`` of every object, keys relative to the storage's location."""
        pages = self.client.get_paginator("list_objects_v2").paginate(Bucket=self.bucket, Prefix=self.prefix)
        for page in pages:
            for item in page.get("Contents", []):
                if not any(item["Key"].startswith(prefix) for prefix in self.excluded):
                    yield item["Key"][len(self.prefix) :], item["Size"], item["ETag"].strip('"')

    def sha256(self, key):
        body = self.client.get_object(Bucket=self.bucket, Key=self.prefix + key)["Body"]
        return _hash_chunks(body.iter_chunks(CHUNK_SIZE))

    def source(self, key, version_id=None):
        """The CopySource of an object, for a server-side copy."""
        return {
            "Bucket": self.bucket,
            "Key": self.prefix + key,
            **({"VersionId": version_id} if version_id else {}),
        }

    def put_copy(self, key, source):
        self.client.copy(source, self.bucket, self.prefix + key, Config=COPY_CONFIG)


@dataclass
class LocalArea:
    """A storage's objects in a local folder."""

    name: str
    root: Path
    excluded: list = field(default_factory=list)

    def describe(self):
        return str(self.root)

    def versioned(self):
        return False

    def ensure(self):
        self.root.mkdir(parents=True, exist_ok=True)

    def listing(self):
        if not self.root.is_dir():
            return
        for directory, folders, files in os.walk(self.root):
            folders.sort()
            if any(Path(directory).is_relative_to(other) for other in self.excluded):
                continue
            for name in sorted(files):
                path = Path(directory) / name
                stat = path.stat()
                yield path.relative_to(self.root).as_posix(), stat.st_size, f"{stat.st_mtime_ns}"

    def sha256(self, key):
        with open(self.root / key, "rb") as file:
            return _hash_chunks(iter(lambda: file.read(CHUNK_SIZE), b""))

    def path(self, key):
        return self.root / key

    def put_file(self, key, path):
        target = self.root / key
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)


def storage_areas():
    """The media and private storages as areas; where one holds another (the private prefix of the
    media bucket, the vault in a storage's bucket), the outer one leaves the inner one out."""
    found = []
    for name, alias in AREAS:
        storage = storages[alias]
        if isinstance(storage, S3Storage):
            found.append(
                S3Area(name, storage.connection.meta.client, storage.bucket_name, storage.location.strip("/"))
            )
        else:
            found.append(LocalArea(name, Path(storage.location).resolve()))
    vault = backup_vault()
    for area in found:
        for other in [*found, vault]:
            if other is area or type(other) is not type(area):
                continue
            if (
                isinstance(area, S3Area)
                and other.bucket == area.bucket
                and other.prefix.startswith(area.prefix)
            ):
                area.excluded.append(other.prefix)
            if (
                isinstance(area, LocalArea)
                and other.root.is_relative_to(area.root)
                and other.root != area.root
            ):
                area.excluded.append(other.root)
    return found


def backup_vault(description=None, folder=None):
    """Where copies of the objects go: from the settings, or as the manifest of the backup ``folder``
    recorded it (a local vault moved with its backups is found beside them)."""
    description = description or _configured_vault()
    if description["kind"] == "local" and folder is not None and not Path(description["path"]).is_dir():
        description = {**description, "path": str(Path(folder).resolve().parent / "objects")}
    if description["kind"] == "s3":
        client = storages["private"].connection.meta.client
        return S3Area("vault", client, description["bucket"], description["prefix"])
    return LocalArea("vault", Path(description["path"]))


def _configured_vault():
    private = storages["private"]
    if isinstance(private, S3Storage):
        bucket = settings.BACKUP_BUCKET_NAME or private.bucket_name
        return {"kind": "s3", "bucket": bucket, "prefix": f"{settings.BACKUP_PREFIX}/objects".strip("/")}
    return {"kind": "local", "path": str(Path(settings.BACKUP_DIR).resolve() / "objects")}


def vault_description(vault):
    if isinstance(vault, S3Area):
        return {"kind": "s3", "bucket": vault.bucket, "prefix": vault.location}
    return {"kind": "local", "path": str(vault.root)}


def vault_key(sha256):
    return f"{sha256[:2]}/{sha256}"


def vault_contents(vault):
    return {key.rpartition("/")[2] for key, _size, _tag in vault.listing()}


def store_copy(vault, area, key, sha256, version_id=None):
    """Put the object ``key`` of ``area`` into the vault under its hash, without passing its bytes
    through this process on S3."""
    if isinstance(vault, S3Area):
        vault.put_copy(vault_key(sha256), area.source(key, version_id))
    else:
        vault.put_file(vault_key(sha256), area.path(key))


def restore_copy(vault, area, entry):
    """Put an inventoried object back at its key in ``area``: from the vault, or from its version."""
    if entry.get("version_id"):
        source = {"Bucket": entry["bucket"], "Key": entry["source_key"], "VersionId": entry["version_id"]}
        area.put_copy(entry["key"], source)
    elif isinstance(area, S3Area) and isinstance(vault, S3Area):
        area.put_copy(entry["key"], vault.source(vault_key(entry["sha256"])))
    elif isinstance(area, S3Area):
        # A backup of an install without S3 restored into one with it: the bytes have to travel.
        area.client.upload_file(
            str(vault.path(vault_key(entry["sha256"]))), area.bucket, area.prefix + entry["key"]
        )
    elif isinstance(vault, S3Area):
        target = area.path(entry["key"])
        target.parent.mkdir(parents=True, exist_ok=True)
        vault.client.download_file(vault.bucket, vault.prefix + vault_key(entry["sha256"]), str(target))
    else:
        area.put_file(entry["key"], vault.path(vault_key(entry["sha256"])))


def delete_from_vault(vault, sha256s):
    for sha256 in sha256s:
        if isinstance(vault, S3Area):
            vault.client.delete_object(Bucket=vault.bucket, Key=vault.prefix + vault_key(sha256))
        else:
            vault.path(vault_key(sha256)).unlink(missing_ok=True)


def latest_version(area, key):
    """The current version id of an object of a versioned bucket."""
    return area.client.head_object(Bucket=area.bucket, Key=area.prefix + key).get("VersionId")
