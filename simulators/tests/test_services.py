import zipfile
from io import BytesIO

import pytest

from simulators import services, verification, webgl
from simulators.models import BuildKind, BuildStatus, SimulatorBuild
from simulators.storage import UPLOAD_CONCURRENCY, hash_object
from simulators.tests.conftest import sha
from simulators.webgl_bundle import make_bundle

pytestmark = pytest.mark.django_db


def write(tmp_path, name, data):
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_import_file_streams_verifies_and_publishes(trainer, local_store, tmp_path):
    data = b"x" * 3_000_000 + b"tail"
    build = services.import_file(
        trainer=trainer,
        version="1.2.0",
        platform="windows",
        kind=BuildKind.ARCHIVE,
        path=write(tmp_path, "crane.zip", data),
        publish=True,
    )
    assert build.status == BuildStatus.PUBLISHED
    assert (build.size, build.sha256) == (len(data), sha(data))
    assert hash_object(local_store, build.object_key) == (len(data), sha(data))


def test_import_to_s3_uses_bounded_parallel_multipart(trainer, fake_s3, tmp_path, settings):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    data = bytes(range(256)) * (23 * 1024 * 1024 // 256)  # 23 MiB -> 5 parts
    bodies = []
    upload_part = fake_s3.fake.upload_part

    def recording(**kwargs):
        bodies.append(kwargs["Body"])
        return upload_part(**kwargs)

    fake_s3.fake.upload_part = recording
    build = services.import_file(
        trainer=trainer,
        version="2.0.0",
        platform="linux",
        kind="archive",
        path=write(tmp_path, "b.tar.gz", data),
    )
    stored, _type, _enc = fake_s3.fake.objects[build.object_key]
    assert stored == data
    assert build.sha256 == sha(data)
    assert build.status == BuildStatus.DRAFT
    assert 1 <= fake_s3.fake.max_in_flight <= UPLOAD_CONCURRENCY
    assert fake_s3.fake.uploads == {}
    # Every part is read from the file by its request, never handed over as a buffer of bytes.
    assert len(bodies) == 5
    assert not any(isinstance(body, bytes | bytearray) for body in bodies)


def test_a_file_changed_during_the_import_is_refused(trainer, fake_s3, tmp_path, monkeypatch):
    path = write(tmp_path, "b.zip", b"first" * 1000)
    put_file = fake_s3.put_file

    def rewritten_meanwhile(name, source, **kwargs):
        result = put_file(name, source, **kwargs)
        source.write_bytes(b"second" * 1000)
        return result

    monkeypatch.setattr(fake_s3, "put_file", rewritten_meanwhile)
    with pytest.raises(services.BuildError, match="changed while it was being uploaded"):
        services.import_file(trainer=trainer, version="1.0.0", platform="linux", kind="archive", path=path)
    assert not SimulatorBuild.objects.exists()
    assert fake_s3.fake.objects == {}


def test_duplicate_version_is_a_clear_error(trainer, local_store, tmp_path):
    path = write(tmp_path, "a.zip", b"abc")
    services.import_file(trainer=trainer, version="1.0.0", platform="windows", kind="archive", path=path)
    with pytest.raises(services.BuildError, match=r"1\.0\.0 already exists"):
        services.import_file(trainer=trainer, version="1.0.0", platform="windows", kind="archive", path=path)
    assert SimulatorBuild.objects.count() == 1


@pytest.mark.parametrize(
    ("kind", "filename", "size", "message"),
    [
        ("webgl", "build.exe", 10, "must be one of"),
        ("package", "crane.zip.txt", 10, "must be one of"),
        ("archive", "a.zip", 0, "empty"),
        ("archive", "a.zip", 10**15, "larger than"),
    ],
)
def test_bad_files_are_refused(trainer, kind, filename, size, message):
    with pytest.raises(services.BuildError, match=message):
        services.new_build(
            trainer=trainer,
            version="1.0.0",
            platform="windows",
            kind=kind,
            filename=filename,
            size=size,
            sha256="",
        )
    assert not SimulatorBuild.objects.exists()


def test_bad_version_is_refused(trainer):
    with pytest.raises(services.BuildError) as info:
        services.new_build(
            trainer=trainer,
            version="1.0",
            platform="windows",
            kind="archive",
            filename="a.zip",
            size=1,
            sha256="",
        )
    assert info.value.field == "version"


def _uploading(trainer, store, data, declared=None, **fields):
    build = services.new_build(
        trainer=trainer,
        version=fields.pop("version", "1.0.0"),
        platform=fields.pop("platform", "windows"),
        kind=fields.pop("kind", "archive"),
        filename=fields.pop("filename", "a.zip"),
        size=len(data),
        sha256=declared or sha(data),
    )
    store.put_bytes(build.object_key, data)
    return build


def test_verify_detects_checksum_mismatch_and_deletes_object(trainer, local_store):
    build = _uploading(trainer, local_store, b"real bytes", declared="0" * 64)
    assert verification.verify_build(build) is False
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert "SHA-256 mismatch" in build.status_message
    assert not build.is_downloadable
    with pytest.raises(FileNotFoundError):
        local_store.open(build.object_key)


def test_verify_detects_size_mismatch(trainer, local_store):
    build = _uploading(trainer, local_store, b"12345")
    build.size = 6
    build.save()
    assert verification.verify_build(build) is False
    build.refresh_from_db()
    assert "Size mismatch" in build.status_message


def test_webgl_zip_is_unpacked_with_unity_headers(trainer, local_store):
    bundle = make_bundle(folder="CraneWebGL")
    build = _uploading(
        trainer, local_store, bundle, kind="webgl", platform="webgl", filename="crane-webgl.zip"
    )
    assert verification.verify_build(build) is True
    build.refresh_from_db()
    assert build.status == BuildStatus.DRAFT
    assert build.webgl_prefix.startswith(f"webgl/{build.pk}-")
    meta, _chunks = local_store.open(build.webgl_prefix + "Build/vt-test.wasm.br")
    assert (meta["content_type"], meta["content_encoding"]) == ("application/wasm", "br")
    meta, _ = local_store.open(build.webgl_prefix + "index.html")
    assert meta["content_type"].startswith("text/html")


def test_webgl_build_that_is_not_a_zip_fails(trainer, local_store):
    build = _uploading(trainer, local_store, b"not a zip", kind="webgl", platform="webgl", filename="w.zip")
    assert verification.verify_build(build) is False
    build.refresh_from_db()
    assert build.status == BuildStatus.FAILED
    assert "not a zip" in build.status_message


def test_webgl_zip_with_unsafe_paths_or_no_index_fails(trainer, local_store):
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("../evil.js", "x")
    build = _uploading(
        trainer, local_store, buffer.getvalue(), kind="webgl", platform="webgl", filename="w.zip"
    )
    assert verification.verify_build(build) is False
    build.refresh_from_db()
    assert "unsafe path" in build.status_message


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Build/x.wasm", ("application/wasm", "")),
        ("Build/x.wasm.br", ("application/wasm", "br")),
        ("Build/x.wasm.gz", ("application/wasm", "gzip")),
        ("Build/x.data.br", ("application/octet-stream", "br")),
        ("Build/x.framework.js.gz", ("application/javascript", "gzip")),
        ("Build/x.loader.js", ("application/javascript", "")),
        ("index.html", ("text/html; charset=utf-8", "")),
    ],
)
def test_unity_content_headers(name, expected):
    assert webgl.content_headers(name) == expected
