"""Simulator builds, release channels, the fleet inventory, personal download links and release notes
(explicit re-exports)."""

from .builds import BuildKind, BuildStatus, InvalidTransition, Platform, SimulatorBuild, validate_semver
from .channels import ChannelEvent, ReleaseChannel
from .downloads import DownloadLog, PersonalDownloadLink
from .fleet import DailyFleetCount, DeviceState, Mode
from .release_notes import ChangeItemBlock, ReleaseNotePage, ReleaseNotesIndexPage

__all__ = [
    "BuildKind",
    "BuildStatus",
    "ChangeItemBlock",
    "ChannelEvent",
    "DailyFleetCount",
    "DeviceState",
    "DownloadLog",
    "InvalidTransition",
    "Mode",
    "PersonalDownloadLink",
    "Platform",
    "ReleaseChannel",
    "ReleaseNotePage",
    "ReleaseNotesIndexPage",
    "SimulatorBuild",
    "validate_semver",
]
