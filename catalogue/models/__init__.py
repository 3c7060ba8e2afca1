"""Catalogue models: taxonomy snippets and the listing/trainer pages."""

from catalogue.choices import Difficulty

from .pages import CatalogueIndexPage, SimulatorPage, SystemRequirement
from .snippets import TAXONOMIES, Industry, Platform, Profession, TrainerLanguage

__all__ = [
    "TAXONOMIES",
    "CatalogueIndexPage",
    "Difficulty",
    "Industry",
    "Platform",
    "Profession",
    "SimulatorPage",
    "SystemRequirement",
    "TrainerLanguage",
]
