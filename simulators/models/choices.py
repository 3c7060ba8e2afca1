"""Choices of builds that the channel and inventory models share (they cannot import the build model,
which imports the channels' actions)."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Platform(models.TextChoices):
    WEBGL = "webgl", _("WebGL (browser)")
    WINDOWS = "windows", _("Windows")
    MACOS = "macos", _("macOS")
    LINUX = "linux", _("Linux")
    ANDROID_HEADSET = "android_headset", _("Android / standalone VR headset")
    IOS = "ios", _("iOS")


class BuildStatus(models.TextChoices):
    UPLOADING = "uploading", _("Uploading")
    DRAFT = "draft", _("Draft (verified)")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    # An upload whose size or checksum did not match: never downloadable, only deletable.
    FAILED = "failed", _("Failed verification")
