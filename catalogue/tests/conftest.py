"""Catalogue fixtures: taxonomy, the catalogue pages and a few trainers in ru and en."""

import pytest

from catalogue import demo
from catalogue.models import SimulatorPage


@pytest.fixture
def catalogue(site_shell, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    ctx = site_shell
    taxonomy = demo.ensure_taxonomy(ctx)
    pages = demo.ensure_catalogue(ctx)
    images = demo.ensure_industry_images()
    ctx.taxonomy, ctx.catalogue, ctx.images = taxonomy, pages, images
    return ctx


def make_trainer(ctx, slug, industry, platforms, *, minutes=30, difficulty="beginner", title=None):
    """A published trainer in ru with its en translation (taxonomy of each locale)."""
    fields = {}
    for lang in ("ru", "en"):
        fields[lang] = {
            "title": title or f"{slug} {lang}",
            "summary": f"Summary of {slug} ({lang})",
            "duration_minutes": minutes,
            "difficulty": difficulty,
            "industries": [ctx.taxonomy["industry"][industry][lang]],
            "platforms": [ctx.taxonomy["platform"][p][lang] for p in platforms],
            "languages": [ctx.taxonomy["language"]["ru"][lang]],
            "hero_image": ctx.images[industry],
        }
    return ctx.ensure_pair(
        ctx.catalogue["ru"], ctx.catalogue["en"], SimulatorPage, slug, ru=fields["ru"], en=fields["en"]
    )


@pytest.fixture
def trainers(catalogue):
    """Four trainers: welding on VR and PC, welding on PC, fire safety on VR, first aid in a browser."""
    ctx = catalogue
    return {
        "weld-vr": make_trainer(ctx, "weld-vr", "welding", ["quest-3", "windows"], minutes=40),
        "weld-pc": make_trainer(ctx, "weld-pc", "welding", ["windows"], minutes=20, difficulty="advanced"),
        "fire-vr": make_trainer(ctx, "fire-vr", "fire-safety", ["quest-3"], minutes=15),
        "aid-web": make_trainer(ctx, "aid-web", "first-aid", ["webgl"], minutes=90),
    }
