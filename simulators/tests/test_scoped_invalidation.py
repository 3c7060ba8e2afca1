"""Publishing one trainer refreshes what can show it and keeps the rest of the page cache warm."""

from datetime import date

import pytest

from catalogue.models import CatalogueIndexPage, Industry, SimulatorPage
from simulators.models import ReleaseNotePage, ReleaseNotesIndexPage

pytestmark = pytest.mark.django_db

LISTINGS = ["/ru/trainers/", "/ru/trainers/?sort=newest", "/ru/trainers/?per_page=1&page=2"]
WARM = [
    "/ru/trainers/crane/",
    "/ru/release-notes/",
    "/ru/release-notes/platform-3-0/",
    "/ru/release-notes/crane-1-1/",
]


@pytest.fixture
def site(site_shell, trainer, settings):
    settings.PAGE_CACHE_ENABLED = True
    ctx = site_shell
    index_ru = CatalogueIndexPage.objects.get(slug="trainers", locale__language_code="ru")
    index_en = index_ru.get_translation(ctx.homes["en"].locale)
    industry = Industry.objects.create(name="Сварка", slug="welding", locale=index_ru.locale)
    pages = {"crane": trainer}
    for slug, title in (("welder", "Сварщик"), ("fitter", "Монтажник")):
        pages[slug], _ = ctx.ensure_pair(
            index_ru,
            index_en,
            SimulatorPage,
            slug,
            ru={"title": title, "summary": title},
            en={"title": f"{slug} en", "summary": slug},
        )
    # The fitter suggests the welder: its page shows the welder's title.
    pages["fitter"].related_trainers.set([pages["welder"]])
    pages["welder"].industries.set([industry])
    for page in pages.values():
        ctx.publish(page)
    notes_ru, notes_en = ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        ReleaseNotesIndexPage,
        "release-notes",
        ru={"title": "Что нового"},
        en={"title": "Release notes"},
    )
    release = {"version": "3.0.0", "release_date": date(2026, 10, 1)}
    ctx.ensure_pair(
        notes_ru,
        notes_en,
        ReleaseNotePage,
        "platform-3-0",
        ru={"title": "Платформа 3.0", "scope": "platform", **release},
        en={"title": "Platform 3.0", "scope": "platform", **release},
    )
    crane_note = notes_ru.add_child(instance=ReleaseNotePage(title="Кран 1.1", slug="crane-1-1", **release))
    crane_note.trainers.add(trainer)
    ctx.publish(crane_note)
    pages["industry"] = industry
    return pages


def _warm(client, urls):
    for url in urls:
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit", url


def test_publishing_a_trainer_refreshes_the_listing_and_its_page_and_keeps_the_rest_warm(
    client, site, django_capture_on_commit_callbacks, django_assert_num_queries
):
    refreshed = [*LISTINGS, "/ru/trainers/welder/", "/ru/trainers/fitter/"]
    _warm(client, [*refreshed, *WARM])
    welder = SimulatorPage.objects.get(pk=site["welder"].pk)
    welder.title = "Сварщик ручной дуговой сварки"
    with django_capture_on_commit_callbacks(execute=True):
        welder.save_revision().publish()

    for url in WARM:
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response["X-Page-Cache"] == "hit", url
    for url in refreshed:
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
    assert "Сварщик ручной дуговой сварки" in client.get("/ru/trainers/").content.decode()
    assert "Сварщик ручной дуговой сварки" in client.get("/ru/trainers/welder/").content.decode()
    assert "Сварщик ручной дуговой сварки" in client.get("/ru/trainers/fitter/").content.decode()


def test_unpublishing_a_trainer_takes_it_out_of_the_listing_at_once(
    client, site, django_capture_on_commit_callbacks
):
    _warm(client, ["/ru/trainers/", "/ru/trainers/crane/"])
    with django_capture_on_commit_callbacks(execute=True):
        site["welder"].unpublish()
    assert "Сварщик" not in client.get("/ru/trainers/").content.decode()
    assert client.get("/ru/trainers/welder/").status_code == 404
    assert client.get("/ru/trainers/crane/")["X-Page-Cache"] == "hit"


def test_a_release_note_follows_the_trainers_it_names(client, site, django_capture_on_commit_callbacks):
    _warm(client, WARM)
    crane = SimulatorPage.objects.get(pk=site["crane"].pk)
    crane.title = "Кран козловой"
    with django_capture_on_commit_callbacks(execute=True):
        crane.save_revision().publish()
    assert "Кран козловой" in client.get("/ru/release-notes/crane-1-1/").content.decode()
    assert client.get("/ru/release-notes/platform-3-0/")["X-Page-Cache"] == "hit"
    assert client.get("/ru/release-notes/")["X-Page-Cache"] == "hit"


def test_a_taxonomy_edit_refreshes_every_page(client, site, django_capture_on_commit_callbacks):
    _warm(client, [*LISTINGS, "/ru/trainers/welder/", *WARM])
    industry = site["industry"]
    industry.name = "Сварочное производство"
    with django_capture_on_commit_callbacks(execute=True):
        industry.save()
    for url in [*LISTINGS, "/ru/trainers/welder/", *WARM]:
        assert client.get(url)["X-Page-Cache"] == "miss", url
    assert "Сварочное производство" in client.get("/ru/trainers/welder/").content.decode()
