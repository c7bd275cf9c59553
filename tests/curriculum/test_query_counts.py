"""Curriculum pages stay at a constant number of queries, whatever their size."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from tests import factories
from tests.lms.test_progress import make_lesson_with, question, quiz_value

pytestmark = pytest.mark.django_db


def count_queries(client, url):
    client.get(url)  # warm caches that are per process, not per request (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def build(programme, modules, lessons_per_module):
    module_pages = []
    for m in range(modules):
        module = factories.make_module(
            programme, number=str(m + 1), title=f"Modul {m}", slug=f"m{m}"
        )
        for lesson in range(lessons_per_module):
            factories.make_lesson(module, title=f"Lerneinheit {lesson}", slug=f"l{m}-{lesson}")
        module_pages.append(module)
    return module_pages


def test_programme_page_queries_do_not_grow_with_modules(client, home):
    small = factories.make_programme(home, title="Klein", slug="klein")
    large = factories.make_programme(home, title="Groß", slug="gross")
    build(small, 1, 1)
    build(large, 12, 1)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_module_page_queries_do_not_grow_with_lessons(client, programme):
    small, large = build(programme, 2, 1)
    for n in range(2, 9):
        factories.make_lesson(large, title=f"Zusatz {n}", slug=f"zusatz-{n}")
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_lesson_page_queries_do_not_grow_with_siblings(client, programme, trainee):
    small, large = build(programme, 2, 1)
    for n in range(2, 9):
        factories.make_lesson(large, title=f"Zusatz {n}", slug=f"zusatz-{n}")
    client.force_login(trainee)
    small_lesson = small.get_children().first()
    large_lesson = large.get_children().first()
    assert count_queries(client, small_lesson.url) == count_queries(client, large_lesson.url)


def test_home_page_queries_do_not_grow_with_programmes(client, home):
    factories.make_programme(home, title="Eins", slug="eins")
    first = count_queries(client, "/")
    for n in range(5):
        factories.make_programme(home, title=f"Programm {n}", slug=f"p{n}")
    assert count_queries(client, "/") == first


# Session, site, routing (7: home, programme, module, lesson, each found and made
# specific), user, the person's page facts, their active enrolments (access and
# progress), the lesson's completion, attempts and reflections in one query. The
# breadcrumbs and the access check use the routed pages; the lesson's neighbours,
# the site settings and "no view restrictions exist" come from the page tree's
# cache (curriculum.tree_cache), which the first request fills.
LESSON_QUERIES = 13


def test_lesson_page_reuses_what_routing_loaded(client, lesson, trainee):
    """The access hook, get_context and the breadcrumbs use the pages Wagtail's
    routing loaded, and a lesson without knowledge checks or reflections does not
    ask for them (was 26 queries before issue 7, 22 before the page facts, 17
    before the page tree's cache and the progress in one query)."""
    client.force_login(trainee)
    assert count_queries(client, lesson.url) == LESSON_QUERIES


def test_lesson_page_with_quiz_and_reflection_queries(client, module, trainee):
    lesson = make_lesson_with(
        module,
        [
            ("quiz", quiz_value([question("Stufen?", {1})])),
            ("reflection", {"prompt": "Welche Rolle nehmen Sie ein?", "guidance": ""}),
        ],
        title="Mit Wissenscheck",
    )
    client.force_login(trainee)
    assert count_queries(client, lesson.url) == LESSON_QUERIES  # in the progress query


def test_lesson_page_with_a_view_restriction_asks_wagtail(client, lesson, trainee, home):
    """Once any view restriction exists, Wagtail's own check runs (its two queries)."""
    PageViewRestriction.objects.create(page=home, restriction_type=PageViewRestriction.LOGIN)
    client.force_login(trainee)
    assert count_queries(client, lesson.url) == LESSON_QUERIES + 2


def test_lesson_page_of_staff_is_not_denied_by_cached_programme(client, lesson, staff):
    client.force_login(staff)
    # Wagtail's user bar: the profile, the page permissions.
    assert count_queries(client, lesson.url) <= LESSON_QUERIES + 2
