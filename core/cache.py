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

Scopes: an entry that only shows part of the content names the *scopes* it depends on
(``cached(..., scopes=("catalogue",))``); it then lives in the ``base`` generation and in one generation
per scope. A page type whose publishing only affects what depends on some scopes says so with
``invalidation_scopes()`` (the trainer: the catalogue and its own page): publishing or unpublishing such
a page moves on those scopes and the site-wide generation, not ``base``, so scoped entries of other
scopes stay warm while every unscoped entry is dropped as before. Everything else (snippets, moves,
deletions, declared models, other page types) moves on ``base`` too, dropping every entry. A scoped
entry must therefore name every scope whose publishing can change it; :func:`page_scope` names a page
and its translations.

Bounded families: ``quota=(family, limit)`` on :func:`cached` or :func:`store` keeps at most ``limit``
new entries of the family per generation of its scopes (a counter beside them in the shared cache);
past it values are computed and not kept, and the request is marked (:func:`refused_in_request`) so
that a response built from them is not kept either.

Expensive entries: ``cached(..., lock=seconds)`` lets one process at a time compute the value; the
others wait for it (at most ``seconds``, then compute it themselves), so a cold entry that many
visitors ask for at once is computed once. :func:`claim` and :func:`release` are the same shared flag
for other jobs that one process should do at a time (a task already queued). Once a change is visible
to every process, :data:`generation_moved` names the generations it moved on, so that an app can warm
again, in the background, what visitors are about to ask for.

Buffers (:func:`append`, :func:`drain`) are not cached reads but writes on their way to the database
(e.g. the fleet inventory): a value per call, kept outside the generations (a content change must not
lose them) in slots of a minute, until a periodic job drains the finished slots.

Keys carry the database name: environments sharing one Redis (staging, test runs of several
checkouts) share the generation but never read each other's rows.
"""

import pickle
import time
from contextlib import contextmanager
from contextvars import ContextVar
from functools import cache as memoize
from functools import partial

from django.apps import apps
from django.conf import settings
from django.core.cache import cache as shared
from django.db import connection, transaction
from django.db.models.signals import post_delete, post_save
from django.dispatch import Signal
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

GENERATION_KEY = "pagecache:generation"
# The site-wide generation (every change moves it on) and the one every scoped entry lives in (every
# change but the publishing of a page with its own invalidation scopes moves it on).
SITE = "site"
BASE = "base"
LOCAL_BYTES = 16 * 1024 * 1024
# How an app declares the models whose saves and deletions start a new generation.
DECLARATION = "invalidates_cache"
# How often a process waiting for another's computation of a locked entry looks for its value.
LOCK_POLL_SECONDS = 0.05

# Sent with ``scopes`` (the generations moved on: SITE, and BASE or a page's scopes) when a change
# has committed, so every process reads the new generations and the rows they are built from.
generation_moved = Signal()

# The generations read by the current request ({scope: generation}, plus "refused" when a quota kept a
# value out of the cache); None outside one.
_request_generations = ContextVar("vt_request_generations", default=None)
# This process's copies of entries: key -> (expiry, pickled value). Keys carry their generations, so
# copies of old generations are never read again; they go when the copies outgrow LOCAL_BYTES. Expiry
# is by the wall clock, as in the shared cache, so that tests travelling in time see entries expire.
_local = {"entries": {}, "bytes": 0}


@contextmanager
def request_scope():
    """Read each generation at most once inside this block (one request)."""
    held = _request_generations.set({})
    try:
        yield
    finally:
        _request_generations.reset(held)


def _generation_key(scope):
    return GENERATION_KEY if scope == SITE else f"{GENERATION_KEY}:{scope}"


def _read_generations(scopes):
    """{scope: generation} from the shared cache in one round trip, starting the missing ones."""
    keys = {scope: _generation_key(scope) for scope in scopes}
    found = shared.get_many(list(keys.values()))
    values = {}
    for scope, entry_key in keys.items():
        value = found.get(entry_key)
        if value is None:
            started = str(time.time_ns())
            shared.add(entry_key, started, None)
            # Another process may have started it first: take the one the cache kept. A cache that
            # keeps nothing (Redis lost, its errors ignored) answers None: this request's generation
            # then stands, and nothing read under it can be stale.
            value = shared.get(entry_key) or started
        values[scope] = value
    return values


def generations(scopes):
    """The current generations of ``scopes`` (a list), each read once per request (the site-wide
    and ``base`` ones together, as nearly every request needs both)."""
    held = _request_generations.get()
    known = {} if held is None else held
    missing = [scope for scope in scopes if scope not in known]
    if missing:
        if held is not None and SITE not in held:
            missing = list(dict.fromkeys([SITE, BASE, *missing]))
        fresh = _read_generations(missing)
        if held is not None:
            held.update(fresh)
        known = {**known, **fresh}
    return [known[scope] for scope in scopes]


def generation():
    """The current site-wide content generation: read once per request, from the shared cache
    outside one."""
    return generations([SITE])[0]


def page_scope(translation_key):
    """The scope of what shows a page in any of its translations (aliases in other locales included),
    by their ``translation_key``."""
    return f"page:{translation_key}"


def _next_generations(scopes):
    values = {_generation_key(scope): str(time.time_ns()) for scope in scopes}
    shared.set_many(values, None)
    held = _request_generations.get()
    if held is not None:
        held.update((scope, values[_generation_key(scope)]) for scope in scopes)


def _moved_on_commit(scopes):
    _next_generations(scopes)
    generation_moved.send(sender=None, scopes=scopes)


def _move_on(scopes):
    _next_generations(scopes)
    # Until the change commits, other processes still read the old rows and would cache them under
    # the new generation: move on once more when the change becomes visible.
    transaction.on_commit(partial(_moved_on_commit, scopes))


def invalidate(**kwargs):
    """Drop every cached entry and cached page (by moving every generation on)."""
    _move_on((SITE, BASE))


def invalidate_scopes(scopes=()):
    """Drop the unscoped entries and those of ``scopes``; keep the other scoped ones."""
    _move_on((SITE, *scopes))


def refused_in_request():
    """Whether a quota kept a value of this request out of the cache (see the module docstring)."""
    held = _request_generations.get()
    return bool(held and held.get("refused"))


def key(name, current=None, scopes=None):
    """The shared-cache key of entry ``name`` in the current (or the given site-wide) generation, or
    in the generations of ``scopes``."""
    if scopes is not None:
        current = ".".join(generations([BASE, *scopes]))
    return f"sitecache:{current or generation()}:{connection.settings_dict['NAME']}:{name}"


def _keep_locally(entry_key, value, seconds):
    if _local["bytes"] > LOCAL_BYTES:
        forget_local()
    blob = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
    _local["entries"][entry_key] = (time.time() + seconds, blob)
    _local["bytes"] += len(blob)


def _seconds(timeout, value):
    seconds = timeout(value) if callable(timeout) else timeout
    return settings.PAGE_CACHE_SECONDS if seconds is None else max(1, int(seconds))


def _local_value(entry_key):
    held = _local["entries"].get(entry_key)
    if held is not None and held[0] > time.time():
        return pickle.loads(held[1])  # noqa: S301 - written by this process (_keep_locally)
    return None


def _admitted(quota, scopes, seconds):
    """Whether one more entry of ``quota = (family, limit)`` may be kept in these generations."""
    if quota is None:
        return True
    family, limit = quota
    counter = key(f"quota:{family}", scopes=scopes)
    shared.add(counter, 0, seconds)
    try:
        count = shared.incr(counter)
    except ValueError:  # the counter expired between add and incr: a new period starts
        count = 1
    # None: a cache that counts nothing (Redis lost, its errors ignored) keeps nothing either.
    admitted = count is None or count <= limit
    if not admitted:
        held = _request_generations.get()
        if held is not None:
            held["refused"] = True
    return admitted


def _claim_key(name):
    return f"claim:{connection.settings_dict['NAME']}:{name}"


def claim(name, seconds):
    """Whether this caller takes the shared flag ``name`` for ``seconds`` (nobody holds it now).

    A cache that keeps nothing (Redis lost, its errors ignored) cannot say who holds it: every caller
    takes it, so the job is done twice rather than never."""
    return shared.add(_claim_key(name), 1, seconds) is not False


def release(name):
    """Give up the shared flag ``name`` (taken with :func:`claim`)."""
    shared.delete(_claim_key(name))


def _compute_alone(entry_key, build, seconds):
    """``build()`` in the one process that holds the entry's lock; the others wait for the value it
    keeps (at most ``seconds``, or until the holder is gone without one), then build it themselves."""
    lock = f"lock:{entry_key}"
    if claim(lock, seconds):
        try:
            return build()
        finally:
            release(lock)
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        time.sleep(LOCK_POLL_SECONDS)
        value = shared.get(entry_key)
        if value is not None:
            return value, True
        if shared.get(_claim_key(lock)) is None:  # the holder failed or kept nothing
            break
    return build()


def _computed(entry_key, compute, timeout, scopes, quota):
    """(``compute()``, whether it is now in the shared cache)."""
    value = compute()
    if value is None:
        return None, False
    seconds = _seconds(timeout, value)
    if not _admitted(quota, scopes, seconds):
        return value, False
    shared.set(entry_key, value, seconds)
    return value, True


def cached(name, compute, timeout=None, *, scopes=None, quota=None, lock=None):
    """``compute()``, cached under ``name`` until the next generation or ``timeout`` seconds.

    ``timeout`` defaults to ``PAGE_CACHE_SECONDS``; a callable gets the computed value. ``None`` is
    never kept (it is computed again). ``scopes``, ``quota`` and ``lock`` (seconds): see the module
    docstring."""
    entry_key = key(name, scopes=scopes)
    value = _local_value(entry_key)
    if value is not None:
        return value
    value = shared.get(entry_key)
    if value is None:
        build = partial(_computed, entry_key, compute, timeout, scopes, quota)
        value, kept = _compute_alone(entry_key, build, lock) if lock else build()
        if not kept:
            return value
    # A shared entry's remaining lifetime is unknown here: keep the local copy no longer than a fresh
    # entry would live.
    _keep_locally(entry_key, value, _seconds(timeout, value))
    return value


def store(name, value, timeout, *, local=True, scopes=None, quota=None):
    """Put ``value`` under ``name`` for ``timeout`` seconds (at most until the next generation).

    ``local=False`` keeps no copy in this process (large values read once, e.g. whole pages). Returns
    whether the value was kept (a ``quota`` may refuse it)."""
    entry_key = key(name, scopes=scopes)
    if not _admitted(quota, scopes, timeout):
        return False
    shared.set(entry_key, value, timeout)
    if local:
        _keep_locally(entry_key, value, timeout)
    return True


def peek(name, *, local=True, scopes=None):
    """The value stored or cached under ``name``, or None; never computes anything."""
    entry_key = key(name, scopes=scopes)
    if local:
        value = _local_value(entry_key)
        if value is not None:
            return value
    return shared.get(entry_key)


def forget(name, *, scopes=None):
    """Drop entry ``name`` here and in the shared cache (other processes' copies live out their
    timeout)."""
    entry_key = key(name, scopes=scopes)
    _local["entries"].pop(entry_key, None)
    shared.delete(entry_key)


def forget_local():
    """Drop this process's copies (tests that roll the database back between them)."""
    _local.update(entries={}, bytes=0)


# A buffer slot is a minute; slots nobody drained for this long are gone (the shared cache's timeout).
BUFFER_SLOT_SECONDS = 60
BUFFER_KEEP_SECONDS = 6 * 3600
# A slot is drained this long after it ends: a writer that took its index just before the minute
# turned has set its value by then.
BUFFER_GRACE_SECONDS = 5


def _buffer_key(name, *parts):
    return ":".join(("buffer", connection.settings_dict["NAME"], name, *map(str, parts)))


def append(name, value):
    """Add ``value`` to buffer ``name`` (two shared-cache round trips, four for a slot's first value);
    returns whether it was kept (a lost cache keeps nothing)."""
    slot = int(time.time() // BUFFER_SLOT_SECONDS)
    counter = _buffer_key(name, slot, "n")
    try:
        index = shared.incr(counter)
    except ValueError:  # the slot's first value: start its counter (another writer may have too)
        shared.add(counter, 0, BUFFER_KEEP_SECONDS)
        try:
            index = shared.incr(counter)
        except ValueError:  # a cache that keeps nothing
            return False
    if index is None:
        return False
    shared.set(_buffer_key(name, slot, index), value, BUFFER_KEEP_SECONDS)
    return True


def drain(name, now=None):
    """The values of buffer ``name`` from the slots that have ended, oldest first; each slot is removed
    once read. One caller at a time (the periodic job): two would read a slot twice."""
    now = time.time() if now is None else now
    last = int((now - BUFFER_GRACE_SECONDS) // BUFFER_SLOT_SECONDS) - 1
    marker = _buffer_key(name, "drained")
    first = shared.get(marker)
    oldest = last - BUFFER_KEEP_SECONDS // BUFFER_SLOT_SECONDS
    first = oldest if first is None else max(int(first) + 1, oldest)
    values = []
    for slot in range(first, last + 1):
        counter = _buffer_key(name, slot, "n")
        count = shared.get(counter) or 0
        keys = [_buffer_key(name, slot, index) for index in range(1, count + 1)]
        for start in range(0, len(keys), 1000):
            batch = keys[start : start + 1000]
            found = shared.get_many(batch)
            values.extend(found[key] for key in batch if key in found)
        shared.delete_many([counter, *keys])
    shared.set(marker, last, BUFFER_KEEP_SECONDS)
    return values


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


def _on_publishing(sender, instance, **kwargs):
    # Publishing and unpublishing change what the page's own scopes show, when its type names them
    # (see the module docstring); anything else may show the page anywhere.
    scopes = getattr(instance, "invalidation_scopes", None)
    if scopes is None:
        invalidate()
    else:
        invalidate_scopes(scopes())


def connect_signals():
    """Start a new generation on every content change (see the module docstring)."""
    declared_models()  # an undeclared label fails at start-up, not on the first save
    page_published.connect(_on_publishing, dispatch_uid="core-cache-published")
    page_unpublished.connect(_on_publishing, dispatch_uid="core-cache-unpublished")
    post_page_move.connect(invalidate, dispatch_uid="core-cache-moved")
    post_save.connect(_on_model_change, dispatch_uid="core-cache-saved")
    post_delete.connect(_on_model_change, dispatch_uid="core-cache-deleted")
    post_delete.connect(_on_page_delete, dispatch_uid="core-cache-page-deleted")
