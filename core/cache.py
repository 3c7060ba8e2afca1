"""The one cache mechanism of the project: values cached for the current *content generation*.

Every cached read goes through :func:`cached` (or :func:`store`/:func:`peek` for a short-lived shared
flag). An entry's key carries the generation, so starting a new one (:func:`invalidate`) drops every
entry at once: old keys simply expire. Content changes start a new generation:

- Wagtail content, always: publishing, unpublishing, moving or deleting a page; saving or deleting a
  snippet, image, document, site or view restriction;
- the models each app declares on its ``AppConfig`` as ``invalidates_cache = ("app_label.Model", ...)``
  (non-page rows that cached values are built from: the footer contacts, builds, the duty roster...).

The wiring is done once, here (:func:`connect_signals`, from ``CoreConfig.ready``); no app overrides
``save()`` or connects signals of its own for its cache. Rows nothing caches (fault reports, outbox
messages, download logs) are written all the time and never start a generation.

Reads are cheap: a request reads the generation once (the first time it needs it, inside
:func:`request_scope`) and each process keeps a copy of the current generation's entries (pickled,
so every caller gets its own objects, at most ``LOCAL_BYTES``), so a warm request reads Redis once.
An entry lives until the next generation or its ``timeout``, whichever comes first; the timeout may
depend on the value (``timeout=lambda value: seconds``), e.g. "until the next maintenance window
starts". Values that depend on the clock put the time bucket in their name.

Keys carry the database name: environments sharing one Redis (staging, test runs of several
checkouts) share the generation but never read each other's rows.
"""

import pickle
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as memoize

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as shared
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

GENERATION_KEY = "pagecache:generation"
LOCAL_BYTES = 16 * 1024 * 1024
# How an app declares the models whose saves and deletions start a new generation.
DECLARATION = "invalidates_cache"

# The generation read by the current request (a one-item list filled on first use); None outside one.
_request_generation = ContextVar("vt_request_generation", default=None)
# This process's copies of entries: key -> (expiry, pickled value), all of one generation. Expiry is
# by the wall clock, as in the shared cache, so that tests travelling in time see entries expire.
_local = {"generation": None, "entries": {}, "bytes": 0}


@contextmanager
def request_scope():
    """Read the generation at most once inside this block (one request)."""
    held = _request_generation.set([None])
    try:
        yield
    finally:
        _request_generation.reset(held)


def _read_generation():
    value = shared.get(GENERATION_KEY)
    if value is None:
        value = str(time.time_ns())
        shared.add(GENERATION_KEY, value, None)
        value = shared.get(GENERATION_KEY, value)
    return value


def generation():
    """The current content generation: read once per request, from the shared cache outside one."""
    held = _request_generation.get()
    if held is None:
        return _read_generation()
    if held[0] is None:
        held[0] = _read_generation()
    return held[0]


def _next_generation():
    value = str(time.time_ns())
    shared.set(GENERATION_KEY, value, None)
    held = _request_generation.get()
    if held is not None:
        held[0] = value


def invalidate(**kwargs):
    """Drop every cached entry and cached page (by moving to a new generation)."""
    _next_generation()
    # Until the change commits, other processes still read the old rows and would cache them under
    # the new generation: move on once more when the change becomes visible.
    transaction.on_commit(_next_generation)


def key(name, current=None):
    """The shared-cache key of entry ``name`` in the current (or the given) generation."""
    return f"sitecache:{current or generation()}:{connection.settings_dict['NAME']}:{name}"


def _local_entries(current):
    if _local["generation"] != current or _local["bytes"] > LOCAL_BYTES:
        _local.update(generation=current, entries={}, bytes=0)
    return _local["entries"]


def _keep_locally(entries, entry_key, value, seconds):
    blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    entries[entry_key] = (time.time() + seconds, blob)
    _local["bytes"] += len(blob)


def _seconds(timeout, value):
    seconds = timeout(value) if callable(timeout) else timeout
    return settings.PAGE_CACHE_SECONDS if seconds is None else max(1, int(seconds))


def _local_value(entries, entry_key):
    held = entries.get(entry_key)
    if held is not None and held[0] > time.time():
        return pickle.loads(held[1])  # noqa: S301 - written by this process (_keep_locally)
    return None


def cached(name, compute, timeout=None):
    """``compute()``, cached under ``name`` until the next generation or ``timeout`` seconds.

    ``timeout`` defaults to ``PAGE_CACHE_SECONDS``; a callable gets the computed value. ``None`` is
    never kept (it is computed again)."""
    current = generation()
    entry_key = key(name, current)
    entries = _local_entries(current)
    value = _local_value(entries, entry_key)
    if value is not None:
        return value
    value = shared.get(entry_key)
    if value is None:
        value = compute()
        if value is None:
            return None
        seconds = _seconds(timeout, value)
        shared.set(entry_key, value, seconds)
    else:
        # The shared entry's remaining lifetime is unknown here: keep the local copy no longer than a
        # fresh entry would live.
        seconds = _seconds(timeout, value)
    _keep_locally(entries, entry_key, value, seconds)
    return value


def store(name, value, timeout, *, local=True):
    """Put ``value`` under ``name`` for ``timeout`` seconds (at most until the next generation).

    ``local=False`` keeps no copy in this process (large values read once, e.g. whole pages)."""
    current = generation()
    entry_key = key(name, current)
    shared.set(entry_key, value, timeout)
    if local:
        _keep_locally(_local_entries(current), entry_key, value, timeout)


def peek(name, *, local=True):
    """The value stored or cached under ``name``, or None; never computes anything."""
    current = generation()
    entry_key = key(name, current)
    if local:
        value = _local_value(_local_entries(current), entry_key)
        if value is not None:
            return value
    return shared.get(entry_key)


def forget(name):
    """Drop entry ``name`` here and in the shared cache (other processes' copies live out their
    timeout)."""
    current = generation()
    entry_key = key(name, current)
    _local_entries(current).pop(entry_key, None)
    shared.delete(entry_key)


def forget_local():
    """Drop this process's copies (tests that roll the database back between them)."""
    _local.update(generation=None, entries={}, bytes=0)


@memoize
def declared_models():
    """The models the apps declare in ``invalidates_cache``, as a frozenset of classes."""
    return frozenset(
        apps.get_model(label)
        for config in apps.get_app_configs()
        for label in getattr(config, DECLARATION, ())
    )


@memoize
def _starts_generation(sender):
    """Whether saving or deleting a row of ``sender`` starts a new generation (pages are handled by
    the publishing signals). Asked on every save of every model, so the answer is kept per model."""
    return (
        sender in declared_models()
        or sender in (get_image_model(), get_document_model(), Site, PageViewRestriction)
        or sender in get_snippet_models()
    )


def _on_model_change(sender, **kwargs):
    # A plain page save is a draft or a tree update; publishing signals cover what visitors see.
    if not issubclass(sender, Page) and _starts_generation(sender):
        invalidate()


def _on_page_delete(sender, **kwargs):
    if issubclass(sender, Page):
        invalidate()


def connect_signals():
    """Start a new generation on every content change (see the module docstring)."""
    declared_models()  # an undeclared label fails at start-up, not on the first save
    page_published.connect(invalidate, dispatch_uid="core-cache-published")
    page_unpublished.connect(invalidate, dispatch_uid="core-cache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="core-cache-moved")
    post_save.connect(_on_model_change, dispatch_uid="core-cache-saved")
    post_delete.connect(_on_model_change, dispatch_uid="core-cache-deleted")
    post_delete.connect(_on_page_delete, dispatch_uid="core-cache-page-deleted")
