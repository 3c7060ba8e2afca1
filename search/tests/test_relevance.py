"""The fixed relevance set (search/relevance/queries.yaml) on the database backend."""

from search import relevance, service


def test_relevance_database(search_content):
    failures = []
    for case in relevance.cases("database"):
        titles = [hit.title for hit in service.search(case["q"], case["locale"]).hits]
        if not relevance.matches(case, titles):
            failures.append(f"{case['q']!r}: expected {case['top3']} in top 3 of {titles}")
    assert not failures, "\n".join(failures)
