"""Filtering, facet counts, sorting and pagination of trainers: one implementation for the HTML
listing and the JSON API.

Within a facet the chosen values are alternatives (OR); different facets combine (AND). The count of
a facet value is the number of trainers matching every *other* active filter plus that value, so a
visitor sees what each choice would give.

Facet counts, the total and which trainers each page of results holds come from the catalogue's
facet index (``catalogue.facet_index``: the trainers of each facet value as bit sets), cached once per
catalogue page and language for the catalogue's generation (``catalogue.cache``) and built again in
the background after each change (``catalogue.tasks``). Any filter
combination, visited first or again, is computed from it in memory, so the cache holds no entry per
combination (nothing to bound) and a listing reads only the cards of its page (by primary key), their
renditions and their taxonomy links.

The catalogue page (a model) builds its listing here, so this module imports none of the models: it
lists the trainer model it is given (``SimulatorPage``) and reads everything else from its querysets.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext_lazy as _

from catalogue.cache import CATALOGUE, cached, public
from catalogue.cards import CARD_FIELDS, card_renditions, prepare_cards
from catalogue.choices import MAX_DURATION_MINUTES, Difficulty
from catalogue.facet_index import FacetIndex
from catalogue.taxonomy import FACET_FIELDS, TaxonomyIndex
from core.params import parse_int

MULTI_FACETS = ["industry", "profession", "platform", "language", "difficulty"]
SORTS = {
    "title": ("title", "pk"),
    "newest": ("-first_published_at", "-pk"),
}
DEFAULT_SORT = "title"
MAX_VALUES_PER_FACET = 20
MAX_VALUE_LENGTH = 80
# How long visitors wait for another process's build of a facet index before building it themselves
# (a build takes about 1.5 s at 10,000 trainers on a loaded machine).
FACET_INDEX_LOCK_SECONDS = 30
# Past any real listing; a larger page number is a 404 (HTML) or a 400 (API), not an overflow.
MAX_PAGE = 999_999_999
MAX_PER_PAGE = 100
FACET_LABELS = {
    "industry": _("Industry"),
    "profession": _("Profession"),
    "platform": _("Platform"),
    "language": _("Trainer language"),
    "difficulty": _("Difficulty"),
}


class InvalidQuery(ValueError):
    """Raised in strict mode (the API) with ``fields`` = {parameter: message}."""

    def __init__(self, fields):
        super().__init__("invalid query")
        self.fields = fields


@dataclass
class Query:
    """Cleaned listing parameters."""

    values: dict = field(default_factory=dict)  # facet -> list of slugs
    duration_min: int | None = None
    duration_max: int | None = None
    sort: str = DEFAULT_SORT
    page: int = 1
    per_page: int = 12

    def params(self, **overrides):
        """GET parameters of this query (for links), with some values replaced."""
        items = []
        for facet in MULTI_FACETS:
            items += [(facet, value) for value in self.values.get(facet, [])]
        if self.duration_min is not None:
            items.append(("duration_min", self.duration_min))
        if self.duration_max is not None:
            items.append(("duration_max", self.duration_max))
        if self.sort != DEFAULT_SORT:
            items.append(("sort", self.sort))
        result = [(name, value) for name, value in items if name not in overrides]
        result += [(name, value) for name, value in overrides.items() if value is not None]
        return urlencode(result)

    @property
    def active_filter_count(self):
        """How many filters are on: each chosen facet value and each duration bound counts once."""
        bounds = (self.duration_min, self.duration_max)
        return sum(len(v) for v in self.values.values()) + sum(b is not None for b in bounds)

    @property
    def is_filtered(self):
        return any(self.values.values()) or self.duration_min is not None or self.duration_max is not None


def _int(raw, name, errors, strict, minimum, maximum):
    if raw in (None, ""):
        return None
    value = parse_int(raw)
    if value is None:
        if strict:
            errors[name] = str(_("Enter a whole number."))
        return None
    if not minimum <= value <= maximum:
        if strict:
            errors[name] = str(
                _("Enter a number from %(min)s to %(max)s.") % {"min": minimum, "max": maximum}
            )
        return None
    return value


def parse_query(params, index, *, strict=False, per_page=12):
    """Clean GET parameters. Lenient mode (HTML) drops what it does not understand; strict mode (API)
    raises :class:`InvalidQuery`. Only a bad page number is never dropped: it makes a 404."""
    errors = {}
    query = Query(per_page=per_page)
    known = {facet: {term.slug for term in index.choices(facet)} for facet in FACET_FIELDS}
    known["difficulty"] = set(Difficulty.values)
    for facet in MULTI_FACETS:
        raw_values = params.getlist(facet)[: MAX_VALUES_PER_FACET + 1]
        values = []
        for raw in raw_values:
            value = raw.strip()[: MAX_VALUE_LENGTH + 1]
            if not value:
                continue
            if value in known[facet] and len(value) <= MAX_VALUE_LENGTH:
                if value not in values:
                    values.append(value)
            elif strict:
                errors[facet] = str(_("Unknown value “%(value)s”.") % {"value": value[:MAX_VALUE_LENGTH]})
        if len(raw_values) > MAX_VALUES_PER_FACET and strict:
            errors[facet] = str(_("Too many values."))
        query.values[facet] = values[:MAX_VALUES_PER_FACET]
    query.duration_min = _int(
        params.get("duration_min"), "duration_min", errors, strict, 0, MAX_DURATION_MINUTES
    )
    query.duration_max = _int(
        params.get("duration_max"), "duration_max", errors, strict, 0, MAX_DURATION_MINUTES
    )
    if (
        query.duration_min is not None
        and query.duration_max is not None
        and query.duration_min > query.duration_max
    ):
        if strict:
            errors["duration_max"] = str(_("The maximum duration is smaller than the minimum."))
        else:
            query.duration_min, query.duration_max = query.duration_max, query.duration_min
    sort = (params.get("sort") or DEFAULT_SORT).strip()
    if sort in SORTS:
        query.sort = sort
    elif strict:
        errors["sort"] = str(_("Choose one of: %(choices)s.") % {"choices": ", ".join(SORTS)})
    page = parse_int(params.get("page") or "1", minimum=1, maximum=MAX_PAGE)
    if page is None:
        if strict:
            errors["page"] = str(_("Enter a page number from 1."))
        else:
            raise Http404("invalid page number")
    else:
        query.page = page
    if "per_page" in params:
        per_page_value = _int(params.get("per_page"), "per_page", errors, strict, 1, MAX_PER_PAGE)
        if per_page_value:
            query.per_page = per_page_value
    if errors:
        raise InvalidQuery(errors)
    return query


def base_queryset(trainer_model, locale_id, index_page=None):
    """Live, public trainers of a locale (under a catalogue page when one is given)."""
    queryset = public(trainer_model.objects.live().filter(locale_id=locale_id))
    if index_page is not None:
        queryset = queryset.filter(path__startswith=index_page.path, depth=index_page.depth + 1)
    return queryset


@dataclass
class Listing:
    query: Query
    results: list
    paginator: Paginator
    page: object
    facets: list  # [{"name", "label", "options": [{"slug", "name", "count", "selected", "kind"}]}]
    total: int

    def page_url(self, number):
        params = self.query.params(page=number if number > 1 else None)
        return f"?{params}" if params else "?"

    @property
    def sort_options(self):
        return [
            {"value": "title", "label": _("Title"), "selected": self.query.sort == "title"},
            {"value": "newest", "label": _("Newest"), "selected": self.query.sort == "newest"},
        ]

    @property
    def previous_url(self):
        return self.page_url(self.page.previous_page_number()) if self.page.has_previous() else None

    @property
    def next_url(self):
        return self.page_url(self.page.next_page_number()) if self.page.has_next() else None

    @property
    def clear_url(self):
        params = self.query.params(**dict.fromkeys([*MULTI_FACETS, "duration_min", "duration_max"]))
        return f"?{params}" if params else "?"


def facet_index(trainer_model, locale_id, index_page=None):
    """The facet index of a catalogue page (without one: of every trainer of the locale, the API's),
    once per catalogue generation. The task queued by the change builds it (``catalogue.tasks``); a
    visitor who comes first builds it, and those who come meanwhile wait for that one build."""
    base = base_queryset(trainer_model, locale_id, index_page)
    scope = index_page.pk if index_page is not None else "all"
    return cached(
        f"facet-index:{locale_id}:{scope}",
        lambda: FacetIndex.build(base, trainer_model, locale_id),
        scopes=[CATALOGUE],
        lock=FACET_INDEX_LOCK_SECONDS,
    )


def _cards_of_page(model, ids):
    """The trainers ``ids`` (one page of results), read fresh, in order: one query by primary key."""
    cards = (
        model.objects.filter(pk__in=ids)
        .only(*CARD_FIELDS)
        .select_related("hero_image")
        .prefetch_related(Prefetch("hero_image__renditions", queryset=card_renditions()))
    )
    position = {pk: i for i, pk in enumerate(ids)}
    return sorted(cards, key=lambda card: position[card.pk])


def build_listing(params, *, trainer_model, locale_id, index_page=None, strict=False, request=None):
    """Run the listing of ``trainer_model`` pages (``SimulatorPage``) for GET ``params``. Raises Http404
    (lenient) or InvalidQuery (strict).

    Each result gets ``card_image``, ``card_url`` (with ``request``: the request's cached site
    root paths make the URLs cheap) and ``taxonomy``."""
    index = TaxonomyIndex(locale_id, trainer_model)
    per_page = index_page.per_page if index_page is not None else 12
    query = parse_query(params, index, strict=strict, per_page=per_page)
    base = base_queryset(trainer_model, locale_id, index_page)
    trainers = facet_index(trainer_model, locale_id, index_page)
    matching = trainers.matching(query)
    total = matching.bit_count()
    paginator = Paginator(base, query.per_page)
    paginator.count = total  # replaces the cached property: no COUNT query
    try:
        page = paginator.page(query.page)
    except (EmptyPage, PageNotAnInteger):
        if query.page == 1:
            page = paginator.page(1)  # no results at all: an empty first page
        elif strict:
            raise InvalidQuery({"page": str(_("There is no such page."))}) from None
        else:
            raise Http404("no such page") from None
    bottom = (page.number - 1) * query.per_page
    ids = trainers.page_ids(matching, query.sort, bottom, query.per_page)
    page.object_list = _cards_of_page(trainer_model, ids)
    results = prepare_cards(page.object_list, locale_id, request, index)
    counts = trainers.counts(query, MULTI_FACETS)
    facets = []
    for facet in MULTI_FACETS:
        if facet == "difficulty":
            terms = [(value, label, "") for value, label in Difficulty.choices]
        else:
            terms = [(term.slug, term.name, term.kind) for term in index.choices(facet)]
        options = [
            {
                "slug": slug,
                "name": name,
                "kind": kind,
                "count": counts[facet].get(slug, 0),
                "selected": slug in query.values.get(facet, []),
            }
            for slug, name, kind in terms
        ]
        facets.append({"name": facet, "label": FACET_LABELS[facet], "options": options})
    return Listing(query, results, paginator, page, facets, total)
