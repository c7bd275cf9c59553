"""What the published page tree says, cached for everyone until editors change it.

Some of what every page shows is the same for every reader and changes only
when editors publish, unpublish, move, reorder or delete pages, or edit a
site, its settings or a page's view restrictions: a module's lessons for the
previous/next links, the site's navigation and footer, whether any view
restriction exists at all. It is computed once (as Moodle caches a course's
"modinfo") and kept in Django's cache, which is Redis in production and so
shared by all app servers (``docs/deploy.md``), together with the *token* of
the tree it was computed from.

Every such change sets a new token (:func:`tree_changed`, connected in
:meth:`curriculum.apps.CurriculumConfig.ready`), right away and once more when
its transaction commits: a value computed from the old tree, even by a request
that read the database just before the commit and stored its result after
it, carries the old token and is never used again. Values are plain Python
data (no model instances), so a deploy that changes a model cannot meet an
old pickle; :data:`VERSION` in the keys changes when a value's shape does.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import DEFAULT_CACHE_ALIAS, cache, caches
from django.core.cache.backends.locmem import LocMemCache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from wagtail.models import PageViewRestriction

VERSION = 1
TOKEN_KEY = f"kokoma:tree:{VERSION}:token"
#: A safety net only: values are replaced as soon as the token changes.
TIMEOUT = 24 * 60 * 60
#: In production with a cache of each process's own (no REDIS_URL, against the
#: deploy guide) the other gunicorn workers never see a new token: values then
#: last only this long. Development, the tests and the benchmark serve from
#: one process.
LOCAL_TIMEOUT = 10


def _key(name: str) -> str:
    return f"kokoma:tree:{VERSION}:{name}"


def _set_new_token() -> str:
    token = uuid.uuid4().hex
    cache.set(TOKEN_KEY, token, None)
    return token


def tree_changed(**kwargs) -> None:
    """Invalidate everything cached from the tree (a signal receiver).

    Once now, for the rest of the changing transaction and for readers that
    would otherwise keep an old value, and once after the commit, for readers
    that computed a value from the database while the change was not yet
    committed. Outside a transaction ``on_commit`` runs at once: twice, harmless.
    """
    _set_new_token()
    transaction.on_commit(_set_new_token)


def token_of_tree() -> str | None:
    """The token of the current tree (made on first use or after eviction); None when
    the cache keeps nothing. For callers that key values of their own by it."""
    token = cache.get(TOKEN_KEY)
    if token is None:  # first use, or evicted: a new tree as far as the cache knows
        cache.add(TOKEN_KEY, uuid.uuid4().hex, None)
        token = cache.get(TOKEN_KEY)
    return token


def cached(name: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, or its value from the cache if the tree has not changed since.

    One round trip to the cache for the token and the value; ``compute`` must
    return plain data (lists, tuples, dicts, strings, numbers) and must not
    depend on the person asking.
    """
    key = _key(name)
    found = cache.get_many([TOKEN_KEY, key])
    token = found.get(TOKEN_KEY) or token_of_tree()
    if token is None:  # a cache that keeps nothing (DummyCache)
        return compute()
    entry = found.get(key)
    if entry is not None and entry[0] == token:
        return entry[1]
    value = compute()
    cache.set(key, (token, value), _timeout())
    return value


def _timeout() -> int:
    if getattr(settings, "PRODUCTION", False) and isinstance(
        caches[DEFAULT_CACHE_ALIAS], LocMemCache
    ):
        return LOCAL_TIMEOUT
    return TIMEOUT


def watch(*models) -> None:
    """Invalidate on every save and delete of ``models`` (each sender connected
    by name: a receiver for all senders would turn off Django's fast bulk
    delete for every model)."""
    for model in models:
        uid = f"kokoma-tree-{model._meta.label_lower}"
        post_save.connect(tree_changed, sender=model, dispatch_uid=f"{uid}-save")
        post_delete.connect(tree_changed, sender=model, dispatch_uid=f"{uid}-delete")


def view_restrictions_exist() -> bool:
    """Whether any page has a view restriction (Wagtail's privacy setting) at all."""
    return cached("view-restrictions-exist", PageViewRestriction.objects.exists)


class CachedViewRestrictionsMixin:
    """For page models: no query for Wagtail's view restrictions while none exist.

    Wagtail asks every served page for the restrictions of itself and its
    ancestors (two queries: the ancestors, then the restrictions). Editors
    rarely set any; while there are none the answer is an empty queryset, and
    once one exists Wagtail's own check runs unchanged.
    """

    def get_view_restrictions(self):
        if not view_restrictions_exist():
            return PageViewRestriction.objects.none()
        return super().get_view_restrictions()
