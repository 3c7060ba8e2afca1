"""Every Russian catalogue in the repository is complete, and compiled."""

from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parents[3]
CATALOGUES = sorted(
    path
    for path in ROOT.glob("**/locale/ru/LC_MESSAGES/django.po")
    if ".venv" not in path.parts and "var" not in path.parts
)


def test_there_are_russian_catalogues():
    assert ROOT / "site/locale/ru/LC_MESSAGES/django.po" in CATALOGUES


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_catalogue_is_complete_and_compiled(po_path):
    catalogue = polib.pofile(str(po_path))
    untranslated = [entry.msgid for entry in catalogue.untranslated_entries()]
    fuzzy = [entry.msgid for entry in catalogue.fuzzy_entries()]
    assert not untranslated, f"untranslated in {po_path}: {untranslated[:10]}"
    assert not fuzzy, f"fuzzy in {po_path}: {fuzzy[:10]}"
    mo_path = po_path.with_suffix(".mo")
    assert mo_path.exists(), f"{mo_path} is missing: run `make messages`"
    assert mo_path.stat().st_mtime >= po_path.stat().st_mtime, f"{mo_path} is older than its .po"


@pytest.mark.parametrize("po_path", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_plural_entries_have_every_russian_form(po_path):
    """Russian needs every form of ``Plural-Forms`` (1 минута, 2 минуты, 15 минут, 1,5 минуты): a missing
    one makes gettext fall back to the English text ("15 minutes" on a Russian page)."""
    catalogue = polib.pofile(str(po_path))
    forms = int(catalogue.metadata["Plural-Forms"].split("nplurals=")[1].split(";")[0])
    incomplete = [
        entry.msgid
        for entry in catalogue
        if entry.msgid_plural
        and sorted(index for index, text in entry.msgstr_plural.items() if text) != list(range(forms))
    ]
    assert not incomplete, f"plural forms missing in {po_path}: {incomplete}"


@pytest.mark.parametrize(
    ("count", "expected"),
    [(1, "1 минута"), (3, "3 минуты"), (15, "15 минут"), (21, "21 минута"), (111, "111 минут")],
)
def test_durations_read_in_russian(count, expected):
    from django.template import Context, Template
    from django.utils import translation

    template = Template(
        "{% load i18n %}{% blocktranslate count minutes=n %}{{ minutes }} minute{% plural %}"
        "{{ minutes }} minutes{% endblocktranslate %}"
    )
    with translation.override("ru"):
        assert template.render(Context({"n": count})) == expected
