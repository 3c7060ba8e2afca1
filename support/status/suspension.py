"""Access suspended during announced works (the service rules: "access is suspended during the works").

A live notice whose impact is "unavailable (maintenance)" suspends, while its window is in progress, the
services it names (trainer launch, build downloads; both when it names none of them or covers the whole
platform) for the trainers it names (every trainer when it names none or covers the whole platform).
A "degraded performance" notice suspends nothing. Asked on every download and launch, so the windows in
progress are cached per language until the next start or end of a window (``core.cache``; publishing a
notice starts a new content generation), like the banner.
"""

from django.utils import timezone

from core import languages
from core.cache import cached
from support.status import queries, rules
from support.status.choices import NoticeImpact

# The services a window can suspend (codes of ``choices.COMPONENT_CHOICES``).
SUSPENDABLE = ("launcher", "downloads")
MAX_TTL = 600


def _windows_in_progress(language, now):
    windows = []
    for notice in queries.windows_affecting(at=now, language=language):
        if notice.impact != NoticeImpact.MAINTENANCE:
            continue
        named = [code for code in notice.components if code in SUSPENDABLE]
        if notice.components and not named and not notice.whole_platform:
            continue  # it names only services that are not suspended (e.g. the website)
        everything = notice.whole_platform
        windows.append(
            {
                "title": notice.title,
                "url": notice.url,
                "ends_at": notice.effective_end,
                "ends": rules.format_moscow(notice.effective_end),
                "services": list(SUSPENDABLE) if everything or not named else named,
                "trainer_keys": None
                if everything
                else [str(key) for key in notice.trainers.values_list("translation_key", flat=True)] or None,
            }
        )
    return {"windows": windows, "expires": queries.valid_until(now, MAX_TTL)}


def suspension(trainer_key, service, *, language=None, now=None):
    """The window suspending ``service`` of the trainer with ``trainer_key`` now, or None.

    Returns ``{"title", "url", "ends", "retry_after"}`` (``ends`` in Moscow time, ``retry_after`` in
    seconds, at least 1).
    """
    language = languages.supported(language) if language else languages.current()
    now = now or timezone.now()
    data = cached(
        f"status:suspension:{language}",
        lambda: _windows_in_progress(language, now),
        timeout=lambda data: max(1, min(MAX_TTL, (data["expires"] - timezone.now()).total_seconds())),
        scopes=[],
    )
    for window in data["windows"]:
        if service not in window["services"] or window["ends_at"] <= now:
            continue
        if window["trainer_keys"] is not None and str(trainer_key) not in window["trainer_keys"]:
            continue
        return {
            "title": window["title"],
            "url": window["url"],
            "ends": window["ends"],
            "retry_after": max(1, int((window["ends_at"] - now).total_seconds())),
        }
    return None
