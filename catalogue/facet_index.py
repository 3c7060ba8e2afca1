"""Which trainers of a catalogue hold each facet value, as bit sets: the facet counts, the total and
the trainers of a page of results of any filter combination, computed in memory.

Why bit sets: counting with SQL (a grouped aggregate per facet under the other facets' filters) costs
time in proportion to the trainers it matches, at the first visit of every combination (46.9 ms at
1,000 trainers, 102.7 ms at 10,000). Counts kept per taxonomy value cannot answer a combination on
their own (a value's count depends on the other filters), but the *set* of trainers per value can:
with the trainers numbered in title order, each value's set is an integer bit mask, a combination is
a few ORs and ANDs of masks and a count is ``int.bit_count()``: microseconds, nearly whatever the
number of trainers. The index is built by two queries once per catalogue generation (publishing or
unpublishing any trainer starts one, ``core.cache``) and kept as one cache entry per catalogue page
and language, so filter combinations need no cache entries of their own.
"""

from array import array
from collections import defaultdict
from dataclasses import dataclass
from itertools import islice

from django.db.models import CharField, F, Value

from catalogue.taxonomy import FACET_FIELDS


def _mask(positions, size):
    """The integer whose bits ``positions`` are set."""
    bits = bytearray((size + 7) // 8)
    for position in positions:
        bits[position >> 3] |= 1 << (position & 7)
    return int.from_bytes(bits, "little")


def _memberships(trainer_model, locale_id):
    """(facet, trainer id, slug) of every taxonomy link of the live trainers of a locale: one UNION.

    A plain join on the trainer's locale rather than ``IN (the listing's query)``: with that subquery
    an integration run at 1,000 trainers (fresh statistics) sat in this query past its 5-minute
    timeout. Links of trainers outside the listing are skipped by the caller."""
    parts = []
    for facet, name in FACET_FIELDS.items():
        field = trainer_model._meta.get_field(name)
        column = field.m2m_field_name()
        parts.append(
            field.remote_field.through.objects.filter(
                **{f"{column}__locale_id": locale_id, f"{column}__live": True}
            )
            .annotate(
                facet=Value(facet, output_field=CharField()),
                slug=F(f"{field.m2m_reverse_field_name()}__slug"),
            )
            .values_list("facet", column, "slug")
        )
    first, *rest = parts
    return first.union(*rest, all=True)


@dataclass
class FacetIndex:
    """The trainers of one listing (ids in title order; a trainer's position is its bit) and the
    bit mask of every facet value and every duration."""

    ids: array
    newest: array  # positions, newest first
    masks: dict  # facet -> {slug: mask}
    durations: dict  # minutes -> mask

    @classmethod
    def build(cls, base, trainer_model, locale_id):
        rows = list(
            base.order_by("title", "pk").values_list(
                "pk", "first_published_at", "difficulty", "duration_minutes"
            )
        )
        size = len(rows)
        position = {row[0]: number for number, row in enumerate(rows)}
        held = defaultdict(lambda: defaultdict(list))
        minutes = defaultdict(list)
        for number, (_pk, _published, difficulty, duration) in enumerate(rows):
            held["difficulty"][difficulty].append(number)
            minutes[duration].append(number)
        for facet, trainer_id, slug in _memberships(trainer_model, locale_id):
            if trainer_id in position:
                held[facet][slug].append(position[trainer_id])
        # Newest first, ties by the higher id (as SORTS["newest"]).
        newest = sorted(range(size), key=lambda n: (rows[n][1].timestamp() if rows[n][1] else 0, rows[n][0]))
        return cls(
            ids=array("q", (row[0] for row in rows)),
            newest=array("l", reversed(newest)),
            masks={
                facet: {slug: _mask(p, size) for slug, p in values.items()} for facet, values in held.items()
            },
            durations={duration: _mask(p, size) for duration, p in minutes.items()},
        )

    def matching(self, query, skip=None):
        """The mask of the trainers matching every filter of ``query`` but facet ``skip``."""
        mask = (1 << len(self.ids)) - 1
        for facet, values in query.values.items():
            if facet != skip and values:
                chosen = 0
                for value in values:
                    chosen |= self.masks.get(facet, {}).get(value, 0)
                mask &= chosen
        if query.duration_min is not None or query.duration_max is not None:
            low = query.duration_min if query.duration_min is not None else 0
            high = query.duration_max if query.duration_max is not None else float("inf")
            within = 0
            for duration, duration_mask in self.durations.items():
                if low <= duration <= high:
                    within |= duration_mask
            mask &= within
        return mask

    def counts(self, query, facets):
        """``{facet: {slug: count}}``, each facet counted under the other facets' filters."""
        result = {}
        for facet in facets:
            others = self.matching(query, skip=facet)
            result[facet] = {
                slug: n
                for slug, mask in self.masks.get(facet, {}).items()
                if (n := (others & mask).bit_count())
            }
        return result

    def page_ids(self, mask, sort, bottom, count):
        """Ids of the ``count`` matching trainers from position ``bottom`` in ``sort`` order."""
        flags = format(mask, "b")[::-1]  # flags[n] == "1": the trainer at position n matches
        if sort == "newest":
            order = (n for n in self.newest if n < len(flags) and flags[n] == "1")
        else:
            order = (n for n, flag in enumerate(flags) if flag == "1")
        return [self.ids[n] for n in islice(order, bottom, bottom + count)]
