"""The catalogue's part of ``bootstrap_site``: the catalogue page in Russian and English."""

from catalogue.models import CatalogueIndexPage

CATALOGUE_SLUG = "catalogue"
CATALOGUE_TEXTS = {
    "ru": {
        "title": "Каталог тренажёров",
        "intro": "Виртуальные тренажёры для обучения рабочих профессий и охраны труда: VR, ПК и браузер.",
        "search_description": "Каталог VR- и 3D-тренажёров для профессионального обучения и охраны труда.",
    },
    "en": {
        "title": "Trainer catalogue",
        "intro": "Virtual trainers for vocational and occupational safety training: VR, PC and browser.",
        "search_description": "Catalogue of VR and 3D trainers for vocational and safety training.",
    },
}


def ensure_catalogue(ctx):
    """The catalogue page under each home page (shown in the main menu); returns ``{lang: page}``."""
    ru, en = ctx.ensure_pair(
        ctx.homes["ru"],
        ctx.homes["en"],
        CatalogueIndexPage,
        CATALOGUE_SLUG,
        ru={**CATALOGUE_TEXTS["ru"], "show_in_menus": True},
        en={**CATALOGUE_TEXTS["en"], "show_in_menus": True},
        keep_existing=True,
    )
    return {"ru": ru, "en": en}


def load(ctx):
    pages = ensure_catalogue(ctx)
    ctx.log_pages("catalogue", pages["ru"], pages["en"])
