"""``catalogue.queries``: the catalogue's public interface for other apps."""

import pytest
from wagtail.models import PageViewRestriction

from catalogue.queries import (
    catalogue_page_for,
    live_trainer,
    live_trainers,
    newest_trainers,
    trainer_industries,
)
from catalogue.tests.conftest import make_trainer

pytestmark = pytest.mark.django_db


def _titles(pages):
    return [page.title for page in pages]


def test_live_trainers_of_a_locale_by_title_with_id_and_title_only(trainers, catalogue):
    trainers["fire-vr"][0].unpublish()
    ru = catalogue.catalogue["ru"].locale
    found = list(live_trainers(ru))
    assert _titles(found) == ["aid-web ru", "weld-pc ru", "weld-vr ru"]
    assert all(page.get_deferred_fields() >= {"summary", "body", "slug"} for page in found)
    assert _titles(live_trainers(catalogue.catalogue["en"].locale)) == [
        "aid-web en",
        "fire-vr en",
        "weld-pc en",
        "weld-vr en",
    ]


def test_live_trainers_leave_out_trainers_under_a_restricted_section(trainers, catalogue):
    ru, en = catalogue.catalogue["ru"], catalogue.catalogue["en"]
    assert len(live_trainers(ru.locale)) == 4
    PageViewRestriction.objects.create(page=ru, restriction_type=PageViewRestriction.LOGIN)
    assert list(live_trainers(ru.locale)) == []
    assert len(live_trainers(en.locale)) == 4  # the other language's section is not restricted


def test_live_trainers_leave_out_a_restricted_trainer(trainers, catalogue):
    restricted = trainers["weld-pc"][0]
    PageViewRestriction.objects.create(
        page=restricted, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    assert _titles(live_trainers(catalogue.catalogue["ru"].locale)) == [
        "aid-web ru",
        "fire-vr ru",
        "weld-vr ru",
    ]


def test_live_trainers_by_language_code_and_one_live_trainer_by_id(trainers, catalogue):
    assert _titles(live_trainers("ru")) == _titles(live_trainers(catalogue.catalogue["ru"].locale))
    weld = trainers["weld-pc"][0]
    assert live_trainer(weld.pk) == weld
    weld.unpublish()
    assert live_trainer(weld.pk) is None
    fire = trainers["fire-vr"][0]
    PageViewRestriction.objects.create(page=fire, restriction_type=PageViewRestriction.LOGIN)
    assert live_trainer(fire.pk) is None


def test_live_trainers_cost_one_query_once_restrictions_are_cached(
    trainers, catalogue, django_assert_num_queries
):
    ru = catalogue.catalogue["ru"].locale
    list(live_trainers(ru))
    with django_assert_num_queries(1):
        list(live_trainers(ru))


def test_newest_trainers_respect_view_restrictions(catalogue):
    make_trainer(catalogue, "older", "welding", ["windows"])
    newer = make_trainer(catalogue, "newer", "welding", ["windows"])
    ru = catalogue.catalogue["ru"].locale
    assert _titles(newest_trainers(ru, 5)) == ["newer ru", "older ru"]
    assert _titles(newest_trainers(ru, 1)) == ["newer ru"]
    PageViewRestriction.objects.create(page=newer[0], restriction_type=PageViewRestriction.LOGIN)
    assert _titles(newest_trainers(ru, 5)) == ["older ru"]


def test_catalogue_page_for_a_locale(catalogue):
    ru = catalogue.catalogue["ru"]
    assert catalogue_page_for(ru.locale) == ru
    ru.unpublish()
    assert catalogue_page_for(ru.locale) is None


def test_trainer_industries_names_one_industry_per_trainer(trainers):
    ru = {slug: pair[0] for slug, pair in trainers.items()}
    names = trainer_industries(page.pk for page in ru.values())
    assert set(names) == {page.pk for page in ru.values()}
    assert names[ru["weld-vr"].pk] == names[ru["weld-pc"].pk] != names[ru["fire-vr"].pk]
