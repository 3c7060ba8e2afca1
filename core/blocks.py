"""StreamField blocks several apps share: a paragraph of rich text, an image and an FAQ.

Each block carries its ``icon``, ``template``, ``label``, ``description`` and ``preview_value`` (the
bakerydemo convention); the templates live in ``core/templates/core/blocks/`` and their CSS in the
site's stylesheet. Apps put them in their own ``StreamBlock`` bodies, choosing the rich-text
features of the paragraph: ``ParagraphBlock(features=[...])``.
"""

from django.utils.deconstruct import deconstructible
from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.blocks.migrations.operations import BaseBlockOperation
from wagtail.blocks.migrations.utils import formatted_list_child_generator
from wagtail.images import blocks as image_blocks
from wagtail.images import get_image_model

FAQ_ANSWER_FEATURES = ["bold", "italic", "link", "ul", "ol"]


class ParagraphBlock(blocks.RichTextBlock):
    """Formatted text; ``features`` is the list of the editor's rich-text features."""

    class Meta:
        icon = "pilcrow"
        template = "core/blocks/paragraph.html"
        label = _("Paragraph")
        description = _("Formatted text")
        preview_value = "<p>Тренажёр отрабатывает действия персонала при работе на высоте.</p>"


class ImageBlock(image_blocks.ImageBlock):
    """An image with its alternative text (or marked decorative), shown 960 px wide."""

    class Meta:
        icon = "image"
        template = "core/blocks/image.html"
        label = _("Image")
        description = _("An image with alternative text")

    def get_preview_value(self):
        # An image block previews a real image: the newest one in the library, if any.
        image = get_image_model().objects.order_by("-created_at").first()
        if image is not None:
            image.contextual_alt_text = image.default_alt_text
            image.decorative = False
        return image


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=FAQ_ANSWER_FEATURES)

    class Meta:
        icon = "help"
        template = "core/blocks/faq_item.html"
        label = _("Question and answer")
        description = _("A question and its answer, shown as an expandable item")
        preview_value = {"question": "Как сообщить о неисправности?", "answer": "<p>Через форму.</p>"}


class FAQBlock(blocks.StructBlock):
    """Questions and answers under an optional heading.

    The heading has no default here; a body that wants one passes it:
    ``FAQBlock(default={"title": _("Frequently asked questions")})``."""

    title = blocks.CharBlock(label=_("Title"), max_length=200, required=False)
    items = blocks.ListBlock(FAQItemBlock(), label=_("Questions"), min_num=1)

    class Meta:
        icon = "help"
        template = "core/blocks/faq.html"
        label = _("FAQ")
        description = _("Questions and answers, shown as expandable items")
        preview_value = {
            "title": "Вопросы и ответы",
            "items": [{"question": "Нужен ли VR-шлем?", "answer": "<p>Нет, есть версия для ПК.</p>"}],
        }


@deconstructible
class FAQListToStructOperation(BaseBlockOperation):
    """Stream-data migration: an FAQ stored as a bare list of items becomes an :class:`FAQBlock`
    value, ``{"title": title, "items": [...]}`` (for ``MigrateStreamData``, block path ``"faq"``).

    Both list formats are read (plain values, and ``{"type": "item", "value", "id"}`` since Wagtail
    2.16); item ids are kept, and an empty list (a draft's) gives no items. A value that is already
    a struct is left as it is, so running the migration twice, or on a revision saved after the
    change, changes nothing."""

    def __init__(self, title=""):
        super().__init__()
        self.title = title

    def apply(self, block_value):
        if isinstance(block_value, dict):
            return block_value
        # formatted_list_child_generator reads the first item to tell the format: none, no items.
        items = list(formatted_list_child_generator(block_value)) if block_value else []
        return {"title": self.title, "items": items}

    @property
    def operation_name_fragment(self):
        return "faq_list_to_struct"
