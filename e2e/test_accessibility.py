"""axe-core (npm, pinned in package.json, installed by ``make install``) over the pages a learner
meets first: home, catalogue, a trainer page, support and status, in ru and en at 1366 and 390 px.
No violation of serious or critical impact is allowed; every page is screenshotted to ``artifacts/``.

axe's script is evaluated through the browser's debugging protocol, not added as a ``<script>``: the
site's CSP refuses inline scripts, and the test must not weaken it."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from e2e.pages import FIRST_PAGES

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ROOT = Path(__file__).resolve().parents[1]
ARTIFACTS = ROOT / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
BLOCKING = {"serious", "critical"}


def _violations(page):
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{rule['id']} ({rule['impact']}): {node['target']} {node['failureSummary'].splitlines()[-1].strip()}"
        for rule in result["violations"]
        if rule["impact"] in BLOCKING
        for node in rule["nodes"]
    ]


def test_no_serious_accessibility_violations(chromium, live_server):
    assert AXE.exists(), f"{AXE} is missing: run `make install` (npm ci)"
    call_command("load_demo", stdout=io.StringIO())
    script = AXE.read_text()
    ARTIFACTS.mkdir(exist_ok=True)
    found = {}
    for language in ("ru", "en"):
        for width, height in ((1366, 900), (390, 844)):
            context = chromium.new_context(viewport={"width": width, "height": height}, locale=language)
            page = context.new_page()
            for name, path in FIRST_PAGES.items():
                response = page.goto(f"{live_server.url}/{language}/{path}")
                assert response.status == 200, f"/{language}/{path}: {response.status}"
                page.screenshot(path=str(ARTIFACTS / f"a11y-{name}-{language}-{width}.png"), full_page=True)
                page.evaluate(script)
                problems = _violations(page)
                if problems:
                    found[f"/{language}/{path} at {width} px"] = problems
            context.close()
    assert not found, "\n".join(f"{where}:\n  " + "\n  ".join(items) for where, items in found.items())
