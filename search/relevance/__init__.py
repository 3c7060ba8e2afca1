"""The fixed relevance query set (``queries.yaml``) and a loader for its fixture content."""

from functools import cache
from pathlib import Path

import yaml

from search import service

PATH = Path(__file__).with_name("queries.yaml")


@cache
def data():
    return yaml.safe_load(PATH.read_text(encoding="utf-8"))


def cases(backend, profile=None):
    """Query cases applicable to ``backend`` ("database"/"elasticsearch") under ``profile``."""
    return [
        case
        for case in data()["queries"]
        if not (case.get("profile") == "full" and backend == "elasticsearch" and profile != "full")
    ]


def matches(case, titles):
    """Whether the top 3 ``titles`` contain every expected title (or a title containing it)."""
    top = titles[:3]
    if case.get("match") == "contains":
        return all(any(expected in title for title in top) for expected in case["top3"])
    return all(expected in top for expected in case["top3"])


DEMO_PATH = Path(__file__).with_name("demo.yaml")
TOP = 5


@cache
def demo_cases():
    """``[(locale, case), ...]`` of the relevance set over the demo content."""
    data = yaml.safe_load(DEMO_PATH.read_text(encoding="utf-8"))
    return [(locale, case) for locale, cases in data.items() for case in cases]


def evaluate(search):
    """Recall in the top 5 and MRR of the demo set, with ``search(q, locale) -> [titles]``.

    Recall of a case is the share of its expected titles among the first five results; its
    reciprocal rank is 1/position of the first expected title (0 when none is in the top 5).
    """
    rows = []
    for locale, case in demo_cases():
        titles = search(case["q"], locale)[:TOP]
        expected = case["expect"]
        found = [title for title in expected if title in titles]
        ranks = [titles.index(title) + 1 for title in found]
        rows.append(
            {
                "locale": locale,
                "q": case["q"],
                "kind": case["kind"],
                "recall": len(found) / len(expected),
                "rr": 1 / min(ranks) if ranks else 0.0,
                "missing": [title for title in expected if title not in titles],
                "top": titles,
            }
        )
    return rows


def backend_titles(backend):
    """``search(q, locale) -> [titles]`` on one backend, for ``evaluate``."""

    def titles(query, locale):
        return [hit.title for hit in backend.query(service.build_query(query, locale)).hits]

    return titles


def summary(rows):
    """``{locale: {"queries", "recall", "mrr"}}`` and ``"all"`` over every row."""
    groups = {"all": rows}
    for row in rows:
        groups.setdefault(row["locale"], []).append(row)
    return {
        name: {
            "queries": len(group),
            "recall": round(sum(r["recall"] for r in group) / len(group), 3),
            "mrr": round(sum(r["rr"] for r in group) / len(group), 3),
        }
        for name, group in groups.items()
    }
