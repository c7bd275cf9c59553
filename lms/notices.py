"""E-mails that go out once: attendance below the requirement, session reminders.

Each notice is a :class:`~lms.models.Notice` row (kind, person, key); the row
is created in the same transaction that queues the e-mail, and the unique
constraint on (kind, person, key) makes a second run send nothing.

Keys: ``<enrolment pk>:supervision`` and ``<enrolment pk>:module-<module pk>``
for attendance warnings, the session's pk for reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from curriculum.models import ModuleFormat, ModulePage, ProgrammePage
from lms import attendance
from lms.enrolment import send_german_mail, site_url
from lms.models import Attendance, Enrolment, Notice, Session
from lms.supervision import supervision_statuses

#: Reminder lead time for sessions without a cohort (and so without a programme).
DEFAULT_REMINDER_DAYS = 3

REASON_SUPERVISION = "supervision"


@dataclass
class AttendanceShortfall:
    """One reason why an enrolment's attendance no longer meets the certificate's rule."""

    enrolment: Enrolment
    reason: str  # "supervision" or "module-<pk>"
    module: ModulePage | None = None
    supervision: object = None

    @property
    def key(self) -> str:
        return f"{self.enrolment.pk}:{self.reason}"


def _name(user) -> str:
    return user.get_full_name() or user.email


def already_sent(kind: str, user, key: str) -> bool:
    return Notice.objects.filter(kind=kind, user=user, key=key).exists()


def _claim(kind: str, user, key: str) -> bool:
    """Create the notice row; False when it already exists (sent before)."""
    try:
        with transaction.atomic():
            Notice.objects.create(kind=kind, user=user, key=key)
    except IntegrityError:
        return False
    return True


# --- Attendance below the requirement -------------------------------------------------


def module_attendance_reachable(enrolment, module, programme, *, now=None) -> bool:
    """Whether the person can still reach the required share of a module's UE.

    Attended UE plus the UE of sessions not yet held (or not yet recorded for
    anyone) against all scheduled sessions; modules without sessions pass.
    """
    now = now or timezone.now()
    sessions = list(attendance.module_sessions_for(enrolment, module).distinct())
    scheduled = sum((s.credited_ue for s in sessions), Decimal("0"))
    if scheduled <= 0:
        return True
    share = attendance.module_attendance_share(enrolment, module) or Decimal("0")
    recorded = set(
        Attendance.objects.filter(session__in=sessions).values_list("session_id", flat=True)
    )
    own = set(
        Attendance.objects.filter(session__in=sessions, user_id=enrolment.user_id).values_list(
            "session_id", flat=True
        )
    )
    open_ue = sum(
        (
            s.credited_ue
            for s in sessions
            if s.pk not in own and (s.starts_at > now or s.pk not in recorded)
        ),
        Decimal("0"),
    )
    return (share + open_ue / scheduled) * 100 >= programme.required_attendance_percent


def attendance_shortfalls(*, now=None) -> list[AttendanceShortfall]:
    """Every active enrolment's reasons for missing the certificate's attendance rules.

    Supervision that can no longer reach the required hours (or too many
    excused absences not made up), and in-person modules whose attended share
    can no longer reach the programme's required percentage.
    """
    enrolments = list(
        Enrolment.objects.active().select_related("user", "cohort__programme").order_by("pk")
    )
    statuses = supervision_statuses(enrolments, now=now)
    # Only modules with sessions in the cohort can fall short; skip the rest cheaply.
    with_sessions = set(
        Session.objects.scheduled()
        .filter(module__isnull=False, cohort__isnull=False)
        .values_list("cohort_id", "module_id")
        .distinct()
    )
    modules_of: dict[int, list[ModulePage]] = {}
    shortfalls = []
    for enrolment in enrolments:
        status = statuses[enrolment.pk]
        if not status.on_track:
            shortfalls.append(
                AttendanceShortfall(enrolment, REASON_SUPERVISION, supervision=status)
            )
        programme = enrolment.cohort.programme
        if programme.pk not in modules_of:
            modules_of[programme.pk] = list(
                ModulePage.objects.live()
                .child_of(programme)
                .filter(format=ModuleFormat.IN_PERSON)
                .order_by("path")
            )
        for module in modules_of[programme.pk]:
            if (enrolment.cohort_id, module.pk) not in with_sessions:
                continue
            if not module_attendance_reachable(enrolment, module, programme, now=now):
                shortfalls.append(AttendanceShortfall(enrolment, f"module-{module.pk}", module))
    return shortfalls


def send_attendance_alert(shortfall: AttendanceShortfall) -> list[str]:
    """Mail the person and the cohort's trainers once per shortfall; returns the addresses."""
    enrolment = shortfall.enrolment
    if not _claim(Notice.Kind.ATTENDANCE_BELOW_REQUIREMENT, enrolment.user, shortfall.key):
        return []
    context = {
        "person": enrolment.user,
        "person_name": _name(enrolment.user),
        "cohort": enrolment.cohort,
        "programme": enrolment.cohort.programme,
        "module": shortfall.module,
        "supervision": shortfall.supervision,
        "is_supervision": shortfall.reason == REASON_SUPERVISION,
    }
    sent = []
    recipients = [(enrolment.user, False)] + [
        (trainer, True)
        for trainer in enrolment.cohort.trainers.filter(is_active=True).order_by("pk")
    ]
    for recipient, for_trainer in recipients:
        if not recipient.email:
            continue
        send_german_mail(
            "attendance_low",
            recipient.email,
            {**context, "name": _name(recipient), "for_trainer": for_trainer},
        )
        sent.append(recipient.email)
    return sent


# --- Session reminders ---------------------------------------------------------------


def reminder_days(session: Session) -> int:
    if session.cohort_id is None:
        return DEFAULT_REMINDER_DAYS
    return session.cohort.programme.reminder_days_before


def sessions_due_for_reminder(*, now=None) -> list[Session]:
    """Sessions not cancelled that start within their programme's reminder lead time."""
    now = now or timezone.now()
    longest = ProgrammePage.objects.aggregate(days=Max("reminder_days_before"))["days"] or 0
    horizon = now + timedelta(days=max(longest, DEFAULT_REMINDER_DAYS))
    candidates = Session.objects.filter(
        cancelled=False, starts_at__gt=now, starts_at__lte=horizon
    ).select_related("cohort__programme")
    return [s for s in candidates if s.starts_at <= now + timedelta(days=reminder_days(s))]


def send_session_reminder(session: Session, user) -> bool:
    """Mail one expected person about an upcoming session, once; True if sent."""
    if not user.is_active or not user.email:
        return False
    if not _claim(Notice.Kind.SESSION_REMINDER, user, str(session.pk)):
        return False
    send_german_mail(
        "session_reminder",
        user.email,
        {
            "name": _name(user),
            "session": session,
            "session_url": site_url(reverse("session_detail", args=[session.pk])),
            "ics_url": site_url(reverse("session_ics", args=[session.pk])),
            "ue": attendance.format_ue(session.credited_ue),
        },
    )
    return True
