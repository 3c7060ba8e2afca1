"""StreamField blocks of the site's own pages (the paragraph, image and FAQ come from ``core.blocks``)."""

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.embeds.blocks import EmbedBlock

from core.blocks import FAQBlock, ImageBlock, ParagraphBlock


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


BODY_RICH_TEXT_FEATURES = ["h2", "h3", "bold", "italic", "link", "ol", "ul", "hr", "document-link"]


class BodyBlock(blocks.StreamBlock):
    """The general-purpose body used by standard pages and reused by other page types."""

    heading = HeadingBlock()
    paragraph = ParagraphBlock(features=BODY_RICH_TEXT_FEATURES)
    image = ImageBlock()
    callout = CalloutBlock()
    contact = ContactBlock()
    faq = FAQBlock()
    embed = EmbedBlock(
        label=_("Video or embed"),
        icon="media",
        template="website/blocks/embed.html",
        description=_("A video from an allowed provider"),
    )
