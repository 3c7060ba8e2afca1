"""Taxonomy terms of trainers in a requested locale, loaded with a constant number of queries.

Pages may point at taxonomy rows of another locale (wagtail-localize copies many-to-many values of
the source page as they are), so terms are matched by their language-independent ``slug`` and shown
with the name of the requested locale, falling back to any other locale's name.

The taxonomy of trainers is their four many-to-many fields (``FACET_FIELDS``): the snippet models
and link tables are read from the trainer model given (``SimulatorPage``), so this module imports
none of the catalogue's models (the models use it).
"""

from dataclasses import dataclass

from django.db import connection
from django.db.models import CharField, F, Value

from catalogue.cache import cached

FACET_FIELDS = {
    "industry": "industries",
    "profession": "professions",
    "platform": "platforms",
    "language": "languages",
}


@dataclass(frozen=True)
class Term:
    facet: str
    slug: str
    name: str
    sort_order: int
    kind: str = ""

    def as_dict(self):
        data = {"slug": self.slug, "name": self.name}
        if self.kind:
            data["kind"] = self.kind
        return data


def _facet_field(trainer_model, facet):
    return trainer_model._meta.get_field(FACET_FIELDS[facet])


def _taxonomy_rows(trainer_model):
    queries = []
    for facet in FACET_FIELDS:
        model = _facet_field(trainer_model, facet).related_model
        kind = F("kind") if facet == "platform" else Value("", output_field=CharField())
        queries.append(
            model.objects.order_by()
            .annotate(facet=Value(facet, output_field=CharField()), kind_value=kind)
            .values_list("facet", "id", "slug", "name", "locale_id", "sort_order", "kind_value")
        )
    first, *rest = queries
    return list(first.union(*rest, all=True))


class TaxonomyIndex:
    """Every taxonomy row of every locale, from one UNION query cached until taxonomy changes.

    ``trainer_model`` is the page model whose many-to-many fields are the facets (``SimulatorPage``)."""

    def __init__(self, locale_id, trainer_model):
        self.locale_id = locale_id
        self.trainer_model = trainer_model
        self.slug_by_id = {}
        terms = {}
        rows = cached("taxonomy", lambda: _taxonomy_rows(trainer_model))
        for facet, pk, slug, name, locale_id, sort_order, kind in rows:
            self.slug_by_id[(facet, pk)] = slug
            key = (facet, slug)
            # Keep the requested locale's row; otherwise whichever row came first.
            if key not in terms or locale_id == self.locale_id:
                terms[key] = Term(facet, slug, name, sort_order, kind)
        self.terms = terms

    def term(self, facet, slug):
        return self.terms.get((facet, slug))

    def by_id(self, facet, pk):
        slug = self.slug_by_id.get((facet, pk))
        return self.terms.get((facet, slug)) if slug else None

    def choices(self, facet):
        """The terms of a facet in display order."""
        found = [term for (term_facet, _), term in self.terms.items() if term_facet == facet]
        return sorted(found, key=lambda term: (term.sort_order, term.name))


def _link_rows(trainer_model, ids):
    """``(facet, page id, term id)`` for every taxonomy link of the pages, in one UNION query.

    Written out rather than built with the ORM: compiling four annotated subqueries and their union
    took longer than running them, on every listing and trainer page."""
    quote = connection.ops.quote_name
    placeholders = ", ".join(["%s"] * len(ids))
    parts = []
    for facet in FACET_FIELDS:
        field = _facet_field(trainer_model, facet)
        through = field.remote_field.through
        page_column = through._meta.get_field(field.m2m_field_name()).column
        target = through._meta.get_field(field.m2m_reverse_field_name()).column
        table, page, term = quote(through._meta.db_table), quote(page_column), quote(target)
        # Only model names and our facet keys are interpolated; the ids are parameters.
        parts.append(f"SELECT '{facet}', {page}, {term} FROM {table} WHERE {page} IN ({placeholders})")  # noqa: S608
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts), ids * len(parts))
        return cursor.fetchall()


def attach_taxonomy(pages, locale_id, index=None):
    """Set ``page.taxonomy = {facet: [Term, ...]}`` on each page (trainer pages, all of one model)
    with two queries in total."""
    pages = [page for page in pages if page is not None]
    if not pages:
        return index
    index = index or TaxonomyIndex(locale_id, type(pages[0]))
    links = {}
    for facet, page_id, target_id in _link_rows(index.trainer_model, [page.pk for page in pages]):
        term = index.by_id(facet, target_id)
        if term is not None:
            links.setdefault(page_id, {}).setdefault(facet, set()).add(term)
    for page in pages:
        found = links.get(page.pk, {})
        page.taxonomy = {
            facet: sorted(found.get(facet, ()), key=lambda term: (term.sort_order, term.name))
            for facet in FACET_FIELDS
        }
    return index
