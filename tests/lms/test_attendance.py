"""The attendance rules and actions in lms/attendance.py."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied

from lms import attendance, progress
from lms.attendance import AttendanceError
from lms.models import (
    Attendance,
    AttendanceChange,
    AttendanceStatus,
    Audience,
    EnrolmentStatus,
    Function,
    ModuleCompletion,
    SessionKind,
)
from tests import factories
from tests.lms.enrolment_factories import MunicipalityFactory, person
from tests.lms.session_factories import SessionFactory, SupervisionGroupFactory

pytestmark = pytest.mark.django_db

S = AttendanceStatus


def enrol(cohort, *, status=EnrolmentStatus.ADMITTED, **kwargs):
    user = person(**{k: kwargs.pop(k) for k in ("last_name", "first_name") if k in kwargs})
    factories.EnrolmentFactory(user=user, cohort=cohort, status=status, **kwargs)
    return user


# --- expected_people --------------------------------------------------------------------


def test_expected_people_cohort_lists_active_enrolments_by_name(cohort):
    b = enrol(cohort, last_name="Berg", first_name="Anna")
    a = enrol(cohort, last_name="Adler", first_name="Ben")
    done = enrol(cohort, last_name="Cohn", first_name="Carla", status=EnrolmentStatus.COMPLETED)
    enrol(cohort, status=EnrolmentStatus.APPLIED)
    enrol(cohort, status=EnrolmentStatus.WITHDRAWN)
    session = SessionFactory(cohort=cohort)
    assert attendance.expected_people(session) == [a, b, done]


def test_expected_people_tandem_and_steering_group_of_the_municipality(cohort):
    here, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    local = enrol(cohort, municipality=here, function=Function.LOCAL_FACILITATION)
    external = enrol(cohort, municipality=here, function=Function.EXTERNAL_FACILITATION)
    steering = enrol(cohort, municipality=here, function=Function.STEERING_GROUP)
    enrol(cohort, municipality=here, function=Function.ADMINISTRATION)
    enrol(cohort, municipality=elsewhere, function=Function.LOCAL_FACILITATION)
    tandem = SessionFactory(cohort=cohort, municipality=here, audience=Audience.TANDEM)
    group = SessionFactory(cohort=cohort, municipality=here, audience=Audience.STEERING_GROUP)
    assert set(attendance.expected_people(tandem)) == {local, external}
    assert attendance.expected_people(group) == [steering]


def test_expected_people_supervision_group_selected_and_recorded_guests(cohort):
    member, guest, picked = person(), person(), person()
    group = SupervisionGroupFactory(members=[member])
    supervision = SessionFactory(
        kind=SessionKind.SUPERVISION,
        cohort=cohort,
        audience=Audience.SUPERVISION_GROUP,
        supervision_group=group,
    )
    selected = SessionFactory(cohort=cohort, audience=Audience.SELECTED, participants=[picked])
    Attendance.objects.create(
        session=supervision, user=guest, status=S.PRESENT, ue_credited=Decimal("2")
    )
    assert set(attendance.expected_people(supervision)) == {member, guest}
    assert attendance.expected_people(selected) == [picked]


# --- who records ----------------------------------------------------------------------


def test_can_record_per_role(cohort, trainer, other_trainer, trainee, staff):
    supervisor = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    cohort.supervisors.add(supervisor)
    facilitator = person()
    workshop = SessionFactory(cohort=cohort, facilitators=[facilitator])
    group = SupervisionGroupFactory(supervisor=supervisor, members=[trainee])
    supervision = SessionFactory(
        kind=SessionKind.SUPERVISION,
        cohort=cohort,
        audience=Audience.SUPERVISION_GROUP,
        supervision_group=group,
    )
    assert [attendance.can_record(u, workshop) for u in (trainer, staff, facilitator)] == [
        True,
        True,
        True,
    ]
    assert [attendance.can_record(u, workshop) for u in (other_trainer, trainee, supervisor)] == [
        False,
        False,
        False,
    ]
    assert attendance.can_record(supervisor, supervision) is True
    assert attendance.can_record(trainer, supervision) is False


# --- record_attendance ----------------------------------------------------------------------


def test_record_attendance_by_trainer_credits_ue(cohort, trainer):
    a, b, c = enrol(cohort), enrol(cohort), enrol(cohort)
    session = SessionFactory(cohort=cohort)
    attendance.record_attendance(
        session, [(a, S.PRESENT, None), (b, S.PARTIAL, "2,5"), (c, S.EXCUSED, "4")], by=trainer
    )
    rows = {
        r.user_id: (r.status, r.ue_credited, r.recorded_by_id)
        for r in Attendance.objects.filter(session=session)
    }
    assert rows == {
        a.pk: (S.PRESENT, Decimal("4.00"), trainer.pk),
        b.pk: (S.PARTIAL, Decimal("2.50"), trainer.pk),
        c.pk: (S.EXCUSED, Decimal("0.00"), trainer.pk),
    }
    assert AttendanceChange.objects.count() == 3


def test_record_attendance_by_supervisor_for_supervision(cohort):
    member = person()
    group = SupervisionGroupFactory(members=[member])
    session = SessionFactory(
        kind=SessionKind.SUPERVISION,
        cohort=cohort,
        audience=Audience.SUPERVISION_GROUP,
        supervision_group=group,
        ue=Decimal("2"),
    )
    attendance.record_attendance(session, [(member, S.LATE, None)], by=group.supervisor)
    record = Attendance.objects.get(session=session)
    assert (record.status, record.ue_credited) == (S.LATE, Decimal("2.00"))


def test_record_attendance_refused_for_others(cohort, other_trainer, trainee):
    supervisor = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    cohort.supervisors.add(supervisor)
    session = SessionFactory(cohort=cohort)
    for user in (other_trainer, trainee, supervisor):
        with pytest.raises(PermissionDenied):
            attendance.record_attendance(session, [(trainee, S.PRESENT, None)], by=user)
    assert Attendance.objects.count() == 0


def test_record_attendance_correction_keeps_history(cohort, trainer, staff):
    a = enrol(cohort)
    session = SessionFactory(cohort=cohort)
    attendance.record_attendance(session, [(a, S.UNEXCUSED, None)], by=trainer)
    attendance.record_attendance(session, [(a, S.UNEXCUSED, None)], by=trainer)  # no change
    attendance.record_attendance(session, [(a, S.PARTIAL, "3")], by=staff)
    record = Attendance.objects.get(session=session, user=a)
    assert (record.status, record.ue_credited, record.recorded_by_id) == (
        S.PARTIAL,
        Decimal("3.00"),
        staff.pk,
    )
    history = list(
        record.changes.values_list("status", "ue_credited", "changed_by_id").order_by("pk")
    )
    assert history == [
        (S.UNEXCUSED, Decimal("0.00"), trainer.pk),
        (S.PARTIAL, Decimal("3.00"), staff.pk),
    ]


@pytest.mark.parametrize("ue", [None, "", "0", "4.5", "-1", "abc", "NaN"])
def test_record_attendance_partial_needs_valid_ue_and_saves_nothing(cohort, trainer, ue):
    a, b = enrol(cohort), enrol(cohort)
    session = SessionFactory(cohort=cohort)
    with pytest.raises(AttendanceError):
        attendance.record_attendance(
            session, [(a, S.PRESENT, None), (b, S.PARTIAL, ue)], by=trainer
        )
    assert Attendance.objects.count() == 0
    assert AttendanceChange.objects.count() == 0


def test_record_attendance_refuses_people_not_expected_except_makeup(cohort, trainer):
    stranger = person()
    session = SessionFactory(cohort=cohort)
    with pytest.raises(AttendanceError):
        attendance.record_attendance(session, [(stranger, S.PRESENT, None)], by=trainer)
    makeup = SessionFactory(cohort=cohort, is_makeup=True)
    attendance.record_attendance(makeup, [(stranger, S.PRESENT, None)], by=trainer)
    assert attendance.expected_people(makeup) == [stranger]


def test_default_ue(cohort):
    session = SessionFactory(cohort=cohort, ue=None)
    session.ends_at = session.starts_at + timedelta(minutes=90)
    assert attendance.default_ue(session, S.PRESENT) == Decimal("2")
    assert attendance.default_ue(session, S.LATE) == Decimal("2")
    assert attendance.default_ue(session, S.UNEXCUSED) == Decimal("0")
    with pytest.raises(AttendanceError):
        attendance.default_ue(session, S.PARTIAL)


# --- check_in --------------------------------------------------------------------------------


def test_check_in_inside_window_marks_present(cohort, trainee):
    session = SessionFactory(cohort=cohort)
    code = session.checkin_code
    typed = f" {code[:3].lower()} {code[3:]} "
    record = attendance.check_in(
        session, trainee, typed, now=session.starts_at - timedelta(minutes=30)
    )
    assert (record.status, record.source, record.ue_credited) == (
        S.PRESENT,
        Attendance.Source.CHECK_IN,
        Decimal("4.00"),
    )
    assert record.changes.count() == 1


@pytest.mark.parametrize(
    "offset", [timedelta(minutes=-31), timedelta(hours=3, seconds=1), timedelta(days=2)]
)
@pytest.mark.language("de")
def test_check_in_outside_window_marks_nothing(cohort, trainee, offset):
    session = SessionFactory(cohort=cohort)
    with pytest.raises(AttendanceError, match="30 Minuten"):
        attendance.check_in(session, trainee, session.checkin_code, now=session.starts_at + offset)
    assert Attendance.objects.count() == 0


@pytest.mark.language("de")
def test_check_in_wrong_code_or_not_expected_marks_nothing(cohort, trainee, other_trainee):
    session = SessionFactory(cohort=cohort)
    with pytest.raises(AttendanceError, match="nicht korrekt"):
        attendance.check_in(session, trainee, "XXXXXX", now=session.starts_at)
    with pytest.raises(AttendanceError, match="nicht auf der Liste"):
        attendance.check_in(session, other_trainee, session.checkin_code, now=session.starts_at)
    assert Attendance.objects.count() == 0


def test_check_in_keeps_an_existing_record(cohort, trainer, trainee):
    session = SessionFactory(cohort=cohort)
    attendance.record_attendance(session, [(trainee, S.LATE, None)], by=trainer)
    record = attendance.check_in(session, trainee, session.checkin_code, now=session.starts_at)
    assert (record.status, record.source) == (S.LATE, Attendance.Source.RECORDED)


# --- module completion --------------------------------------------------------------------


def test_module_completion_follows_attendance_threshold(programme, module, cohort, trainer):
    # 80 % of 8 UE needed: 2 sessions of 4 UE; the module has no lessons.
    a = enrol(cohort)
    enrolment = a.enrolments.get()
    first = SessionFactory(cohort=cohort, module=module)
    second = SessionFactory(cohort=cohort, module=module)
    assert attendance.module_attendance_share(enrolment, module) == Decimal("0")

    attendance.record_attendance(first, [(a, S.PRESENT, None)], by=trainer)
    assert attendance.module_attendance_share(enrolment, module) == Decimal("0.5")
    assert not ModuleCompletion.objects.filter(enrolment=enrolment).exists()

    attendance.record_attendance(second, [(a, S.PARTIAL, "2")], by=trainer)  # 6 of 8 = 75 %
    assert progress.attendance_requirement_met(enrolment, module) is False
    assert not ModuleCompletion.objects.filter(enrolment=enrolment).exists()

    attendance.record_attendance(second, [(a, S.PARTIAL, "2.5")], by=trainer)  # 6.5 = 81.25 %
    assert attendance.module_attendance_share(enrolment, module) == Decimal("0.8125")
    assert ModuleCompletion.objects.filter(enrolment=enrolment, module=module).exists()

    attendance.record_attendance(second, [(a, S.EXCUSED, None)], by=trainer)
    assert not ModuleCompletion.objects.filter(enrolment=enrolment).exists()


def test_attendance_requirement_counts_future_and_ignores_cancelled(module, cohort, trainer):
    a = enrol(cohort)
    enrolment = a.enrolments.get()
    held = SessionFactory(cohort=cohort, module=module)
    SessionFactory(cohort=cohort, module=module, starts_at=held.starts_at + timedelta(days=30))
    SessionFactory(cohort=cohort, module=module, cancelled=True)
    attendance.record_attendance(held, [(a, S.PRESENT, None)], by=trainer)
    assert attendance.module_attendance_share(enrolment, module) == Decimal("0.5")


def test_attendance_requirement_true_without_sessions_or_not_in_person(programme, cohort):
    a = enrol(cohort)
    enrolment = a.enrolments.get()
    in_person = factories.make_module(programme, number="2", title="Ohne Termine")
    online = factories.make_module(programme, number="3", title="Online", format="online")
    SessionFactory(cohort=cohort, module=online)
    assert attendance.module_attendance_share(enrolment, in_person) is None
    assert progress.attendance_requirement_met(enrolment, in_person) is True
    assert progress.attendance_requirement_met(enrolment, online) is True


def test_makeup_session_of_another_cohort_counts_for_the_module(programme, module, cohort, trainer):
    a = enrol(cohort)
    enrolment = a.enrolments.get()
    missed = SessionFactory(cohort=cohort, module=module)
    attendance.record_attendance(missed, [(a, S.EXCUSED, None)], by=trainer)
    other_cohort = factories.CohortFactory(programme=programme, trainers=[trainer])
    makeup = SessionFactory(cohort=other_cohort, module=module, is_makeup=True)
    attendance.record_attendance(makeup, [(a, S.PRESENT, None)], by=trainer)
    assert attendance.module_attendance_share(enrolment, module) == Decimal("1")
    assert ModuleCompletion.objects.filter(enrolment=enrolment, module=module).exists()
