"""Demo content: release notes (ru + en, in the release notes page of ``bootstrap_site``) and small
generated builds for the first demo trainers.

``load_demo --release-notes N`` adds N generated notes. They are created without revisions (one
``add_child`` per language, in one transaction), because Django cannot bulk-create multi-table
inherited pages.
"""

import hashlib
import io
import uuid
import zipfile
from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from catalogue.models import SimulatorPage

from .bootstrap import ensure_release_notes
from .models import BuildKind, BuildStatus, ReleaseNotePage, SimulatorBuild
from .services import new_build
from .storage import StorageUnavailable, get_store
from .verification import verify_build
from .webgl_bundle import make_bundle

NOTES = [
    {
        "slug": "platform-2-0-0",
        "version": "2.0.0",
        "days_ago": 60,
        "scope": "platform",
        "ru": ("Платформа 2.0", "Новый каталог и личные ссылки на скачивание."),
        "en": ("Platform 2.0", "A new catalogue and personal download links."),
        "changes": [
            (
                "new",
                "Личные ссылки на скачивание лицензионных сборок.",
                "Personal download links for licensed builds.",
            ),
            ("improved", "Каталог быстрее ищет тренажёры.", "The catalogue finds trainers faster."),
            ("security", "Ссылки на файлы действуют 10 минут.", "File links are valid for 10 minutes."),
        ],
    },
    {
        "slug": "trainers-1-1-0",
        "version": "1.1.0",
        "days_ago": 30,
        "scope": "trainers",
        "ru": ("Тренажёры 1.1", "Исправления физики и новые сценарии."),
        "en": ("Trainers 1.1", "Physics fixes and new scenarios."),
        "changes": [
            ("new", "Сценарий аварийной остановки.", "An emergency stop scenario."),
            ("fixed", "Груз больше не проходит сквозь стены.", "Loads no longer pass through walls."),
        ],
    },
    {
        "slug": "trainers-1-2-0",
        "version": "1.2.0",
        "days_ago": 7,
        "scope": "trainers",
        "ru": ("Тренажёры 1.2", "WebGL-демо прямо в браузере."),
        "en": ("Trainers 1.2", "WebGL demos right in the browser."),
        "changes": [
            ("new", "Демоверсия запускается в браузере.", "The demo runs in the browser."),
            (
                "improved",
                "Загрузка сборок возобновляется после обрыва связи.",
                "Build uploads resume after a drop.",
            ),
            ("fixed", "Подсказки на английском языке.", "Hints in English."),
        ],
    },
]


def _changes(items, language):
    index = 1 if language == "ru" else 2
    return [{"type": "change", "value": {"kind": item[0], "text": f"<p>{item[index]}</p>"}} for item in items]


def demo_trainers(limit=3):
    return list(SimulatorPage.objects.live().filter(locale__language_code="ru").order_by("path")[:limit])


def load(ctx):
    trainers = demo_trainers()
    if not trainers:
        ctx.log(
            "simulators: no live trainers (catalogue demo) yet; release notes without trainers, no builds"
        )
    index_ru, index_en = ensure_release_notes(ctx)
    today = timezone.localdate()
    notes = []
    for spec in NOTES:
        common = {
            "version": spec["version"],
            "release_date": today - timedelta(days=spec["days_ago"]),
            "scope": spec["scope"],
        }
        page_ru, page_en = ctx.ensure_pair(
            index_ru,
            index_en,
            ReleaseNotePage,
            spec["slug"],
            ru={
                **common,
                "title": spec["ru"][0],
                "summary": spec["ru"][1],
                "changes": _changes(spec["changes"], "ru"),
            },
            en={
                **common,
                "title": spec["en"][0],
                "summary": spec["en"][1],
                "changes": _changes(spec["changes"], "en"),
            },
        )
        if spec["scope"] == "trainers" and trainers:
            for page in (page_ru, page_en):
                page.trainers.set(trainers)
                ctx.publish(page)
        notes.append(page_ru)
    ctx.log(f"simulators: {len(notes)} release notes in ru and en")
    if trainers:
        _load_builds(ctx, trainers, notes[-1])
    extra = ctx.options.get("release_notes")
    if extra:
        generate_release_notes(ctx, index_ru, index_en, extra)


def _small_archive(trainer, version):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("README.txt", f"{trainer.title} {version}: demo build of VT Platform.\n")
        archive.writestr("bin/trainer.dat", (trainer.slug.encode() + b"\n") * 256)
    return buffer.getvalue()


def _ensure_build(store, trainer, *, version, platform, kind, filename, data, public, note):
    existing = SimulatorBuild.objects.filter(trainer=trainer, platform=platform, version=version).first()
    if existing is not None:
        return existing, False
    build = new_build(
        trainer=trainer,
        version=version,
        platform=platform,
        kind=kind,
        filename=filename,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        is_public_demo=public,
    )
    build.release_note = note
    build.save(update_fields=["release_note"])
    store.put_bytes(build.object_key, data, content_type="application/zip")
    verify_build(build)
    build.refresh_from_db()
    if build.status == BuildStatus.DRAFT:
        build.publish()
    return build, True


def _load_builds(ctx, trainers, note):
    store = get_store()
    created = 0
    try:
        for position, trainer in enumerate(trainers):
            _build, new = _ensure_build(
                store,
                trainer,
                version="1.2.0",
                platform="windows",
                kind=BuildKind.ARCHIVE,
                filename=f"{trainer.slug}-windows.zip",
                data=_small_archive(trainer, "1.2.0"),
                public=position == 0,
                note=note,
            )
            created += new
            if position < 2:
                _build, new = _ensure_build(
                    store,
                    trainer,
                    version="1.2.0",
                    platform="webgl",
                    kind=BuildKind.WEBGL,
                    filename=f"{trainer.slug}-webgl.zip",
                    data=make_bundle("WebGL"),
                    public=True,
                    note=note,
                )
                created += new
    except StorageUnavailable:
        ctx.log("simulators: the build storage is unavailable; demo builds skipped")
        return
    ctx.log(f"simulators: {created} new demo builds for {len(trainers)} trainers")


@transaction.atomic
def generate_release_notes(ctx, index_ru, index_en, count):
    """``count`` extra notes in ru with an en translation each, without revisions."""
    start = date(2020, 1, 1)
    run = uuid.uuid4().hex[:6]
    for number in range(count):
        common = {
            "version": f"0.{number // 100}.{number % 100}",
            "release_date": start + timedelta(days=number % 1500),
            "scope": "platform",
            "live": True,
            "first_published_at": timezone.now(),
            "last_published_at": timezone.now(),
        }
        page_ru = index_ru.add_child(
            instance=ReleaseNotePage(
                title=f"Выпуск {number + 1}",
                slug=f"gen-{run}-{number}",
                summary="Сгенерированная заметка о выпуске.",
                **common,
            )
        )
        index_en.add_child(
            instance=ReleaseNotePage(
                title=f"Release {number + 1}",
                slug=f"gen-{run}-{number}",
                summary="A generated release note.",
                locale=index_en.locale,
                translation_key=page_ru.translation_key,
                **common,
            )
        )
        index_ru.refresh_from_db(fields=["numchild"])
        index_en.refresh_from_db(fields=["numchild"])
    ctx.log(f"simulators: {count} generated release notes in ru and en")
