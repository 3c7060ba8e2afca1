"""Catalogue demo content for ``manage.py load_demo``: taxonomy, thirty described trainers in the
catalogue page of ``bootstrap_site`` with generated hero images and, with ``--simulators N``, N extra
generated trainers for benchmarks (bulk inserts with computed tree paths, no per-page saves)."""

import io
import time
import uuid
from datetime import timedelta

from django.contrib.contenttypes.models import ContentType
from django.core.files.images import ImageFile
from django.db import transaction
from django.db.models import F
from django.utils import timezone
from PIL import Image as PILImage
from PIL import ImageDraw
from wagtail.images import get_image_model
from wagtail.models import Page

from catalogue import demo_content as content
from catalogue.bootstrap import ensure_catalogue
from catalogue.models import (
    Industry,
    Platform,
    Profession,
    SimulatorPage,
    SystemRequirement,
    TrainerLanguage,
)
from core.cache import invalidate
from core.languages import codes as language_codes

GENERATED_PREFIX = "generated-"
IMAGE_TITLE_PREFIX = "catalogue-demo"
BULK_BATCH = 500
SECTION_TITLES = {
    "ru": ("Цели обучения", "Сценарий", "Характеристики", "Вопросы и ответы"),
    "en": ("Learning objectives", "Scenario", "Specifications", "Frequently asked questions"),
}
TAXONOMY_FK = {
    "industry": "industry",
    "profession": "profession",
    "platform": "platform",
    "language": "trainerlanguage",
}


def _ensure_terms(model, rows, locales, extra=None):
    """Create or update each term in Russian and its English translation; ``{slug: {lang: row}}``."""
    terms = {}
    for index, (slug, name_ru, name_en, *rest) in enumerate(rows):
        fields = {"sort_order": (index + 1) * 10, **(extra(rest) if extra else {})}
        ru, _ = model.objects.update_or_create(
            locale=locales["ru"], slug=slug, defaults={"name": name_ru, **fields}
        )
        en, _ = model.objects.update_or_create(
            locale=locales["en"],
            slug=slug,
            defaults={"name": name_en, "translation_key": ru.translation_key, **fields},
        )
        terms[slug] = {"ru": ru, "en": en}
    return terms


@transaction.atomic
def ensure_taxonomy(ctx):
    """Industries, professions, platforms and trainer languages in both locales."""
    locales = ctx.locales
    return {
        "industry": _ensure_terms(Industry, [row[:3] for row in content.INDUSTRIES], locales),
        "profession": _ensure_terms(Profession, content.PROFESSIONS, locales),
        "platform": _ensure_terms(Platform, content.PLATFORMS, locales, extra=lambda rest: {"kind": rest[0]}),
        "language": _ensure_terms(TrainerLanguage, content.LANGUAGES, locales),
    }


def _rgb(colour):
    return tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))


# Each industry's pictogram, drawn in a 1000 x 1000 box with Pillow primitives: no text in the image, so
# the same picture serves every language (the page's own text names the industry).
def _tower(draw, ink):
    for level in range(5):
        top, bottom = 120 + level * 160, 280 + level * 160
        half_top, half_bottom = 60 + level * 30, 90 + level * 30
        draw.line([(500 - half_top, top), (500 + half_bottom, bottom)], fill=ink, width=14)
        draw.line([(500 + half_top, top), (500 - half_bottom, bottom)], fill=ink, width=14)
    draw.line([(440, 120), (380, 920)], fill=ink, width=22)
    draw.line([(560, 120), (620, 920)], fill=ink, width=22)
    draw.ellipse([(470, 60), (530, 120)], fill=ink)


def _bolt(draw, ink):
    draw.polygon([(560, 60), (260, 560), (470, 560), (400, 940), (740, 400), (520, 400), (640, 60)], fill=ink)


def _flame(draw, ink):
    draw.ellipse([(300, 420), (700, 900)], fill=ink)
    draw.polygon([(300, 660), (420, 300), (470, 440), (560, 120), (640, 420), (700, 660)], fill=ink)


def _cross(draw, ink):
    draw.ellipse([(150, 150), (850, 850)], outline=ink, width=36)
    draw.rectangle([(420, 260), (580, 740)], fill=ink)
    draw.rectangle([(260, 420), (740, 580)], fill=ink)


def _sparks(draw, ink):
    for angle in range(200, 340, 12):
        direction = complex(1, 0) * pow(complex(0, 1), angle / 90)
        inner, outer = 500 + 120 * direction, 500 + (330 + (angle * 37) % 130) * direction
        draw.line([(inner.real, 700 + inner.imag), (outer.real, 700 + outer.imag)], fill=ink, width=12)
    draw.rectangle([(200, 720), (800, 780)], fill=ink)
    draw.line([(640, 420), (520, 690)], fill=ink, width=30)


def _crane(draw, ink):
    draw.line([(300, 940), (300, 120)], fill=ink, width=40)
    draw.line([(160, 160), (900, 160)], fill=ink, width=30)
    draw.line([(300, 120), (900, 160)], fill=ink, width=10)
    draw.line([(760, 160), (760, 560)], fill=ink, width=8)
    draw.rectangle([(690, 560), (830, 700)], fill=ink)
    draw.rectangle([(160, 180), (240, 300)], fill=ink)


def _derrick(draw, ink):
    draw.line([(500, 80), (250, 920)], fill=ink, width=26)
    draw.line([(500, 80), (750, 920)], fill=ink, width=26)
    for y in range(260, 920, 170):
        spread = (y - 80) * 250 / 840
        draw.line([(500 - spread, y), (500 + spread, y)], fill=ink, width=14)
    draw.ellipse([(780, 620), (920, 800)], fill=ink)
    draw.polygon([(780, 700), (850, 540), (920, 700)], fill=ink)


def _tunnel(draw, ink):
    draw.arc([(180, 180), (820, 820)], 180, 360, fill=ink, width=48)
    draw.line([(180, 500), (180, 940)], fill=ink, width=48)
    draw.line([(820, 500), (820, 940)], fill=ink, width=48)
    draw.rectangle([(360, 640), (640, 800)], fill=ink)
    draw.ellipse([(380, 790), (450, 860)], fill=ink)
    draw.ellipse([(550, 790), (620, 860)], fill=ink)


def _rails(draw, ink):
    draw.line([(440, 120), (120, 940)], fill=ink, width=22)
    draw.line([(560, 120), (880, 940)], fill=ink, width=22)
    for step in range(8):
        y = 160 + step * step * 13
        spread = 60 + (y - 120) * 0.42
        draw.line([(500 - spread - 20, y), (500 + spread + 20, y)], fill=ink, width=6 + step * 2)


PICTOGRAMS = {
    "work-at-height": _tower,
    "electrical-safety": _bolt,
    "fire-safety": _flame,
    "first-aid": _cross,
    "welding": _sparks,
    "lifting": _crane,
    "oil-gas": _derrick,
    "mining": _tunnel,
    "railway": _rails,
}


def render_hero(industry, colours, size=(1200, 675)):
    """PNG bytes: a gradient, a perspective floor grid (a simulator's ground plane) and the industry's
    pictogram. Generated locally, no network; drawn at twice the size and scaled down for smooth edges."""
    width, height = size[0] * 2, size[1] * 2
    start, end = _rgb(colours[0]), _rgb(colours[1])
    middle = tuple((a + b) // 2 for a, b in zip(start, end, strict=True))
    # A 2x2 image scaled up with bilinear filtering is a fast smooth gradient.
    small = PILImage.new("RGB", (2, 2))
    small.putdata([start, middle, middle, end])
    image = small.resize((width, height), PILImage.Resampling.BILINEAR).convert("RGBA")
    layer = PILImage.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    horizon, grid = int(height * 0.62), (255, 255, 255, 48)
    for n in range(-12, 13):
        draw.line([(width / 2 + n * 40, horizon), (width / 2 + n * 360, height)], fill=grid, width=3)
    for n in range(1, 9):
        y = horizon + (height - horizon) * (n / 8) ** 2
        draw.line([(0, y), (width, y)], fill=grid, width=3)
    # The pictogram on the right two thirds, scaled into a square box.
    box = int(height * 0.8)
    icon = PILImage.new("RGBA", (1000, 1000), (0, 0, 0, 0))
    PICTOGRAMS.get(industry, _cross)(ImageDraw.Draw(icon), (255, 255, 255, 215))
    icon = icon.resize((box, box), PILImage.Resampling.BILINEAR)
    layer.alpha_composite(icon, (int(width * 0.58) - box // 2, (height - box) // 2))
    image = PILImage.alpha_composite(image, layer).convert("RGB").reduce(2)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def ensure_industry_images():
    """One generated hero image per industry, reused by its trainers; ``{industry slug: Image}``."""
    image_model = get_image_model()
    images = {}
    for slug, *_names, colours in content.INDUSTRIES:
        title = f"{IMAGE_TITLE_PREFIX}: {slug}"
        image = image_model.objects.filter(title=title).first()
        if image is None:
            image = image_model(title=title)
            data = render_hero(slug, colours)
            image.file = ImageFile(io.BytesIO(data), name=f"catalogue-{slug}.png")
            image.save()
        images[slug] = image
    return images


def _body(lang, industry, summary):
    question, answer = content.FAQ[lang]
    objectives, scenario, specifications, faq = SECTION_TITLES[lang]
    # The preparation and practice steps (the two without a text of their own) say what this
    # industry's trainees use and do.
    practice = iter(content.PRACTICE[industry][lang])
    steps = [{"title": title, "text": text or next(practice)} for title, text in content.STEPS[lang]]
    rows = [{"name": name, "value": value} for name, value in content.SPECS[lang]]
    return [
        {"type": "paragraph", "value": f"<p>{summary}</p>"},
        {
            "type": "objectives",
            "value": {"title": objectives, "objectives": content.OBJECTIVES[industry][lang]},
        },
        {"type": "scenario", "value": {"title": scenario, "steps": steps}},
        {"type": "specifications", "value": {"title": specifications, "rows": rows}},
        {
            "type": "faq",
            "value": {"title": faq, "items": [{"question": question, "answer": f"<p>{answer}</p>"}]},
        },
    ]


def _requirements(platform_terms, lang):
    def written_in(value):
        return value[lang] if isinstance(value, dict) else value

    return [
        SystemRequirement(
            platform=term,
            **{field: written_in(value) for field, value in content.REQUIREMENTS[term.kind].items()},
        )
        for term in platform_terms
    ]


def ensure_trainers(ctx, catalogue, taxonomy, images):
    """The thirty described trainers, each in Russian and English."""
    created = {"ru": [], "en": []}
    for slug, industry, professions, platforms, languages, minutes, difficulty, ru, en in content.TRAINERS:
        fields = {}
        for lang, (title, summary) in (("ru", ru), ("en", en)):
            terms = {
                "industries": [taxonomy["industry"][industry][lang]],
                "professions": [taxonomy["profession"][s][lang] for s in professions],
                "platforms": [taxonomy["platform"][s][lang] for s in platforms],
                "languages": [taxonomy["language"][s][lang] for s in languages],
            }
            related = [page for key, page in created[lang] if key == industry][-3:]
            fields[lang] = {
                "title": title,
                "summary": summary,
                "search_description": summary,
                "hero_image": images[industry],
                "duration_minutes": minutes,
                "difficulty": difficulty,
                "target_audience": content.AUDIENCE[lang],
                "body": _body(lang, industry, summary),
                "system_requirements": _requirements(terms["platforms"], lang),
                "related_trainers": related,
                "cta_label": "Запросить демонстрацию" if lang == "ru" else "Request a demo",
                # No page of its own: the button opens the demo request form with the trainer chosen
                # (set explicitly, so that a demo site loaded before the form exists follows).
                "cta_page": None,
                **terms,
            }
        page_ru, page_en = ctx.ensure_pair(
            catalogue["ru"], catalogue["en"], SimulatorPage, slug, ru=fields["ru"], en=fields["en"]
        )
        created["ru"].append((industry, page_ru))
        created["en"].append((industry, page_en))
    return created


def _pick(facet, n, pool):
    if facet == "industry":
        return [pool[n % len(pool)]]
    if facet == "language":
        return pool[: 1 + n % len(pool)]
    return list(dict.fromkeys([pool[n % len(pool)], pool[(n + 2) % len(pool)]]))


def _generated_batch(parent, wanted, first_step, lang, keys, images, content_type, now):
    industry_names = {row[0]: (row[1] if lang == "ru" else row[2]) for row in content.INDUSTRIES}
    industries = list(industry_names)
    pages = []
    for offset, n in enumerate(wanted):
        slug = f"{GENERATED_PREFIX}{n:05d}"
        title = f"{'Тренажёр' if lang == 'ru' else 'Trainer'} {n:05d}: {industry_names[industries[n % 9]]}"
        pages.append(
            Page(
                title=title,
                draft_title=title,
                slug=slug,
                content_type=content_type,
                path=Page._get_path(parent.path, parent.depth + 1, first_step + offset),
                depth=parent.depth + 1,
                numchild=0,
                url_path=f"{parent.url_path}{slug}/",
                locale_id=parent.locale_id,
                translation_key=keys[n],
                live=True,
                has_unpublished_changes=False,
                first_published_at=now - timedelta(minutes=n),
                last_published_at=now,
            )
        )
    pages = Page.objects.bulk_create(pages)
    trainers = [
        SimulatorPage(
            page_ptr_id=page.pk,
            summary=f"{page.title}.",
            hero_image_id=images[industries[n % len(industries)]].pk,
            duration_minutes=10 + (n * 7) % 110,
            difficulty=("beginner", "intermediate", "advanced")[n % 3],
            body=[],
        )
        for page, n in zip(pages, wanted, strict=True)
    ]
    # bulk_create refuses multi-table models: insert the child rows of the existing page rows directly.
    SimulatorPage.objects._insert(trainers, fields=SimulatorPage._meta.local_concrete_fields)
    return pages


def generate_trainers(catalogue, taxonomy, images, count):
    """Bulk-create generated trainers in each language until there are ``count`` (idempotent).

    Page rows get computed treebeard paths and go in with ``bulk_create``; the rows of the
    multi-table trainer model and the taxonomy links follow per batch. No revisions or search
    indexing: these trainers exist for benchmarks. Returns how many were created per language.
    """
    content_type = ContentType.objects.get_for_model(SimulatorPage)
    pools = {
        "industry": [row[0] for row in content.INDUSTRIES],
        "profession": [row[0] for row in content.PROFESSIONS],
        "platform": [row[0] for row in content.PLATFORMS],
        "language": [row[0] for row in content.LANGUAGES],
    }
    existing = set(
        SimulatorPage.objects.child_of(catalogue["ru"])
        .filter(slug__startswith=GENERATED_PREFIX)
        .values_list("slug", flat=True)
    )
    wanted = [n for n in range(1, count + 1) if f"{GENERATED_PREFIX}{n:05d}" not in existing]
    if not wanted:
        return 0
    keys = {n: uuid.uuid4() for n in wanted}
    now = timezone.now()
    for lang in language_codes():
        parent = Page.objects.get(pk=catalogue[lang].pk)
        last = parent.get_last_child()
        next_step = (Page._str2int(last.path[-Page.steplen :]) + 1) if last else 1
        for start in range(0, len(wanted), BULK_BATCH):
            batch = wanted[start : start + BULK_BATCH]
            with transaction.atomic():
                pages = _generated_batch(
                    parent, batch, next_step + start, lang, keys, images, content_type, now
                )
                for facet, field_name in (
                    ("industry", "industries"),
                    ("profession", "professions"),
                    ("platform", "platforms"),
                    ("language", "languages"),
                ):
                    through = getattr(SimulatorPage, field_name).through
                    target = through._meta.get_field(TAXONOMY_FK[facet]).attname
                    through.objects.bulk_create(
                        [
                            through(simulatorpage_id=page.pk, **{target: taxonomy[facet][slug][lang].pk})
                            for page, n in zip(pages, batch, strict=True)
                            for slug in _pick(facet, n, pools[facet])
                        ]
                    )
        Page.objects.filter(pk=parent.pk).update(numchild=F("numchild") + len(wanted))
    # Bulk inserts send no publishing signals: drop the cached taxonomy and facet counts here.
    invalidate()
    return len(wanted)


def load(ctx):
    taxonomy = ensure_taxonomy(ctx)
    catalogue = ensure_catalogue(ctx)
    images = ensure_industry_images()
    ensure_trainers(ctx, catalogue, taxonomy, images)
    ctx.log(f"catalogue: {len(content.TRAINERS)} trainers in ru/en, {len(content.INDUSTRIES)} industries")
    count = (ctx.options or {}).get("simulators")
    if count:
        started = time.monotonic()
        made = generate_trainers(catalogue, taxonomy, images, count)
        ctx.log(
            f"catalogue: generated {made} extra trainers per language in {time.monotonic() - started:.1f} s"
        )
