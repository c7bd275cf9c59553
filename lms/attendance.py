"""Attendance at sessions (Termine): who is expected, who may record, and the actions.

Rules (each in one place):

- Who is expected at a session follows its audience (:func:`expected_people`):
  the whole cohort, the tandem or the steering group of one municipality, a
  supervision group, or hand-picked people; plus anyone who already has an
  attendance record for it (e.g. a guest in a make-up session).
- Who records (:func:`can_record`): SPI staff, the session's facilitators, the
  cohort's trainers (not for supervision), and for supervision sessions the
  group's supervisor. Supervisors record only their supervision sessions.
- UE credited (:func:`default_ue`): the full UE of the session for present and
  late, none for excused and unexcused absence, an explicit share for partial
  attendance.
- A module's attendance share (:func:`module_attendance_share`) counts against
  every scheduled (not cancelled) session of the module, past and future, so
  nobody shows 100 % after the first session.

Actions (:func:`record_attendance`, :func:`check_in`) validate everything
first and change nothing on bad input (:class:`AttendanceError`, a message for
the person, or :class:`~django.core.exceptions.PermissionDenied`); they save
in one transaction, write an :class:`~lms.models.AttendanceChange` for every
new or changed record, and re-evaluate the completion of the session's module
(:func:`lms.progress.evaluate_module`).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import F, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from curriculum.models import ModuleFormat, ModulePage, ProgrammePage
from lms.errors import RuleError
from lms.models import (
    Attendance,
    AttendanceChange,
    AttendanceStatus,
    Audience,
    Enrolment,
    EnrolmentStatus,
    Function,
    Session,
    SessionKind,
    SupervisionGroup,
    User,
)

#: Self check-in opens this long before a session starts and closes at its end.
CHECK_IN_OPENS_BEFORE = timedelta(minutes=30)

TANDEM_FUNCTIONS = [Function.LOCAL_FACILITATION, Function.EXTERNAL_FACILITATION]


class AttendanceError(RuleError):
    """An attendance action the rules do not allow."""


# --- Who is expected, who records ------------------------------------------------------


def _audience(session: Session) -> QuerySet[User]:
    """The people the session's audience names (without guests already recorded)."""
    active = EnrolmentStatus.granting_access()
    if session.audience == Audience.COHORT:
        if session.cohort_id is None:
            return User.objects.none()
        return User.objects.filter(
            enrolments__cohort_id=session.cohort_id, enrolments__status__in=active
        )
    if session.audience in (Audience.TANDEM, Audience.STEERING_GROUP):
        if session.cohort_id is None or session.municipality_id is None:
            return User.objects.none()
        functions = (
            TANDEM_FUNCTIONS if session.audience == Audience.TANDEM else [Function.STEERING_GROUP]
        )
        # One filter() call: all conditions hold for the same enrolment.
        return User.objects.filter(
            enrolments__cohort_id=session.cohort_id,
            enrolments__status__in=active,
            enrolments__municipality_id=session.municipality_id,
            enrolments__function__in=functions,
        )
    if session.audience == Audience.SUPERVISION_GROUP:
        if session.supervision_group_id is None:
            return User.objects.none()
        return User.objects.filter(supervision_groups=session.supervision_group_id)
    if session.audience == Audience.SELECTED:
        return User.objects.filter(selected_sessions=session.pk)
    return User.objects.none()


def expected_queryset(session: Session) -> QuerySet[User]:
    """:func:`expected_people` as a queryset (one query when evaluated)."""
    return User.objects.filter(
        Q(pk__in=_audience(session).values("pk"))
        | Q(pk__in=Attendance.objects.filter(session=session).values("user_id"))
    ).order_by("last_name", "first_name", "email", "pk")


def expected_people(session: Session) -> list[User]:
    """Everyone expected at ``session``, ordered by last and first name.

    The audience decides: the cohort's admitted (or completed) participants;
    the tandem (local and external facilitation) or the steering group of the
    session's municipality within its cohort; the members of the supervision
    group; or the selected people. Anyone with an attendance record for the
    session (e.g. a make-up guest) is listed too.
    """
    return list(expected_queryset(session))


def is_expected(session: Session, user) -> bool:
    return expected_queryset(session).filter(pk=user.pk).exists()


def can_record(user, session: Session) -> bool:
    """Whether ``user`` records attendance for ``session``.

    SPI staff and the session's facilitators always; the cohort's trainers for
    every kind but supervision; for supervision sessions the supervisor of the
    session's group. Supervisors record only their supervision sessions, never
    a workshop (unless named as its facilitator). Everyone else: no.
    """
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    if user.is_spi_staff:
        return True
    if session.facilitators.filter(pk=user.pk).exists():
        return True
    if session.kind == SessionKind.SUPERVISION:
        group = session.supervision_group
        return group is not None and group.supervisor_id == user.pk
    return session.cohort_id is not None and session.cohort.trainers.filter(pk=user.pk).exists()


def sessions_recordable_by(user) -> QuerySet[Session]:
    """Sessions ``user`` may record (the same rule as :func:`can_record`, as a query)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Session.objects.none()
    if user.is_spi_staff:
        return Session.objects.all()
    return Session.objects.filter(
        Q(facilitators=user)
        | (Q(kind=SessionKind.SUPERVISION) & Q(supervision_group__supervisor=user))
        | (~Q(kind=SessionKind.SUPERVISION) & Q(cohort__trainers=user))
    ).distinct()


def sessions_attended_by(user) -> QuerySet[Session]:
    """Sessions where ``user`` is expected as a participant (or already recorded)."""
    if user is None or not user.is_authenticated or not user.is_active:
        return Session.objects.none()
    active = EnrolmentStatus.granting_access()
    enrolments = Enrolment.objects.filter(user=user, status__in=active)
    cohort_ids = enrolments.values("cohort_id")
    by_audience = (
        Q(audience=Audience.COHORT, cohort_id__in=cohort_ids)
        | Q(
            audience=Audience.TANDEM,
            pk__in=Session.objects.filter(
                cohort__enrolments__in=enrolments.filter(function__in=TANDEM_FUNCTIONS),
                municipality=F("cohort__enrolments__municipality"),
            ).values("pk"),
        )
        | Q(
            audience=Audience.STEERING_GROUP,
            pk__in=Session.objects.filter(
                cohort__enrolments__in=enrolments.filter(function=Function.STEERING_GROUP),
                municipality=F("cohort__enrolments__municipality"),
            ).values("pk"),
        )
        | Q(
            audience=Audience.SUPERVISION_GROUP,
            supervision_group__in=SupervisionGroup.objects.filter(members=user).values("pk"),
        )
        | Q(
            audience=Audience.SELECTED,
            pk__in=Session.participants.through.objects.filter(user=user).values("session_id"),
        )
        | Q(pk__in=Attendance.objects.filter(user=user).values("session_id"))
    )
    # Subqueries, not joins: OR-ed joins over the attendance table (100,000 rows in
    # make bench) cannot use an index and made the dashboard scan all of it.
    return Session.objects.filter(by_audience)


def can_view(user, session: Session) -> bool:
    """Expected people, those who record, and SPI staff see a session's page."""
    return can_record(user, session) or (user.is_authenticated and is_expected(session, user))


# --- UE ------------------------------------------------------------------------------


def default_ue(session: Session, status: str) -> Decimal:
    """UE credited for ``status``: the session's full UE for present and late, 0 for absence.

    Partial attendance has no default: its UE must be given explicitly
    (``0 < ue ≤ session.credited_ue``); asking for it raises :class:`AttendanceError`.
    """
    if status in (AttendanceStatus.PRESENT, AttendanceStatus.LATE):
        return session.credited_ue
    if status in (AttendanceStatus.EXCUSED, AttendanceStatus.UNEXCUSED):
        return Decimal("0")
    if status == AttendanceStatus.PARTIAL:
        raise AttendanceError(_("Partial attendance needs the number of UE attended."))
    raise AttendanceError(_("Unknown attendance status."))


def ue_for_row(session: Session, user, status, ue) -> Decimal:
    """The UE one row of a recording credits; :class:`AttendanceError` if the row is invalid."""
    if status not in AttendanceStatus.values:
        raise AttendanceError(_("Unknown attendance status."))
    if status != AttendanceStatus.PARTIAL:
        return default_ue(session, status)
    name = user.get_full_name() or user.email
    if ue is None or ue == "":
        raise AttendanceError(
            _("Please enter the UE attended for %(name)s (partly present).") % {"name": name}
        )
    try:
        value = Decimal(str(ue).strip().replace(",", "."))
    except InvalidOperation:
        value = None
    if value is None or not value.is_finite() or not 0 < value <= session.credited_ue:
        raise AttendanceError(
            _("The UE for %(name)s must be more than 0 and at most %(max)s.")
            % {"name": name, "max": format_ue(session.credited_ue)}
        )
    return value.quantize(Decimal("0.01"))


def format_ue(value: Decimal) -> str:
    """UE for people: "4" or "2,5" (German decimal comma), no trailing zeros."""
    from django.utils.formats import number_format

    value = value.normalize()
    return number_format(value, max(-value.as_tuple().exponent, 0))


# --- Actions ---------------------------------------------------------------------------


def _reevaluate(session: Session, user_ids, *, by) -> None:
    """Re-apply the completion rule of the session's module for the people concerned."""
    if session.module_id is None or not user_ids:
        return
    from lms.progress import evaluate_module

    module = ModulePage.objects.filter(pk=session.module_id).first()
    if module is None:
        return
    programme = ProgrammePage.objects.parent_of(module).first()
    if programme is None:
        return
    enrolments = Enrolment.objects.active().filter(
        user_id__in=user_ids, cohort__programme_id=programme.pk
    )
    for enrolment in enrolments:
        evaluate_module(enrolment, module, by=by)


def record_attendance(session: Session, rows, *, by) -> list[Attendance]:
    """Record (or correct) the attendance of several people at once.

    ``rows`` is a list of ``(user, status, ue_or_None)``; the UE is used for
    partial attendance only (required there, ``0 < ue ≤ credited_ue``), the
    other statuses credit :func:`default_ue`. Every person must be expected at
    the session, unless it is a make-up session. All rows are checked before
    anything is saved: one bad row raises :class:`AttendanceError` and nothing
    changes. New and changed records get an :class:`AttendanceChange` (so a
    correction keeps its history); unchanged ones are left alone. Afterwards
    the completion of the session's module is re-evaluated for the people
    concerned. Raises :class:`PermissionDenied` unless :func:`can_record`.
    """
    if not can_record(by, session):
        raise PermissionDenied(_("You may not record attendance for this session."))
    if session.cancelled:
        raise AttendanceError(_("This session has been cancelled."))
    rows = list(rows)
    seen = set()
    for user, _status, _ue in rows:
        if user.pk in seen:
            raise AttendanceError(
                _("%(name)s is listed twice.") % {"name": user.get_full_name() or user.email}
            )
        seen.add(user.pk)

    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        expected_ids = set(expected_queryset(session).values_list("pk", flat=True))
        checked = []
        for user, status, ue in rows:
            if user.pk not in expected_ids and not session.is_makeup:
                raise AttendanceError(
                    _("%(name)s is not expected at this session.")
                    % {"name": user.get_full_name() or user.email}
                )
            checked.append((user, status, ue_for_row(session, user, status, ue)))

        now = timezone.now()
        existing = {a.user_id: a for a in Attendance.objects.filter(session=session)}
        to_create, to_update, changed = [], [], []
        for user, status, ue in checked:
            attendance = existing.get(user.pk)
            if attendance is None:
                attendance = Attendance(
                    session=session,
                    user=user,
                    status=status,
                    ue_credited=ue,
                    source=Attendance.Source.RECORDED,
                    recorded_by=by,
                    recorded_at=now,
                )
                to_create.append(attendance)
            elif attendance.status != status or attendance.ue_credited != ue:
                attendance.status = status
                attendance.ue_credited = ue
                attendance.source = Attendance.Source.RECORDED
                attendance.recorded_by = by
                attendance.recorded_at = now
                to_update.append(attendance)
            else:
                continue
            changed.append(attendance)
        try:
            with transaction.atomic():
                Attendance.objects.bulk_create(to_create)
        except IntegrityError as error:  # a check-in or another recorder came first
            raise AttendanceError(
                _("Someone else has just recorded attendance for this session. Please reload.")
            ) from error
        if to_create and any(a.pk is None for a in to_create):
            # Backends without RETURNING: read the new rows' keys back.
            ids = dict(
                Attendance.objects.filter(
                    session=session, user_id__in=[a.user_id for a in to_create]
                ).values_list("user_id", "pk")
            )
            for attendance in to_create:
                attendance.pk = ids[attendance.user_id]
        Attendance.objects.bulk_update(
            to_update, ["status", "ue_credited", "source", "recorded_by", "recorded_at"]
        )
        AttendanceChange.objects.bulk_create(
            AttendanceChange(
                attendance=attendance,
                status=attendance.status,
                ue_credited=attendance.ue_credited,
                changed_by=by,
                changed_at=now,
            )
            for attendance in changed
        )
        _reevaluate(session, [a.user_id for a in changed], by=by)
    return changed


def normalise_code(code) -> str:
    """A typed check-in code as stored: spaces removed, upper case."""
    return "".join(str(code or "").split()).upper()


def check_in_window(session: Session) -> tuple:
    """``(opens, closes)``: when self check-in is possible for ``session``."""
    return session.starts_at - CHECK_IN_OPENS_BEFORE, session.ends_at


def check_in_open(session: Session, now=None) -> bool:
    now = now or timezone.now()
    opens, closes = check_in_window(session)
    return not session.cancelled and opens <= now <= closes


def check_in(session: Session, user, code, *, now=None) -> Attendance:
    """A participant checks in with the session's code and is marked present.

    The code is compared ignoring case and spaces; it is accepted only from
    30 minutes before the start until the end of the session, and only from
    people expected at the session (anyone, for a make-up session). An
    existing record (e.g. already entered by the facilitator) is kept as it
    is. Anything else raises :class:`AttendanceError` and marks nothing.
    """
    now = now or timezone.now()
    if user is None or not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    if not secrets.compare_digest(normalise_code(code), normalise_code(session.checkin_code)):
        raise AttendanceError(_("This code is not correct. Please check it and try again."))
    if session.cancelled:
        raise AttendanceError(_("This session has been cancelled."))
    if not check_in_open(session, now):
        raise AttendanceError(
            _("Check-in is only possible from 30 minutes before the session starts until it ends.")
        )
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        if not session.is_makeup and not is_expected(session, user):
            raise AttendanceError(_("You are not on the list of people expected at this session."))
        attendance = Attendance.objects.filter(session=session, user=user).first()
        if attendance is not None:
            return attendance
        attendance = Attendance.objects.create(
            session=session,
            user=user,
            status=AttendanceStatus.PRESENT,
            ue_credited=default_ue(session, AttendanceStatus.PRESENT),
            source=Attendance.Source.CHECK_IN,
            recorded_by=user,
            recorded_at=now,
        )
        AttendanceChange.objects.create(
            attendance=attendance,
            status=attendance.status,
            ue_credited=attendance.ue_credited,
            changed_by=user,
            changed_at=now,
        )
        _reevaluate(session, [user.pk], by=user)
    return attendance


# --- Module attendance -----------------------------------------------------------------


def module_sessions_for(enrolment: Enrolment, module: ModulePage) -> QuerySet[Session]:
    """The scheduled sessions of ``module`` that count for ``enrolment``.

    Sessions of the module for the enrolment's cohort that the whole cohort
    attends, and those for selected people that include the person.
    """
    return Session.objects.scheduled().filter(
        Q(audience=Audience.COHORT) | Q(audience=Audience.SELECTED, participants=enrolment.user_id),
        module_id=module.pk,
        cohort_id=enrolment.cohort_id,
    )


def module_attendance_share(enrolment: Enrolment, module: ModulePage) -> Decimal | None:
    """Attended UE / scheduled UE of the module's sessions for the person, or None.

    Counts against every scheduled (not cancelled) session, past and future.
    UE attended in make-up sessions of the same module (of any cohort) count
    too, as making up an absence; the share never exceeds 1. None when the
    module has no sessions (or they credit no UE).
    """
    sessions = list(module_sessions_for(enrolment, module).distinct())
    scheduled = sum((s.credited_ue for s in sessions), Decimal("0"))
    if not sessions or scheduled <= 0:
        return None
    attended = sum(
        Attendance.objects.filter(
            Q(session__in=[s.pk for s in sessions])
            | Q(session__is_makeup=True, session__module_id=module.pk, session__cancelled=False),
            user_id=enrolment.user_id,
            status__in=AttendanceStatus.attended(),
        ).values_list("ue_credited", flat=True),
        Decimal("0"),
    )
    return min(attended / scheduled, Decimal("1"))


def attendance_requirement_met(enrolment: Enrolment, module: ModulePage) -> bool:
    """The attendance rule of a module (see :func:`lms.progress.attendance_requirement_met`)."""
    if module.format != ModuleFormat.IN_PERSON:
        return True
    share = module_attendance_share(enrolment, module)
    if share is None:
        return True
    programme = ProgrammePage.objects.get(pk=enrolment.cohort.programme_id)
    return share * 100 >= programme.required_attendance_percent
