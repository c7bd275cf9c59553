"""The reports in the Wagtail admin: their URLs and their place in the "Berichte" menu.

Wagtail's own reports menu ("Reports", German "Berichte") holds them, ahead of
Wagtail's page reports, so staff find one "Berichte" menu. Imported by
``lms/wagtail_hooks.py``.
"""

from django.urls import include, path
from wagtail import hooks
from wagtail.admin.menu import MenuItem

from lms.reports import REPORTS
from lms.reports.views import ReportIndexView, ReportView


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_spi_staff


urlpatterns = [
    path("", ReportIndexView.as_view(), name="index"),
    *[
        path(f"{report.slug}/", ReportView.as_view(report_class=report), name=report.slug)
        for report in REPORTS
    ],
]


@hooks.register("register_admin_urls")
def register_report_urls():
    return [path("berichte/", include((urlpatterns, "kokoma_reports"), namespace="kokoma_reports"))]


def _menu_item_hook(report, order):
    def menu_item():
        return StaffMenuItem(
            report.title,
            report.url(),
            name=f"kokoma-report-{report.slug}",
            icon_name=report.icon,
            order=order,
        )

    return menu_item


for _order, _report in enumerate(REPORTS):
    hooks.register("register_reports_menu_item", _menu_item_hook(_report, 100 + _order))
