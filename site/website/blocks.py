"""StreamField blocks shared by the site's pages (apps reuse them in their own bodies)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageBlock


class HeadingBlock(blocks.StructBlock):
    text = blocks.CharBlock(label=_("Text"), max_length=200)
    level = blocks.ChoiceBlock(
        label=_("Level"), choices=[("h2", "H2"), ("h3", "H3"), ("h4", "H4")], default="h2"
    )

    class Meta:
        icon = "title"
        template = "website/blocks/heading.html"
        label = _("Heading")
        description = _("A section heading")
        preview_value = {"text": "Поддержание жизненного цикла", "level": "h2"}


class CalloutBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    text = blocks.RichTextBlock(label=_("Text"), features=["bold", "italic", "link", "ul"])

    class Meta:
        icon = "warning"
        template = "website/blocks/callout.html"
        label = _("Callout")
        description = _("A highlighted box for an important rule or notice")
        preview_value = {"title": "Важно", "text": "<p>Работы проводятся во внерабочее время.</p>"}


class ContactBlock(blocks.StructBlock):
    title = blocks.CharBlock(label=_("Title"), max_length=200)
    email = blocks.EmailBlock(label=_("E-mail"), required=False)
    phone = blocks.CharBlock(label=_("Phone"), max_length=40, required=False)
    note = blocks.TextBlock(label=_("Note"), required=False)

    class Meta:
        icon = "mail"
        template = "website/blocks/contact.html"
        label = _("Contact")
        description = _("A support contact: e-mail and/or phone")
        preview_value = {"title": "Техническая поддержка", "email": "support@vt-pro.ru"}


class FAQItemBlock(blocks.StructBlock):
    question = blocks.CharBlock(label=_("Question"), max_length=300)
    answer = blocks.RichTextBlock(label=_("Answer"), features=["bold", "italic", "link", "ul", "ol"])

    class Meta:
        icon = "help"
        label = _("Question and answer")


class FAQBlock(blocks.ListBlock):
    def __init__(self, **kwargs):
        super().__init__(FAQItemBlock(), **kwargs)

    class Meta:
        icon = "help"
        template = "website/blocks/faq.html"
        label = _("FAQ")
        description = _("Questions and answers, shown as expandable items")
        preview_value = [{"question": "Как сообщить о неисправности?", "answer": "<p>Через форму.</p>"}]


BODY_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", "document-link"]


class BodyBlock(blocks.StreamBlock):
    """The general-purpose body used by standard pages and reused by other page types."""

    heading = HeadingBlock()
    paragraph = blocks.RichTextBlock(
        label=_("Paragraph"),
        features=BODY_RICH_TEXT_FEATURES,
        icon="pilcrow",
        template="website/blocks/paragraph.html",
        description=_("Formatted text"),
        preview_value="<p>Текст абзаца.</p>",
    )
    image = ImageBlock(
        label=_("Image"),
        template="website/blocks/image.html",
        description=_("An image with alternative text"),
    )
    callout = CalloutBlock()
    contact = ContactBlock()
    faq = FAQBlock()
    embed = EmbedBlock(
        label=_("Video or embed"),
        icon="media",
        template="website/blocks/embed.html",
        description=_("A video from an allowed provider"),
    )
