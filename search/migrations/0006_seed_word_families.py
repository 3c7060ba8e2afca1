"""Word families users mean together, as editors can extend them (Search → Word families)."""

from django.db import migrations

FAMILIES = [
    "сварка, сварной, сварщик, сварочный",
    "кабель, кабельный",
    "пожар, пожарный",
    "высота, высотный, высотник",
    "электричество, электрический, электрик",
    "кран, крановый, крановщик",
    "строповка, стропальщик, строп",
    "газ, газовый",
    "нефть, нефтяной",
    "шахта, шахтный, шахтер",
    "бурение, буровой, бурильщик",
    "спасение, спасатель, спасательный",
    "эвакуация, эвакуировать",
    "weld, welder, welding",
    "mine, mining, miner",
    "rescue, rescuer",
    "drill, driller, drilling",
]


def seed(apps, schema_editor):
    WordFamily = apps.get_model("search", "WordFamily")
    for words in FAMILIES:
        WordFamily.objects.get_or_create(words_text=words)


class Migration(migrations.Migration):
    dependencies = [("search", "0005_word_families")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
