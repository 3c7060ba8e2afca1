"""The simulators' part of ``bootstrap_site``: the release notes page in Russian and English."""

from .models import ReleaseNotesIndexPage

RELEASE_NOTES_SLUG = "release-notes"


def ensure_release_notes(ctx):
    """The release notes page under each home page; returns ``(ru, en)``."""
    return ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        ReleaseNotesIndexPage,
        RELEASE_NOTES_SLUG,
        ru={"title": "Что нового", "intro": "Изменения платформы и тренажёров."},
        en={"title": "Release notes", "intro": "What changed in the platform and the trainers."},
        keep_existing=True,
    )


def load(ctx):
    ru, en = ensure_release_notes(ctx)
    ctx.log_pages("simulators", ru, en)
