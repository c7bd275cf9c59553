"""Milestone status per municipality, as input for the narrative report.

One row per municipality: the status of each milestone (and the date it was
reached or is planned for), how many are open, in progress and reached, and
how many were reached within the period. The period selects the
municipalities whose project runs in it (project start and end; a missing date
counts as open); programme and cohort select the municipalities with
participants in them or to which a cohort is limited.
"""

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from lms.models import Cohort, Enrolment, Milestone, MilestoneKind, MilestoneStatus, Municipality
from lms.reports.base import Chart, Filters, Report, Table


def municipalities_for(filters: Filters):
    municipalities = Municipality.objects.filter(filters.overlap_q("project_start", "project_end"))
    if filters.municipality is not None:
        municipalities = municipalities.filter(pk=filters.municipality.pk)
    if filters.programme is not None or filters.cohort is not None:
        cohorts = Cohort.objects.all()
        if filters.programme is not None:
            cohorts = cohorts.filter(programme=filters.programme)
        if filters.cohort is not None:
            cohorts = cohorts.filter(pk=filters.cohort.pk)
        municipalities = municipalities.filter(
            Q(pk__in=Enrolment.objects.filter(cohort__in=cohorts).values("municipality_id"))
            | Q(
                pk__in=Cohort.municipalities.through.objects.filter(cohort__in=cohorts).values(
                    "municipality_id"
                )
            )
        )
    return municipalities


class MilestonesReport(Report):
    slug = "meilensteine"
    title = _("Milestone status per municipality")
    description = _(
        "The status of each milestone per municipality, with the date it was reached or is "
        "planned for. The period selects the municipalities whose project runs in it and counts "
        "the milestones reached within it."
    )
    filename = "meilensteine-kommunen"
    icon = "flag"

    def header(self) -> list[str]:
        columns = [str(_("Municipality"))]
        for label in MilestoneKind.labels:
            columns += [
                str(label),
                str(_("%(milestone)s: reached on or planned for") % {"milestone": label}),
            ]
        return [
            *columns,
            str(_("Open")),
            str(_("In progress")),
            str(_("Reached")),
            str(_("Reached in the period")),
        ]

    def table(self, filters=None) -> Table:
        """Two queries: the municipalities with their counts, then their milestones."""
        filters = self.check_filters(Filters.of(filters))
        reached_in_period = Q(milestones__status=MilestoneStatus.REACHED) & filters.date_q(
            "milestones__reached_on"
        )
        municipalities = list(
            municipalities_for(filters)
            .annotate(
                open=Count("milestones", filter=Q(milestones__status=MilestoneStatus.OPEN)),
                in_progress=Count(
                    "milestones", filter=Q(milestones__status=MilestoneStatus.IN_PROGRESS)
                ),
                reached=Count("milestones", filter=Q(milestones__status=MilestoneStatus.REACHED)),
                reached_in_period=Count("milestones", filter=reached_in_period),
            )
            .order_by("name")
        )
        milestones = {
            (entry["municipality_id"], entry["kind"]): entry
            for entry in Milestone.objects.filter(
                municipality__in=[m.pk for m in municipalities]
            ).values("municipality_id", "kind", "status", "due_date", "reached_on")
        }
        statuses = dict(MilestoneStatus.choices)
        rows = []
        for municipality in municipalities:
            row = [municipality.name]
            for kind in MilestoneKind.values:
                entry = milestones.get((municipality.pk, kind))
                if entry is None:
                    row += [str(_("Not planned")), None]
                    continue
                reached = entry["status"] == MilestoneStatus.REACHED
                row += [
                    str(statuses[entry["status"]]),
                    entry["reached_on"] if reached else entry["due_date"],
                ]
            rows.append(
                [
                    *row,
                    municipality.open,
                    municipality.in_progress,
                    municipality.reached,
                    municipality.reached_in_period,
                ]
            )
        width = len(self.header())
        totals = [str(pgettext_lazy("report", "Total")), *([""] * (width - 5))] + [
            sum(row[i] for row in rows) for i in range(width - 4, width)
        ]
        return Table(self.header(), rows, totals)

    def charts(self, table, rows=None):
        table = table.showing(rows)  # one bar per municipality on screen
        reached = len(table.header) - 2
        return [
            Chart.of_column(
                table,
                _("Milestones reached (of %(count)d)") % {"count": len(MilestoneKind.values)},
                [0],
                reached,
                maximum=len(MilestoneKind.values),
            )
        ]
