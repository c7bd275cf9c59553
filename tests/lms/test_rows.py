"""lms.rows.select_each: rows of several tables in one query, as the ORM would load them."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms import access
from lms.models import (
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    QuizAttempt,
    ReflectionAnswer,
)
from lms.rows import select_each
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


def fields(instance):
    return {field.attname: getattr(instance, field.attname) for field in instance._meta.fields}


def test_rows_of_three_tables_equal_the_orm_in_one_query(enrolment, lesson, module):
    other_lesson = factories.make_lesson(module, title="Andere", slug="andere")
    LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson, source="quiz")
    QuizAttempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        block_id="q1",
        answers={"1": [0, 2], "2": [1]},
        correct=1,
        total=2,
        passed=False,
    )
    QuizAttempt.objects.create(
        enrolment=enrolment,
        lesson=lesson,
        block_id="q1",
        answers={"1": [1]},
        correct=2,
        total=2,
        passed=True,
    )
    QuizAttempt.objects.create(  # another lesson: not selected
        enrolment=enrolment,
        lesson=other_lesson,
        block_id="q1",
        answers={},
        correct=0,
        total=1,
        passed=False,
    )
    ReflectionAnswer.objects.create(
        enrolment=enrolment, lesson=lesson, block_id="r1", text="<p>Meine Rolle</p>"
    )
    this_lesson = {"enrolment_id": enrolment.pk, "lesson_id": lesson.pk}
    with CaptureQueriesContext(connection) as queries:
        completions, attempts, reflections = select_each(
            (LessonCompletion, this_lesson),
            (QuizAttempt, this_lesson),
            (ReflectionAnswer, this_lesson),
        )
    assert len(queries) == 1
    for found, model in (
        (completions, LessonCompletion),
        (attempts, QuizAttempt),
        (reflections, ReflectionAnswer),
    ):
        expected = model.objects.filter(enrolment=enrolment, lesson=lesson).order_by("pk")
        assert [fields(i) for i in sorted(found, key=lambda i: i.pk)] == [
            fields(i) for i in expected
        ]
        assert all(not instance._state.adding for instance in found)
    attempt = max(attempts, key=lambda a: a.pk)
    assert attempt.answers == {"1": [1]} and attempt.passed is True
    assert isinstance(attempt.submitted_at, datetime.datetime) and attempt.submitted_at.tzinfo
    assert reflections[0].text == "<p>Meine Rolle</p>"


def test_no_rows_give_empty_lists(enrolment, lesson):
    this_lesson = {"enrolment_id": enrolment.pk, "lesson_id": lesson.pk}
    assert select_each((LessonCompletion, this_lesson), (ReflectionAnswer, this_lesson)) == [
        [],
        [],
    ]


def test_active_enrolments_equal_the_orm_with_their_cohorts(programme, home):
    """lms.access.active_enrolments_of asks select_with_related for what
    Enrolment.objects.active() with the cohorts, newest first, would load."""
    user = factories.UserFactory()
    other_programme = factories.make_programme(home, title="Zweites Programm", slug="zwei")
    for index, status in enumerate(EnrolmentStatus):
        for target in (programme, other_programme):
            cohort = factories.CohortFactory(programme=target, name=f"D {target.pk} {index}")
            factories.EnrolmentFactory(user=user, cohort=cohort, status=status)
    factories.EnrolmentFactory(cohort=factories.CohortFactory(programme=programme))  # another
    expected = list(
        Enrolment.objects.active()
        .filter(user=user)
        .select_related("cohort")
        .order_by("-created_at", "-pk")
    )
    assert len(expected) == 4
    found = access.active_enrolments_of(user)
    assert [fields(e) for e in found] == [fields(e) for e in expected]
    with CaptureQueriesContext(connection) as queries:
        assert [fields(e.cohort) for e in found] == [fields(e.cohort) for e in expected]
    assert len(queries) == 0
    assert not access.active_enrolments_of(factories.UserFactory())
