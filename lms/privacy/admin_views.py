"""Data-protection screens for SPI staff in the Wagtail admin: erasure requests,
records of processing, audit entries and the privacy-notice versions."""

from functools import wraps

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.admin import messages
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies import ModelPermissionPolicy

from lms.models import Cohort, ErasureRequest, ErasureStatus, PrivacyNoticeVersion, User
from lms.privacy import audit, erasure, records, registry


def staff_only(view):
    """SPI staff only (Wagtail's own check already requires admin access)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not request.user.is_authenticated or not request.user.is_spi_staff:
            raise PermissionDenied
        return view(request, *args, **kwargs)

    return wrapped


# --- Records of processing ------------------------------------------------------------------


@staff_only
def records_of_processing(request):
    if request.GET.get("format") == "csv":
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = (
            'attachment; filename="verzeichnis-verarbeitungstaetigkeiten.csv"'
        )
        records.write_csv(response)
        return response
    return render(
        request,
        "lms/privacy/admin/records.html",
        {
            "page_title": _("Records of processing"),
            "header_icon": "list-ul",
            "headers": records.headers(),
            "activities": records.activities(),
            "excluded": sorted((label, str(reason)) for label, reason in registry.EXCLUDED.items()),
        },
    )


# --- Erasure requests -----------------------------------------------------------------------


@staff_only
def erasure_index(request):
    requests = ErasureRequest.objects.select_related("user", "decided_by").order_by(
        "-requested_at", "-pk"
    )
    status = request.GET.get("status", "open")
    if status == "open":
        requests = requests.open()
    elif status in ErasureStatus.values:
        requests = requests.filter(status=status)
    return render(
        request,
        "lms/privacy/admin/erasure_index.html",
        {
            "page_title": _("Erasure requests"),
            "header_icon": "bin",
            "requests": requests[:500],
            "status": status,
            "statuses": [("open", _("Open")), *ErasureStatus.choices, ("all", _("All"))],
        },
    )


class DecisionForm(forms.Form):
    note = forms.CharField(
        label=gettext_lazy("Note"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Required for a rejection: the reason given to the person."),
    )


class LegalHoldForm(forms.ModelForm):
    class Meta:
        model = ErasureRequest
        fields = ["legal_hold", "legal_hold_reason"]

    def clean(self):
        data = super().clean()
        if data.get("legal_hold") and not (data.get("legal_hold_reason") or "").strip():
            self.add_error("legal_hold_reason", _("Please give the reason for the legal hold."))
        return data


def data_summary(user) -> list[dict]:
    """Per declared model: how many records of the person, and what erasure does to them."""
    rows = []
    for entry in registry.entries():
        count = entry.records_for(user).count()
        if count:
            rows.append(
                {
                    "kind": str(entry.model._meta.verbose_name_plural).capitalize(),
                    "count": count,
                    "retention": entry.retention.label,
                }
            )
    return rows


@staff_only
def erasure_detail(request, pk):
    erasure_request = get_object_or_404(ErasureRequest.objects.select_related("user"), pk=pk)
    decision_form = DecisionForm(
        request.POST if request.POST.get("action") in ("confirm", "reject") else None
    )
    hold_form = LegalHoldForm(
        request.POST if request.POST.get("action") == "hold" else None, instance=erasure_request
    )
    if request.method == "POST":
        action = request.POST.get("action")
        try:
            if action == "hold" and hold_form.is_valid():
                erasure.set_legal_hold(
                    erasure_request,
                    by=request.user,
                    hold=hold_form.cleaned_data["legal_hold"],
                    reason=hold_form.cleaned_data["legal_hold_reason"],
                )
                messages.success(request, _("The legal hold has been saved."))
                return redirect("privacy_erasure_detail", pk=pk)
            if action == "confirm" and decision_form.is_valid():
                erasure.confirm_erasure(
                    erasure_request, by=request.user, note=decision_form.cleaned_data["note"]
                )
                messages.success(request, _("The person's data has been erased."))
                return redirect("privacy_erasure_detail", pk=pk)
            if action == "reject" and decision_form.is_valid():
                erasure.reject_erasure(
                    erasure_request, by=request.user, note=decision_form.cleaned_data["note"]
                )
                messages.success(request, _("The request has been rejected."))
                return redirect("privacy_erasure_detail", pk=pk)
        except erasure.ErasureError as error:
            messages.error(request, error.message)
            erasure_request.refresh_from_db()
    return render(
        request,
        "lms/privacy/admin/erasure_detail.html",
        {
            "page_title": _("Erasure request"),
            "page_subtitle": str(erasure_request.user),
            "header_icon": "bin",
            "erasure_request": erasure_request,
            "is_open": erasure_request.status in ErasureStatus.open_states(),
            "summary": data_summary(erasure_request.user),
            "decision_form": decision_form,
            "hold_form": hold_form,
            "retention_end": erasure.retention_end(),
        },
    )


# --- Audit entries --------------------------------------------------------------------------


class AuditFilterForm(forms.Form):
    person = forms.CharField(
        label=gettext_lazy("Person (e-mail address)"), required=False, max_length=254
    )
    cohort = forms.ModelChoiceField(
        label=gettext_lazy("Cohort"), queryset=Cohort.objects.all(), required=False
    )
    certificate = forms.CharField(
        label=gettext_lazy("Certificate number"), required=False, max_length=30
    )

    def clean(self):
        data = super().clean()
        chosen = [name for name in ("person", "cohort", "certificate") if data.get(name)]
        if len(chosen) > 1:
            raise forms.ValidationError(
                _("Choose a person, a cohort or a certificate, not several.")
            )
        person = (data.get("person") or "").strip()
        if person:
            data["person"] = User.objects.filter(email__iexact=person).first()
            if person.isdigit() and data["person"] is None:
                data["person"] = User.objects.filter(pk=int(person)).first()
            if data["person"] is None:
                self.add_error("person", _("No person with this e-mail address."))
        number = (data.get("certificate") or "").strip()
        if number:
            from django.apps import apps

            data["certificate"] = (
                apps.get_model("certificates", "Certificate").objects.filter(number=number).first()
            )
            if data["certificate"] is None:
                self.add_error("certificate", _("No certificate with this number."))
        return data


@staff_only
def audit_entries(request):
    form = AuditFilterForm(request.GET or None)
    entries = None
    subject = ""
    if form.is_valid():
        data = form.cleaned_data
        if data.get("person"):
            entries = audit.entries_for_person(data["person"])
            subject = str(data["person"])
        elif data.get("cohort"):
            entries = audit.entries_for_cohort(data["cohort"])
            subject = str(data["cohort"])
        elif data.get("certificate"):
            entries = audit.entries_for_certificate(data["certificate"])
            subject = str(data["certificate"])
    return render(
        request,
        "lms/privacy/admin/audit.html",
        {
            "page_title": _("Audit log"),
            "header_icon": "history",
            "form": form,
            "entries": entries,
            "subject": subject,
            "limit": audit.LIMIT,
        },
    )


# --- Privacy-notice versions ----------------------------------------------------------------


class StaffPermissionPolicy(ModelPermissionPolicy):
    """SPI staff may do everything, nobody else anything."""

    def user_has_permission(self, user, action):
        return bool(user.is_authenticated and user.is_spi_staff)

    def users_with_any_permission(self, actions):
        from lms.roles import Role

        return User.objects.filter(is_active=True).filter(
            groups__name=Role.STAFF.group_name
        ) | User.objects.filter(is_active=True, is_superuser=True)


class PrivacyNoticeVersionViewSet(ModelViewSet):
    model = PrivacyNoticeVersion
    icon = "doc-full"
    menu_label = gettext_lazy("Privacy notice versions")
    add_to_admin_menu = False
    copy_view_enabled = False
    inspect_view_enabled = False
    list_display = ["version", "published_at", "page"]
    form_fields = ["version", "published_at", "page", "summary_of_changes"]
