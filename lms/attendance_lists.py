"""Attendance lists: the Teilnahmeliste of a session and a person's attended sessions.

This module gathers the data (who is on the list, with organisation, function
and municipality) and writes the CSV files; the PDF is made from the same data
in :mod:`lms.pdf`. Who is expected at a session and who may record attendance
are the rules of :mod:`lms.attendance`; this module only asks.
"""

import csv
import unicodedata
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from wagtail.models import Site

from lms import attendance
from lms.models import Attendance, Enrolment, EnrolmentStatus, Session


def can_view_list(user, session: Session) -> bool:
    """Whoever may record attendance for ``session`` (SPI staff included)."""
    return attendance.can_record(user, session)


@dataclass
class ListRow:
    """One person on a Teilnahmeliste."""

    name: str
    organisation: str = ""
    function: str = ""
    municipality: str = ""


@dataclass
class SignatureList:
    """Everything a Teilnahmeliste shows, in display form (German dates, Berlin time)."""

    session: Session
    programme: str
    module: str
    kind: str
    date: str
    time: str
    place: str
    online_url: str
    ue: str
    facilitators: list[str]
    rows: list[ListRow] = field(default_factory=list)
    funding_notice: str = ""


def display_name(user) -> str:
    """Last name first, as lists are sorted; the e-mail address when no name is given."""
    if user.last_name or user.first_name:
        return ", ".join(part for part in (user.last_name, user.first_name) if part)
    return user.email


def sort_key(text: str) -> str:
    """Alphabetical the way a German reader expects: Çelik next to Celik, not after Z."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _rows(session: Session, people) -> list[ListRow]:
    """Rows sorted by name; details from the enrolment in the session's cohort, else any.

    People without an enrolment (e.g. steering-group members invited to
    supervision) appear with their name only.
    """
    enrolments = (
        Enrolment.objects.filter(user__in=people, status__in=EnrolmentStatus.granting_access())
        .select_related("municipality")
        .order_by("-created_at")
    )
    by_user = {}
    for enrolment in enrolments:
        current = by_user.get(enrolment.user_id)
        if current is None or (
            enrolment.cohort_id == session.cohort_id and current.cohort_id != session.cohort_id
        ):
            by_user[enrolment.user_id] = enrolment
    rows = []
    for person in sorted(people, key=lambda p: (sort_key(display_name(p)), p.pk)):
        enrolment = by_user.get(person.pk)
        rows.append(
            ListRow(
                name=display_name(person),
                organisation=enrolment.organisation if enrolment else "",
                function=enrolment.get_function_display() if enrolment else "",
                municipality=str(enrolment.municipality or "") if enrolment else "",
            )
        )
    return rows


def _funding_notice(request=None) -> str:
    from content.models import SiteSettings

    site = Site.find_for_request(request) if request is not None else None
    site = site or Site.objects.filter(is_default_site=True).first()
    if site is None:
        return ""
    return SiteSettings.for_site(site).funding_notice


def signature_list(session: Session, people=None, *, request=None) -> SignatureList:
    """The Teilnahmeliste of ``session``: session data and one row per expected person.

    ``people`` defaults to :func:`lms.attendance.expected_people`.
    """
    if people is None:
        people = attendance.expected_people(session)
    start = timezone.localtime(session.starts_at)
    end = timezone.localtime(session.ends_at)
    if start.date() == end.date():
        date_text = date_format(start, "l, j. F Y")
        start_text, end_text = f"{start:%H:%M}", f"{end:%H:%M}"
    else:
        # Over several days (e.g. 1.5 days): the times belong to the first and last day.
        date_text = f"{date_format(start, 'j. F Y')} – {date_format(end, 'j. F Y')}"
        start_text, end_text = f"{start:%d.%m. %H:%M}", f"{end:%d.%m. %H:%M}"
    module = session.module
    programme = ""
    if module is not None:
        parent = module.get_parent()
        programme = parent.title if parent else ""
    elif session.cohort_id:
        programme = session.cohort.programme.title
    return SignatureList(
        session=session,
        programme=programme,
        module=(
            _("Module %(number)s: %(title)s") % {"number": module.number, "title": module.title}
            if module
            else ""
        ),
        kind=session.get_kind_display(),
        date=date_text,
        time=_("%(start)s to %(end)s") % {"start": start_text, "end": end_text},
        place=session.place,
        online_url=session.online_url,
        ue=attendance.format_ue(session.credited_ue),
        facilitators=[
            f.get_full_name() or f.email
            for f in session.facilitators.order_by("last_name", "first_name", "pk")
        ],
        rows=_rows(session, list(people)),
        funding_notice=_funding_notice(request),
    )


# --- CSV -----------------------------------------------------------------------------


def csv_safe(value) -> str:
    """Text for a spreadsheet cell; a leading = + - @ (or tab, CR) would make it a formula."""
    text = str(value)
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


def csv_writer(out):
    """A CSV writer for spreadsheets: UTF-8 with byte-order mark, semicolons."""
    # A byte-order mark and semicolons: what spreadsheet programs in German expect.
    out.write("\ufeff")
    return csv.writer(out, delimiter=";")


def write_signature_list_csv(data: SignatureList, out) -> None:
    """The Teilnahmeliste as CSV: the session data on every row, then the person."""
    writer = csv_writer(out)
    writer.writerow(
        [
            _("Programme"),
            _("Module"),
            _("Session"),
            _("Kind"),
            _("Date"),
            _("Time"),
            _("Place"),
            _("Online link"),
            _("UE"),
            _("Facilitators"),
            _("Name"),
            _("Organisation"),
            _("Function"),
            _("Municipality"),
            _("Signature"),
        ]
    )
    session_cells = [
        data.programme,
        data.module,
        data.session.title,
        data.kind,
        data.date,
        data.time,
        data.place,
        data.online_url,
        data.ue,
        ", ".join(data.facilitators),
    ]
    for row in data.rows:
        cells = [*session_cells, row.name, row.organisation, row.function, row.municipality, ""]
        writer.writerow([csv_safe(cell) for cell in cells])


# --- A person's attended sessions -----------------------------------------------------------


def attendances_of(user):
    """The attendance records of ``user`` (every status), oldest session first."""
    return (
        Attendance.objects.filter(user=user)
        .select_related("session")
        .order_by("session__starts_at", "session__pk")
    )


def write_attendances_csv(attendances, out) -> None:
    """A person's attendance records as CSV: date, session, kind, status, UE credited."""
    writer = csv_writer(out)
    writer.writerow([_("Date"), _("Session"), _("Kind"), _("Status"), _("UE credited")])
    for record in attendances:
        start = timezone.localtime(record.session.starts_at)
        cells = [
            date_format(start, "d.m.Y H:i"),
            record.session.title,
            record.session.get_kind_display(),
            record.get_status_display(),
            attendance.format_ue(record.ue_credited),
        ]
        writer.writerow([csv_safe(cell) for cell in cells])
