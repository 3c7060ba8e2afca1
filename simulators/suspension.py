"""Downloads and launches refused while announced works suspend them.

The windows belong to the status app, which ``simulators`` never imports; it answers through a hook:

``vt_access_suspension``: ``fn(trainer_key: str, service: str) -> dict | None``, where ``service`` is
    ``"downloads"`` or ``"launcher"``: the maintenance window in progress that suspends that service of
    the trainer with this translation key, as ``{"title", "url", "ends", "retry_after"}`` (``ends``
    readable Moscow time, ``retry_after`` seconds), or None. Called on every download and launch, so the
    answer must be cheap (the status app caches it).

The engineers doing the works (holders of the build publishing permission) are never suspended: they
check the result before the window closes.
"""

from django.shortcuts import render
from django.utils.translation import gettext as _
from wagtail import hooks

from .models.builds import PUBLISH_PERMISSION

HOOK = "vt_access_suspension"


def window_suspending(request, build, service):
    """The window suspending ``service`` of ``build``'s trainer for this visitor, or None."""
    if request.user.has_perm(PUBLISH_PERMISSION):
        return None
    key = str(build.trainer.translation_key)
    return next((window for fn in hooks.get_hooks(HOOK) if (window := fn(key, service))), None)


def suspended_response(request, build, window):
    """503 with ``Retry-After``, naming the works and when they end."""
    response = render(
        request,
        "simulators/download_message.html",
        {
            "title": _("Suspended for maintenance"),
            "text": _("Access is suspended during the works “%(title)s” until %(ends)s.")
            % {"title": window["title"], "ends": window["ends"]},
            "notice_url": window["url"],
            "build": build,
        },
        status=503,
    )
    response["Retry-After"] = str(window["retry_after"])
    return response
