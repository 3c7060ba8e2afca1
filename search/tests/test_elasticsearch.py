"""Against the real Elasticsearch and PostgreSQL: run with the services' env.

The tests run under the analysis profile the environment names (``full`` in ``make test``, whose
russian/english analyzers the test stack's analysis plugin provides); the relevance set runs under both."""

import os

import pytest
from django.core.management import call_command
from django.db import connection
from wagtail.models import PageViewRestriction

from catalogue.models import SimulatorPage
from search import documents, relevance, service
from search.backends.database import DatabaseBackend
from search.backends.elastic import ONE_TYPO, ElasticsearchBackend
from search.models import PendingIndexOperation, SearchDocument
from search.tests.conftest import apply_facets, found_in

pytestmark = [pytest.mark.integration, pytest.mark.django_db(transaction=False)]


@pytest.fixture
def es_content(search_content):
    """The fixture content in Elasticsearch through the alias-swapping rebuild (facets included)."""
    apply_facets(search_content)
    ElasticsearchBackend().rebuild()
    return search_content


@pytest.fixture(params=["full", "core"])
def profile_content(request, settings, search_content):
    """The fixture content indexed under each analysis profile in turn."""
    settings.ELASTICSEARCH_ANALYSIS_PROFILE = request.param
    apply_facets(search_content)
    ElasticsearchBackend().rebuild()
    return search_content


def test_relevance_elasticsearch(profile_content):
    failures = []
    for case in relevance.cases("elasticsearch", documents.profile()):
        results = service.search(case["q"], case["locale"])
        assert results.backend == "elasticsearch"
        titles = [hit.title for hit in results.hits]
        if not relevance.matches(case, titles):
            failures.append(f"{case['q']!r}: expected {case['top3']} in top 3 of {titles}")
    assert not failures, "\n".join(failures)


def test_relevance_postgresql(search_content):
    assert connection.vendor == "postgresql"
    failures = []
    for case in relevance.cases("database"):
        results = DatabaseBackend().query(service.build_query(case["q"], case["locale"]))
        titles = [hit.title for hit in results.hits]
        if not relevance.matches(case, titles):
            failures.append(f"{case['q']!r}: expected {case['top3']} in top 3 of {titles}")
    assert not failures, "\n".join(failures)


def test_postgresql_uses_the_locale_configuration(search_content):
    # The russian stemmer maps "сварщика" and "сварщик" together; english maps "welders" to "welder".
    ru = DatabaseBackend().query(service.build_query("сварщики", "ru"))
    assert "Ручная дуговая сварка" in [hit.title for hit in ru.hits]
    en = DatabaseBackend().query(service.build_query("welders", "en"))
    assert "Manual arc welding" in [hit.title for hit in en.hits]


def test_facets_types_and_highlights(es_content):
    results = service.search("тренажёр", "ru", filters={"industry": "Машиностроение"})
    assert {hit.title for hit in results.hits} == {"Ручная дуговая сварка", "Управление мостовым краном"}
    assert dict(results.facets["platform"]) == {"Meta Quest 3": 1, "Windows": 1}
    assert len(results.facets["industry"]) == 4
    hit = service.search("сварка", "ru").hits[0]
    assert "<mark>сварка</mark>" in hit.title_html.lower()


def test_two_typos_in_a_long_word_are_tried_when_one_finds_nothing(es_content):
    # "электробезапаснасть": two letters wrong. One edit matches nothing, so the two-edit search answers.
    one_edit = ElasticsearchBackend()._search(service.build_query("электробезапаснасть", "ru"), ONE_TYPO)
    assert one_edit.execute().hits.total.value == 0
    results = service.search("электробезапаснасть", "ru")
    assert results.hits[0].title == "Электробезопасность: оперативные переключения на подстанции"
    assert "<mark>" in results.hits[0].title_html


def test_more_than_ten_facet_buckets(es_content):
    from search.models import SearchDocument

    docs = list(SearchDocument.objects.filter(locale="ru", type="trainer"))
    for i, document in enumerate(docs):
        document.facets = {"platform": [f"P{i}-{j}" for j in range(3)]}
    ElasticsearchBackend().index(docs, refresh=True)
    results = service.search("тренажёр", "ru")
    assert len(results.facets["platform"]) > 10


def test_suggest(es_content):
    assert [s.title for s in service.suggest("свар", "ru")] == ["Ручная дуговая сварка"]
    assert "Work at height" in [s.title for s in service.suggest("work at h", "en")]


def test_rebuild_swaps_the_alias_and_status_matches(es_content):
    es = ElasticsearchBackend().es
    alias = documents.alias_name("ru")
    before = set(es.indices.get_alias(name=alias))
    call_command("search_index", "rebuild")
    after = set(es.indices.get_alias(name=alias))
    assert before and after and not before & after
    assert not any(es.indices.exists(index=name) for name in before)
    call_command("search_index", "status")  # raises CommandError on a mismatch


def test_rebuild_with_replicas_swaps_the_alias(es_content, settings):
    # One test node cannot place a replica: the new index stays yellow, yet it serves and the alias moves.
    settings.ELASTICSEARCH_SHARDS = 2
    settings.ELASTICSEARCH_REPLICAS = 1
    es = ElasticsearchBackend().es
    alias = documents.alias_name("ru")
    before = set(es.indices.get_alias(name=alias))
    ElasticsearchBackend().rebuild()
    (current,) = es.indices.get_alias(name=alias)
    assert current not in before
    index_settings = es.indices.get_settings(index=current)[current]["settings"]["index"]
    assert (index_settings["number_of_shards"], index_settings["number_of_replicas"]) == ("2", "1")
    assert [s.title for s in service.suggest("свар", "ru")] == ["Ручная дуговая сварка"]


def test_outage_publish_then_recovery(es_content, settings, django_capture_on_commit_callbacks):
    live_url = settings.ELASTICSEARCH_URL
    # "Down" phase: the shared cluster keeps running for the other engineers; we point at a dead port.
    settings.ELASTICSEARCH_URL = "http://127.0.0.1:9"
    settings.ELASTICSEARCH_TIMEOUT = 0.3
    index_ru = es_content["crane"]["ru"].get_parent()
    with django_capture_on_commit_callbacks(execute=True):
        new = SimulatorPage(
            title="Газосварка и резка металла", slug="gas-welding", summary="Тренажёр газосварщика"
        )
        index_ru.add_child(instance=new)
        new.save_revision().publish()
        es_content["fire-safety"]["ru"].unpublish()
    assert PendingIndexOperation.objects.count() == 2
    results = service.search("газосварка", "ru")  # served by the database fallback
    assert results.backend == "database"
    assert results.hits[0].title == "Газосварка и резка металла"
    from search.health import check_search

    assert check_search()[0] == "degraded"

    settings.ELASTICSEARCH_URL = live_url
    settings.ELASTICSEARCH_TIMEOUT = 10
    call_command("search_index", "sync")
    assert PendingIndexOperation.objects.count() == 0
    status = service.status()
    assert status["elasticsearch"] == status["documents"]
    assert (
        status["documents"]["ru"]["trainer"]
        == SimulatorPage.objects.live().filter(locale__language_code="ru").count()
    )
    es_results = service.search("газосварка", "ru")
    assert es_results.backend == "elasticsearch"
    assert es_results.hits[0].title == "Газосварка и резка металла"
    assert "Пожарная безопасность на производстве" not in [
        h.title for h in service.search("пожарная", "ru").hits
    ]
    assert check_search()[0] == "ok"


def test_slow_elasticsearch_times_out_to_the_database(es_content, settings):
    settings.ELASTICSEARCH_TIMEOUT = 0.000001
    results = service.search("сварка", "ru")
    assert results.backend == "database"
    assert results.hits[0].title == "Ручная дуговая сварка"


def test_reconcile_restores_a_lost_document(es_content):
    backend = ElasticsearchBackend()
    document = SearchDocument.objects.filter(locale="en").first()
    backend.remove([(document.page_id, "en")], refresh=True)
    assert service.status()["elasticsearch"] != service.status()["documents"]
    call_command("search_index", "sync")
    assert service.status()["elasticsearch"] == service.status()["documents"]


def _searchable_after(change, capture):
    """Run ``change`` and its on-commit index task, then make Elasticsearch's writes visible (the
    task does not wait for the index refresh, at most a second: ``refresh_interval``)."""
    with capture(execute=True):
        result = change()
    ElasticsearchBackend().es.indices.refresh(index=documents.alias_name("ru"))
    return result


def test_view_restrictions_take_pages_out_of_elasticsearch(
    client, es_content, django_capture_on_commit_callbacks
):
    everywhere = ({"api", "suggest", "page"}, "elasticsearch")
    nowhere = (set(), "elasticsearch")
    page = es_content["arc-welding"]["ru"]
    assert found_in(client, page, "дуговая сварка") == everywhere

    password = _searchable_after(
        lambda: PageViewRestriction.objects.create(
            page=page, restriction_type=PageViewRestriction.PASSWORD, password="секрет"
        ),
        django_capture_on_commit_callbacks,
    )
    assert found_in(client, page, "дуговая сварка") == nowhere
    snippets = client.get("/api/v1/search", {"q": "пластин", "locale": "ru"}).json()["results"]
    assert not any("шва" in hit["snippet_html"] for hit in snippets)
    _searchable_after(password.delete, django_capture_on_commit_callbacks)
    assert found_in(client, page, "дуговая сварка") == everywhere

    crane = es_content["crane"]["ru"]
    login = _searchable_after(
        lambda: PageViewRestriction.objects.create(
            page=crane.get_parent(), restriction_type=PageViewRestriction.LOGIN
        ),
        django_capture_on_commit_callbacks,
    )
    assert found_in(client, crane, "мостовым краном") == nowhere
    assert found_in(client, page, "дуговая сварка") == nowhere
    assert service.status()["elasticsearch"] == service.status()["documents"]
    _searchable_after(login.delete, django_capture_on_commit_callbacks)
    assert found_in(client, crane, "мостовым краном") == everywhere
    assert PendingIndexOperation.objects.count() == 0


def test_environment_is_the_integration_one():
    assert os.environ["ELASTICSEARCH_URL"]


def test_the_full_profile_analyses_on_the_real_server(settings):
    """The production analyzers run on the test server: Russian Snowball and English Porter stems,
    edge n-grams for autocomplete, unstemmed words for typos."""
    settings.ELASTICSEARCH_ANALYSIS_PROFILE = "full"
    backend = ElasticsearchBackend()
    backend.rebuild()

    def tokens(locale, field, text):
        answer = backend.es.indices.analyze(index=documents.alias_name(locale), field=field, text=text)
        return [token["token"] for token in answer["tokens"]]

    assert tokens("ru", "title", "Контроль сварных швов") == ["контрол", "сварн", "швов"]
    assert tokens("en", "body", "Welders inspected the seams") == ["welder", "inspect", "seam"]
    assert tokens("ru", "title.ac", "Кран") == ["к", "кр", "кра", "кран"]
    assert tokens("en", "title.plain", "Welding seams") == ["welding", "seams"]
    answer = backend.es.indices.get_mapping(index=documents.alias_name("ru"))
    (mapping,) = answer.body.values()
    assert mapping["mappings"]["properties"]["title"]["analyzer"] == "text_ru"
