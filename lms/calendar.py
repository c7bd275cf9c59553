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
from django.utils import timezone
from django.utils.translation import gettext as _

from lms.attendance import can_view, format_ue, sessions_attended_by
from lms.models import Cohort, Session, SessionKind

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

    Recording is counted by role (facilitator, supervisor of the group,
    trainer of the cohort), not through SPI staff's access to everything.
    """
    if user is None or not user.is_active:
        return Session.objects.none()
    # Each branch a subquery, not a join: OR-ed joins cannot use indexes (make bench).
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
