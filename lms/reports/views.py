"""The report pages in the Wagtail admin: filter form, charts, table, downloads.

For SPI staff only (``user.is_spi_staff``); Wagtail's admin sends anonymous
visitors to its login and others with admin access back to the dashboard.
The page, the CSV and the XLSX file are made from the same
:class:`~lms.reports.base.Table`; the page shows its rows
``Report.page_size`` at a time (Wagtail's pagination, the filters kept in
its links), the files hold every row.
"""

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.urls import reverse_lazy
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.paginator import WagtailPaginator
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from lms.reports.base import FILTER_NAMES, Filters, Report
from lms.reports.export import XLSX_CONTENT_TYPE, cell_text, write_csv, xlsx_bytes

EXPORT_FORMATS = ("csv", "xlsx")
#: The query parameter of the table's page (Wagtail's pagination uses ``p``).
PAGE_PARAMETER = "p"


class RowPaginator(WagtailPaginator):
    """Wagtail's paginator (and its pagination navigation) over the rows of a table."""

    @cached_property
    def verbose_name(self):
        return gettext_lazy("row")

    @cached_property
    def verbose_name_plural(self):
        return gettext_lazy("rows")


def display_cells(values) -> list[tuple[str, bool]]:
    """Cells for the page: the text and whether it is a number (aligned right)."""
    return [
        (cell_text(value), isinstance(value, int | float | Decimal) and not isinstance(value, bool))
        for value in values
    ]


class ReportView(WagtailAdminTemplateMixin, TemplateView):
    template_name = "lms/reports/report.html"
    report_class: type[Report] = Report

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_spi_staff:
            raise PermissionDenied
        self.report = self.report_class()
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return str(self.report.title)

    def get_header_icon(self):
        return self.report.icon

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse_lazy("kokoma_reports:index"), "label": _("Reports")},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        submitted = any(name in request.GET for name in FILTER_NAMES)
        form = self.report.form(request.GET if submitted else None)
        table = None
        if form.is_bound and form.is_valid():
            table = self.report.table(form.filters())
            filters = form.filters()
        elif not form.is_bound and not self.report.required_filters:
            filters = Filters()
            table = self.report.table(filters)

        export = request.GET.get("export")
        if table is not None and export in EXPORT_FORMATS:
            return self.download(table, filters, export)

        context = self.get_context_data(form=form, table=table, **kwargs)
        return self.render_to_response(context)

    def download(self, table, filters, export):
        filename = self.report.file_name(filters, export)
        if export == "csv":
            response = HttpResponse(content_type="text/csv; charset=utf-8")
            write_csv(table.header, table.all_rows(), response)
        else:
            response = HttpResponse(
                xlsx_bytes(table.header, table.all_rows(), title=str(self.report.title)),
                content_type=XLSX_CONTENT_TYPE,
            )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def get_context_data(self, *, form, table, **kwargs):
        context = super().get_context_data(**kwargs)
        query = self.request.GET.copy()
        query.pop("export", None)
        query.pop(PAGE_PARAMETER, None)  # the files hold every row
        page = None
        if table is not None:
            paginator = RowPaginator(table.rows, self.report.page_size)
            page = paginator.get_page(self.request.GET.get(PAGE_PARAMETER))
        context.update(
            {
                "report": self.report,
                "form": form,
                "table": table,
                "charts": self.report.charts(table, list(page)) if table is not None else [],
                # Only the rows of this page are turned into text.
                "rows": [display_cells(row) for row in page] if page else [],
                "page_obj": page,
                "elided_page_range": (
                    page.paginator.get_elided_page_range(page.number)
                    if page and page.paginator.num_pages > 1
                    else []
                ),
                "totals": display_cells(table.totals) if table and table.totals else None,
                "downloads": [
                    (export.upper(), f"?{query.urlencode()}{'&' if query else ''}export={export}")
                    for export in EXPORT_FORMATS
                ]
                if table is not None
                else [],
            }
        )
        return context


class ReportIndexView(WagtailAdminTemplateMixin, TemplateView):
    """The list of reports, with what each counts."""

    template_name = "lms/reports/index.html"
    header_icon = "table"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_spi_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_page_title(self):
        return _("Reports for the funder")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get_context_data(self, **kwargs):
        from lms.reports import REPORTS

        context = super().get_context_data(**kwargs)
        context["reports"] = [(report, report.url()) for report in REPORTS]
        return context
