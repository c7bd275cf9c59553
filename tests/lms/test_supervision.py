"""Supervision hours against the programme's requirement (lms/supervision.py)."""

from decimal import Decimal

import pytest

from lms.models import AttendanceStatus, Audience, Enrolment
from lms.supervision import supervision_status, supervision_statuses
from tests import factories
from tests.lms.calendar_factories import attend, supervision_group, supervision_session

pytestmark = pytest.mark.django_db


@pytest.fixture
def rules(programme):
    """6 clock hours of supervision required, one excused absence allowed."""
    programme.required_supervision_hours = Decimal("6")
    programme.max_excused_absences = 1
    programme.save()
    return programme


@pytest.fixture
def series(cohort, trainee, rules):
    """Four 1.5-hour sessions of the trainee's group: one held yesterday, three to come."""
    group = supervision_group(cohort, [trainee])
    return [supervision_session(group, days) for days in (-1, 7, 14, 21)]


def test_supervision_counts_against_all_scheduled_sessions(trainee, rules, series):
    attend(series[0], trainee)
    status = supervision_status(trainee, rules)
    assert status.required_hours == Decimal("6")
    assert status.attended_hours == Decimal("1.50")
    assert status.scheduled_hours == Decimal("6.00")
    assert status.possible_hours == Decimal("4.50")
    assert status.percent == 25
    assert status.on_track is True


def test_supervision_not_complete_after_the_first_session_without_requirement(
    trainee, rules, series
):
    rules.required_supervision_hours = Decimal("0")
    rules.save()
    attend(series[0], trainee)
    status = supervision_status(trainee, rules)
    assert status.target_hours == Decimal("6.00")
    assert status.percent == 25


def test_supervision_missed_session_makes_requirement_unreachable(trainee, rules, series):
    attend(series[0], trainee, AttendanceStatus.UNEXCUSED)
    status = supervision_status(trainee, rules)
    assert (status.attended_hours, status.possible_hours) == (Decimal("0.00"), Decimal("4.50"))
    assert status.on_track is False


def test_supervision_held_but_unrecorded_session_is_still_possible(trainee, rules, series):
    status = supervision_status(trainee, rules)
    assert status.possible_hours == Decimal("6.00")
    assert status.on_track is True


def test_supervision_makeup_in_another_cohort_counts(home, cohort, trainee, rules, series):
    absence = attend(series[0], trainee, AttendanceStatus.EXCUSED)
    other_cohort = factories.CohortFactory(programme=factories.make_programme(home, slug="x"))
    other_group = supervision_group(other_cohort)
    makeup = supervision_session(other_group, -0.5, is_makeup=True)
    attend(makeup, trainee, makeup_for=absence)
    status = supervision_status(trainee, rules)
    assert status.attended_hours == Decimal("1.50")
    assert status.scheduled_hours == Decimal("6.00")
    assert (status.excused_count, status.excused_made_up, status.excused_open) == (1, 1, 0)
    assert status.on_track is True


def test_supervision_excused_absences_beyond_allowed_not_on_track(trainee, rules, series):
    rules.required_supervision_hours = Decimal("3")
    rules.save()
    attend(series[0], trainee, AttendanceStatus.EXCUSED)
    series[1].starts_at = series[0].starts_at.replace(hour=14)
    series[1].ends_at = series[1].starts_at.replace(hour=16)
    series[1].save()
    attend(series[1], trainee, AttendanceStatus.EXCUSED)
    status = supervision_status(trainee, rules)
    assert (status.excused_count, status.excused_made_up, status.excused_allowed) == (2, 0, 1)
    assert status.possible_hours == Decimal("3.00")
    assert status.on_track is False


def test_supervision_selected_people_and_other_groups(cohort, trainee, rules, series):
    other = supervision_group(cohort, [factories.UserFactory()])
    supervision_session(other, 3)  # not the trainee's group
    selected = supervision_session(other, 4, audience=Audience.SELECTED)
    selected.participants.add(trainee)
    cancelled = supervision_session(series[0].supervision_group, 5, cancelled=True)
    attend(cancelled, trainee)
    status = supervision_status(trainee, rules)
    assert status.scheduled_hours == Decimal("7.50")
    assert status.attended_hours == Decimal("0.00")


def test_supervision_session_of_another_programme_does_not_count(home, trainee, rules, series):
    other_cohort = factories.CohortFactory(programme=factories.make_programme(home, slug="y"))
    supervision_session(supervision_group(other_cohort, [trainee]), 2)
    assert supervision_status(trainee, rules).scheduled_hours == Decimal("6.00")


def test_supervision_statuses_in_constant_queries(
    cohort, trainee, rules, series, django_assert_num_queries
):
    for _ in range(3):
        person = factories.EnrolmentFactory(cohort=cohort).user
        series[0].supervision_group.members.add(person)
        attend(series[0], person)
    attend(series[0], trainee)
    enrolments = list(Enrolment.objects.select_related("cohort__programme"))
    with django_assert_num_queries(4):
        statuses = supervision_statuses(enrolments)
    assert sorted(s.attended_hours for s in statuses.values()) == [Decimal("1.50")] * 4
