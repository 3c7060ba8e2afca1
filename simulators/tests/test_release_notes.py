from datetime import date

import pytest
from wagtail.models import Page

from simulators.models import ReleaseNotePage, ReleaseNotesIndexPage

pytestmark = pytest.mark.django_db


@pytest.fixture
def notes(site_shell, trainer):
    ctx = site_shell
    index_ru, index_en = ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        ReleaseNotesIndexPage,
        "release-notes",
        ru={"title": "Что нового"},
        en={"title": "Release notes"},
    )
    change = [{"type": "change", "value": {"kind": "fixed", "text": "<p>Исправлен кран</p>"}}]
    platform_ru, _ = ctx.ensure_pair(
        index_ru,
        index_en,
        ReleaseNotePage,
        "platform-3-0",
        ru={
            "title": "Платформа 3.0",
            "version": "3.0.0",
            "release_date": date(2026, 10, 1),
            "scope": "platform",
        },
        en={
            "title": "Platform 3.0",
            "version": "3.0.0",
            "release_date": date(2026, 10, 1),
            "scope": "platform",
        },
    )
    crane_ru = index_ru.add_child(
        instance=ReleaseNotePage(
            title="Кран 1.1",
            slug="crane-1-1",
            version="1.1.0",
            release_date=date(2026, 11, 1),
            scope="trainers",
            changes=change,
            summary="Исправления",
        )
    )
    crane_ru.trainers.add(trainer)
    ctx.publish(crane_ru)
    other_ru = index_ru.add_child(
        instance=ReleaseNotePage(
            title="Другой", slug="other", version="0.2.0", release_date=date(2026, 11, 5), scope="trainers"
        )
    )
    ctx.publish(other_ru)
    return {
        "index_ru": index_ru,
        "crane_ru": Page.objects.get(pk=crane_ru.pk).specific,
        "platform_ru": platform_ru,
    }


def test_api_filters_by_locale_and_trainer(client, notes, trainer):
    ru = client.get("/api/v1/release-notes").json()
    assert ru["count"] == 3
    assert ru["results"][0]["version"] == "0.2.0"  # newest first
    en = client.get("/api/v1/release-notes?locale=en").json()
    assert [n["title"] for n in en["results"]] == ["Platform 3.0"]
    crane = client.get(f"/api/v1/release-notes?trainer={trainer.slug}").json()
    assert {n["version"] for n in crane["results"]} == {"1.1.0", "3.0.0"}
    fixed = next(n for n in crane["results"] if n["version"] == "1.1.0")
    assert fixed["changes"][0]["kind"] == "fixed"
    assert fixed["trainers"] == ["crane"]


def test_api_bad_filters_are_400(client, notes):
    assert client.get("/api/v1/release-notes?locale=de").status_code == 400
    assert client.get("/api/v1/release-notes?trainer=nope").status_code == 400
    # Digits no int() reads and ids past the database range name no trainer (they were 500s).
    for ref in ("²", "١٢", str(2**63)):
        assert client.get("/api/v1/release-notes", {"trainer": ref}).status_code == 400, ref
    page = client.get("/api/v1/release-notes?page_size=1&page=2").json()
    assert page["count"] == 3 and len(page["results"]) == 1
    assert (page["page"], page["num_pages"], page["page_size"]) == (2, 3, 1)
    for bad in ("0", "last", "²", str(2**64)):
        assert "page" in client.get("/api/v1/release-notes", {"page": bad}).json()["error"]["fields"], bad
    assert client.get("/api/v1/release-notes", {"page": "4", "page_size": "1"}).status_code == 404


def test_wagtail_api_v2_exposes_the_release_note_fields(client, notes, trainer, settings):
    settings.WAGTAILAPI_BASE_URL = "https://vt.example.ru/"
    response = client.get(
        "/api/v2/pages/",
        {"type": "simulators.ReleaseNotePage", "fields": "version,release_date,scope,changes,api_trainers"},
    )
    assert response.status_code == 200, response.content[:300]
    notes_by_version = {item["version"]: item for item in response.json()["items"]}
    fixed = notes_by_version["1.1.0"]
    assert fixed["api_trainers"] == [trainer.slug]
    assert fixed["changes"][0]["value"]["kind"] == "fixed"
    assert fixed["meta"]["html_url"].startswith("https://vt.example.ru/ru/")
    detail = client.get(f"/api/v2/pages/{fixed['id']}/").json()
    assert detail["meta"]["parent"]["meta"]["html_url"].startswith("https://vt.example.ru/ru/")


def test_rss_and_atom_feeds(client, notes):
    rss = client.get("/feeds/release-notes.rss")
    assert rss.status_code == 200
    assert rss["Content-Type"].startswith("application/rss+xml")
    body = rss.content.decode()
    assert "Кран 1.1 (1.1.0)" in body and "<language>ru</language>" in body
    atom = client.get("/feeds/release-notes.atom?locale=en").content.decode()
    assert 'xml:lang="en"' in atom and "Platform 3.0" in atom and "Кран" not in atom
    per_trainer = client.get("/feeds/release-notes.rss?trainer=crane").content.decode()
    assert "Другой" not in per_trainer and "Кран 1.1" in per_trainer
    assert client.get("/feeds/release-notes.rss?locale=xx").status_code == 404
    # A feed reader subscribed before ``locale`` keeps its ``lang`` URL.
    assert 'xml:lang="en"' in client.get("/feeds/release-notes.atom?lang=en").content.decode()


def test_pages_render(client, notes):
    index = client.get(notes["index_ru"].url)
    assert index.status_code == 200 and "Кран 1.1" in index.content.decode()
    page = client.get(notes["crane_ru"].url).content.decode()
    assert "Исправлен кран" in page and "Кран мостовой" in page


def test_home_section_hook(rf, notes, site_shell):
    from simulators.wagtail_hooks import latest_release_notes_section

    section = latest_release_notes_section(site_shell.homes["ru"], rf.get("/ru/"))
    assert [n.version for n in section["context"]["notes"]] == ["0.2.0", "1.1.0", "3.0.0"]
    assert section["context"]["index"].pk == notes["index_ru"].pk
    home = __import__("django.test", fromlist=["Client"]).Client().get("/ru/")
    assert "Кран 1.1" in home.content.decode()


def test_trainer_page_follows_new_builds_and_notes(client, notes, trainer, local_store):
    from simulators.tests.test_models import make

    url = trainer.url
    html = client.get(url).content.decode()  # builds and notes of the trainer are now cached
    assert "Кран 1.1" in html and "4.2.0" not in html
    make(trainer, "4.2.0").publish()  # the first build: it starts the stable channel, which the page shows
    notes["crane_ru"].unpublish()
    html = client.get(url).content.decode()
    assert "4.2.0" in html and "Кран 1.1" not in html
