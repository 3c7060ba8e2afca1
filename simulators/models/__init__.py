"""Simulator builds, personal download links and release notes (explicit re-exports)."""

from .builds import BuildKind, BuildStatus, InvalidTransition, Platform, SimulatorBuild, validate_semver
from .downloads import DownloadLog, PersonalDownloadLink
from .release_notes import ChangeItemBlock, ReleaseNotePage, ReleaseNotesIndexPage

__all__ = [
    "BuildKind",
    "BuildStatus",
    "ChangeItemBlock",
    "DownloadLog",
    "InvalidTransition",
    "PersonalDownloadLink",
    "Platform",
    "ReleaseNotePage",
    "ReleaseNotesIndexPage",
    "SimulatorBuild",
    "validate_semver",
]
