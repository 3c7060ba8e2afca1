"""Feeds of maintenance windows: iCalendar (RFC 5545), RSS and Atom."""

import datetime as dt

import icalendar
from django.contrib.syndication.views import Feed
from django.http import HttpResponse
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.views import APIView

from core import languages
from core.api import requested_language
from support.status import queries, rules
from support.status.models import NoticeDispatch

FEED_LIMIT = 50
PRODID = "-//VT Platform//Maintenance windows//RU"


def sequence_of(notice):
    """Increases on every material change: the number of announcements sent about the notice."""
    return NoticeDispatch.objects.filter(
        notice_key=notice.translation_key,
        event__in=[
            NoticeDispatch.Event.PUBLISHED,
            NoticeDispatch.Event.CHANGED,
            NoticeDispatch.Event.CANCELLED,
        ],
    ).count()


def build_calendar(notices, base_url):
    cal = icalendar.Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    cal.add("x-wr-calname", "VT Platform maintenance")
    now = timezone.now()
    for notice in notices:
        event = icalendar.Event()
        event.add("uid", f"{notice.translation_key}@vt-platform")
        event.add("dtstamp", now.astimezone(dt.UTC))
        event.add("dtstart", notice.starts_at.astimezone(dt.UTC))
        event.add("dtend", notice.effective_end.astimezone(dt.UTC))
        event.add("summary", notice.title)
        event.add("description", strip_tags(notice.description))
        event.add("sequence", sequence_of(notice))
        event.add("status", "CANCELLED" if notice.cancelled else "CONFIRMED")
        if notice.last_published_at:
            event.add("last-modified", notice.last_published_at.astimezone(dt.UTC))
        if notice.url:
            event.add("url", base_url + notice.url)
        cal.add_component(event)
    return cal


class CalendarView(APIView):
    """``GET /api/v1/maintenance/calendar.ics``: every window (cancelled ones marked CANCELLED)."""

    authentication_classes = []
    permission_classes = []

    @extend_schema(
        responses={(200, "text/calendar"): OpenApiTypes.STR},
        parameters=[
            OpenApiParameter("locale", str, enum=list(languages.codes()), description="Language of the texts")
        ],
    )
    def get(self, request):
        # Calendar apps keep a subscription's URL: those made before ``locale`` still say ``lang``.
        language = requested_language(request.GET, languages.current(), legacy=True)
        notices = queries.one_per_notice(queries.all_live().order_by("starts_at", "pk"), language)
        cal = build_calendar(notices, request.build_absolute_uri("/").rstrip("/"))
        response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="vt-maintenance.ics"'
        return response


class MaintenanceRssFeed(Feed):
    """The latest maintenance notices as RSS (``?locale=en`` for English)."""

    title = _("VT Platform maintenance")
    link = "/"
    description = _("Planned maintenance and critical updates of the virtual trainers platform.")

    def __call__(self, request, *args, **kwargs):
        with translation.override(languages.for_feed(request, languages.current())):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        return languages.for_feed(request, languages.current())

    def items(self, language):
        qs = queries.all_live().order_by("-first_published_at")[: FEED_LIMIT * 2]
        return queries.one_per_notice(qs, language)[:FEED_LIMIT]

    def item_title(self, item):
        prefix = _("Cancelled: ") if item.cancelled else ""
        return f"{prefix}{item.title}"

    def item_description(self, item):
        return (
            f"{rules.format_moscow(item.starts_at)} — {rules.format_moscow(item.effective_end)}. "
            + strip_tags(item.description)
        )

    def item_link(self, item):
        return item.url or "/"

    def item_guid(self, item):
        return f"{item.translation_key}@vt-platform"

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.first_published_at

    def item_updateddate(self, item):
        return item.last_published_at


class MaintenanceAtomFeed(MaintenanceRssFeed):
    feed_type = Atom1Feed
    subtitle = MaintenanceRssFeed.description
