from pathlib import Path

import polib

PO = Path(__file__).resolve().parents[1] / "locale" / "ru" / "LC_MESSAGES" / "django.po"


def test_every_message_has_a_russian_translation():
    po = polib.pofile(str(PO))
    assert [e.msgid for e in po if not e.msgstr and not e.msgstr_plural] == []
    assert [e.msgid for e in po if "fuzzy" in e.flags] == []
