"""Unprefixed URLs: the release notes feeds."""

from django.urls import path

from .feeds import ReleaseNotesAtomFeed, ReleaseNotesRssFeed

app_name = "simulators_feeds"

urlpatterns = [
    path("feeds/release-notes.rss", ReleaseNotesRssFeed(), name="release_notes_rss"),
    path("feeds/release-notes.atom", ReleaseNotesAtomFeed(), name="release_notes_atom"),
]
