"""What is searchable: one entry per page model, looked up lazily by label.

Each entry turns a live, public page of its model into the fields of a ``SearchDocument``. Models are
named by label strings and resolved with ``apps.get_model`` at use time, so this module imports no
content app (search depends on them, never the other way round). The summary is the first non-empty
of ``summary_fields``; the body joins ``body_fields``.
"""

from dataclasses import dataclass, field

from django.apps import apps

from search.text import html_to_text, stream_text


@dataclass(frozen=True)
class Searchable:
    label: str
    type: str
    summary_fields: tuple = ("intro", "search_description")
    body_fields: tuple = ("body",)
    facet_fields: dict = field(default_factory=dict)  # facet kind -> relation attribute on the page
    extra_title_fields: tuple = ()

    @property
    def model(self):
        return apps.get_model(self.label)


TRAINER_FACETS = {"industry": "industries", "profession": "professions", "platform": "platforms"}

REGISTRY = [
    Searchable(
        "catalogue.SimulatorPage",
        "trainer",
        summary_fields=("summary", "search_description"),
        facet_fields=TRAINER_FACETS,
    ),
    Searchable(
        "simulators.ReleaseNotePage",
        "release_note",
        summary_fields=("summary", "search_description"),
        body_fields=("changes",),
        extra_title_fields=("version",),
    ),
    Searchable(
        "status.MaintenanceNoticePage",
        "notice",
        summary_fields=("description", "search_description"),
        body_fields=("updates",),
    ),
    Searchable("website.StandardPage", "page"),
    Searchable("helpdesk.SupportPage", "page", body_fields=("faq",)),
    Searchable("status.StatusPage", "page", body_fields=()),
]
TEXT_ATTRIBUTES = ("text", "note", "message", "description", "body", "summary", "title")


def entries():
    """Every registered entry."""
    return list(REGISTRY)


def entry_for(page):
    """The entry for a (specific) page instance, or None when the page is not searchable."""
    for entry in entries():
        if type(page) is entry.model:
            return entry
    return None


def searchable_models():
    return [entry.model for entry in entries()]


def _text_of(value):
    if value is None:
        return ""
    if hasattr(value, "all") and callable(value.all):  # a child relation such as an update timeline
        parts = []
        for item in value.all():
            attribute = next((a for a in TEXT_ATTRIBUTES if getattr(item, a, None)), None)
            parts.append(_text_of(getattr(item, attribute)) if attribute else "")
        return " ".join(part for part in parts if part)
    if isinstance(value, str):
        return html_to_text(value)
    if hasattr(value, "raw_data") or isinstance(value, (list, tuple)):
        return stream_text(value)
    if hasattr(value, "source"):
        return html_to_text(value.source)
    return html_to_text(str(value))


def _names(page, attribute, translations):
    """Names of the related snippets in the page's language (not the active one: indexing runs in
    commands and tasks). ``translations`` memoises ``(model, translation key, locale) -> snippet``."""
    related = getattr(page, attribute, None)
    if related is None or not hasattr(related, "all"):
        return []
    names = []
    for obj in related.all():
        if getattr(obj, "translation_key", None) and obj.locale_id != page.locale_id:
            key = (type(obj), obj.translation_key, page.locale_id)
            if key not in translations:
                translations[key] = obj.get_translation_or_none(page.locale) or obj
            obj = translations[key]
        name = getattr(obj, "name", None) or getattr(obj, "title", None) or str(obj)
        if name and name not in names:
            names.append(str(name))
    return names


def extract(page, entry, translations=None):
    """Document fields of ``page`` (title, summary, body, facets) by ``entry``.

    Pass the same ``translations`` dict for a batch of pages to look each snippet translation up once.
    """
    translations = {} if translations is None else translations
    summary = ""
    for name in entry.summary_fields:
        summary = _text_of(getattr(page, name, None))
        if summary:
            break
    body_parts = []
    for name in entry.body_fields:
        text = _text_of(getattr(page, name, None))
        if text and text != summary and text not in body_parts:
            body_parts.append(text)
    facets = {kind: _names(page, attribute, translations) for kind, attribute in entry.facet_fields.items()}
    title = page.title
    extras = [str(getattr(page, name)) for name in entry.extra_title_fields if getattr(page, name, None)]
    for extra in extras:
        if extra not in title:
            title = f"{title} {extra}"
    # Facet names are searchable text too ("сварка" finds trainers of the welding industry).
    facet_text = " ".join(value for values in facets.values() for value in values)
    return {
        "title": title[:255],
        "summary": summary,
        "body": " ".join([*body_parts, facet_text]).strip(),
        "facets": {kind: values for kind, values in facets.items() if values},
    }
