"""The cached programme structure (curriculum.structure): content, caching and invalidation."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from curriculum import structure
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(programme):
    first = factories.make_module(programme, number="1", title="Auftakt", slug="m1", ue=12)
    second = factories.make_module(
        programme, number="2", title="Konflikttheorie", slug="m2", is_required=False
    )
    lessons = [
        factories.make_lesson(first, title="Rollen klären", slug="l1"),
        factories.make_lesson(first, title="Haltung", slug="l2"),
        factories.make_lesson(second, title="Glasl", slug="l3"),
    ]
    return programme, (first, second), lessons


def outline(programme):
    return [
        (module.number, module.title, [lesson.title for lesson in module.lessons])
        for module in structure.modules_of(programme)
    ]


def queries_of(programme) -> int:
    with CaptureQueriesContext(connection) as queries:
        structure.modules_of(programme)
    return len(queries)


def test_structure_lists_live_modules_and_lessons_in_tree_order(tree):
    programme, (first, second), lessons = tree
    modules = structure.modules_of(programme)
    assert [(m.pk, m.number, m.title, m.ue, m.is_required) for m in modules] == [
        (first.pk, "1", "Auftakt", 12, True),
        (second.pk, "2", "Konflikttheorie", 8, False),
    ]
    assert modules[0].url == first.url
    assert modules[0].get_format_display() == first.get_format_display()
    assert [(lesson.pk, lesson.url) for lesson in modules[0].lessons] == [
        (lessons[0].pk, lessons[0].url),
        (lessons[1].pk, lessons[1].url),
    ]


def test_structure_is_read_from_the_cache_the_second_time(tree):
    programme = tree[0]
    # The modules, the lessons (and the site root paths, from Wagtail's own cache).
    assert queries_of(programme) >= 2
    assert queries_of(programme) == 0


def test_structure_follows_a_published_title(tree):
    programme, (first, _second), _lessons = tree
    outline(programme)
    first.title = "Auftakt und Rollen"
    first.save_revision().publish()
    assert outline(programme)[0][1] == "Auftakt und Rollen"


def test_structure_drops_an_unpublished_lesson_and_shows_it_again_when_republished(tree):
    programme, _modules, lessons = tree
    outline(programme)
    lessons[1].unpublish()
    assert outline(programme)[0][2] == ["Rollen klären"]
    lessons[1].save_revision().publish()
    assert outline(programme)[0][2] == ["Rollen klären", "Haltung"]


def test_structure_drops_an_unpublished_module(tree):
    programme, (_first, second), _lessons = tree
    outline(programme)
    second.unpublish()
    assert [number for number, _title, _lessons in outline(programme)] == ["1"]


def test_structure_shows_a_new_module_and_lesson(tree):
    programme, (first, _second), _lessons = tree
    outline(programme)
    third = factories.make_module(programme, number="3", title="Mediation", slug="m3")
    factories.make_lesson(first, title="Neu", slug="l4")
    assert outline(programme) == [
        ("1", "Auftakt", ["Rollen klären", "Haltung", "Neu"]),
        ("2", "Konflikttheorie", ["Glasl"]),
        ("3", "Mediation", []),
    ]
    assert structure.modules_of(programme)[2].pk == third.pk


def test_structure_follows_a_moved_lesson(tree):
    programme, (_first, second), lessons = tree
    outline(programme)
    lessons[0].move(second, pos="last-child")
    assert outline(programme) == [
        ("1", "Auftakt", ["Haltung"]),
        ("2", "Konflikttheorie", ["Glasl", "Rollen klären"]),
    ]
    moved = structure.modules_of(programme)[1].lessons[1]
    assert moved.url == "/" + "/".join(["qualifizierung-konfliktmanagement", "m2", "l1"]) + "/"


def test_structure_drops_a_deleted_lesson(tree):
    programme, _modules, lessons = tree
    outline(programme)
    lessons[2].delete()
    assert outline(programme)[1][2] == []


def test_structure_is_rebuilt_after_a_site_changes(tree):
    programme = tree[0]
    structure.modules_of(programme)
    site = Site.objects.get(is_default_site=True)
    site.site_name = "KoKoMa"
    site.save()
    assert queries_of(programme) >= 2


def test_structure_is_invalidated_again_when_the_transaction_commits(
    tree, django_capture_on_commit_callbacks
):
    programme, (first, _second), _lessons = tree
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        first.title = "Neu"
        first.save_revision().publish()
        # A request reading the structure before the commit caches what it sees ...
        outline(programme)
    assert queries_of(programme) == 0
    for callback in callbacks:
        callback()
    # ... which the commit discards.
    assert queries_of(programme) >= 2


def pages_and_queries(programme):
    with CaptureQueriesContext(connection) as queries:
        pages = structure.programme_pages([programme.pk])
    return pages[programme.pk], len(queries)


def test_programme_pages_are_read_from_the_cache_the_second_time(programme):
    page, count = pages_and_queries(programme)
    assert (page.pk, page.title, page.total_ue, count) == (programme.pk, programme.title, 86, 1)
    page, count = pages_and_queries(programme)
    assert (page.title, page.total_ue, count) == (programme.title, 86, 0)


def test_programme_pages_follow_published_settings(programme):
    pages_and_queries(programme)
    programme.total_ue = 90
    programme.required_deepenings = 3
    programme.save_revision().publish()
    page, count = pages_and_queries(programme)
    assert (page.total_ue, page.required_deepenings, count) == (90, 3, 1)


def test_programme_pages_of_unknown_pks_are_left_out(programme):
    assert structure.programme_pages([programme.pk + 1000]) == {}
    assert structure.programme_pages([]) == {}
