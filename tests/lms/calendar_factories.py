"""Helpers for the supervision, calendar and notice tests (on top of session_factories)."""

from datetime import timedelta
from decimal import Decimal

from django.utils import timezone

from lms.models import Attendance, AttendanceStatus, Audience, SessionKind
from tests.lms.session_factories import SessionFactory, SupervisionGroupFactory


def at(days: float, hour: int = 10):
    """A moment ``days`` from now (negative: in the past), on the full hour."""
    moment = timezone.localtime() + timedelta(days=days)
    return moment.replace(hour=hour, minute=0, second=0, microsecond=0)


def supervision_group(cohort=None, members=()):
    return SupervisionGroupFactory(cohort=cohort, members=list(members))


def supervision_session(group, days, *, ue="2", **kwargs):
    """A 90-minute supervision session of ``group`` (2 UE = 1.5 clock hours), ``days`` from
    now on the full hour (``at``), or at ``starts_at`` when given."""
    starts_at = kwargs.pop("starts_at", None) or at(days)
    return SessionFactory(
        kind=SessionKind.SUPERVISION,
        title=kwargs.pop("title", f"Supervision {group.name}"),
        cohort=kwargs.pop("cohort", group.cohort),
        supervision_group=group,
        audience=kwargs.pop("audience", Audience.SUPERVISION_GROUP),
        starts_at=starts_at,
        ends_at=starts_at + timedelta(minutes=90),
        ue=Decimal(ue),
        **kwargs,
    )


def attend(session, user, status=AttendanceStatus.PRESENT, ue=None, **kwargs):
    """An attendance record as the recording screen would store it."""
    if ue is None:
        ue = session.credited_ue if status in AttendanceStatus.attended() else Decimal("0")
    return Attendance.objects.create(
        session=session, user=user, status=status, ue_credited=Decimal(ue), **kwargs
    )
