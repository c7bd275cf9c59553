"""Sessions per municipality and kind, with attendance rates.

A session belongs to its own municipality, else to its supervision group's
municipality; sessions of a whole cohort (most workshops and deepenings)
belong to no single municipality and are listed as cross-municipal.

- *Held*: not cancelled, started by now; *planned*: not cancelled, still to
  come; *cancelled*. All within the period (by start).
- *UE held*: the UE each held session credits when attended in full.
- *Attendance rate*: of the attendance entries recorded for held sessions,
  the share marked present, late or partly present.
"""

from collections import defaultdict
from decimal import Decimal

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.models import Attendance, AttendanceStatus, Session, SessionKind, ue_for_minutes
from lms.reports.base import Chart, Filters, Report, Table, percentage

KIND_ORDER = list(SessionKind.values)


def sessions_for(filters: Filters, prefix: str = ""):
    """Q for sessions (through ``prefix``, e.g. ``session__``) matching the filters."""
    q = filters.moment_q(f"{prefix}starts_at")
    if filters.programme is not None:
        q &= Q(**{f"{prefix}cohort__programme": filters.programme}) | Q(
            **{f"{prefix}cohort__isnull": True},
            **{f"{prefix}supervision_group__cohort__programme": filters.programme},
        )
    if filters.cohort is not None:
        q &= Q(**{f"{prefix}cohort": filters.cohort}) | Q(
            **{f"{prefix}cohort__isnull": True},
            **{f"{prefix}supervision_group__cohort": filters.cohort},
        )
    if filters.municipality is not None:
        q &= Q(**{f"{prefix}municipality": filters.municipality}) | Q(
            **{f"{prefix}municipality__isnull": True},
            **{f"{prefix}supervision_group__municipality": filters.municipality},
        )
    return q


def municipality_of(prefix: str = ""):
    return Coalesce(f"{prefix}municipality__name", f"{prefix}supervision_group__municipality__name")


class SessionsReport(Report):
    slug = "termine"
    title = _("Sessions per municipality and kind")
    description = _(
        "Sessions held, planned and cancelled per municipality and kind, the UE held, and the "
        "attendance rate: the share of recorded attendance entries marked present, late or "
        "partly present. Sessions of a whole cohort are listed as cross-municipal."
    )
    filename = "termine-kommunen"
    icon = "date"

    def header(self) -> list[str]:
        return [
            str(_("Municipality")),
            str(_("Kind")),
            str(_("Held")),
            str(_("Planned")),
            str(_("Cancelled")),
            str(_("UE held")),
            str(_("Attendance entries")),
            str(_("Attended")),
            str(_("Excused")),
            str(_("Absent without excuse")),
            str(_("Persons attending")),
            str(_("Attendance rate (%)")),
        ]

    def table(self, filters=None, *, now=None) -> Table:
        """Three queries: sessions grouped by municipality, kind, UE and duration;
        attendance grouped by municipality and kind; persons attending in total."""
        filters = self.check_filters(Filters.of(filters))
        now = now or timezone.now()
        held = Q(cancelled=False, starts_at__lte=now)

        numbers = defaultdict(
            lambda: (
                {"held": 0, "planned": 0, "cancelled": 0, "ue": Decimal(0)}
                | {"entries": 0, "attended": 0, "excused": 0, "unexcused": 0, "persons": 0}
            )
        )
        sessions = (
            Session.objects.filter(sessions_for(filters))
            .annotate(
                place_name=municipality_of(),
                duration=ExpressionWrapper(
                    F("ends_at") - F("starts_at"), output_field=DurationField()
                ),
            )
            .values("place_name", "kind", "ue", "duration")
            .annotate(
                held=Count("pk", filter=held),
                planned=Count("pk", filter=Q(cancelled=False, starts_at__gt=now)),
                cancelled=Count("pk", filter=Q(cancelled=True)),
            )
            .order_by()
        )
        for group in sessions:
            entry = numbers[(group["place_name"], group["kind"])]
            for key in ("held", "planned", "cancelled"):
                entry[key] += group[key]
            # The UE of a session, as Session.credited_ue: its own, else from its duration.
            ue = group["ue"]
            if ue is None:
                ue = ue_for_minutes(int(group["duration"].total_seconds() // 60))
            entry["ue"] += ue * group["held"]

        attended = Q(status__in=AttendanceStatus.attended())
        records = (
            Attendance.objects.filter(
                sessions_for(filters, "session__"),
                session__cancelled=False,
                session__starts_at__lte=now,
            )
            .annotate(place_name=municipality_of("session__"))
            .values("place_name", "session__kind")
            .annotate(
                entries=Count("pk"),
                attended=Count("pk", filter=attended),
                excused=Count("pk", filter=Q(status=AttendanceStatus.EXCUSED)),
                unexcused=Count("pk", filter=Q(status=AttendanceStatus.UNEXCUSED)),
                persons=Count("user", filter=attended, distinct=True),
            )
            .order_by()
        )
        for group in records:
            entry = numbers[(group["place_name"], group["session__kind"])]
            for key in ("entries", "attended", "excused", "unexcused", "persons"):
                entry[key] = group[key]

        kind_labels = dict(SessionKind.choices)
        keys = sorted(
            numbers,
            key=lambda k: (k[0] is None, (k[0] or "").casefold(), KIND_ORDER.index(k[1])),
        )
        rows = [
            self._row(
                name or str(_("Cross-municipal")), str(kind_labels[kind]), numbers[(name, kind)]
            )
            for name, kind in keys
        ]
        totals = {
            key: sum((numbers[k][key] for k in keys), Decimal(0) if key == "ue" else 0)
            for key in ("held", "planned", "cancelled", "ue", "entries", "attended")
            + ("excused", "unexcused")
        }
        totals["persons"] = (
            Attendance.objects.filter(
                sessions_for(filters, "session__"),
                attended,
                session__cancelled=False,
                session__starts_at__lte=now,
            )
            .values("user")
            .distinct()
            .count()
        )
        return Table(
            self.header(), rows, self._row(str(pgettext_lazy("report", "Total")), "", totals)
        )

    def _row(self, name, kind, n) -> list:
        return [
            name,
            kind,
            n["held"],
            n["planned"],
            n["cancelled"],
            n["ue"],
            n["entries"],
            n["attended"],
            n["excused"],
            n["unexcused"],
            n["persons"],
            percentage(n["attended"], n["entries"]),
        ]

    def charts(self, table, rows=None):
        table = table.showing(rows)  # one bar per row on screen
        return [
            Chart.of_column(table, _("Sessions held"), [0, 1], 2),
            Chart.of_column(
                table,
                _("Attendance rate (%)"),
                [0, 1],
                len(table.header) - 1,
                unit="%",
                maximum=100,
            ),
        ]
