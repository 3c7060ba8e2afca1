"""Lighthouse performance score of the pages a learner meets first, mobile and desktop presets,
against the bench's production-settings gunicorn (one audit at a time: the score measures speed)."""

from e2e.lighthouse import audit
from e2e.pages import FIRST_PAGES

GOAL = 90


def run(ctx):
    rows = []
    for name, path in FIRST_PAGES.items():
        for preset in ("mobile", "desktop"):
            scores, _failing = audit(f"{ctx.base_url}/ru/{path}", preset=preset, categories=["performance"])
            rows.append(
                {
                    "case": f"lighthouse {name} ({preset})",
                    "metric": "performance",
                    "value": scores["performance"],
                    "unit": "score",
                    "goal": f">= {GOAL}",
                }
            )
    return rows
