"""The trainer page of the demo site as a learner sees it, in both languages, on a desktop and a phone:
the builds block is readable on its own background, the hero's buttons keep their shape, the footer's
phone stays on one line, nothing scrolls sideways. Screenshots of each state land in ``artifacts/``."""

import io
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
TRAINER = "anchor-points"  # the demo trainer with a WebGL demo and a licensed Windows build

# WCAG 2.1 relative luminance and contrast of every text node's colour against the first opaque
# background behind it. A background image or gradient on the way counts as unreadable: the text's
# background is then not a colour the page controls.
CONTRAST = """(root) => {
  const channel = (c) => { c /= 255; return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; };
  const parse = (value) => (value.match(/[\\d.]+/g) || []).map(Number);
  const luminance = ([r, g, b]) => 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
  const failures = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode.textContent.trim();
    const element = walker.currentNode.parentElement;
    if (!text || !element.getClientRects().length) continue;
    let node = element, background = null;
    while (node) {
      const style = getComputedStyle(node);
      if (style.backgroundImage !== "none") { background = "image"; break; }
      const rgba = parse(style.backgroundColor);
      if (rgba.length === 3 || (rgba.length === 4 && rgba[3] > 0.9)) { background = rgba.slice(0, 3); break; }
      node = node.parentElement;
    }
    background = background || [255, 255, 255];
    const colour = parse(getComputedStyle(element).color).slice(0, 3);
    const ratio = background === "image" ? 0 : (() => {
      const [a, b] = [luminance(colour), luminance(background)].sort((x, y) => y - x);
      return (a + 0.05) / (b + 0.05);
    })();
    if (ratio < 4.5) failures.push(`${text.slice(0, 40)}: ${ratio.toFixed(2)}`);
  }
  return failures;
}"""


@pytest.fixture
def demo(live_server, settings):
    call_command("load_demo", stdout=io.StringIO())
    return live_server.url


@pytest.mark.parametrize("width", [1366, 390])
def test_the_builds_block_is_readable_and_the_hero_keeps_its_shape(demo, chromium, width):
    context = chromium.new_context(viewport={"width": width, "height": 900}, locale="ru-RU")
    page = context.new_page()
    ARTIFACTS.mkdir(exist_ok=True)
    try:
        for language, cta, builds in (
            ("ru", "Запросить демонстрацию", "Версии и скачивание"),
            ("en", "Request a demo", "Versions and downloads"),
        ):
            page.goto(f"{demo}/{language}/catalogue/{TRAINER}/")
            block = page.locator("#trainer-builds")
            expect(block.get_by_role("heading", name=builds)).to_be_visible()
            expect(block.get_by_role("link", name=re.compile("Запустить демо|Launch demo"))).to_be_visible()
            assert block.evaluate(CONTRAST) == []

            button = page.get_by_role("link", name=cta)
            box = button.bounding_box()
            assert box["height"] <= 56, f"{cta}: {box}"  # one line of text, not a column
            assert box["width"] >= 120

            # The hero's second button jumps to the block.
            page.locator(".trainer__hero").get_by_role("link", name=builds).click()
            expect(page).to_have_url(re.compile("#trainer-builds$"))

            phone = page.locator(".site-footer__phone").bounding_box()
            assert phone["height"] < 32, f"the manager's phone wraps: {phone}"

            overflow = page.evaluate("document.scrollingElement.scrollWidth - window.innerWidth")
            assert overflow <= 0, f"{language} at {width}px scrolls sideways by {overflow}px"
            page.screenshot(path=str(ARTIFACTS / f"trainer-page-{language}-{width}.png"), full_page=True)
    finally:
        context.close()
