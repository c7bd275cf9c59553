"""Participation per municipality: applications, admissions, completions, persons by
function, UE credited, completion and certificate rate.

What is counted (one enrolment = one person in one cohort):

- *Applications*: every enrolment, whatever became of it.
- *Admitted*: enrolments that were admitted at some point: admitted now,
  completed, or withdrawn after admission (from the enrolment's history).
- *Active*: admitted now; *completed*; *withdrawn* (before or after admission).
- *Persons*: distinct people among the admitted, in total and per function
  (a person with two enrolments counts once, in each function they had).
- *UE credited*: teaching units credited to admitted participants for
  qualification sessions of their own cohort (workshops, deepenings,
  supervision, peer consultation) within the period.
- *Completion rate*: completed of admitted; *certificate rate*: enrolments with
  a valid certificate (not a confirmation of attendance) of admitted.

The period selects cohorts running in it (start and end date; a missing date
counts as open) and the sessions whose UE are counted.
"""

from decimal import Decimal

from django.db.models import Count, F, Q, Sum
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.models import Certificate, CertificateKind, CertificateStatus
from lms.models import Enrolment, EnrolmentEvent, EnrolmentStatus, Function, SessionKind
from lms.reports.base import Chart, Filters, Report, Table, percentage

S = EnrolmentStatus
NO_FUNCTION = ""


def enrolments_for(filters: Filters):
    """Enrolments in the programme, cohort and municipality, of cohorts running in the period."""
    enrolments = Enrolment.objects.all()
    if filters.programme is not None:
        enrolments = enrolments.filter(cohort__programme=filters.programme)
    if filters.cohort is not None:
        enrolments = enrolments.filter(cohort=filters.cohort)
    if filters.municipality is not None:
        enrolments = enrolments.filter(municipality=filters.municipality)
    return enrolments.filter(filters.overlap_q("cohort__start_date", "cohort__end_date"))


def admitted_q() -> Q:
    """Enrolments that were admitted at some point (now admitted, completed, or
    withdrawn after an admission recorded in their history)."""
    return Q(status__in=[S.ADMITTED, S.COMPLETED]) | Q(
        status=S.WITHDRAWN,
        pk__in=EnrolmentEvent.objects.filter(to_status=S.ADMITTED).values("enrolment_id"),
    )


def certified_q() -> Q:
    return Q(
        pk__in=Certificate.objects.filter(
            kind=CertificateKind.CERTIFICATE, status=CertificateStatus.VALID
        ).values("enrolment_id")
    )


def counts():
    admitted = admitted_q()
    return {
        "applications": Count("pk"),
        "admitted": Count("pk", filter=admitted),
        "active": Count("pk", filter=Q(status=S.ADMITTED)),
        "completed": Count("pk", filter=Q(status=S.COMPLETED)),
        "withdrawn": Count("pk", filter=Q(status=S.WITHDRAWN)),
        "persons": Count("user", filter=admitted, distinct=True),
        "certified": Count("pk", filter=admitted & certified_q()),
    }


def ue_credited(filters: Filters):
    """Sum of UE credited to each enrolment's person in qualification sessions of its cohort."""
    attendance = Q(
        user__attendances__session__cohort=F("cohort"),
        user__attendances__session__kind__in=SessionKind.qualification_kinds(),
    ) & filters.moment_q("user__attendances__session__starts_at")
    return Sum("user__attendances__ue_credited", filter=attendance)


FUNCTIONS = [*Function.values, NO_FUNCTION]


class ParticipationReport(Report):
    slug = "teilnahme"
    title = _("Participation per municipality")
    description = _(
        "Applications, admissions and completions per municipality; persons by function; "
        "UE credited to participants in their cohort's qualification sessions; completion and "
        "certificate rate of the admitted. The period selects the cohorts running in it and "
        "the sessions counted."
    )
    filename = "teilnahme-kommunen"
    icon = "group"

    def header(self) -> list[str]:
        labels = dict(Function.choices)
        return [
            str(_("Municipality")),
            str(_("Applications")),
            str(_("Admitted")),
            str(_("Active")),
            str(_("Completed")),
            str(_("Withdrawn")),
            str(_("Persons")),
            *[
                str(_("Persons: %(function)s") % {"function": labels[f]})
                if f
                else str(_("Persons: function not given"))
                for f in FUNCTIONS
            ],
            str(_("UE credited to participants")),
            str(_("Valid certificates")),
            str(_("Completion rate (%)")),
            str(_("Certificate rate (%)")),
        ]

    def _row(self, name, numbers, by_function, ue) -> list:
        return [
            name,
            numbers["applications"],
            numbers["admitted"],
            numbers["active"],
            numbers["completed"],
            numbers["withdrawn"],
            numbers["persons"],
            *[by_function.get(f, 0) for f in FUNCTIONS],
            ue or Decimal(0),
            numbers["certified"],
            percentage(numbers["completed"], numbers["admitted"]),
            percentage(numbers["certified"], numbers["admitted"]),
        ]

    def table(self, filters=None) -> Table:
        """Five queries: counts, persons by function and UE per municipality; the
        distinct persons in total and by function."""
        filters = self.check_filters(Filters.of(filters))
        enrolments = enrolments_for(filters)
        admitted = enrolments.filter(admitted_q())

        per_municipality = list(
            enrolments.values("municipality", "municipality__name").annotate(**counts()).order_by()
        )
        by_function = {}
        for entry in (
            admitted.values("municipality", "function")
            .annotate(persons=Count("user", distinct=True))
            .order_by()
        ):
            by_function.setdefault(entry["municipality"], {})[entry["function"]] = entry["persons"]
        ue = {
            entry["municipality"]: entry["ue"]
            for entry in admitted.values("municipality")
            .annotate(ue=ue_credited(filters))
            .order_by()
        }

        per_municipality.sort(
            key=lambda e: (e["municipality"] is None, (e["municipality__name"] or "").casefold())
        )
        rows = [
            self._row(
                entry["municipality__name"] or str(_("No municipality given")),
                entry,
                by_function.get(entry["municipality"], {}),
                ue.get(entry["municipality"]),
            )
            for entry in per_municipality
        ]

        totals = {
            key: sum(entry[key] for entry in per_municipality)
            for key in ("applications", "admitted", "active", "completed", "withdrawn", "certified")
        }
        totals["persons"] = admitted.aggregate(persons=Count("user", distinct=True))["persons"]
        total_by_function = {
            entry["function"]: entry["persons"]
            for entry in admitted.values("function")
            .annotate(persons=Count("user", distinct=True))
            .order_by()
        }
        total_ue = sum((value for value in ue.values() if value), Decimal(0))
        return Table(
            self.header(),
            rows,
            self._row(str(pgettext_lazy("report", "Total")), totals, total_by_function, total_ue),
        )

    def charts(self, table, rows=None):
        table = table.showing(rows)  # one bar per municipality on screen
        persons = table.header.index(str(_("Persons")))
        return [
            Chart.of_column(table, _("Persons per municipality"), [0], persons),
            Chart.of_column(
                table, _("Completion rate (%)"), [0], len(table.header) - 2, unit="%", maximum=100
            ),
            Chart.of_column(
                table, _("Certificate rate (%)"), [0], len(table.header) - 1, unit="%", maximum=100
            ),
        ]
