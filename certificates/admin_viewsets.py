"""The certificate register in the Wagtail admin: list, filters, CSV/XLSX export.

Read-only: certificates are created and revoked only through the service
functions in ``certificates/issuing.py``, never by editing a row.
"""

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views import generic
from wagtail.admin.views.generic.history import HistoryView
from wagtail.admin.viewsets.model import ModelViewSet

from certificates.models import Certificate
from lms.admin_viewsets import local_datetime, naive_local_datetime


class CertificateIndexView(generic.IndexView):
    custom_field_preprocess = {
        field: {"csv": local_datetime, "xlsx": naive_local_datetime}
        for field in ("issued_at", "revoked_at")
    }

    def get_base_queryset(self):
        return super().get_base_queryset().select_related("enrolment__cohort")


class CertificateHistoryView(HistoryView):
    """The audit trail of one certificate (issue, re-issue, revocation, staff downloads).

    Wagtail asks for a change permission here, which no one has on the
    read-only register; seeing the register is enough, for SPI staff.
    """

    any_permission_required = ["view"]

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_spi_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class CertificateViewSet(ModelViewSet):
    model = Certificate
    icon = "doc-full"
    menu_label = _("Certificate register")
    index_view_class = CertificateIndexView
    history_view_class = CertificateHistoryView
    inspect_view_enabled = True
    copy_view_enabled = False
    list_display = [
        "number",
        Column("holder_name", label=_("Holder")),
        Column("programme_title", label=_("Programme")),
        "kind",
        "status",
        DateColumn("issued_at", label=_("Issued on")),
    ]
    list_filter = ["kind", "status", "year", "enrolment__cohort"]
    search_fields = ["number"]
    list_export = [
        "number",
        "holder_name",
        "programme_title",
        "enrolment.cohort",
        "get_kind_display",
        "get_status_display",
        "issued_at",
        "revoked_at",
        "get_revocation_category_display",
        "revocation_reason",
    ]
    export_headings = {
        "holder_name": _("Holder"),
        "programme_title": _("Programme"),
        "enrolment.cohort": _("Cohort"),
        "get_kind_display": _("Kind"),
        "get_status_display": _("Status"),
        "get_revocation_category_display": _("Revocation category"),
    }
    export_filename = "zertifikatsregister"
    # Never shown (certificates.permissions: no one may add or change one), but
    # Wagtail needs a form definition.
    form_fields = ["revocation_reason"]
