"""Attendance lists: the Teilnahmeliste of a session (PDF, CSV) and a person's attended sessions.

Who may see a session's list is decided in :mod:`lms.attendance_lists`; the
PDF is made by :mod:`lms.pdf`, imported only when a PDF is asked for.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone, translation

from lms import attendance_lists
from lms.models import Session


def _list_for(request, pk):
    session = get_object_or_404(
        Session.objects.select_related("module", "cohort__programme"), pk=pk
    )
    if not attendance_lists.can_view_list(request.user, session):
        raise PermissionDenied
    # A document for the funder: always in German, whatever the screen language.
    with translation.override("de"):
        return attendance_lists.signature_list(session, request=request)


def _filename(session, extension):
    day = timezone.localtime(session.starts_at)
    return f"teilnahmeliste-{day:%Y-%m-%d}-{session.pk}.{extension}"


@login_required
def signature_list_pdf(request, pk):
    """The Teilnahmeliste as an A4 PDF to print and sign."""
    data = _list_for(request, pk)
    from lms import pdf

    response = HttpResponse(pdf.signature_list_pdf(data), content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="{_filename(data.session, "pdf")}"'
    return response


@login_required
def signature_list_csv(request, pk):
    """The Teilnahmeliste as CSV (semicolons, UTF-8 with byte-order mark)."""
    data = _list_for(request, pk)
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{_filename(data.session, "csv")}"'
    with translation.override("de"):
        attendance_lists.write_signature_list_csv(data, response)
    return response


@login_required
def attended_sessions(request):
    """The logged-in person's own attendance records."""
    records = attendance_lists.attendances_of(request.user)
    return render(request, "lms/lists/attended_sessions.html", {"records": records})


@login_required
def attended_sessions_csv(request):
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="besuchte-termine.csv"'
    attendance_lists.write_attendances_csv(attendance_lists.attendances_of(request.user), response)
    return response
