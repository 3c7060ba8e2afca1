from wagtail.contrib.search_promotions.models import Query

from search import demo, service
from search.models import SearchDocument, SearchSynonym


def test_demo_loads_synonyms_promotion_and_index(search_content, site_shell):
    SearchDocument.objects.all().delete()
    demo.load(site_shell)
    demo.load(site_shell)  # idempotent
    assert SearchSynonym.objects.count() == 2
    assert Query.get(demo.PROMOTED_QUERY).editors_picks.count() == 1
    assert SearchDocument.objects.filter(type="trainer").count() == 14
    results = service.search("охрана труда", "ru")
    assert [hit.title for hit in results.promoted] == ["Работы на высоте"]
    assert "Работы на высоте" not in [hit.title for hit in results.hits]
