"""The progress matrix of one cohort as a spreadsheet: participants × modules.

The same matrix trainers see (:func:`lms.trainer.progress_matrix`), in the
columns of its CSV file (:func:`lms.trainer.matrix_table`), here also as XLSX.
It needs a cohort; the municipality filter narrows the participants. The
period does not apply (the matrix shows the state of today).
"""

from django.utils.translation import gettext_lazy as _

from lms import trainer
from lms.reports.base import Chart, Filters, Report, Table


class ProgressMatrixReport(Report):
    slug = "fortschritt"
    title = _("Progress matrix of a cohort")
    description = _(
        "The learning progress of each participant of a cohort, module by module, as on the "
        "trainers' progress page."
    )
    filename = "fortschritt"
    icon = "tasks"
    filter_fields = ("programme", "cohort", "municipality")
    required_filters = ("cohort",)

    def table(self, filters=None) -> Table:
        """Five queries (the matrix's own): curriculum (two), participants, lessons and
        modules completed."""
        filters = self.check_filters(Filters.of(filters))
        matrix = trainer.progress_matrix(filters.cohort, municipality=filters.municipality)
        header, rows = trainer.matrix_table(matrix)
        return Table([str(text) for text in header], rows)

    def charts(self, table, rows=None):
        table = table.showing(rows)  # one bar per participant on screen
        return [
            Chart.of_column(
                table, _("Overall progress (%)"), [0], len(table.header) - 1, maximum=100
            )
        ]
