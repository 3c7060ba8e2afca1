"""``manage.py import_build TRAINER VERSION PLATFORM PATH``: stream a local build to storage."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from wagtail.models import Locale

from catalogue.models import SimulatorPage
from simulators.models import BuildKind, Platform
from simulators.services import BuildError, import_file
from simulators.storage import StorageUnavailable


def find_trainer(ref):
    """A trainer by page id or slug; with a slug, the page in the default language wins."""
    pages = SimulatorPage.objects.all()
    if ref.isdigit():
        page = pages.filter(pk=int(ref)).first()
    else:
        candidates = list(pages.filter(slug=ref).select_related("locale"))
        default = Locale.get_default()
        page = next(
            (p for p in candidates if p.locale_id == default.pk), candidates[0] if candidates else None
        )
    if page is None:
        raise CommandError(f"No trainer with id or slug {ref!r}.")
    return page


class Command(BaseCommand):
    help = (
        "Upload a local build file to the private storage (boto3's managed multipart transfer reading "
        "the file by ranges, bounded memory, SHA-256 computed alongside) and record it as a verified "
        "draft, or publish it with --publish."
    )
    # The system checks import every URLconf and view (about 14 MB of the process's peak memory)
    # and vouch for nothing an upload uses; deployments run ``manage.py check`` on their own.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("trainer", help="trainer page id or slug")
        parser.add_argument("version", help="semantic version, e.g. 1.2.0")
        parser.add_argument("platform", choices=Platform.values)
        parser.add_argument("path", type=Path)
        parser.add_argument(
            "--kind", choices=BuildKind.values, help="default: webgl for .zip on WebGL, else archive"
        )
        parser.add_argument("--publish", action="store_true", help="publish, superseding the current build")
        parser.add_argument("--public-demo", action="store_true", help="downloadable by anyone")

    def handle(self, trainer, version, platform, path, kind, publish, public_demo, **options):
        if not path.is_file():
            raise CommandError(f"{path} is not a file.")
        if kind is None:
            kind = BuildKind.WEBGL if platform == Platform.WEBGL else BuildKind.ARCHIVE
            if path.suffix.lower() in {".exe", ".msi", ".dmg", ".pkg"}:
                kind = BuildKind.INSTALLER
            elif path.suffix.lower() in {".apk", ".aab", ".ipa"}:
                kind = BuildKind.PACKAGE
        try:
            build = import_file(
                trainer=find_trainer(trainer),
                version=version,
                platform=platform,
                kind=kind,
                path=path,
                is_public_demo=public_demo,
                publish=publish,
            )
        except (BuildError, StorageUnavailable) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(
            f"build {build.pk}: {build.size} bytes, sha256 {build.sha256}, "
            f"status {build.status}, key {build.object_key}"
        )
