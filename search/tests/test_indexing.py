from wagtail.models import PageViewRestriction

from catalogue.models import SimulatorPage
from search import registry
from search.indexing import database_counts, rebuild_documents, sync_pages
from search.models import SearchDocument


def titles(locale="ru", type="trainer"):
    return set(SearchDocument.objects.filter(locale=locale, type=type).values_list("title", flat=True))


def test_publish_indexes_per_locale(search_content):
    assert "Работы на высоте" in titles("ru")
    assert "Work at height" in titles("en")
    document = SearchDocument.objects.get(page_id=search_content["work-at-height"]["en"].pk)
    assert document.url.startswith("/en/")
    assert document.search_summary.startswith("trainer for safe work")


def test_standard_pages_are_indexed_as_pages(search_content):
    assert SearchDocument.objects.filter(type="page", locale="ru").exists()


def test_unpublish_removes_and_republish_restores(search_content, django_capture_on_commit_callbacks):
    page = search_content["crane"]["ru"]
    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()
    assert "Управление мостовым краном" not in titles()
    page.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "Управление козловым краном"
        page.save_revision().publish()
    assert "Управление козловым краном" in titles()


def test_delete_removes(search_content, django_capture_on_commit_callbacks):
    page = search_content["fire-safety"]["en"]
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert "Fire safety at the plant" not in titles("en")


def test_move_updates_urls(search_content, django_capture_on_commit_callbacks):
    page = search_content["first-aid"]["ru"]
    target = search_content["crane"]["ru"].get_parent().get_parent()  # the Russian home page
    from catalogue.models import CatalogueIndexPage

    other = CatalogueIndexPage(title="Архив", slug="archive")
    target.add_child(instance=other)
    other.save_revision().publish()
    SimulatorPage.parent_page_types  # noqa: B018 - the move below is allowed by the page tree rules
    with django_capture_on_commit_callbacks(execute=True):
        page.move(other, pos="last-child")
    assert SearchDocument.objects.get(page_id=page.pk).url.startswith("/ru/archive/")


def test_private_pages_are_not_indexed(search_content):
    page = search_content["arc-welding"]["ru"]
    PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.LOGIN)
    sync_pages([page.pk])
    assert "Ручная дуговая сварка" not in titles()


def test_rebuild_matches_database_counts(search_content):
    counts = rebuild_documents()
    assert counts["ru"] == sum(database_counts()["ru"].values())
    status = {locale: dict(rows) for locale, rows in database_counts().items()}
    from search.backends.database import DatabaseBackend

    assert DatabaseBackend().status() == status


def test_registry_resolves_every_model_and_reads_fields_defensively():
    labels = [entry.label for entry in registry.entries()]
    assert "catalogue.SimulatorPage" in labels
    assert all(entry.model is not None for entry in registry.entries())

    class Related:
        def __init__(self, names):
            self.names = names

        def all(self):
            return [type("Obj", (), {"name": n})() for n in self.names]

    class FakeTrainer:
        title = "Сварка"
        summary = "<p>Кратко</p>"
        body = None
        industries = Related(["Машиностроение"])
        platforms = Related(["Windows", "Windows"])

    entry = next(e for e in registry.entries() if e.label == "catalogue.SimulatorPage")
    fields = registry.extract(FakeTrainer(), entry)
    assert fields["summary"] == "Кратко"
    assert fields["facets"] == {"industry": ["Машиностроение"], "platform": ["Windows"]}
    assert "Машиностроение" in fields["body"]


def test_publishing_survives_a_failing_index_task(
    site_shell, django_capture_on_commit_callbacks, monkeypatch
):
    from search import tasks

    def broken(*args, **kwargs):
        raise RuntimeError("search down")

    monkeypatch.setattr(tasks, "sync_pages", broken)
    from catalogue.models import CatalogueIndexPage

    with django_capture_on_commit_callbacks(execute=True):
        index = site_shell.ensure_child(
            site_shell.homes["ru"], CatalogueIndexPage, "catalogue", title="Каталог"
        )
        page = site_shell.ensure_child(index, SimulatorPage, "x", title="Новый", summary="Текст")
    assert page.live
    assert not SearchDocument.objects.filter(page_id=page.pk).exists()


def test_facets_name_the_taxonomy_in_the_documents_language(site_shell, django_capture_on_commit_callbacks):
    # wagtail-localize copies a trainer's taxonomy links unchanged: the English page points at the
    # Russian snippets, and its document must still carry the English names.
    from catalogue import demo

    taxonomy = demo.ensure_taxonomy(site_shell)
    catalogue = demo.ensure_catalogue(site_shell)
    height = taxonomy["industry"]["work-at-height"]["ru"]
    with django_capture_on_commit_callbacks(execute=True):
        ru, en = site_shell.ensure_pair(
            catalogue["ru"],
            catalogue["en"],
            SimulatorPage,
            "harness",
            ru={"title": "Страховочная привязь", "summary": "Осмотр привязи", "industries": [height]},
            en={"title": "Safety harness", "summary": "Harness inspection", "industries": [height]},
        )
    sync_pages([ru.pk, en.pk])
    assert SearchDocument.objects.get(page_id=ru.pk).facets["industry"] == ["Работы на высоте"]
    assert SearchDocument.objects.get(page_id=en.pk).facets["industry"] == ["Work at height"]
    rebuild_documents()
    assert SearchDocument.objects.get(page_id=en.pk).facets["industry"] == ["Work at height"]
