"""The session screens: my sessions, a session, recording attendance, self check-in.

Who may do what is decided in :mod:`lms.attendance`; these views only ask.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Prefetch, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from lms import attendance
from lms.attendance import AttendanceError
from lms.forms_sessions import AttendanceSheet, CheckInForm
from lms.models import Attendance, Session

#: How many past sessions "My sessions" lists.
PAST_SESSIONS_SHOWN = 20


def _with_ue_text(session: Session) -> Session:
    session.ue_text = attendance.format_ue(session.credited_ue)
    return session


def _session(pk) -> Session:
    return _with_ue_text(
        get_object_or_404(
            Session.objects.select_related("cohort", "module", "municipality", "supervision_group"),
            pk=pk,
        )
    )


@login_required
def session_list(request):
    """Meine Termine: sessions the person attends and, for those who record, theirs to record."""
    user = request.user
    attended = attendance.sessions_attended_by(user).values("pk")
    recordable = attendance.sessions_recordable_by(user)
    recordable_ids = set(recordable.values_list("pk", flat=True))
    sessions = (
        Session.objects.filter(Q(pk__in=attended) | Q(pk__in=recordable.values("pk")))
        .select_related("cohort", "module", "municipality")
        .prefetch_related(
            Prefetch(
                "attendances",
                queryset=Attendance.objects.filter(user=user),
                to_attr="own_attendance",
            )
        )
    )
    now = timezone.now()
    upcoming = list(sessions.filter(ends_at__gte=now).order_by("starts_at"))
    past = list(sessions.filter(ends_at__lt=now).order_by("-starts_at")[:PAST_SESSIONS_SHOWN])
    for session in upcoming + past:
        _with_ue_text(session)
        session.may_record = session.pk in recordable_ids
        session.mine = session.own_attendance[0] if session.own_attendance else None
    return render(request, "lms/sessions/session_list.html", {"upcoming": upcoming, "past": past})


@login_required
def session_detail(request, pk):
    """A session's date, place, UE and, for the person, their own attendance."""
    session = _session(pk)
    user = request.user
    may_record = attendance.can_record(user, session)
    expected = attendance.is_expected(session, user)
    if not may_record and not expected:
        raise PermissionDenied
    own = Attendance.objects.filter(session=session, user=user).first()
    if own is not None:
        own.ue_text = attendance.format_ue(own.ue_credited)
    context = {
        "session": session,
        "may_record": may_record,
        "own": own,
        "facilitators": session.facilitators.order_by("last_name", "first_name"),
        "may_check_in": (expected or session.is_makeup) and attendance.check_in_open(session),
    }
    if may_record:
        context["summary"] = _summary(session)
    return render(request, "lms/sessions/session_detail.html", context)


def _summary(session) -> dict:
    records = list(Attendance.objects.filter(session=session).values_list("status", flat=True))
    return {
        "expected": attendance.expected_queryset(session).count(),
        "recorded": len(records),
        "attended": sum(
            1 for status in records if status in attendance.AttendanceStatus.attended()
        ),
    }


@login_required
def session_record(request, pk):
    """The recording screen: every expected person with a status, saved with one submit."""
    session = _session(pk)
    if not attendance.can_record(request.user, session):
        raise PermissionDenied
    people = attendance.expected_people(session)
    records = {a.user_id: a for a in Attendance.objects.filter(session=session)}
    error = ""
    if request.method == "POST":
        sheet = AttendanceSheet(session, people, records, data=request.POST)
        if sheet.is_valid():
            try:
                changed = attendance.record_attendance(session, sheet.entries(), by=request.user)
            except AttendanceError as failure:
                error = failure.message
            else:
                if changed:
                    messages.success(request, _("The attendance has been saved."))
                else:
                    messages.info(request, _("Nothing has changed."))
                return redirect("session_record", pk=session.pk)
        else:
            error = _("Please check the marked entries. Nothing has been saved yet.")
    else:
        sheet = AttendanceSheet(session, people, records)
    return render(
        request,
        "lms/sessions/session_record.html",
        {"session": session, "sheet": sheet, "error": error},
        status=400 if error else 200,
    )


@login_required
def session_checkin_code(request, pk):
    """For facilitators: the check-in code, big, and as a QR code during the window."""
    session = _session(pk)
    if not attendance.can_record(request.user, session):
        raise PermissionDenied
    is_open = attendance.check_in_open(session)
    context = {
        "session": session,
        "is_open": is_open,
        "window": attendance.check_in_window(session),
    }
    if is_open:
        import segno  # only this screen draws QR codes

        url = request.build_absolute_uri(
            reverse("session_checkin", args=(session.pk,)) + f"?code={session.checkin_code}"
        )
        context["checkin_url"] = url
        context["qr_svg"] = segno.make(url, error="m").svg_inline(
            scale=6, dark="#000", light="#fff", omitsize=True
        )
    return render(request, "lms/sessions/session_checkin_code.html", context)


@login_required
def session_checkin(request, pk):
    """For participants: enter (or scan) the code and be marked present."""
    session = _session(pk)
    user = request.user
    if not (
        session.is_makeup
        or attendance.is_expected(session, user)
        or attendance.can_record(user, session)
    ):
        raise PermissionDenied
    if request.method == "POST":
        form = CheckInForm(request.POST)
        if form.is_valid():
            try:
                attendance.check_in(session, request.user, form.cleaned_data["code"])
            except AttendanceError as failure:
                form.add_error("code", failure.message)
            else:
                messages.success(request, _("You are checked in. Welcome!"))
                return redirect("session_detail", pk=session.pk)
    else:
        form = CheckInForm(initial={"code": request.GET.get("code", "")[:20]})
    return render(
        request,
        "lms/sessions/session_checkin.html",
        {"session": session, "form": form},
        status=400 if form.errors else 200,
    )
