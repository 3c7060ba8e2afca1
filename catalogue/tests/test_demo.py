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
