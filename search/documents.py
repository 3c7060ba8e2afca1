"""Elasticsearch index definitions (elasticsearch-dsl), one index per locale behind an alias.

Indices are versioned (``<prefix>-<locale>-<timestamp>``) and reached through the alias
``<prefix>-<locale>``; a rebuild fills a new version and swaps the alias atomically. The mapping code is
shared by the two analysis profiles:

- "full" (production): russian/english analyzers with stop words and stemming, an edge-ngram
  ``title.ac`` sub-field for autocomplete (needs the analysis-common module) and an unstemmed
  ``title.plain`` sub-field that typos are matched against (a stem is too short to forgive a typo:
  «weldng» is one edit from «welding» but two from its stem «weld»);
- "core" (the test server without analysis-common): the built-in ``standard`` analyzer everywhere;
  autocomplete uses prefix (``bool_prefix``) queries instead of n-grams.

ё/е folding is done in code before indexing and querying (``search.text.fold``) on both profiles.
"""

from django.conf import settings
from django.utils import timezone
from elasticsearch_dsl import Date, Document, Index, Integer, Keyword, Mapping, Text, analyzer, token_filter

PROFILES = ("full", "core")

_STOP = {"ru": "_russian_", "en": "_english_"}
_STEM = {"ru": "russian", "en": "english"}


def profile():
    value = settings.ELASTICSEARCH_ANALYSIS_PROFILE
    if value not in PROFILES:
        raise ValueError(f"ELASTICSEARCH_ANALYSIS_PROFILE must be one of {PROFILES}, not {value!r}")
    return value


def alias_name(locale):
    return f"{settings.ELASTICSEARCH_INDEX_PREFIX}-{locale}".lower()


def new_index_name(locale):
    return f"{alias_name(locale)}-{timezone.now():%Y%m%d%H%M%S%f}"


def text_analyzer(locale, analysis_profile):
    if analysis_profile == "core":
        return "standard"
    language = locale if locale in _STEM else "en"
    return analyzer(
        f"text_{language}",
        tokenizer="standard",
        filter=[
            "lowercase",
            token_filter(f"stop_{language}", "stop", stopwords=_STOP[language]),
            token_filter(f"stem_{language}", "stemmer", language=_STEM[language]),
        ],
    )


AUTOCOMPLETE = analyzer(
    "autocomplete",
    tokenizer="standard",
    filter=["lowercase", token_filter("autocomplete_edge", "edge_ngram", min_gram=1, max_gram=20)],
)
AUTOCOMPLETE_SEARCH = analyzer("autocomplete_search", tokenizer="standard", filter=["lowercase"])


class SearchEntry(Document):
    """A search document as stored in a locale index (text fields get their analyzers per locale)."""

    page_id = Integer()
    locale = Keyword()
    type = Keyword()
    title = Text()
    summary = Text()
    body = Text()
    tags = Text()
    display_title = Keyword(index=False)
    display_summary = Text(index=False)
    url = Keyword(index=False)
    industry = Keyword()
    platform = Keyword()
    published_at = Date()


def mapping(locale, analysis_profile=None):
    """The mapping of a locale index under the given analysis profile."""
    analysis_profile = analysis_profile or profile()
    text = text_analyzer(locale, analysis_profile)
    title_fields = {"raw": Keyword()}
    if analysis_profile == "full":
        title_fields["ac"] = Text(analyzer=AUTOCOMPLETE, search_analyzer=AUTOCOMPLETE_SEARCH)
        title_fields["plain"] = Text(analyzer="standard", index_options="offsets")
    result = Mapping()
    for name, field in SearchEntry._doc_type.mapping.properties.to_dict()["properties"].items():
        result.field(name, field["type"], **{k: v for k, v in field.items() if k != "type"})
    # Offsets in the postings let the unified highlighter mark hits without re-analysing the text.
    result.field("title", Text(analyzer=text, fields=title_fields, index_options="offsets"))
    for name in ("summary", "body"):
        result.field(name, Text(analyzer=text, index_options="offsets"))
    result.field("tags", Text(analyzer=text))
    return result


def typo_title_field(analysis_profile=None):
    """The title field whose words a typo is measured against: unstemmed words under either profile."""
    return "title.plain" if (analysis_profile or profile()) == "full" else "title"


def build_index(locale, name=None, analysis_profile=None):
    """An unsaved ``Index`` with settings, analysis and mapping for ``locale``."""
    index = Index(name or new_index_name(locale))
    index.settings(
        number_of_shards=settings.ELASTICSEARCH_SHARDS,
        number_of_replicas=settings.ELASTICSEARCH_REPLICAS,
        refresh_interval="1s",
    )
    index.mapping(mapping(locale, analysis_profile))
    return index
