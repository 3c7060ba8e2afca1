"""Search storage: the document table (the database backend's index and the source for Elasticsearch),
its facet values, the pending Elasticsearch operations, and the editors' synonym list."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from search.text import normalize

TYPE_CHOICES = [
    ("trainer", _("Trainers")),
    ("release_note", _("Release notes")),
    ("notice", _("Notices")),
    ("page", _("Pages")),
]
TYPE_KEYS = [key for key, _label in TYPE_CHOICES]
FACET_KINDS = ("industry", "platform")


class SearchDocument(models.Model):
    """One live, public page as the search sees it, per locale.

    Text columns hold ё/е-folded, lower-cased text for matching (``search_*``) next to the display text.
    On PostgreSQL a stored generated column ``search_vector`` holds the weighted
    ``to_tsvector('russian'|'english', ...)`` of the row's locale, GIN-indexed per locale (migration 0003).
    """

    page = models.OneToOneField("wagtailcore.Page", on_delete=models.CASCADE, related_name="+")
    locale = models.CharField(max_length=8, db_index=True)
    type = models.CharField(max_length=20, choices=TYPE_CHOICES, db_index=True)
    title = models.CharField(max_length=255)
    summary = models.TextField(blank=True)
    body = models.TextField(blank=True)
    url = models.CharField(max_length=500)
    facets = models.JSONField(default=dict, blank=True)
    search_title = models.TextField(blank=True)
    search_summary = models.TextField(blank=True)
    search_body = models.TextField(blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    # Suggestions list trainers first, then release notes, notices and pages. Stored, so that one
    # index hands them over in that order and the suggest query stops after the first few matches
    # instead of sorting every title that starts with a common prefix.
    type_rank = models.GeneratedField(
        expression=models.Case(
            *[models.When(type=key, then=models.Value(rank)) for rank, key in enumerate(TYPE_KEYS)],
            default=models.Value(len(TYPE_KEYS)),
        ),
        output_field=models.SmallIntegerField(),
        db_persist=True,
    )

    class Meta:
        indexes = [
            models.Index(fields=["locale", "type"]),
            # Covering on PostgreSQL: suggestions are read from the index alone.
            models.Index(
                fields=["locale", "type_rank", "title"],
                include=["id", "type", "url", "search_title"],
                name="search_doc_suggest",
            ),
        ]

    def __str__(self):
        return f"{self.locale}/{self.type}: {self.title}"

    def readable_body(self):
        """The body without the facet names ``search.registry.extract`` appends to it for matching.

        Snippets come from here: a run of industry and platform names is no passage to read. Only the
        length of the appended text is needed, and it does not depend on the order of the facets
        (PostgreSQL's jsonb reorders keys)."""
        facet_text = " ".join(value for values in (self.facets or {}).values() for value in values)
        if not facet_text:
            return self.body
        return self.body[: max(0, len(self.body) - len(facet_text))].rstrip()

    def as_source(self):
        """The Elasticsearch ``_source`` of this document."""
        facets = self.facets or {}
        return {
            "page_id": self.page_id,
            "locale": self.locale,
            "type": self.type,
            "title": self.search_title,
            "summary": self.search_summary,
            "body": self.search_body,
            "display_title": self.title,
            "display_summary": self.summary,
            "url": self.url,
            "industry": facets.get("industry", []),
            "platform": facets.get("platform", []),
            "tags": " ".join(
                value for key in ("industry", "profession", "platform") for value in facets.get(key, [])
            ).casefold(),
            "published_at": self.published_at.isoformat() if self.published_at else None,
        }


class SearchFacet(models.Model):
    """A facet value of a document (industry or platform name), for counts on the database backend."""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facet_values")
    kind = models.CharField(max_length=20)
    value = models.CharField(max_length=255)

    class Meta:
        indexes = [models.Index(fields=["kind", "value"])]

    def __str__(self):
        return f"{self.kind}={self.value}"


class PendingIndexOperation(models.Model):
    """An Elasticsearch update not yet confirmed by the cluster (retried until it is)."""

    INDEX, REMOVE = "index", "remove"

    page_id = models.IntegerField()
    locale = models.CharField(max_length=8)
    action = models.CharField(max_length=10, choices=[(INDEX, INDEX), (REMOVE, REMOVE)])
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)
    queued_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["page_id", "locale"], name="search_pending_unique")]

    def __str__(self):
        return f"{self.action} {self.locale}/{self.page_id}"


class SearchSynonym(index.Indexed, models.Model):
    """Equivalent phrases expanded at query time, e.g. "ОТ, охрана труда"."""

    terms = models.CharField(
        _("equivalent terms"),
        max_length=500,
        help_text=_(
            "Comma-separated phrases that mean the same, e.g. “ОТ, охрана труда”. A term written in "
            "capitals (an abbreviation such as ОТ or VR) only matches when typed in capitals."
        ),
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    panels = [FieldPanel("terms"), FieldPanel("enabled")]
    search_fields = [index.SearchField("terms")]

    class Meta:
        verbose_name = _("search synonym")
        verbose_name_plural = _("search synonyms")
        ordering = ["terms"]

    def __str__(self):
        return self.terms

    def phrases(self):
        return [phrase.strip() for phrase in self.terms.split(",") if phrase.strip()]


class WordFamily(index.Indexed, models.Model):
    """Related words users mean together (сварка, сварной, сварщик), matched in any grammatical form."""

    words_text = models.CharField(
        _("related words"),
        max_length=500,
        help_text=_(
            "Comma-separated words of one family, e.g. “сварка, сварной, сварщик, сварочный”. A query "
            "with any form of one of them (“сварных”, “сварщика”) also finds pages with the others."
        ),
    )
    enabled = models.BooleanField(_("enabled"), default=True)

    panels = [FieldPanel("words_text"), FieldPanel("enabled")]
    search_fields = [index.SearchField("words_text")]

    class Meta:
        verbose_name = _("word family")
        verbose_name_plural = _("word families")
        ordering = ["words_text"]

    def __str__(self):
        return self.words_text

    def words(self):
        """The family's words, normalised as queries are (lower case, ё folded)."""
        return [normalize(word) for word in self.words_text.split(",") if normalize(word)]
