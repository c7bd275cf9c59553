"""Sessions as iCalendar (RFC 5545): one event per session, a person's private feed.

The feed URL carries an unguessable token (:class:`~lms.models.CalendarFeed`),
so calendar programs can fetch it without logging in; revoking replaces the
token. Cancelled sessions stay in the feed with ``STATUS:CANCELLED`` so that
subscribed calendars remove them.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo

import icalendar
from django.db.models import Q, QuerySet
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.attendance import TANDEM_FUNCTIONS, can_view, format_ue, sessions_attended_by
from lms.models import Audience, Cohort, EnrolmentStatus, Function, Session, SessionKind

BERLIN = ZoneInfo("Europe/Berlin")
PRODID = "-//Stiftung SPI//KoKoMa Qualifizierungsplattform//DE"


def session_uid(session: Session) -> str:
    """Stable across edits, so calendars update the event instead of adding a new one."""
    return f"session-{session.pk}@kokoma"


def session_event(session: Session) -> icalendar.Event:
    """The session as a VEVENT: times in Europe/Berlin, place or online link, kind and UE."""
    event = icalendar.Event()
    event.add("uid", session_uid(session))
    event.add("dtstamp", timezone.now())
    event.add("dtstart", session.starts_at.astimezone(BERLIN))
    event.add("dtend", session.ends_at.astimezone(BERLIN))
    event.add("summary", session.title)
    event.add("location", session.place or session.online_url or "")
    lines = [
        str(session.get_kind_display()),
        _("%(ue)s UE") % {"ue": format_ue(session.credited_ue)},
    ]
    if session.online_url:
        lines.append(_("Online link: %(url)s") % {"url": session.online_url})
        event.add("url", session.online_url)
    event.add("description", "\n".join(lines))
    event.add("status", "CANCELLED" if session.cancelled else "CONFIRMED")
    return event


def calendar_of(sessions, name: str) -> icalendar.Calendar:
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", "Europe/Berlin")
    for session in sessions:
        calendar.add_component(session_event(session))
    calendar.add_missing_timezones()
    return calendar


def feed_sessions(user) -> QuerySet[Session]:
    """Sessions in a person's feed: those they are expected at, facilitate or record.

    Expected: the rule of :func:`lms.attendance.sessions_attended_by`.
    Recording is counted by role (facilitator, supervisor of the group,
    trainer of the cohort), not through SPI staff's access to everything.
    The ids come from :data:`FEED_SQL` (tests/lms/test_calendar.py checks it
    against the rule written with the ORM, :func:`feed_sessions_orm`).
    """
    if user is None or not user.is_active:
        return Session.objects.none()
    return Session.objects.filter(pk__in=RawSQL(*feed_sql(user.pk))).order_by("starts_at", "pk")


#: The ids of the sessions in a person's feed, one index-friendly branch per way into it
#: (the audiences that follow from an enrolment in one). Written out because the ORM took
#: about 6 ms to build the same query with its ten subqueries on every dashboard, and
#: PostgreSQL 5 ms to plan and run it, this one 2.4 ms (make bench).
FEED_SQL = """
SELECT s.id FROM lms_session s
  JOIN lms_enrolment e ON e.cohort_id = s.cohort_id
 WHERE e.user_id = %s AND e.status IN ({active}) AND (
    s.audience = %s
    OR (s.audience = %s AND e.function IN ({tandem}) AND e.municipality_id = s.municipality_id)
    OR (s.audience = %s AND e.function = %s AND e.municipality_id = s.municipality_id))
UNION
SELECT s.id FROM lms_session s
  JOIN lms_supervisiongroup_members m ON m.supervisiongroup_id = s.supervision_group_id
 WHERE s.audience = %s AND m.user_id = %s
UNION
SELECT s.id FROM lms_session s
  JOIN lms_session_participants p ON p.session_id = s.id
 WHERE s.audience = %s AND p.user_id = %s
UNION
SELECT a.session_id FROM lms_attendance a WHERE a.user_id = %s
UNION
SELECT f.session_id FROM lms_session_facilitators f WHERE f.user_id = %s
UNION
SELECT s.id FROM lms_session s
  JOIN lms_supervisiongroup g ON g.id = s.supervision_group_id
 WHERE s.kind = %s AND g.supervisor_id = %s
UNION
SELECT s.id FROM lms_session s
  JOIN lms_cohort_trainers t ON t.cohort_id = s.cohort_id
 WHERE s.kind <> %s AND t.user_id = %s
"""


def feed_sql(user_id: int) -> tuple[str, list]:
    """:data:`FEED_SQL` with its parameters for one person."""
    active = [str(status) for status in EnrolmentStatus.granting_access()]
    tandem = [str(function) for function in TANDEM_FUNCTIONS]

    def marks(values):
        return ", ".join(["%s"] * len(values))

    sql = FEED_SQL.format(active=marks(active), tandem=marks(tandem))
    params = [
        *(user_id, *active, Audience.COHORT, Audience.TANDEM, *tandem),
        *(Audience.STEERING_GROUP, Function.STEERING_GROUP),
        *(Audience.SUPERVISION_GROUP, user_id),
        *(Audience.SELECTED, user_id),
        user_id,
        user_id,
        *(SessionKind.SUPERVISION, user_id),
        *(SessionKind.SUPERVISION, user_id),
    ]
    return sql, [str(param) if not isinstance(param, int) else param for param in params]


def feed_sessions_orm(user) -> QuerySet[Session]:
    """:func:`feed_sessions` written with the ORM: the rule that :data:`FEED_SQL` follows."""
    if user is None or not user.is_active:
        return Session.objects.none()
    involved = (
        Q(pk__in=sessions_attended_by(user).values("pk"))
        | Q(pk__in=Session.facilitators.through.objects.filter(user=user).values("session_id"))
        | Q(kind=SessionKind.SUPERVISION, supervision_group__supervisor=user)
        | (
            ~Q(kind=SessionKind.SUPERVISION)
            & Q(cohort__in=Cohort.trainers.through.objects.filter(user=user).values("cohort_id"))
        )
    )
    return Session.objects.filter(involved).order_by("starts_at", "pk")


def feed_for(user) -> icalendar.Calendar:
    """The person's private calendar feed."""
    return calendar_of(feed_sessions(user), _("KoKoMa sessions"))


def can_download(user, session: Session) -> bool:
    """Who may download a session's .ics: expected people, facilitators, the cohort's
    trainers, the group's supervisor and SPI staff."""
    if not user.is_authenticated or not user.is_active:
        return False
    if can_view(user, session):
        return True
    return session.cohort_id is not None and session.cohort.trainers.filter(pk=user.pk).exists()
