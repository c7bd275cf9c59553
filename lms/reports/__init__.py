"""Reports for the funder (BMFSFJ) and SPI staff, in the Wagtail admin under "Berichte".

Each report is a class in :data:`REPORTS` (in menu order) and can be computed
without a request::

    from lms.reports import REPORTS, get_report

    for report_class in REPORTS:
        report = report_class()
        if "cohort" in report.required_filters:      # the progress matrix
            table = report.table({"cohort": some_cohort})
        else:
            table = report.table()                   # everything, or with filters:
        table = report.table({"programme": p, "cohort": c, "municipality": m,
                              "date_from": date(2023, 1, 1), "date_to": date(2023, 12, 31)})
        table.header      # list of column titles (str)
        table.rows        # list of rows: str, int, Decimal, date or None (missing)
        table.totals      # the totals row, or None
        table.all_rows()  # rows + totals: what the CSV and XLSX files contain

``filters`` is a mapping (or :class:`~lms.reports.base.Filters`) with any of
``programme`` (a ``ProgrammePage``), ``cohort``, ``municipality`` (model
instances) and ``date_from`` / ``date_to`` (``datetime.date``, inclusive);
missing keys mean "all". Every report runs a fixed number of queries however
many enrolments, sessions and attendance rows there are (aggregates in the
database); the tests assert it. ``get_report(slug)`` returns the class for a
URL slug; ``report_class.url(**query)`` the path of its admin page, e.g.
``ParticipationReport.url(municipality=3, export="xlsx")`` (SPI staff only).

Modules: :mod:`~lms.reports.base` (filters, form, table, chart),
:mod:`~lms.reports.export` (cell text, CSV, XLSX), one module per report,
:mod:`~lms.reports.views` and :mod:`~lms.reports.admin` (the admin pages and
their menu items).
"""

from lms.reports.base import Filters, Report, Table
from lms.reports.certificate_register import CertificateRegisterReport
from lms.reports.milestones import MilestonesReport
from lms.reports.participation import ParticipationReport
from lms.reports.progress_matrix import ProgressMatrixReport
from lms.reports.sessions import SessionsReport

REPORTS: tuple[type[Report], ...] = (
    ParticipationReport,
    SessionsReport,
    CertificateRegisterReport,
    MilestonesReport,
    ProgressMatrixReport,
)


def get_report(slug: str) -> type[Report] | None:
    return next((report for report in REPORTS if report.slug == slug), None)


__all__ = [
    "REPORTS",
    "CertificateRegisterReport",
    "Filters",
    "MilestonesReport",
    "ParticipationReport",
    "ProgressMatrixReport",
    "Report",
    "SessionsReport",
    "Table",
    "get_report",
]
