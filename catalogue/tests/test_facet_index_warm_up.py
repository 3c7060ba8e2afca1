"""The facet indexes are built again in the background after a change, once per burst of changes; a
visitor who comes before that build still sees the catalogue as it is now."""

import pytest
from wagtail.models import Locale

from catalogue import tasks
from catalogue.cache import CATALOGUE
from catalogue.facet_index import FacetIndex
from core import cache as site_cache

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_run_queued():
    # The local-memory cache outlives each test's database: no test starts with a run marked queued.
    site_cache.release(tasks.QUEUED)
    yield
    site_cache.release(tasks.QUEUED)


class QueueNotRunYet:
    """Stands in for the task: records each enqueue, runs nothing (a worker that has not come by)."""

    def __init__(self):
        self.queued = 0

    def enqueue(self):
        self.queued += 1


def _facet_index_keys(catalogue):
    pages = [f"{page.locale_id}:{page.pk}" for page in catalogue.values()]
    api = [f"{pk}:all" for pk in Locale.objects.values_list("pk", flat=True)]
    return [f"catalogue:facet-index:{name}" for name in pages + api]


def test_a_publish_builds_the_facet_indexes_before_any_visitor(
    client, catalogue, trainers, monkeypatch, django_capture_on_commit_callbacks
):
    weld_pc = trainers["weld-pc"][0]
    weld_pc.title = "Welding on a PC, second edition"
    with django_capture_on_commit_callbacks(execute=True):
        weld_pc.save_revision().publish()
    for name in _facet_index_keys(catalogue.catalogue):
        assert site_cache.peek(name, scopes=[CATALOGUE]) is not None, name

    def built_by_a_visitor(*args, **kwargs):
        raise AssertionError("a visitor built the facet index")

    monkeypatch.setattr(FacetIndex, "build", built_by_a_visitor)
    response = client.get("/ru/catalogue/?platform=windows")
    assert response.status_code == 200
    assert "Welding on a PC, second edition" in response.content.decode()
    assert client.get("/api/v1/catalogue/simulators?locale=en").status_code == 200


def test_a_burst_of_changes_queues_one_build(
    catalogue, trainers, monkeypatch, django_capture_on_commit_callbacks
):
    queue = QueueNotRunYet()
    monkeypatch.setattr(tasks, "warm_facet_indexes", queue)
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("weld-pc", "weld-vr", "fire-vr"):
            trainers[slug][0].save_revision().publish()
    with django_capture_on_commit_callbacks(execute=True):
        catalogue.taxonomy["industry"]["welding"]["ru"].save()  # a taxonomy edit drops them too
    assert queue.queued == 1
    # The run starts by letting the next change queue another one: that change may come too late for it.
    monkeypatch.undo()
    assert tasks.warm_facet_indexes.call() == 4  # two catalogue pages, the API in two languages
    monkeypatch.setattr(tasks, "warm_facet_indexes", queue)
    with django_capture_on_commit_callbacks(execute=True):
        trainers["aid-web"][0].save_revision().publish()
    assert queue.queued == 2


def test_a_visitor_before_the_build_sees_the_catalogue_as_it_is(
    client, trainers, monkeypatch, django_capture_on_commit_callbacks
):
    assert "fire-vr ru" in client.get("/ru/catalogue/").content.decode()
    monkeypatch.setattr(tasks, "warm_facet_indexes", QueueNotRunYet())
    with django_capture_on_commit_callbacks(execute=True):
        trainers["fire-vr"][0].unpublish()
    response = client.get("/ru/catalogue/?industry=fire-safety")
    assert response.status_code == 200
    assert "fire-vr ru" not in response.content.decode()
    assert "weld-vr ru" in client.get("/ru/catalogue/").content.decode()


def test_on_the_database_queue_a_burst_leaves_one_task_row_for_the_worker(
    client, catalogue, trainers, settings, monkeypatch, django_capture_on_commit_callbacks
):
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        for slug in ("weld-pc", "weld-vr", "fire-vr", "aid-web"):
            trainers[slug][0].save_revision().publish()
    (row,) = DBTaskResult.objects.filter(task_path__endswith="warm_facet_indexes")
    assert row.task.call(*row.args_kwargs["args"], **row.args_kwargs["kwargs"]) == 4  # what the worker does

    def built_by_a_visitor(*args, **kwargs):
        raise AssertionError("a visitor built the facet index")

    monkeypatch.setattr(FacetIndex, "build", built_by_a_visitor)
    assert client.get("/en/catalogue/?industry=welding").status_code == 200
