"""Lighthouse's accessibility, best-practices and SEO scores of the pages a learner meets first, in
ru and en, on a phone and on a desktop: each at least 95. (Performance depends on the machine's
speed: ``make bench`` measures it against the production-settings server.)

Lighthouse runs three audits at a time: it mostly waits for the page to settle, and these categories
do not depend on timing."""

import io
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.management import call_command

from e2e.lighthouse import audit
from e2e.pages import FIRST_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
CATEGORIES = ("accessibility", "best-practices", "seo")
GOAL = 95


def test_lighthouse_scores(live_server):
    call_command("load_demo", stdout=io.StringIO())
    runs = [
        (f"/{language}/{path}", preset)
        for language in ("ru", "en")
        for path in FIRST_PAGES.values()
        for preset in ("mobile", "desktop")
    ]
    with ThreadPoolExecutor(max_workers=3) as pool:
        results = pool.map(
            lambda run: (run, audit(live_server.url + run[0], preset=run[1], categories=CATEGORIES)), runs
        )
        below = [
            f"{path} ({preset}) {category} {score}: {', '.join(failing[category])}"
            for (path, preset), (scores, failing) in results
            for category, score in scores.items()
            if score < GOAL
        ]
    assert not below, "\n".join(below)
