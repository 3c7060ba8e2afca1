"""The site-wide banner (``vt_site_banners`` hook): open major incidents and maintenance windows.

Called on every request, also for cached pages, so the notice data is cached per language
(``core.cache``) until the next moment a window starts, ends or enters the horizon (never stale by the
clock); publishing or unpublishing a notice starts a new content generation. The data names notices
only, so it is a scoped entry of no scope: a trainer's publishing leaves it warm. Dismissed notices
are listed in a cookie (no JavaScript needed). An open major incident is announced until it is resolved
(no dismissing an outage); saving an incident starts a new generation, which drops that entry.
"""

import datetime as dt
import uuid

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from core import languages
from core.cache import cached, forget
from support.status import queries, rules
from support.status.choices import IncidentImpact, IncidentStatus
from support.status.models.incidents import Incident

COOKIE = "vt_maintenance_dismissed"
MAX_TTL = 600
# The banner shows notices, no trainer: no scope but the base generation (core.cache).
SCOPES = []


def _horizon():
    return dt.timedelta(hours=settings.MAINTENANCE_BANNER_HORIZON_HOURS)


def _banner_data(language, now):
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
    return {"notices": notices, "expires": queries.valid_until(now, MAX_TTL, _horizon())}


def _seconds_left(data):
    return min(MAX_TTL, (data["expires"] - timezone.now()).total_seconds())


def banner_notices(language=None, now=None):
    """Plain dicts describing the windows to announce (cached; see the module docstring)."""
    language = languages.supported(language) if language else languages.current()
    name = f"status:banner:{language}"
    data = cached(
        name, lambda: _banner_data(language, now or timezone.now()), timeout=_seconds_left, scopes=SCOPES
    )
    if now is not None and now >= data["expires"]:
        forget(name, scopes=SCOPES)
        data = cached(name, lambda: _banner_data(language, now), timeout=_seconds_left, scopes=SCOPES)
    return data["notices"]


def forget_banner():
    """Drop the cached banner of every language (this process and the shared cache)."""
    for code in languages.codes():
        forget(f"status:banner:{code}", scopes=SCOPES)
        forget(f"status:banner:incidents:{code}", scopes=SCOPES)


def dismissed_keys(request):
    """The notice keys (UUIDs) the visitor dismissed; anything else in the cookie is dropped, so a
    forged cookie is never written back into a response header."""
    keys = set()
    for part in request.COOKIES.get(COOKIE, "").split(".")[:40]:
        try:
            keys.add(str(uuid.UUID(part)))
        except ValueError:
            continue
    return keys


def major_incidents(language=None):
    """``[{"title", "url", "status_label"}, ...]`` of the open major incidents to announce (cached)."""
    language = languages.supported(language) if language else languages.current()

    def compute():
        open_major = Incident.objects.unresolved().filter(impact=IncidentImpact.MAJOR).order_by("-started_at")
        with translation.override(language):
            return [
                {
                    "title": incident.title(language),
                    "url": incident.url(language),
                    "status_label": str(IncidentStatus(incident.status).label),
                }
                for incident in open_major
            ]

    # Incidents name no trainer: like the notices, an entry of no scope, warm across a trainer's publishing.
    return cached(f"status:banner:incidents:{language}", compute, scopes=SCOPES)


def render_banner(request):
    notices = [n for n in banner_notices() if n["key"] not in dismissed_keys(request)]
    incidents = major_incidents()
    if not notices and not incidents:
        return ""
    return render_to_string(
        "support/maintenance/banner.html",
        {
            "notices": notices,
            "incidents": incidents,
            "next": request.get_full_path(),
            "language": languages.current(),
        },
        request=request,
    )
