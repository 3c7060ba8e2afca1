"""The search interface every backend implements, and the value objects it speaks."""

from dataclasses import dataclass, field

PAGE_SIZE = 10
FACET_SIZE = 50
SUGGEST_SIZE = 8


class SearchUnavailable(Exception):
    """The backend cannot answer now (unreachable, timed out); the caller falls back."""


@dataclass
class SearchQuery:
    """A cleaned query: ``alternatives`` are the text plus its synonym expansions."""

    text: str
    locale: str
    type: str | None = None
    filters: dict = field(default_factory=dict)  # facet kind -> value
    page: int = 1
    page_size: int = PAGE_SIZE
    alternatives: list = field(default_factory=list)


@dataclass
class Hit:
    page_id: int
    type: str
    title: str
    title_html: str
    snippet_html: str
    url: str
    score: float = 0.0
    promoted: bool = False


@dataclass
class Results:
    hits: list
    total: int
    type_counts: dict
    facets: dict  # kind -> [(value, count)]
    page: int = 1
    page_size: int = PAGE_SIZE
    backend: str = ""
    corrected: str | None = None
    promoted: list = field(default_factory=list)

    @property
    def num_pages(self):
        return max(1, -(-self.total // self.page_size))

    @property
    def has_next(self):
        return self.page < self.num_pages

    @property
    def has_previous(self):
        return self.page > 1


@dataclass
class Suggestion:
    title: str
    url: str
    type: str


class SearchBackend:
    """One small interface: index, remove, query, suggest, rebuild, status."""

    name = "base"

    def index(self, documents, refresh=False):
        """Add or replace ``SearchDocument`` rows; ``refresh`` makes them searchable before returning."""
        raise NotImplementedError

    def remove(self, keys, refresh=False):
        """Remove documents by ``(page_id, locale)`` keys."""
        raise NotImplementedError

    def query(self, search_query):
        """Run a ``SearchQuery`` and return ``Results``."""
        raise NotImplementedError

    def suggest(self, text, locale, size=SUGGEST_SIZE):
        """Title completions for what the user is typing."""
        raise NotImplementedError

    def rebuild(self):
        """Rebuild the whole index from the database; returns counts per locale."""
        raise NotImplementedError

    def status(self):
        """Document counts per locale and type: ``{locale: {type: n}}``."""
        raise NotImplementedError
