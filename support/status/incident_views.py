"""The public page of one incident, in the language of its URL."""

from django.http import Http404
from django.shortcuts import render
from wagtail.models import Locale

from core import languages
from core.routing import live_page_url
from support.status import incident_queries
from support.status.models import StatusPage


def incident(request, pk):
    language = languages.current()
    card = incident_queries.detail(pk, language)
    if card is None:
        raise Http404
    locale = Locale.objects.filter(language_code=language).first()
    status_url = live_page_url(StatusPage, locale.pk) if locale else ""
    return render(request, "support/incidents/incident.html", {"incident": card, "status_url": status_url})
