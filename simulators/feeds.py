"""RSS and Atom feeds of release notes: ``/feeds/release-notes.rss|atom?locale=en&trainer=<slug>``.

The feeds live outside the language prefix (stable URLs for feed readers), so the language comes
from ``?locale=`` (``core.languages.for_feed``; ``ru`` by default); ``?trainer=`` narrows the feed to
one trainer.
"""

from datetime import datetime, time

from django.contrib.syndication.views import Feed
from django.http import Http404
from django.utils import timezone, translation
from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.html import strip_tags
from django.utils.translation import gettext as _

from core import languages

from .release_notes import find_trainer, notes_queryset


class ReleaseNotesRssFeed(Feed):
    feed_type = Rss201rev2Feed

    def get_object(self, request):
        language = languages.for_feed(request, languages.default())
        trainer = None
        if request.GET.get("trainer"):
            try:
                trainer = find_trainer(request.GET["trainer"])
            except LookupError as exc:
                raise Http404(str(exc)) from exc
        return {"language": language, "trainer": trainer}

    def __call__(self, request, *args, **kwargs):
        with translation.override(languages.for_feed(request, languages.default())):
            return super().__call__(request, *args, **kwargs)

    def title(self, obj):
        if obj["trainer"]:
            return _("VT Platform release notes: %(trainer)s") % {"trainer": obj["trainer"].title}
        return _("VT Platform release notes")

    def link(self, obj):
        first = self.items(obj)[:1]
        if first:
            return first[0].get_parent().url
        return f"/{obj['language']}/"

    def description(self, obj):
        return _("What changed in the virtual trainers of VT Platform.")

    def items(self, obj):
        trainer_ref = obj["trainer"].pk if obj["trainer"] else None
        return notes_queryset(obj["language"], trainer_ref)[:30]

    def item_title(self, item):
        return f"{item.title} ({item.version})"

    def item_description(self, item):
        if item.summary:
            return item.summary
        return " ".join(strip_tags(str(block.value["text"])) for block in item.changes)[:500]

    def item_link(self, item):
        return item.url

    def item_pubdate(self, item):
        return timezone.make_aware(datetime.combine(item.release_date, time(12)))

    def item_updateddate(self, item):
        return item.last_published_at

    def item_guid(self, item):
        return f"release-note-{item.translation_key}-{item.locale.language_code}"

    item_guid_is_permalink = False


class ReleaseNotesAtomFeed(ReleaseNotesRssFeed):
    feed_type = Atom1Feed
    subtitle = ReleaseNotesRssFeed.description
