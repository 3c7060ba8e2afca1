"""The site-wide maintenance banner (``vt_site_banners`` hook).

Called on every request, also for cached pages, so the notice data is cached per language until the
next moment a window starts, ends or enters the horizon (never stale by the clock) and dropped when a
notice is published or unpublished. Dismissed notices are listed in a cookie (no JavaScript needed).
"""

import datetime as dt

from django.conf import settings
from django.core.cache import cache
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import get_language

from support.status import queries, rules

COOKIE = "vt_maintenance_dismissed"
CACHE_PREFIX = "maintenance:banner:v1:"
MAX_TTL = 600


def _horizon():
    return dt.timedelta(hours=settings.MAINTENANCE_BANNER_HORIZON_HOURS)


def _language():
    return (get_language() or settings.LANGUAGE_CODE).split("-")[0]


def banner_notices(language=None, now=None):
    """Plain dicts describing the windows to announce (cached; see the module docstring)."""
    language = language or _language()
    key = CACHE_PREFIX + language
    data = cache.get(key)
    if data is not None and (now is None or now < data["expires"]):
        return data["notices"]
    now = now or timezone.now()
    notices = [
        {
            "key": str(page.translation_key),
            "title": page.title,
            "url": page.url,
            "state": page.state(now),
            "starts": rules.format_moscow(page.starts_at),
            "ends": rules.format_moscow(page.effective_end),
        }
        for page in queries.windows_affecting(at=now, horizon=_horizon(), language=language)
    ]
    next_change = queries.next_change_after(now, _horizon())
    ttl = MAX_TTL if next_change is None else min(MAX_TTL, (next_change - now).total_seconds())
    ttl = max(1, int(ttl))
    expires = next_change if next_change is not None else now + dt.timedelta(seconds=MAX_TTL)
    cache.set(key, {"notices": notices, "expires": expires}, ttl)
    return notices


def forget():
    cache.delete_many([CACHE_PREFIX + code for code, _name in settings.LANGUAGES])


def dismissed_keys(request):
    return set(filter(None, request.COOKIES.get(COOKIE, "").split(".")))


def render_banner(request):
    notices = [n for n in banner_notices() if n["key"] not in dismissed_keys(request)]
    if not notices:
        return ""
    return render_to_string(
        "support/maintenance/banner.html",
        {"notices": notices, "next": request.get_full_path(), "language": _language()},
        request=request,
    )
