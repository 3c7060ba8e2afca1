import pytest

from search import documents


def test_full_profile_has_language_analysis_and_autocomplete():
    body = documents.build_index("ru", "vt-x-ru-1", "full").to_dict()
    analysis = body["settings"]["analysis"]
    assert analysis["filter"]["stem_ru"] == {"type": "stemmer", "language": "russian"}
    assert analysis["filter"]["stop_ru"] == {"type": "stop", "stopwords": "_russian_"}
    assert analysis["filter"]["autocomplete_edge"]["type"] == "edge_ngram"
    title = body["mappings"]["properties"]["title"]
    assert title["analyzer"] == "text_ru"
    assert title["fields"]["ac"]["analyzer"] == "autocomplete"
    assert title["fields"]["plain"]["analyzer"] == "standard"
    assert documents.typo_title_field("full") == "title.plain"
    english = documents.build_index("en", "vt-x-en-1", "full").to_dict()
    assert english["mappings"]["properties"]["summary"]["analyzer"] == "text_en"


def test_core_profile_uses_only_builtin_analysis():
    body = documents.build_index("ru", "vt-x-ru-1", "core").to_dict()
    assert "analysis" not in body.get("settings", {})
    properties = body["mappings"]["properties"]
    assert properties["title"]["analyzer"] == "standard"
    assert "ac" not in properties["title"]["fields"]
    assert "plain" not in properties["title"]["fields"]
    assert documents.typo_title_field("core") == "title"
    assert properties["industry"] == {"type": "keyword"}
    assert properties["url"] == {"type": "keyword", "index": False}


def test_shards_and_replicas_come_from_settings(settings):
    assert documents.build_index("ru", "vt-x-ru-1", "core").to_dict()["settings"]["number_of_replicas"] == 0
    settings.ELASTICSEARCH_SHARDS = 3
    settings.ELASTICSEARCH_REPLICAS = 2
    index_settings = documents.build_index("ru", "vt-x-ru-1", "core").to_dict()["settings"]
    assert (index_settings["number_of_shards"], index_settings["number_of_replicas"]) == (3, 2)


def test_alias_and_versioned_names(settings):
    settings.ELASTICSEARCH_INDEX_PREFIX = "VT-Prod"
    assert documents.alias_name("ru") == "vt-prod-ru"
    assert documents.new_index_name("ru").startswith("vt-prod-ru-")


def test_unknown_profile_is_refused(settings):
    settings.ELASTICSEARCH_ANALYSIS_PROFILE = "fancy"
    with pytest.raises(ValueError):
        documents.profile()
