"""The one rule for the language a query string names (``locale``, and ``lang`` where old links live)."""

import pytest
from django.http import Http404, QueryDict
from django.test import RequestFactory

from core import languages


def test_locale_names_the_language():
    assert languages.from_query(QueryDict("locale=en")) == "en"
    assert languages.from_query(QueryDict("locale=")) is None
    assert languages.from_query(QueryDict("")) is None


def test_lang_counts_only_where_old_links_live():
    assert languages.from_query(QueryDict("lang=en")) is None
    assert languages.from_query(QueryDict("lang=en"), legacy=True) == "en"
    # ``locale`` wins over the legacy name.
    assert languages.from_query(QueryDict("lang=en&locale=ru"), legacy=True) == "ru"


@pytest.mark.parametrize("value", ["xx", "EN", "en-GB", "ru\x00", "😀"])
def test_a_language_the_site_does_not_have_is_refused(value):
    with pytest.raises(languages.UnknownLanguage):
        languages.from_query(QueryDict(mutable=True) | {"locale": value})


def test_a_feed_with_an_unknown_language_is_not_found():
    request = RequestFactory().get("/feeds/x.rss", {"lang": "de"})
    with pytest.raises(Http404):
        languages.for_feed(request, "ru")
    assert languages.for_feed(RequestFactory().get("/feeds/x.rss"), "ru") == "ru"
