"""Supervision hours against the programme's requirement.

Rules (each in one place):

- A person's supervision sessions are the non-cancelled sessions of kind
  supervision whose supervision group has them as a member (unless the
  session is for selected people), or that are for selected people and
  include them. Sessions tied to a cohort (or a group of a cohort) of another
  programme do not count for this programme.
- Attended hours are the UE credited for attended supervision (present, late,
  partly present) in clock hours (1 UE = 45 minutes); attendance at make-up
  sessions (Nachholtermine) of other groups or cohorts counts too, when the
  session is a make-up session or the attendance makes up for an absence.
- The requirement counts against all scheduled sessions, past and future
  (``scheduled_hours``), so nobody shows 100 % after the first session.
- ``on_track``: the hours attended plus the hours still possible (sessions not
  yet held, or held but not yet recorded) reach the requirement, and the
  excused absences not made up do not exceed the number the programme allows.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from curriculum.models import ue_to_clock_hours
from lms.models import (
    Attendance,
    AttendanceStatus,
    Audience,
    Session,
    SessionKind,
    SupervisionGroup,
    credited_ue,
)


@dataclass
class SupervisionStatus:
    """One person's supervision in one programme (hours are clock hours)."""

    required_hours: Decimal
    attended_hours: Decimal
    scheduled_hours: Decimal
    possible_hours: Decimal
    excused_count: int
    excused_made_up: int
    excused_allowed: int

    @property
    def excused_open(self) -> int:
        """Excused absences not made up in a make-up session."""
        return self.excused_count - self.excused_made_up

    @property
    def hours_reachable(self) -> bool:
        """Hours attended plus those still possible reach the requirement."""
        return self.attended_hours + self.possible_hours >= self.required_hours

    @property
    def on_track(self) -> bool:
        return self.hours_reachable and self.excused_open <= self.excused_allowed

    @property
    def target_hours(self) -> Decimal:
        """What the progress bar measures against: the requirement, else what is scheduled."""
        return self.required_hours or self.scheduled_hours

    @property
    def percent(self) -> int:
        if self.target_hours <= 0:
            return 0
        return min(100, int(self.attended_hours * 100 / self.target_hours))

    @property
    def shown(self) -> bool:
        """Whether a dashboard has anything to show."""
        return self.required_hours > 0 or self.scheduled_hours > 0 or self.attended_hours > 0


def supervision_statuses(enrolments, *, now=None, attendance=None) -> dict[int, SupervisionStatus]:
    """:class:`SupervisionStatus` per enrolment (by its pk), in at most four queries.

    ``enrolments`` need ``cohort__programme`` loaded (``select_related``).
    ``attendance``: the people's :func:`qualification_attendance`, where the caller
    has read it for the certificate's requirements too (one query fewer).
    """
    return _statuses(
        [(e.pk, e.user_id, e.cohort.programme) for e in enrolments], now=now, attendance=attendance
    )


#: What an attendance row of :func:`qualification_attendance` holds (plus ``made_up``).
ATTENDANCE_VALUES = (
    "session_id",
    "user_id",
    "status",
    "ue_credited",
    "makeup_for_id",
    "session__kind",
    "session__title",
    "session__starts_at",
    "session__module_id",
    "session__cohort_id",
    "session__is_makeup",
    "session__cohort__programme_id",
    "session__supervision_group__cohort__programme_id",
)


def _made_up():
    """Whether an (excused) absence was made up: an attended row points to it."""
    return Exists(
        Attendance.objects.filter(makeup_for=OuterRef("pk"), status__in=AttendanceStatus.attended())
    )


def qualification_attendance(user_ids, *, kinds=None) -> list[dict]:
    """The attendance rows of ``user_ids`` at qualification sessions not cancelled
    (supervision included; only ``kinds`` if given), every status, in date order, as
    values (:data:`ATTENDANCE_VALUES` and ``made_up``), in one query.

    What the supervision status and the certificate's requirements
    (``certificates.eligibility``) are computed from: read once for both.
    """
    return list(
        Attendance.objects.filter(
            user_id__in=user_ids,
            session__cancelled=False,
            session__kind__in=kinds or SessionKind.qualification_kinds(),
        )
        .annotate(made_up=_made_up())
        .values(*ATTENDANCE_VALUES, "made_up")
        .order_by("session__starts_at", "session_id")
    )


def supervision_status(user, programme, *, now=None) -> SupervisionStatus:
    """The supervision hours of ``user`` in ``programme`` against its requirement.

    Works for people without an enrolment (e.g. steering-group members
    invited to supervision): they are measured against the programme's rules.
    """
    return _statuses([(None, user.pk, programme)], now=now)[None]


def _statuses(people, *, now=None, attendance=None) -> dict:
    """Statuses for ``(key, user_id, programme)`` triples, by key, in at most four queries
    (three with ``attendance``, the people's :func:`qualification_attendance`)."""
    if not people:
        return {}
    now = now or timezone.now()
    user_ids = {user_id for _key, user_id, _programme in people}

    groups_of: dict[int, set[int]] = defaultdict(set)
    for group_id, user_id in SupervisionGroup.members.through.objects.filter(
        user_id__in=user_ids
    ).values_list("supervisiongroup_id", "user_id"):
        groups_of[user_id].add(group_id)
    selected_of: dict[int, set[int]] = defaultdict(set)
    for session_id, user_id in Session.participants.through.objects.filter(
        user_id__in=user_ids,
        session__kind=SessionKind.SUPERVISION,
        session__audience=Audience.SELECTED,
    ).values_list("session_id", "user_id"):
        selected_of[user_id].add(session_id)

    group_ids = set().union(*groups_of.values())
    selected_ids = set().union(*selected_of.values())
    sessions = []
    # Most trainees are in no supervision group (yet): then not even build the query.
    if group_ids or selected_ids:
        sessions = list(
            Session.objects.scheduled()
            .filter(kind=SessionKind.SUPERVISION)
            .filter(
                Q(supervision_group_id__in=group_ids) & ~Q(audience=Audience.SELECTED)
                | Q(pk__in=selected_ids)
            )
            .annotate(recorded=Exists(Attendance.objects.filter(session=OuterRef("pk"))))
            .values(
                "pk",
                "audience",
                "supervision_group_id",
                "starts_at",
                "ue",
                "ends_at",
                "recorded",
                "cohort__programme_id",
                "supervision_group__cohort__programme_id",
            )
        )

    if attendance is None:
        attendance = qualification_attendance(user_ids, kinds=[SessionKind.SUPERVISION])
    attendances = [row for row in attendance if row["session__kind"] == SessionKind.SUPERVISION]
    by_user: dict[int, dict[int, dict]] = defaultdict(dict)
    for row in attendances:
        by_user[row["user_id"]][row["session_id"]] = row

    result = {}
    for key, user_id, programme in people:
        own = by_user.get(user_id, {})
        scheduled_ue = possible_ue = attended_ue = Decimal("0")
        excused = made_up = 0
        expected_ids = set()
        for s in sessions:
            if s["audience"] == Audience.SELECTED:
                if s["pk"] not in selected_of[user_id]:
                    continue
            elif s["supervision_group_id"] not in groups_of[user_id]:
                continue
            session_programme = (
                s["cohort__programme_id"] or s["supervision_group__cohort__programme_id"]
            )
            if session_programme not in (None, programme.pk):
                continue
            expected_ids.add(s["pk"])
            credited = _credited_ue(s)
            scheduled_ue += credited
            record = own.get(s["pk"])
            if record is None:
                if s["starts_at"] > now or not s["recorded"]:
                    possible_ue += credited
                continue
            if record["status"] == AttendanceStatus.EXCUSED:
                excused += 1
                made_up += 1 if record["made_up"] else 0
        for session_id, record in own.items():
            counts = (
                session_id in expected_ids
                or record["session__is_makeup"]
                or record["makeup_for_id"] is not None
            )
            if counts and record["status"] in AttendanceStatus.attended():
                attended_ue += record["ue_credited"]
        result[key] = SupervisionStatus(
            required_hours=Decimal(programme.required_supervision_hours or 0),
            attended_hours=ue_to_clock_hours(attended_ue),
            scheduled_hours=ue_to_clock_hours(scheduled_ue),
            possible_hours=ue_to_clock_hours(possible_ue),
            excused_count=excused,
            excused_made_up=made_up,
            excused_allowed=programme.max_excused_absences,
        )
    return result


def _credited_ue(row) -> Decimal:
    """:attr:`Session.credited_ue` for a row of values."""
    return credited_ue(row["starts_at"], row["ends_at"], row["ue"])
