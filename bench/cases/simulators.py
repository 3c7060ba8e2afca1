"""Simulators: ``import_build`` of a 1 GB generated file vs a plain boto3 ``upload_file`` of it.

Each upload runs in its own Python process (Django set up in both) so its peak RSS is its own:
``ru_maxrss`` as a whole and above what the process held before the upload, which is what the
upload itself costs. Interleaved rounds (``BENCH_ROUNDS``); the median of the per-round speed ratios
with their spread. Needs the S3 variables (``scripts/services env``); the objects are deleted
afterwards.

Run alone: ``set -a; eval "$(scripts/services env)"; set +a; python bench/run.py simulators``
or without the server: ``python -m bench.cases.simulators`` (same environment).
"""

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.run import figure_row, interleave, ratio_row

ROOT = Path(__file__).resolve().parents[2]
SIZE = int(os.environ.get("BENCH_BUILD_BYTES", 1024**3))


def _generate(path, size):
    """Incompressible-looking content without spending CPU on a random generator for every byte."""
    block = os.urandom(1024 * 1024)
    with path.open("wb") as handle:
        written = 0
        while written < size:
            chunk = block[: min(len(block), size - written)]
            handle.write(written.to_bytes(8, "little") + chunk[8:])
            written += len(chunk)


MODES = ("import_build", "upload_file")


def worker(mode, path):
    """Runs in a child process; prints JSON with seconds and peak RSS."""
    import resource

    import django

    django.setup()
    # After django.setup(): the worker process measures its own peak memory, Django included.
    # call_command runs what ``manage.py import_build`` runs: that command skips the system checks.
    from django.core.management import call_command

    from simulators.models import SimulatorBuild
    from simulators.storage import get_store

    store = get_store()
    store.ping()  # the client and its connection pool exist in both modes before measuring
    size = Path(path).stat().st_size
    before_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    if mode == "upload_file":
        key = f"bench/upload-file-{os.getpid()}.bin"
        started = time.perf_counter()
        store.client.upload_file(path, store.bucket, store.prefix + key)
        seconds = time.perf_counter() - started
        store.delete(key)
    else:
        trainer = _bench_trainer()
        version = f"0.0.{int(time.time() * 1000)}"
        started = time.perf_counter()
        call_command("import_build", str(trainer.pk), version, "windows", path, "--kind", "archive")
        seconds = time.perf_counter() - started
        build = SimulatorBuild.objects.get(trainer=trainer, version=version, platform="windows")
        assert build.size == size
        store.delete(build.object_key)
        build.delete()
    rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "rss_mb": rss_mb, "upload_mb": rss_mb - before_mb}))


def _bench_trainer():
    # The bench runner sets Django up only after reading its options (see bench/run.py).
    from wagtail.models import Locale, Page

    from catalogue.models import CatalogueIndexPage, SimulatorPage

    trainer = SimulatorPage.objects.filter(locale__language_code="ru").first()
    if trainer:
        return trainer
    home = Page.objects.filter(depth=2, locale=Locale.objects.get(language_code="ru")).first()
    index = CatalogueIndexPage.objects.child_of(home).first()
    if index is None:
        index = home.add_child(instance=CatalogueIndexPage(title="Тренажёры", slug="bench-trainers"))
    return index.add_child(instance=SimulatorPage(title="Бенчмарк", slug="bench-trainer", summary="bench"))


def _child(env, mode, path):
    code = (
        "import sys; sys.path[:0] = ['site', '.']; "
        f"from bench.cases.simulators import worker; worker({mode!r}, {str(path)!r})"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, check=True, capture_output=True, text=True
    )
    return json.loads(out.stdout.strip().splitlines()[-1])


def measure(env):
    with tempfile.TemporaryDirectory(dir=os.environ.get("BENCH_TMP")) as tmp:
        path = Path(tmp) / "build.zip"
        _generate(path, SIZE)
        runs = interleave({mode: (lambda mode=mode: _child(env, mode, path)) for mode in MODES})
    mb = SIZE / 1024**2
    speed = {mode: [mb / run["seconds"] for run in runs[mode]] for mode in MODES}
    label = f"{SIZE / 1024**3:g} GB"
    rows = [
        ratio_row(
            f"import_build vs upload_file {label}", speed["import_build"], speed["upload_file"], ">= 0.95"
        )
    ]
    for mode in MODES:
        rows += [
            figure_row(f"{mode} {label}", "throughput", speed[mode], "MB/s"),
            # The goal is on the whole process (Django, the S3 client and the upload), what an
            # operator's machine must have free; the next row is what the upload itself adds.
            figure_row(
                f"{mode} {label}",
                "peak RSS",
                [run["rss_mb"] for run in runs[mode]],
                "MB",
                "<= 120" if mode == "import_build" else "",
            ),
            figure_row(
                f"{mode} {label}",
                "peak RSS above the process before the upload",
                [run["upload_mb"] for run in runs[mode]],
                "MB",
            ),
        ]
    return rows


def run(ctx):
    return measure(ctx.env)


if __name__ == "__main__":
    env = dict(os.environ)
    env.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    for row in measure(env):
        print(row)
