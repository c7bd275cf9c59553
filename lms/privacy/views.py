"""The person's own data-protection pages: export, erasure request, new privacy notice."""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from lms.forms import KernAccessibleFormMixin
from lms.privacy import erasure, export, notice


class ErasureRequestForm(KernAccessibleFormMixin, forms.Form):
    confirm = forms.BooleanField(
        label=gettext_lazy(
            "I understand that my account will be closed and my data erased, "
            "except for what must be kept by law."
        ),
        error_messages={"required": gettext_lazy("Please confirm that you want this.")},
    )


class AcceptNoticeForm(KernAccessibleFormMixin, forms.Form):
    accept = forms.BooleanField(
        label=gettext_lazy("I have read the privacy notice."),
        error_messages={"required": gettext_lazy("Please confirm that you have read it.")},
    )


@login_required
def export_data(request):
    """Download everything the platform holds about oneself (ZIP with JSON and PDFs)."""
    content = export.build_zip(request.user)
    response = HttpResponse(content, content_type="application/zip")
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="kokoma-meine-daten-{stamp}.zip"'
    return response


@login_required
@require_POST
def request_erasure(request):
    form = ErasureRequestForm(request.POST)
    if not form.is_valid():
        messages.error(request, form.errors["confirm"][0])
        return redirect("profile")
    try:
        erasure.request_erasure(request.user)
    except erasure.ErasureError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _(
                "Your request has been received. SPI staff will check it; "
                "its status is shown on this page."
            ),
        )
    return redirect("profile")


def _safe_next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if target and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return "/"


@login_required
def accept_notice(request):
    """Accept the privacy notice in force (asked at login after a new version)."""
    version = notice.current_version()
    if version is None:
        notice.remember_pending(request, request.user)
        return redirect(_safe_next(request))
    form = AcceptNoticeForm(request.POST if request.method == "POST" else None)
    if form.is_valid():
        notice.accept(request.user, version, request=request)
        messages.success(request, _("Thank you. Your acceptance has been recorded."))
        return redirect(_safe_next(request))
    return render(
        request,
        "lms/privacy/accept_notice.html",
        {
            "form": form,
            "version": version,
            "already_accepted": notice.has_accepted(request.user, version),
            "next": _safe_next(request),
        },
    )


def privacy_context(user) -> dict:
    """What the profile page shows in its "My data" section."""
    from lms.models import Consent, ErasureRequest

    return {
        "erasure_form": ErasureRequestForm(),
        "open_erasure_request": ErasureRequest.objects.open().filter(user=user).first(),
        "accepted_notice": Consent.objects.filter(
            user=user, kind=Consent.Kind.PRIVACY_NOTICE
        ).first(),
    }
