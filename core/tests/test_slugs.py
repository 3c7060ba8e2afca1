import pytest

from core.slugs import ascii_slug


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Сварка в защитных газах", "svarka-v-zashchitnykh-gazakh"),
        ("Подъёмник «Щит»", "podemnik-shchit"),
        ("Охрана труда: ЛЭП 110 кВ", "okhrana-truda-lep-110-kv"),
        ("First aid", "first-aid"),
        ("", ""),
    ],
)
def test_cyrillic_is_transliterated_not_dropped(text, slug):
    assert ascii_slug(text) == slug
