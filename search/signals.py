"""Signal handlers that keep the index fresh.

Publishing, unpublishing, deleting and moving pages (translations are published pages too), setting or
removing a page's view restriction and saving taxonomy snippets enqueue index tasks after the
transaction commits. Nothing here may make publishing
fail or wait: errors are logged and the queue of pending operations is retried later.
"""

import logging

from django.db import transaction
from django.db.models.signals import post_delete, post_save, pre_delete
from wagtail.models import Page, PageViewRestriction
from wagtail.signals import page_published, page_unpublished, post_page_move

from search import registry
from search.indexing import queue
from search.models import PendingIndexOperation, SearchDocument
from search.tasks import flush_index_queue, index_pages

logger = logging.getLogger(__name__)


def schedule(page_ids):
    page_ids = sorted({int(pk) for pk in page_ids})
    if not page_ids:
        return

    def enqueue():
        try:
            index_pages.enqueue(page_ids)
        except Exception:  # search must never break publishing
            logger.exception("search: could not enqueue index update for pages %s", page_ids[:20])

    transaction.on_commit(enqueue)


def schedule_subtree(page_id):
    """Re-index a page and everything under it once the transaction commits (the tree as committed)."""

    def enqueue():
        try:
            page = Page.objects.filter(pk=page_id).first()
            if page is None:  # deleted meanwhile: on_page_deleted removed its documents
                return
            ids = list(Page.objects.descendant_of(page, inclusive=True).values_list("pk", flat=True))
            index_pages.enqueue(ids)
        except Exception:
            logger.exception("search: could not enqueue index update under page %s", page_id)

    transaction.on_commit(enqueue)


def schedule_removal(keys):
    def enqueue():
        try:
            queue(keys, PendingIndexOperation.REMOVE)
            flush_index_queue.enqueue()
        except Exception:
            logger.exception("search: could not enqueue index removal of %s", keys[:20])

    transaction.on_commit(enqueue)


def on_published(sender, instance, **kwargs):
    if sender in registry.searchable_models():
        schedule([instance.pk])


def on_unpublished(sender, instance, **kwargs):
    schedule([instance.pk])


def on_moved(sender, instance, **kwargs):
    # URLs of the page and everything under it changed, and so may their privacy (a restricted parent).
    schedule_subtree(instance.pk)


def on_view_restriction_changed(sender, instance, **kwargs):
    # A restriction covers the page and all its descendants: their documents must leave the index (or
    # come back) now, not at the next periodic sync.
    schedule_subtree(instance.page_id)


def on_page_deleted(sender, instance, **kwargs):
    locale = SearchDocument.objects.filter(page_id=instance.pk).values_list("locale", flat=True).first()
    if locale:
        schedule_removal([(instance.pk, locale)])


def taxonomy_handler(model, relation):
    def handler(sender, instance, **kwargs):
        try:
            ids = list(model.objects.filter(**{relation: instance}).values_list("pk", flat=True))
        except Exception:  # the relation is not a plain queryable relation after all
            logger.exception("search: cannot find %s pages using %s", model.__name__, instance)
            return
        schedule(ids)

    return handler


def connect():
    page_published.connect(on_published, dispatch_uid="search-published")
    page_unpublished.connect(on_unpublished, dispatch_uid="search-unpublished")
    post_page_move.connect(on_moved, dispatch_uid="search-moved")
    pre_delete.connect(on_page_deleted, sender=Page, dispatch_uid="search-deleted")
    post_save.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-acl-saved"
    )
    post_delete.connect(
        on_view_restriction_changed, sender=PageViewRestriction, dispatch_uid="search-acl-deleted"
    )
    for entry in registry.entries():
        for relation in entry.facet_fields.values():
            field = next((f for f in entry.model._meta.get_fields() if f.name == relation), None)
            related = getattr(field, "related_model", None)
            if related is None:  # the content app does not have this relation (yet)
                continue
            handler = taxonomy_handler(entry.model, relation)
            uid = f"search-taxonomy-{entry.label}-{relation}"
            post_save.connect(handler, sender=related, dispatch_uid=uid, weak=False)
