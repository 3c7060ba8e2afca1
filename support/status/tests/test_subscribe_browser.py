"""The status page's subscription form in a real browser: trainers chosen from a list grouped by
industry and filtered by name, one consent checkbox, ru and en at desktop and phone widths."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command

from support.status.models import Subscriber

ARTIFACTS = Path(__file__).resolve().parents[3] / "artifacts"

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CASES = {
    "ru": {"query": "свар", "trainer": "Ручная дуговая сварка", "group": "Сварочное производство"},
    "en": {"query": "weld", "trainer": "Manual arc welding", "group": "Welding"},
}


@pytest.fixture
def demo(live_server):
    call_command("load_demo", stdout=io.StringIO())


@pytest.mark.parametrize("language", ["ru", "en"])
def test_subscribing_to_chosen_trainers(demo, chromium, live_server, language):
    case = CASES[language]
    for width, height in ((1366, 900), (390, 844)):
        context = chromium.new_context(viewport={"width": width, "height": height})
        page = context.new_page()
        page.goto(f"{live_server.url}/{language}/status/")
        choice = page.locator("[data-trainer-choice]")
        # Every notice is the default: the trainer list stays out of the way until asked for.
        assert not choice.is_visible()
        page.check('input[name="all_trainers"][value="0"]')
        assert choice.is_visible()
        groups = choice.locator("details.choice-group")
        assert groups.count() >= 5 and not any(groups.nth(i).get_attribute("open") for i in range(3))
        page.fill("[data-trainer-filter] input", case["query"])
        visible = choice.locator(".choice:visible")
        assert case["trainer"] in visible.all_inner_texts()
        assert all(case["query"] in text.lower() for text in visible.all_inner_texts())
        assert choice.locator("details[open] summary").first.inner_text().startswith(case["group"])
        # One consent checkbox, with the status page's consent text.
        assert page.locator('input[name="consent"]').count() == 1
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(ARTIFACTS / f"status-subscribe-{language}-{width}.png"), full_page=True)
        page.get_by_label(case["trainer"]).check()
        page.fill("#id_email", f"chosen-{language}-{width}@example.com")
        page.locator('input[name="consent"]').check()
        page.locator(".subscribe-form button[type=submit]").click()
        page.wait_for_load_state()
        subscriber = Subscriber.objects.get(email=f"chosen-{language}-{width}@example.com")
        assert not subscriber.all_trainers
        assert [trainer.title for trainer in subscriber.trainers.all()] == [case["trainer"]]
        context.close()
