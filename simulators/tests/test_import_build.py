"""``manage.py import_build``: the recorded build, its SHA-256 and the errors an operator sees."""

import pytest
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError

from simulators.management.commands.import_build import Command
from simulators.models import BuildStatus, SimulatorBuild
from simulators.tests.conftest import sha

pytestmark = pytest.mark.django_db


def test_import_build_records_a_verified_draft_with_the_files_sha256(settings, fake_s3, trainer, tmp_path):
    settings.SIMULATORS_UPLOAD_PART_SIZE = 5 * 1024 * 1024
    data = bytes(range(256)) * (12 * 4096)  # 12 MB: three parts
    path = tmp_path / "crane.zip"
    path.write_bytes(data)
    call_command("import_build", str(trainer.pk), "1.2.0", "windows", str(path), "--kind", "archive")
    build = SimulatorBuild.objects.get()
    assert (build.size, build.sha256, build.status) == (len(data), sha(data), BuildStatus.DRAFT)
    assert fake_s3.fake.objects[build.object_key][0] == data


def test_import_build_with_the_store_down_is_a_clear_error_and_leaves_no_build(fake_s3, trainer, tmp_path):
    path = tmp_path / "crane.zip"
    path.write_bytes(b"PK" * 1000)
    fake_s3.fake.down = True
    with pytest.raises(CommandError, match="temporarily unavailable"):
        call_command("import_build", str(trainer.pk), "1.2.0", "windows", str(path))
    assert not SimulatorBuild.objects.exists()


def test_import_build_from_the_command_line_skips_the_system_checks(monkeypatch, fake_s3, trainer, tmp_path):
    def refuse(*args, **kwargs):
        raise AssertionError("system checks ran")

    monkeypatch.setattr(BaseCommand, "check", refuse)
    path = tmp_path / "crane.zip"
    path.write_bytes(b"PK" * 1000)
    # What ``manage.py import_build ...`` does (run_from_argv), without closing the test's connection.
    command = Command()
    options = vars(
        command.create_parser("manage.py", "import_build").parse_args(
            [str(trainer.pk), "1.2.0", "windows", str(path)]
        )
    )
    command.execute(*options.pop("args", ()), **options)
    assert SimulatorBuild.objects.get().sha256 == sha(b"PK" * 1000)
