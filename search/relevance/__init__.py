"""The fixed relevance query set (``queries.yaml``) and a loader for its fixture content."""

from functools import cache
from pathlib import Path

import yaml

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
