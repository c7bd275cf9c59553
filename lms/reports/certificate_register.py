"""The certificate register: every certificate and confirmation of attendance issued.

Holder, programme, cohort and municipality come from the certificate's own
snapshot (what it certified when issued), not from the live account, so the
register matches the documents and the verification page.

The reports read across the apps for the funder; this module and
:mod:`lms.reports.participation` are the only places in ``lms`` that read
``certificates`` (never write).
"""

from collections import Counter

from django.db.models.fields.json import KT
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from certificates.models import Certificate, CertificateKind, CertificateStatus
from lms.reports.base import Chart, Filters, Report, Table


def certificates_for(filters: Filters):
    certificates = Certificate.objects.filter(filters.moment_q("issued_at"))
    if filters.programme is not None:
        certificates = certificates.filter(enrolment__cohort__programme=filters.programme)
    if filters.cohort is not None:
        certificates = certificates.filter(enrolment__cohort=filters.cohort)
    if filters.municipality is not None:
        certificates = certificates.filter(enrolment__municipality=filters.municipality)
    return certificates


class CertificateRegisterReport(Report):
    slug = "zertifikate"
    title = _("Certificate register")
    description = _(
        "Every certificate and confirmation of attendance issued in the period, with its "
        "number, holder, programme, date, kind and status, as certified on issue."
    )
    filename = "zertifikatsregister"
    icon = "doc-full"

    def header(self) -> list[str]:
        return [
            str(_("Number")),
            str(_("Holder")),
            str(_("Programme")),
            str(_("Cohort")),
            str(_("Municipality")),
            str(_("Issued on")),
            str(_("Kind")),
            str(_("Status")),
            str(_("Revoked on")),
        ]

    def table(self, filters=None) -> Table:
        """One query: the certificates, with the snapshot's fields read in the database."""
        filters = self.check_filters(Filters.of(filters))
        certificates = certificates_for(filters)
        kinds = dict(CertificateKind.choices)
        statuses = dict(CertificateStatus.choices)
        rows = [
            [
                entry["number"],
                entry["holder"] or "",
                entry["programme"] or "",
                entry["cohort"] or "",
                entry["municipality"] or "",
                timezone.localdate(entry["issued_at"]),
                str(kinds.get(entry["kind"], entry["kind"])),
                str(statuses.get(entry["status"], entry["status"])),
                timezone.localdate(entry["revoked_at"]) if entry["revoked_at"] else None,
            ]
            for entry in certificates.values(
                "number",
                "issued_at",
                "kind",
                "status",
                "revoked_at",
                holder=KT("snapshot__holder_name"),
                programme=KT("snapshot__programme"),
                cohort=KT("snapshot__cohort"),
                municipality=KT("snapshot__municipality"),
            ).order_by("year", "sequence")
        ]
        return Table(self.header(), rows)

    def summary_table(self, table: Table) -> Table:
        """Number of documents in ``table`` by kind (rows) and status (columns)."""
        counted = Counter((row[6], row[7]) for row in table.rows)
        statuses = [str(label) for label in CertificateStatus.labels]
        rows = []
        for kind_label in CertificateKind.labels:
            values = [counted[(str(kind_label), status)] for status in statuses]
            rows.append([str(kind_label), *values, sum(values)])
        return Table([str(_("Kind")), *statuses, str(pgettext_lazy("report", "Total"))], rows)

    def charts(self, table, rows=None):
        summary = self.summary_table(table)  # all documents, whichever page is shown
        return [
            Chart.of_column(
                summary,
                _("Valid documents by kind"),
                [0],
                1 + CertificateStatus.values.index("valid"),
            ),
            Chart.of_column(summary, _("All documents by kind"), [0], len(summary.header) - 1),
        ]
