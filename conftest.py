"""Fixtures shared by every app's tests: the site shell, service checks and the browser."""

import io
import os
import re
from pathlib import Path

import pytest

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]

# Playwright's sync API runs an event loop in the test thread; the ORM calls made by test code and
# fixtures there are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


def pytest_runtest_setup(item):
    """Integration tests fail loudly (never skip) when the real services are not configured."""
    if item.get_closest_marker("integration"):
        missing = [
            name
            for name in ("DATABASE_URL", "REDIS_URL", "ELASTICSEARCH_URL", "AWS_S3_ENDPOINT_URL")
            if not os.environ.get(name)
        ]
        if missing:
            pytest.fail(
                f"integration test needs {', '.join(missing)}: run `make test`, or "
                '`scripts/services up && eval "$(scripts/services env)"` first',
                pytrace=False,
            )


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in the default language.

    A request to an /en/ page leaves English active in the thread afterwards, and code that reads the
    active language (report hints, banners) would then depend on which test ran before."""
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# A port nobody listens on: what a stopped server looks like to its client.
UNREACHABLE = "127.0.0.1:9"


@pytest.fixture
def s3_unreachable(monkeypatch):
    """Every S3 request sent to a port nobody listens on, whichever storage object sends it (file
    fields hold the storage they were declared with, so changing STORAGES would miss them)."""
    from botocore.httpsession import URLLib3Session

    send = URLLib3Session.send

    def to_the_dead_port(self, request):
        request.url = re.sub(r"^(https?://)[^/]+", rf"\g<1>{UNREACHABLE}", request.url)
        return send(self, request)

    monkeypatch.setattr(URLLib3Session, "send", to_the_dead_port)


@pytest.fixture
def redis_unreachable(settings):
    """The shared cache pointed at a Redis that is down."""
    settings.CACHES = {"default": {**settings.CACHES["default"], "LOCATION": f"redis://{UNREACHABLE}/0"}}


@pytest.fixture
def site_shell(db):
    """Locales, home pages and standard pages in Russian and English, as ``bootstrap_site`` makes them."""
    # Project modules import models: not before pytest-django has set Django up.
    from website import bootstrap
    from website.demo.context import DemoContext

    ctx = DemoContext(stdout=io.StringIO())
    bootstrap.load(ctx)
    return ctx


@pytest.fixture
def make_trainer(site_shell):
    """Makes a live trainer in Russian with its English translation under a "trainers" catalogue page;
    returns ``(ru, en)``. The default is the overhead crane; ``ru``/``en`` override its fields."""
    from catalogue.models import CatalogueIndexPage, SimulatorPage

    ctx = site_shell
    index_ru, index_en = ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        CatalogueIndexPage,
        "trainers",
        ru={"title": "Тренажёры"},
        en={"title": "Trainers"},
    )

    def make(slug="crane", ru=None, en=None):
        return ctx.ensure_pair(
            index_ru,
            index_en,
            SimulatorPage,
            slug,
            ru={"title": "Кран мостовой", "summary": "Тренажёр крановщика"} | (ru or {}),
            en={"title": "Overhead crane", "summary": "Crane operator trainer"} | (en or {}),
        )

    return make


# Browser tier -----------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    executable = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
    if not Path(executable).exists():
        pytest.fail(f"browser tests need Chromium at {executable} (scripts/services up chromium)")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def browser_page(chromium, request):
    """A fresh browser context and page; a screenshot of the last state lands in ``artifacts/``."""
    from django.contrib.contenttypes.models import ContentType

    # The live server thread shares this process's content-type cache. A request that was still
    # running while the previous transactional test flushed the database can leave an ID there
    # that no longer exists (seen as an IntegrityError when the admin saves an editing session).
    ContentType.objects.clear_cache()
    context = chromium.new_context(locale="ru-RU", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    ARTIFACTS.mkdir(exist_ok=True)
    name = re.sub(r"[^\w.-]+", "_", request.node.nodeid)[-150:]
    try:
        page.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
    finally:
        context.close()
