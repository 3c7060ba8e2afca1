from catalogue.models import SimulatorPage
from search import service
from search.backends.database import DatabaseBackend
from search.indexing import sync_pages


def test_results_are_grouped_by_type_with_counts(search_content):
    results = service.search("безопасность", "ru")
    assert results.backend == "database"
    assert results.type_counts["trainer"] >= 2
    assert set(results.type_counts) == {"trainer", "release_note", "notice", "page"}
    assert results.total == sum(results.type_counts.values())


def test_type_filter_limits_hits_but_keeps_all_type_counts(search_content):
    everything = service.search("тренажёр", "ru")
    pages_only = service.search("тренажёр", "ru", type="page")
    assert all(hit.type == "page" for hit in pages_only.hits)
    assert pages_only.type_counts == everything.type_counts
    assert pages_only.total == everything.type_counts["page"]


def test_facet_counts_and_filter(search_content):
    results = service.search("тренажёр", "ru")
    industries = dict(results.facets["industry"])
    assert industries["Охрана труда"] >= 1
    filtered = service.search("тренажёр", "ru", filters={"industry": "Машиностроение"})
    assert {hit.title for hit in filtered.hits} == {"Ручная дуговая сварка", "Управление мостовым краном"}
    # The industry facet ignores its own filter (so other industries stay selectable) ...
    assert dict(filtered.facets["industry"]) == industries
    # ... while the platform facet reflects it.
    assert dict(filtered.facets["platform"]) == {"Meta Quest 3": 1, "Windows": 1}


def test_facets_are_not_limited_to_ten_buckets(search_content):
    from search.models import SearchDocument, SearchFacet

    document = SearchDocument.objects.filter(locale="ru", type="trainer").first()
    SearchFacet.objects.bulk_create(
        SearchFacet(document=document, kind="platform", value=f"Платформа {i:02d}") for i in range(15)
    )
    results = service.search("тренажёр", "ru")
    assert len(results.facets["platform"]) >= 15


def test_snippets_are_highlighted_and_escaped(search_content):
    hit = service.search("сварка", "ru").hits[0]
    assert hit.title_html == "Ручная дуговая <mark>сварка</mark>"
    assert "<mark>" in hit.snippet_html


def test_query_html_is_escaped_in_highlights(search_content):
    from search.models import SearchDocument

    SearchDocument.objects.filter(title="Первая помощь пострадавшему").update(
        summary="<script>alert(1)</script> помощь"
    )
    hit = service.search("помощь", "ru").hits[0]
    assert "<script>" not in hit.snippet_html
    assert "&lt;script&gt;" in hit.snippet_html


def test_typo_is_corrected_from_the_vocabulary(search_content):
    results = service.search("сварак", "ru")
    assert results.corrected == "сварка"
    assert results.hits[0].title == "Ручная дуговая сварка"


def test_typo_correction_knows_a_word_right_after_indexing(search_content):
    crane = search_content["crane"]["ru"]
    # No hits: the vocabulary is computed (and cached) without the new word.
    assert service.search("гидроманипулятар", "ru").corrected is None
    # A change the publishing signals never saw: only the indexing can drop the cached vocabulary.
    SimulatorPage.objects.filter(pk=crane.pk).update(title="Гидроманипулятор лесовоза")
    sync_pages([crane.pk])
    results = service.search("гидроманипулятар", "ru")
    assert results.corrected == "гидроманипулятор"
    assert [hit.title for hit in results.hits] == ["Гидроманипулятор лесовоза"]


def test_locales_are_separate(search_content):
    assert service.search("welding", "ru").total == 0 or all(
        "/ru/" in hit.url for hit in service.search("welding", "ru").hits
    )
    assert all(hit.url.startswith("/en/") for hit in service.search("welding", "en").hits)


def test_pagination(search_content):
    first = service.search("тренажёр", "ru")
    assert first.total > 1
    tiny = service.build_query("тренажёр", "ru")
    tiny.page_size = 2
    page_one = DatabaseBackend().query(tiny)
    tiny.page = 2
    page_two = DatabaseBackend().query(tiny)
    assert page_one.num_pages >= 2
    assert not {h.page_id for h in page_one.hits} & {h.page_id for h in page_two.hits}


def test_synonym_abbreviation_matches_only_in_capitals(search_content):
    assert "охрана труда" in service.build_query("ОТ", "ru").alternatives
    assert service.build_query("от", "ru").alternatives == ["от"]
    assert "виртуальная реальность" in service.build_query("тренажёры VR", "ru").alternatives[1]


def test_synonym_edits_apply_at_once(search_content):
    from search.models import SearchSynonym

    assert service.build_query("кран", "ru").alternatives == ["кран"]  # the groups are now cached
    synonym = SearchSynonym.objects.create(terms="кран, грузоподъёмный механизм")
    assert "грузоподъёмный механизм" in service.build_query("кран", "ru").alternatives
    synonym.enabled = False
    synonym.save()
    assert service.build_query("кран", "ru").alternatives == ["кран"]


def test_promoted_page_comes_first(search_content):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    crane = search_content["crane"]["ru"]
    # A search before the promotion exists leaves the cached set of promoted queries behind.
    assert service.search("сварка", "ru").promoted == []
    query = Query.get("сварка")
    SearchPromotion.objects.create(query=query, page=crane, sort_order=0, description="Смотрите также")
    results = service.search("Сварка", "ru")
    assert [hit.title for hit in results.promoted] == ["Управление мостовым краном"]
    english = service.search("сварка", "en")
    assert [hit.title for hit in english.promoted] == ["Overhead crane operation"]
    SearchPromotion.objects.all().delete()
    assert service.search("сварка", "ru").promoted == []


def test_deleting_a_promoted_query_forgets_its_promotions(search_content):
    from wagtail.contrib.search_promotions.models import Query, SearchPromotion

    query = Query.get("сварка")
    SearchPromotion.objects.create(query=query, page=search_content["crane"]["ru"], sort_order=0)
    assert "сварка" in service.promoted_queries()
    query.delete()  # the promotions go with it (cascade), and their deletion starts a new generation
    assert "сварка" not in service.promoted_queries()


def test_suggest_completes_titles(search_content):
    titles = [s.title for s in service.suggest("свар", "ru")]
    assert titles == ["Ручная дуговая сварка"]
    assert [s.title for s in service.suggest("work at h", "en")] == ["Work at height"]
    assert service.suggest("с", "ru") == []


def test_empty_query_returns_nothing(search_content):
    assert service.search("   ", "ru") is None
