"""The status page's uptime bars in a real browser: ru and en at 1366 and 390 px, the day's figure on
hover and on keyboard focus, no serious axe violation; screenshots land in ``artifacts/``."""

import datetime as dt
from pathlib import Path

import pytest
from django.utils import timezone

from support.monitoring.models import Component, Rollup, Sample
from support.monitoring.probes import PUBLIC
from support.monitoring.uptime import day_of

ROOT = Path(__file__).resolve().parents[3]
ARTIFACTS = ROOT / "artifacts"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def history(status):
    """90 days of aggregates per public component: mostly up, a few bad days, a maintenance day, and
    the first days before the monitor existed; live states from a fresh round (storage down)."""
    today, now = day_of(timezone.now()), timezone.now()
    for position, code in enumerate(PUBLIC):
        component = Component.objects.create(code=code)
        Sample.objects.create(
            component=component, probed_at=now, status="down" if code == "storage" else "ok", ms=12
        )
        for days_ago in range(80):
            down = {3: 700, 17: 30, 40: 5}.get((days_ago + position) % 45, 0)
            maintenance = 120 if days_ago == 10 else 0
            Rollup.objects.create(
                component=component,
                period=Rollup.Period.DAY,
                starts_at=today - dt.timedelta(days=days_ago),
                ok=1440 - down - maintenance,
                down=down,
                maintenance=maintenance,
            )


def shown(tip):
    return tip.bounding_box()["width"] > 1


@pytest.mark.parametrize("language", ["ru", "en"])
def test_uptime_bars_show_the_day_on_hover_and_focus(history, chromium, live_server, language):
    ARTIFACTS.mkdir(exist_ok=True)
    for width, height in ((1366, 900), (390, 844)):
        context = chromium.new_context(viewport={"width": width, "height": height}, locale=language)
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/status/")
        rows = page.locator(".uptime-row")
        assert rows.count() == len(PUBLIC)
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        bars = rows.first.locator(".uptime-bar")
        assert bars.count() == 90
        today = bars.nth(89)
        # Hidden from sight (a clipped pixel, still read by screen readers) until hovered or focused.
        assert not shown(today.locator(".uptime-tip"))
        today.hover()
        assert shown(today.locator(".uptime-tip"))
        page.mouse.move(0, 0)
        # Keyboard: Tab reaches the bars; the focused day's figure shows.
        bars.nth(45).focus()
        page.keyboard.press("Tab")
        focused = bars.nth(46)
        assert focused.evaluate("node => node === document.activeElement")
        tip = focused.locator(".uptime-tip")
        assert shown(tip) and "%" in tip.inner_text()
        box, viewport = tip.bounding_box(), page.viewport_size
        assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
        rows.first.scroll_into_view_if_needed()
        page.screenshot(path=str(ARTIFACTS / f"status-uptime-{language}-{width}.png"), full_page=True)

        page.evaluate(AXE.read_text())
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [v["id"] for v in result["violations"] if v["impact"] in {"serious", "critical"}]
        assert not serious, serious
        context.close()
