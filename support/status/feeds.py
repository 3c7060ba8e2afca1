"""Feeds of maintenance windows and incidents: iCalendar (RFC 5545), RSS and Atom."""

import datetime as dt
from dataclasses import dataclass

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
from support.status import incident_queries, queries, rules
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


def build_calendar(notices, base_url, incidents=()):
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
    for incident in incidents:
        cal.add_component(_incident_event(incident, base_url, now))
    return cal


def _incident_event(incident, base_url, now):
    """An incident as an event: from its start to its resolution (an open one has no end yet)."""
    event = icalendar.Event()
    event.add("uid", f"incident-{incident['id']}@vt-platform")
    event.add("dtstamp", now.astimezone(dt.UTC))
    event.add("dtstart", incident["started_at"].astimezone(dt.UTC))
    if incident["resolved_at"]:
        event.add("dtend", incident["resolved_at"].astimezone(dt.UTC))
    event.add("summary", f"{incident['impact_label']}: {incident['title']}")
    event.add("description", "\n\n".join(u["message"] for u in incident["updates"]))
    # Each update is a revision of the event a calendar app keeps.
    event.add("sequence", len(incident["updates"]))
    event.add("status", "CONFIRMED")
    event.add("last-modified", incident["updated_at"].astimezone(dt.UTC))
    event.add("url", base_url + incident["url"])
    return event


class CalendarView(APIView):
    """``GET /api/v1/maintenance/calendar.ics``: every window (cancelled ones marked CANCELLED) and the
    recent incidents."""

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
        incidents = incident_queries.feed(language)
        cal = build_calendar(notices, request.build_absolute_uri("/").rstrip("/"), incidents)
        response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
        response["Content-Disposition"] = 'attachment; filename="vt-maintenance.ics"'
        return response


@dataclass(frozen=True)
class FeedItem:
    """One entry of the RSS/Atom feeds: a maintenance notice or an incident."""

    title: str
    description: str
    link: str
    guid: str
    published: dt.datetime
    updated: dt.datetime


def _notice_item(notice):
    prefix = _("Cancelled: ") if notice.cancelled else ""
    return FeedItem(
        title=f"{prefix}{notice.title}",
        description=(
            f"{rules.format_moscow(notice.starts_at)} — {rules.format_moscow(notice.effective_end)}. "
            + strip_tags(notice.description)
        ),
        link=notice.url or "/",
        guid=f"{notice.translation_key}@vt-platform",
        published=notice.first_published_at,
        updated=notice.last_published_at,
    )


def _incident_item(incident):
    latest = incident["updates"][0] if incident["updates"] else None
    return FeedItem(
        title=f"{incident['impact_label']}: {incident['title']} ({incident['status_label']})",
        description=latest["message"] if latest else "",
        link=incident["url"],
        guid=f"incident-{incident['id']}@vt-platform",
        published=incident["started_at"],
        updated=latest["posted_at"] if latest else incident["started_at"],
    )


class MaintenanceRssFeed(Feed):
    """The latest maintenance notices and incidents as RSS (``?locale=en`` for English); an incident's
    entry is updated with each update of its timeline."""

    title = _("VT Platform maintenance")
    link = "/"
    description = _("Planned maintenance, incidents and critical updates of the virtual trainers platform.")

    def __call__(self, request, *args, **kwargs):
        with translation.override(languages.for_feed(request, languages.current())):
            return super().__call__(request, *args, **kwargs)

    def get_object(self, request):
        return languages.for_feed(request, languages.current())

    def items(self, language):
        qs = queries.all_live().order_by("-first_published_at")[: FEED_LIMIT * 2]
        notices = [_notice_item(n) for n in queries.one_per_notice(qs, language)[:FEED_LIMIT]]
        incidents = [_incident_item(i) for i in incident_queries.feed(language)]
        return sorted(notices + incidents, key=lambda item: item.updated or item.published, reverse=True)[
            :FEED_LIMIT
        ]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        return item.description

    def item_link(self, item):
        return item.link

    def item_guid(self, item):
        return item.guid

    item_guid_is_permalink = False

    def item_pubdate(self, item):
        return item.published

    def item_updateddate(self, item):
        return item.updated


class MaintenanceAtomFeed(MaintenanceRssFeed):
    feed_type = Atom1Feed
    subtitle = MaintenanceRssFeed.description
