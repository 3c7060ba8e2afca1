"""Demo loader: the bulk generator and the home page section."""

import pytest

from catalogue import demo
from catalogue.models import SimulatorPage

pytestmark = pytest.mark.django_db


def test_generator_is_idempotent_and_makes_valid_tree(catalogue):
    made = demo.generate_trainers(catalogue.catalogue, catalogue.taxonomy, catalogue.images, 25)
    assert made == 25
    assert demo.generate_trainers(catalogue.catalogue, catalogue.taxonomy, catalogue.images, 25) == 0
    assert demo.generate_trainers(catalogue.catalogue, catalogue.taxonomy, catalogue.images, 30) == 5
    for lang in ("ru", "en"):
        index = catalogue.catalogue[lang]
        index.refresh_from_db()
        assert index.numchild == 30
        assert SimulatorPage.objects.child_of(index).live().count() == 30
    page = SimulatorPage.objects.get(slug="generated-00007", locale=catalogue.locales["en"])
    assert page.get_translation(catalogue.locales["ru"]).slug == "generated-00007"
    assert page.industries.count() == 1


def test_generated_trainer_page_renders(client, catalogue):
    demo.generate_trainers(catalogue.catalogue, catalogue.taxonomy, catalogue.images, 3)
    assert client.get("/en/catalogue/generated-00002/").status_code == 200


def test_home_page_features_trainers(client, trainers):
    html = client.get("/ru/").content.decode()
    assert "home-trainers" in html and "weld-vr ru" in html


def test_every_industry_has_its_own_pictogram_and_images_carry_no_words():
    """Demo heroes are drawn, not captioned: the same image serves Russian and English pages."""
    import inspect

    from catalogue import demo_content

    slugs = [slug for slug, *_rest in demo_content.INDUSTRIES]
    assert sorted(demo.PICTOGRAMS) == sorted(slugs)
    assert len({demo.PICTOGRAMS[slug] for slug in slugs}) == len(slugs)
    assert "text" not in inspect.signature(demo.render_hero).parameters
    first, second = (demo.render_hero(slug, ("#0b5cad", "#0d2238")) for slug in slugs[:2])
    assert first.startswith(b"\x89PNG") and first != second
