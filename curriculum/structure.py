"""The structure of a programme (its live modules and their live lessons) as plain values, cached.

The structure is the same for everyone and changes only when editors change
pages, so it is read from the cache, as Moodle caches its "modinfo": the
dashboard then neither queries nor instantiates ~70 Wagtail pages per request.
What it holds: per live module its number, title, UE, format, requirement
flags and URL, and the titles and URLs of its live lessons, in tree order
(:func:`modules_of`). The programme pages themselves are cached the same way
(:func:`programme_pages`).

Invalidation: the key holds the page tree's token (:mod:`curriculum.tree_cache`),
replaced on every page, site or view-restriction save, delete or move, at once and
again when the transaction commits. Bulk ``QuerySet.update()`` of pages sends no
signal; code doing that must call :func:`invalidate` itself.

URLs are those of ``page.get_url(request)`` (relative on the page's own
site), hence one entry per programme and current site.
"""

from __future__ import annotations

import hashlib
import uuid
from dataclasses import dataclass

import django
from django.core.cache import cache
from wagtail.models import Page, Site

from curriculum import tree_cache
from curriculum.models import ModuleFormat, ModulePage, ProgrammePage, ue_to_clock_hours

#: Part of the key of a cached page: a page pickled by a deployment with other fields
#: (or another Django) is never read back.
PAGE_SCHEMA = hashlib.sha256(
    ",".join(
        [django.get_version(), *(f.attname for f in ProgrammePage._meta.concrete_fields)]
    ).encode()
).hexdigest()[:12]
#: A day: an entry outlives no version, this only bounds what an unused one occupies.
TIMEOUT = 60 * 60 * 24


@dataclass(frozen=True, slots=True)
class LessonEntry:
    """A live lesson of a module: what lists and links show of it."""

    pk: int
    title: str
    url: str | None


@dataclass(frozen=True, slots=True)
class ModuleEntry:
    """A live module of a programme, with the fields of :class:`~curriculum.models.ModulePage`
    that overviews read, and its live lessons in tree order."""

    pk: int
    path: str
    title: str
    number: str
    ue: int
    format: str
    is_required: bool
    requires_sign_off: bool
    url: str | None
    lessons: tuple[LessonEntry, ...]

    def get_format_display(self) -> str:
        return str(ModuleFormat(self.format).label)

    @property
    def clock_hours(self):
        return ue_to_clock_hours(self.ue)


def modules_of(programme, request=None) -> tuple[ModuleEntry, ...]:
    """The live modules of ``programme`` with their live lessons, from the cache.

    Two queries when the structure is not cached (after an edit), none when it is.
    """
    site = Site.find_for_request(request) if request is not None else None
    version = _version()
    key = f"curriculum-structure:{version}:{programme.pk}:{site.pk if site else '-'}"
    structure = cache.get(key)
    if structure is None:
        structure = _build(programme, request)
        cache.set(key, structure, TIMEOUT)
    return structure


def programme_pages(pks) -> dict[int, ProgrammePage]:
    """The programme pages with the pks ``pks`` (live or not) by pk, from the cache.

    One query for those not cached. A cached page is a copy for reading (its
    settings: title, UE, the certificate's requirements); never save it.
    """
    version = _version()
    keys = {pk: f"curriculum-structure:{version}:programme:{pk}:{PAGE_SCHEMA}" for pk in pks}
    found = cache.get_many(list(keys.values())) if keys else {}
    pages = {pk: found[key] for pk, key in keys.items() if key in found}
    missing = [pk for pk in keys if pk not in pages]
    if missing:
        loaded = {page.pk: page for page in ProgrammePage.objects.filter(pk__in=missing)}
        cache.set_many({keys[pk]: page for pk, page in loaded.items()}, TIMEOUT)
        pages.update(loaded)
    return pages


def _version() -> str:
    # The page tree's token (curriculum.tree_cache): replaced on every page, site and
    # view-restriction change; without a cache that keeps anything, a new one each time.
    return tree_cache.token_of_tree() or uuid.uuid4().hex


def _build(programme, request) -> tuple[ModuleEntry, ...]:
    modules = list(
        ModulePage.objects.live()
        .filter(path__startswith=programme.path, depth=programme.depth + 1)
        .order_by("path")
    )
    # Plain pages: only titles and URLs of lessons are kept.
    lessons_by_module_path: dict[str, list[LessonEntry]] = {}
    lessons = (
        Page.objects.live()
        .filter(path__startswith=programme.path, depth=programme.depth + 2)
        .order_by("path")
        .only("pk", "path", "url_path", "title", "content_type_id")
    )
    for lesson in lessons:
        lessons_by_module_path.setdefault(lesson.path[: -Page.steplen], []).append(
            LessonEntry(pk=lesson.pk, title=lesson.title, url=lesson.get_url(request))
        )
    return tuple(
        ModuleEntry(
            pk=module.pk,
            path=module.path,
            title=module.title,
            number=module.number,
            ue=module.ue,
            format=module.format,
            is_required=module.is_required,
            requires_sign_off=module.requires_sign_off,
            url=module.get_url(request),
            lessons=tuple(lessons_by_module_path.get(module.path, ())),
        )
        for module in modules
    )


def invalidate() -> None:
    """Drop every cached structure (for code that changes pages with ``QuerySet.update()``)."""
    tree_cache.tree_changed()
