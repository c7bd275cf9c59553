"""Forms of the session screens: the attendance sheet and the self check-in."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils.translation import gettext_lazy as _

from lms import attendance
from lms.attendance import AttendanceError
from lms.forms import KernAccessibleFormMixin
from lms.models import Attendance, AttendanceStatus


class CheckInForm(KernAccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=20,
        help_text=_("The six characters shown by the facilitator."),
        widget=forms.TextInput(
            attrs={"autocomplete": "off", "autocapitalize": "characters", "spellcheck": "false"}
        ),
    )


@dataclass
class SheetRow:
    """One person on the attendance sheet, with what is recorded or entered."""

    user: object
    record: Attendance | None
    status: str = ""
    ue: str = ""
    error: str = ""

    @property
    def prefix(self) -> str:
        return f"p{self.user.pk}"


class AttendanceSheet:
    """The recording screen: a status (and for partial attendance the UE) per person.

    Not a Django formset: the rows are the expected people, read once, and
    each row posts ``status-<user id>`` and ``ue-<user id>``. Validation per
    row uses the service's own rule (:func:`lms.attendance.ue_for_row`), so
    the screen can point at the row; :func:`lms.attendance.record_attendance`
    checks everything again when saving.
    """

    statuses = AttendanceStatus.choices

    def __init__(self, session, people, records, data=None):
        self.session = session
        self.data = data
        self.rows = []
        for user in people:
            record = records.get(user.pk)
            row = SheetRow(user=user, record=record)
            if data is not None:
                row.status = (data.get(f"status-{user.pk}") or "").strip()
                row.ue = (data.get(f"ue-{user.pk}") or "").strip()[:10]
            elif record is not None:
                row.status = record.status
                if record.status == AttendanceStatus.PARTIAL:
                    row.ue = attendance.format_ue(record.ue_credited)
            self.rows.append(row)

    @property
    def errors(self) -> list[SheetRow]:
        return [row for row in self.rows if row.error]

    def is_valid(self) -> bool:
        for row in self.rows:
            row.error = ""
            if not row.status:
                continue  # nobody chose a status: nothing is recorded for this person
            if row.status not in AttendanceStatus.values:
                row.error = str(_("Please choose one of the statuses."))
                continue
            try:
                attendance.ue_for_row(self.session, row.user, row.status, row.ue or None)
            except AttendanceError as error:
                row.error = error.message
        return not self.errors

    def entries(self) -> list[tuple]:
        """``(user, status, ue_or_None)`` for every row with a status, for the service."""
        return [
            (
                row.user,
                row.status,
                row.ue if row.status == AttendanceStatus.PARTIAL and row.ue else None,
            )
            for row in self.rows
            if row.status
        ]
