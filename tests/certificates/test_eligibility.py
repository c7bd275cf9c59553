"""Eligibility for a certificate: the requirements from the programme's settings."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from certificates import eligibility
from certificates.models import CertificateKind
from lms.models import (
    AttendanceStatus,
    Audience,
    ModuleCompletion,
    Praxisprojekt,
    PraxisprojektStatus,
    SessionKind,
)
from tests import factories
from tests.lms.calendar_factories import attend, supervision_group, supervision_session
from tests.lms.session_factories import SessionFactory

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture(autouse=True)
def english():
    with translation.override("en"):
        yield


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


def moment(day, hour=10):
    return datetime(2026, 5, day, hour, tzinfo=BERLIN)


def workshop(cohort, module, day, ue="4", **kwargs):
    return SessionFactory(
        cohort=cohort,
        module=module,
        starts_at=moment(day),
        ends_at=moment(day) + timedelta(hours=3),
        ue=Decimal(ue),
        **kwargs,
    )


def deepening(cohort, day):
    return SessionFactory(
        kind=SessionKind.DEEPENING,
        title="Online-Vertiefung",
        cohort=cohort,
        starts_at=moment(day),
        ends_at=moment(day) + timedelta(hours=3),
    )


def complete(enrolment, module, day):
    return ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=moment(day),
    )


def accepted_project(enrolment, day, by=None):
    return Praxisprojekt.objects.create(
        enrolment=enrolment,
        title="Krisenpräventionsplan Landkreis",
        status=PraxisprojektStatus.ACCEPTED,
        submitted_at=moment(day - 1),
        decided_at=moment(day),
        decided_by=by,
    )


def by_key(result):
    return {r.key: r for r in result.requirements}


def test_evaluate_nothing_done(enrolment, module):
    result = eligibility.evaluate(enrolment)

    assert [r.key for r in result.requirements] == [
        "modules",
        "attendance",
        "deepenings",
        "praxisprojekt",
    ]
    requirements = by_key(result)
    assert requirements["modules"].met is False
    assert requirements["modules"].detail == "0 of 1 module"
    assert requirements["attendance"].met is True  # no in-person sessions scheduled
    assert requirements["attendance"].detail == "No in-person sessions scheduled"
    assert requirements["deepenings"].met is False
    assert requirements["deepenings"].detail == "0 of 1 attended"
    assert requirements["praxisprojekt"].met is False
    assert requirements["praxisprojekt"].detail == "Not yet started"
    assert result.eligible is False
    assert result.kind is None
    assert [r.key for r in result.missing] == ["modules", "deepenings", "praxisprojekt"]


def test_evaluate_modules_counts_required_only(enrolment, programme, module):
    factories.make_module(programme, number="2", title="Wahlmodul", is_required=False)
    third = factories.make_module(programme, number="3", title="Pflicht")
    complete(enrolment, module, 4)

    requirement = by_key(eligibility.evaluate(enrolment))["modules"]
    assert requirement.met is False
    assert requirement.detail == "1 of 2 modules"

    complete(enrolment, third, 9)
    requirement = by_key(eligibility.evaluate(enrolment))["modules"]
    assert requirement.met is True
    assert requirement.met_on == date(2026, 5, 9)
    assert requirement.detail == "2 of 2 modules"


def test_evaluate_all_met_gives_certificate(enrolment, programme, module, cohort, trainee):
    programme.required_supervision_hours = Decimal("1.5")
    programme.save()
    complete(enrolment, module, 12)
    attend(workshop(cohort, module, 4), trainee)
    attend(workshop(cohort, module, 5), trainee)
    attend(deepening(cohort, 8), trainee)
    group = supervision_group(cohort, members=[trainee])
    session = supervision_session(group, -30)
    attend(session, trainee)
    accepted_project(enrolment, 20)

    result = eligibility.evaluate(enrolment)

    requirements = by_key(result)
    assert list(requirements) == [
        "modules",
        "attendance",
        "supervision",
        "deepenings",
        "praxisprojekt",
    ]
    assert all(r.met for r in result.requirements)
    assert requirements["modules"].met_on == date(2026, 5, 12)
    assert requirements["attendance"].met_on == date(2026, 5, 5)
    assert requirements["attendance"].detail == "8 of 8 UE (100 %)"
    assert requirements["supervision"].met_on == session.starts_at.date()
    assert requirements["supervision"].detail == "1.5 of 1.5 hours"
    assert requirements["deepenings"].met_on == date(2026, 5, 8)
    assert requirements["praxisprojekt"].met_on == date(2026, 5, 20)
    assert result.eligible is True
    assert result.kind == CertificateKind.CERTIFICATE
    assert result.missing == []


def test_evaluate_partial_attendance_below_share(enrolment, module, cohort, trainee):
    complete(enrolment, module, 12)
    attend(workshop(cohort, module, 4), trainee)
    attend(workshop(cohort, module, 5), trainee, status=AttendanceStatus.PARTIAL, ue="2")

    result = eligibility.evaluate(enrolment)

    requirement = by_key(result)["attendance"]
    assert requirement.met is False
    assert requirement.met_on is None
    assert requirement.detail == "6 of 8 UE (75 %)"
    assert result.kind == CertificateKind.ATTENDANCE
    assert result.facts.credited_ue(module) == Decimal("6")


def test_evaluate_attendance_counts_future_sessions(enrolment, module, cohort, trainee):
    attend(workshop(cohort, module, 4), trainee)
    workshop(cohort, module, 28)  # scheduled, not yet held

    requirement = by_key(eligibility.evaluate(enrolment))["attendance"]
    assert requirement.met is False
    assert requirement.detail == "4 of 8 UE (50 %)"


def test_evaluate_attendance_ignores_cancelled_and_other_peoples_sessions(
    enrolment, module, cohort, trainee
):
    attend(workshop(cohort, module, 4), trainee)
    workshop(cohort, module, 5, cancelled=True)
    someone = factories.UserFactory()
    workshop(cohort, module, 6, audience=Audience.SELECTED, participants=[someone])

    requirement = by_key(eligibility.evaluate(enrolment))["attendance"]
    assert requirement.met is True
    assert requirement.detail == "4 of 4 UE (100 %)"


def test_evaluate_makeup_session_of_other_cohort_counts(
    enrolment, programme, module, cohort, trainee
):
    workshop(cohort, module, 4)  # missed
    attend(workshop(cohort, module, 5), trainee)
    other_cohort = factories.CohortFactory(programme=programme)
    attend(workshop(other_cohort, module, 11, is_makeup=True), trainee)

    requirement = by_key(eligibility.evaluate(enrolment))["attendance"]
    assert requirement.met is True
    assert requirement.met_on == date(2026, 5, 11)
    assert requirement.detail == "8 of 8 UE (100 %)"


def test_evaluate_attendance_counts_only_in_person_modules(programme, enrolment, cohort, trainee):
    online = factories.make_module(programme, number="6", title="Online", format="online")
    workshop(cohort, online, 4)  # not attended, but online: not part of the share

    requirement = by_key(eligibility.evaluate(enrolment))["attendance"]
    assert requirement.met is True
    assert requirement.detail == "No in-person sessions scheduled"


def test_evaluate_deepening_of_other_programme_does_not_count(enrolment, trainee, other_trainee):
    other_cohort = other_trainee.enrolments.get().cohort
    attend(deepening(other_cohort, 8), trainee)

    requirement = by_key(eligibility.evaluate(enrolment))["deepenings"]
    assert requirement.met is False


def test_evaluate_praxisprojekt_states(enrolment, staff):
    project = Praxisprojekt.objects.create(enrolment=enrolment, title="Dialogforum")
    assert by_key(eligibility.evaluate(enrolment))["praxisprojekt"].detail == (
        "“Dialogforum”: Draft"
    )
    project.status = PraxisprojektStatus.SUBMITTED
    project.save()
    requirement = by_key(eligibility.evaluate(enrolment))["praxisprojekt"]
    assert requirement.met is False
    assert requirement.detail == "“Dialogforum”: submitted, awaiting the decision"
    project.status = PraxisprojektStatus.ACCEPTED
    project.decided_at = moment(7)
    project.save()
    requirement = by_key(eligibility.evaluate(enrolment))["praxisprojekt"]
    assert requirement.met is True
    assert requirement.met_on == date(2026, 5, 7)


def test_evaluate_follows_programme_settings(enrolment, programme, module):
    programme.required_attendance_percent = 0
    programme.required_deepenings = 0
    programme.requires_praxisprojekt = False
    programme.save()
    complete(enrolment, module, 3)

    result = eligibility.evaluate(enrolment)

    assert [r.key for r in result.requirements] == ["modules"]
    assert result.kind == CertificateKind.CERTIFICATE


def test_evaluate_supervision_hours_missing(enrolment, programme, cohort, trainee):
    programme.required_supervision_hours = Decimal("3")
    programme.save()
    group = supervision_group(cohort, members=[trainee])
    attend(supervision_session(group, -10), trainee)
    supervision_session(group, -5)  # not recorded for the trainee

    result = eligibility.evaluate(enrolment)

    requirement = by_key(result)["supervision"]
    assert requirement.met is False
    assert requirement.detail == "1.5 of 3 hours"
    # Attended a session: a confirmation of attendance is possible.
    assert result.kind == CertificateKind.ATTENDANCE


def _cohort_with(count, programme, module):
    cohort = factories.CohortFactory(programme=programme)
    group = supervision_group(cohort)
    sessions = [workshop(cohort, module, 4), deepening(cohort, 8), supervision_session(group, -3)]
    enrolments = factories.EnrolmentFactory.create_batch(count, cohort=cohort)
    for enrolment in enrolments:
        group.members.add(enrolment.user)
        for session in sessions:
            attend(session, enrolment.user)
        complete(enrolment, module, 9)
        accepted_project(enrolment, 10)
    return cohort


def test_evaluate_many_constant_queries(programme, module, django_assert_num_queries):
    small = _cohort_with(2, programme, module)
    large = _cohort_with(20, programme, module)

    with CaptureQueriesContext(connection) as baseline:
        results = eligibility.evaluate_many(small.enrolments.all())
    assert len(results) == 2
    with django_assert_num_queries(len(baseline.captured_queries)):
        results = eligibility.evaluate_many(large.enrolments.all())
    assert len(results) == 20
    assert all(result.eligible for result in results.values())


def test_evaluate_many_keys_by_enrolment_pk(enrolment, other_trainee):
    other = other_trainee.enrolments.get()
    results = eligibility.evaluate_many([enrolment, other])
    assert set(results) == {enrolment.pk, other.pk}
    assert results[other.pk].enrolment == other
    assert eligibility.evaluate_many([]) == {}
