"""StreamField blocks of a trainer description (the paragraph, image and FAQ come from ``core.blocks``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from core.blocks import FAQBlock, ImageBlock, ParagraphBlock

RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr"]


class GalleryBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    images = blocks.ListBlock(ImageBlock(label=_("Image")), label=_("Images"), min_num=1)

    class Meta:
        icon = "image"
        template = "catalogue/blocks/gallery.html"
        label = _("Gallery")
        description = _("Several screenshots of the trainer shown as a grid")


class LearningObjectivesBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, default=_("Learning objectives"))
    objectives = blocks.ListBlock(
        blocks.CharBlock(label=_("Objective"), max_length=300), label=_("Objectives"), min_num=1
    )

    class Meta:
        icon = "tick"
        template = "catalogue/blocks/objectives.html"
        label = _("Learning objectives")
        description = _("What the learner will be able to do after the trainer")
        preview_value = {
            "title": "Цели обучения",
            "objectives": ["Выбирать средства защиты от падения", "Проверять анкерные точки"],
        }


class ScenarioStepBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Step"), max_length=200)
    text = blocks.TextBlock(label=_("Description"), required=False)

    class Meta:
        icon = "arrow-right"
        label = _("Scenario step")


class ScenarioStepsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, default=_("Scenario"))
    steps = blocks.ListBlock(ScenarioStepBlock(), label=_("Steps"), min_num=1)

    class Meta:
        icon = "list-ol"
        template = "catalogue/blocks/scenario.html"
        label = _("Scenario steps")
        description = _("The exercise step by step, as the learner goes through it")
        preview_value = {
            "title": "Сценарий",
            "steps": [
                {"title": "Допуск к работе", "text": "Получение наряда-допуска."},
                {"title": "Проверка СИЗ", "text": "Осмотр страховочной привязи."},
            ],
        }


class SpecificationRowBlock(blocks.StructBlock):
    name = blocks.CharBlock(label=_("Parameter"), max_length=120)
    value = blocks.CharBlock(label=_("Value"), max_length=300)

    class Meta:
        icon = "list-ul"
        label = _("Row")


class SpecificationsBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200, default=_("Specifications"))
    rows = blocks.ListBlock(SpecificationRowBlock(), label=_("Rows"), min_num=1)

    class Meta:
        icon = "table"
        template = "catalogue/blocks/specifications.html"
        label = _("Specifications table")
        description = _("Parameter and value pairs: modes, number of scenarios, assessment")
        preview_value = {
            "title": "Характеристики",
            "rows": [{"name": "Режимы", "value": "Обучение, экзамен"}, {"name": "Сценарии", "value": "12"}],
        }


class SimulatorBodyBlock(blocks.StreamBlock):
    """The body of a trainer page."""

    paragraph = ParagraphBlock(features=RICH_TEXT_FEATURES)
    image = ImageBlock()
    gallery = GalleryBlock()
    video = EmbedBlock(
        label=_("Video"),
        icon="media",
        template="catalogue/blocks/video.html",
        description=_("A video from YouTube or Rutube"),
    )
    objectives = LearningObjectivesBlock()
    scenario = ScenarioStepsBlock()
    specifications = SpecificationsBlock()
    faq = FAQBlock(default={"title": _("Frequently asked questions")})

    class Meta:
        block_counts = {"faq": {"max_num": 1}}
