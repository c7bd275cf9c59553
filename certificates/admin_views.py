"""Issuing, re-issuing and revoking certificates in the Wagtail admin (SPI staff only).

"Zertifikate ausstellen": per cohort every candidate with the eligibility
checklist, their certificates and the actions; a bulk issue with a preview
and a progress page. The views are thin: the rules are in
:mod:`certificates.bulk` and :mod:`certificates.issuing`; a refused action
(:class:`~certificates.issuing.CertificateError`) is shown as a message and
changes nothing.
"""

from collections import defaultdict

from django import forms
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from wagtail.admin import messages
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.viewsets.base import ViewSet, ViewSetGroup

from certificates import bulk, eligibility
from certificates.issuing import CertificateError, revoke_certificate
from certificates.models import (
    BulkIssueItemStatus,
    BulkIssueRun,
    BulkIssueRunStatus,
    Certificate,
    CertificateKind,
    CertificateStatus,
    RevocationCategory,
)
from lms.models import Cohort, Enrolment

NAMESPACE = "certificate_issuing"


def url(name, *args):
    return reverse(f"{NAMESPACE}:{name}", args=args)


class StaffView(WagtailAdminTemplateMixin, TemplateView):
    """A page of the issuing screens: SPI staff only."""

    header_icon = "doc-full"

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_spi_staff:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": url("index"), "label": gettext("Issue certificates")},
        ]


class CohortIndexView(StaffView):
    template_name = "certificates/admin/cohort_index.html"
    page_title = _("Issue certificates")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["cohorts"] = (
            Cohort.objects.select_related("programme")
            .annotate(
                candidate_count=Count(
                    "enrolments",
                    filter=Q(enrolments__status__in=bulk.CANDIDATE_STATUSES),
                    distinct=True,
                ),
                certificate_count=Count(
                    "enrolments__certificates",
                    filter=Q(enrolments__certificates__status=CertificateStatus.VALID),
                    distinct=True,
                ),
            )
            .order_by("-start_date", "name")
        )
        return context


class CohortMixin:
    @cached_property
    def cohort(self):
        return get_object_or_404(Cohort.objects.select_related("programme"), pk=self.kwargs["pk"])

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": url("cohort", self.cohort.pk), "label": str(self.cohort)},
        ]


class CohortView(CohortMixin, StaffView):
    """Every candidate of a cohort: checklist, certificates held, actions."""

    template_name = "certificates/admin/cohort.html"

    def get_page_title(self):
        return gettext("Issue certificates: %(cohort)s") % {"cohort": self.cohort}

    def get_breadcrumbs_items(self):
        return StaffView.get_breadcrumbs_items(self)

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        enrolments = list(bulk.candidates(self.cohort))
        results = eligibility.evaluate_many(enrolments)
        held = defaultdict(list)
        for certificate in Certificate.objects.filter(enrolment__in=enrolments).order_by(
            "-issued_at"
        ):
            held[certificate.enrolment_id].append(certificate)
        context.update(
            cohort=self.cohort,
            rows=[
                {
                    "enrolment": enrolment,
                    "eligibility": results[enrolment.pk],
                    "certificates": held[enrolment.pk],
                    "valid_kinds": {
                        c.kind for c in held[enrolment.pk] if c.status == CertificateStatus.VALID
                    },
                }
                for enrolment in enrolments
            ],
            runs=BulkIssueRun.objects.filter(cohort=self.cohort).select_related("requested_by")[
                :10
            ],
            CERTIFICATE=CertificateKind.CERTIFICATE,
            ATTENDANCE=CertificateKind.ATTENDANCE,
        )
        return context


class IssueView(StaffView):
    """POST issues a certificate; GET (and ``reissue``) asks for confirmation first."""

    template_name = "certificates/admin/confirm_issue.html"

    @cached_property
    def enrolment(self):
        return get_object_or_404(
            Enrolment.objects.select_related("user", "cohort__programme"), pk=self.kwargs["pk"]
        )

    @cached_property
    def kind(self):
        if self.kwargs["kind"] not in CertificateKind.values:
            raise PermissionDenied
        return CertificateKind(self.kwargs["kind"])

    def get_page_title(self):
        return gettext("Issue %(kind)s") % {"kind": self.kind.label}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            enrolment=self.enrolment,
            kind=self.kind,
            eligibility=eligibility.evaluate(self.enrolment),
            previous=Certificate.objects.valid()
            .filter(enrolment=self.enrolment, kind=self.kind)
            .first(),
            back_url=url("cohort", self.enrolment.cohort_id),
        )
        return context

    def post(self, request, *args, **kwargs):
        reissue = request.POST.get("reissue") == "1"
        try:
            certificate = bulk.issue_for_enrolment(
                self.enrolment, self.kind, by=request.user, reissue=reissue
            )
        except CertificateError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                gettext("%(kind)s %(number)s issued to %(person)s.")
                % {
                    "kind": certificate.get_kind_display(),
                    "number": certificate.number,
                    "person": self.enrolment.user,
                },
            )
        return redirect(url("cohort", self.enrolment.cohort_id))


class RevokeForm(forms.Form):
    category = forms.ChoiceField(
        label=_("Category"),
        choices=[("", "---------"), *RevocationCategory.choices],
        help_text=_("Shown on the public verification page."),
    )
    reason = forms.CharField(
        label=_("Reason (internal)"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("For the register and the audit log only; never shown publicly."),
    )


class RevokeView(StaffView):
    template_name = "certificates/admin/revoke.html"

    @cached_property
    def certificate(self):
        return get_object_or_404(
            Certificate.objects.select_related("enrolment__user", "enrolment__cohort"),
            pk=self.kwargs["pk"],
        )

    def get_page_title(self):
        return gettext("Revoke %(number)s") % {"number": self.certificate.number}

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        context.update(
            certificate=self.certificate,
            form=form or RevokeForm(),
            back_url=url("cohort", self.certificate.enrolment.cohort_id),
        )
        return context

    def post(self, request, *args, **kwargs):
        form = RevokeForm(request.POST)
        if form.is_valid():
            try:
                revoke_certificate(
                    self.certificate,
                    by=request.user,
                    reason=form.cleaned_data["reason"],
                    category=form.cleaned_data["category"],
                )
            except CertificateError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    gettext("%(number)s has been revoked; the holder is informed by e-mail.")
                    % {"number": self.certificate.number},
                )
                return redirect(url("cohort", self.certificate.enrolment.cohort_id))
        return self.render_to_response(self.get_context_data(form=form))


class BulkPreviewView(CohortMixin, StaffView):
    """Who would get what; POST confirms and starts the background run."""

    template_name = "certificates/admin/bulk_preview.html"

    def get_page_title(self):
        return gettext("Bulk issue: %(cohort)s") % {"cohort": self.cohort}

    def include_attendance(self, data):
        return data.get("include_attendance") == "1"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        include_attendance = self.include_attendance(self.request.GET)
        rows = bulk.plan_for_cohort(self.cohort, include_attendance=include_attendance)
        context.update(
            cohort=self.cohort,
            rows=rows,
            include_attendance=include_attendance,
            to_issue=[row for row in rows if row.will_issue],
        )
        return context

    def post(self, request, *args, **kwargs):
        only = {int(pk) for pk in request.POST.getlist("enrolment") if pk.isdigit()}
        try:
            run = bulk.start_bulk_issue(
                self.cohort,
                by=request.user,
                include_attendance=self.include_attendance(request.POST),
                only=only,
            )
        except CertificateError as error:
            messages.error(request, error.message)
            return redirect(url("bulk_preview", self.cohort.pk))
        return redirect(url("run", run.pk))


class RunView(StaffView):
    """Progress of a bulk issue; POST queues an unfinished run again."""

    template_name = "certificates/admin/run.html"

    @cached_property
    def run(self):
        return get_object_or_404(
            BulkIssueRun.objects.select_related("cohort", "requested_by"), pk=self.kwargs["pk"]
        )

    def get_page_title(self):
        return gettext("Bulk issue: %(cohort)s") % {"cohort": self.run.cohort}

    def get_breadcrumbs_items(self):
        return [
            *super().get_breadcrumbs_items(),
            {"url": url("cohort", self.run.cohort_id), "label": str(self.run.cohort)},
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        items = list(
            self.run.items.select_related("enrolment__user", "certificate").order_by(
                "enrolment__user__last_name", "enrolment__user__first_name", "pk"
            )
        )
        context.update(
            run=self.run,
            items=items,
            counts=bulk.counts(self.run),
            failed=[item for item in items if item.status == BulkIssueItemStatus.FAILED],
            finished=self.run.status == BulkIssueRunStatus.DONE,
        )
        return context

    def post(self, request, *args, **kwargs):
        try:
            bulk.resume(self.run, by=request.user)
        except CertificateError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, gettext("The bulk issue has been queued again."))
        return redirect(url("run", self.run.pk))


class StaffMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.is_spi_staff


class CertificateIssuingViewSet(ViewSet):
    icon = "doc-full"
    menu_label = _("Issue certificates")
    url_prefix = "certificate-issuing"

    @cached_property
    def menu_item_class(self):
        return StaffMenuItem

    def get_urlpatterns(self):
        return [
            path("", CohortIndexView.as_view(), name="index"),
            path("cohort/<int:pk>/", CohortView.as_view(), name="cohort"),
            path("cohort/<int:pk>/bulk/", BulkPreviewView.as_view(), name="bulk_preview"),
            path("enrolment/<int:pk>/issue/<str:kind>/", IssueView.as_view(), name="issue"),
            path("certificate/<int:pk>/revoke/", RevokeView.as_view(), name="revoke"),
            path("run/<int:pk>/", RunView.as_view(), name="run"),
        ]


class CertificatesViewSetGroup(ViewSetGroup):
    menu_label = _("Certificates")
    menu_icon = "doc-full"
    menu_order = 210

    def __init__(self):
        from certificates.admin_viewsets import CertificateViewSet

        self.items = (CertificateViewSet("certificates"), CertificateIssuingViewSet(NAMESPACE))
        super().__init__()
