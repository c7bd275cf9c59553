"""Public verification of certificates (anyone, no login) and the PDF download.

What is shown comes from the certificate's snapshot, never from the live
account, so it matches the printed document even after a name change or the
account's deletion. The rules (lookup, PDF comparison, the JSON record, the
rate limit) are in :mod:`certificates.verification`.

The PDF download is for the holder and SPI staff only; it serves the file
stored at issue time, never a new rendering. Staff downloads are logged.
The Open Badges 3.0 credential of
a Zertifikat follows the same rule; it is built from the snapshot, so it is
the same as the ``openbadge.json`` embedded in the PDF.
"""

from functools import wraps

from django import forms
from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.log_actions import log

from certificates import verification
from certificates.issuing import CERTIFICATE_DOWNLOADED
from certificates.models import Certificate, CertificateKind
from lms.enrolment import site_url
from lms.forms import KernAccessibleFormMixin


def rate_limited(*, json=False):
    """Refuse with 429 once the client's IP is over the verification rate limit."""

    def decorator(view):
        @wraps(view)
        def wrapped(request, *args, **kwargs):
            if verification.rate_limit_allows(request):
                return view(request, *args, **kwargs)
            message = gettext(
                "Too many verification requests from your network. Please wait a minute "
                "and try again."
            )
            if json:
                response = JsonResponse({"error": "rate_limited", "message": message}, status=429)
            else:
                response = render(request, "certificates/verify_429.html", status=429)
            response["Retry-After"] = "60"
            return response

        return wrapped

    return decorator


class VerificationForm(KernAccessibleFormMixin, forms.Form):
    code = forms.CharField(
        label=_("Certificate number or verification code"),
        max_length=300,  # room for a pasted verification link
        help_text=_(
            "The verification code is printed on the certificate below its number; "
            "the QR code leads to it as well."
        ),
    )
    surname = forms.CharField(
        label=_("Surname of the holder (only when checking by number)"),
        max_length=150,
        required=False,
    )

    def clean_code(self):
        value = self.cleaned_data["code"].strip()
        if verification.looks_like_number(value):
            number = verification.normalise_number(value)
            if number is None:
                raise forms.ValidationError(
                    _(
                        "This is not a valid certificate number. Numbers look like "
                        "KOKOMA-2026-00042."
                    )
                )
            return number
        # A code read from paper or pasted from a link: keep only its last segment.
        return value.rstrip("/").rsplit("/", 1)[-1]

    @property
    def is_number(self) -> bool:
        return verification.normalise_number(self.cleaned_data.get("code", "")) is not None

    def clean(self):
        cleaned = super().clean()
        if self.is_number and not cleaned.get("surname", "").strip():
            self.add_error(
                "surname",
                _("To check by number, please also enter the holder's surname as printed."),
            )
        return cleaned


class UploadForm(KernAccessibleFormMixin, forms.Form):
    file = forms.FileField(
        label=_("Certificate as a PDF file"),
        help_text=_("At most %(size)d MB. The file is compared with the register, not stored.")
        % {"size": settings.KOKOMA_CERTIFICATE_UPLOAD_MAX_MB},
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > upload_max_bytes():
            raise forms.ValidationError(too_large_message())
        if not verification.is_pdf(upload):
            raise forms.ValidationError(
                _("This file is not a PDF. Please upload the certificate as a PDF file.")
            )
        return upload


def upload_max_bytes() -> int:
    return settings.KOKOMA_CERTIFICATE_UPLOAD_MAX_MB * 1024 * 1024


def too_large_message() -> str:
    return gettext("The file is larger than %(size)d MB. Please upload the certificate PDF.") % {
        "size": settings.KOKOMA_CERTIFICATE_UPLOAD_MAX_MB
    }


def _request_too_large(request) -> bool:
    # Refuse before Django reads a huge body: the form overhead is a few kilobytes.
    try:
        length = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        return False
    return length > upload_max_bytes() + 64 * 1024


def _not_found(request, form, *, by_number=False):
    return render(
        request,
        "certificates/verify_unknown.html",
        {"form": form, "by_number": by_number, "upload_form": UploadForm()},
        status=404,
    )


def _render_verify(request, form, upload_form, *, upload_result=None, status=200):
    return render(
        request,
        "certificates/verify.html",
        {"form": form, "upload_form": upload_form, "upload_result": upload_result},
        status=status,
    )


@rate_limited()
@require_http_methods(["GET", "POST"])
@csrf_exempt  # checked by _verify, after the size check: CSRF would read the whole body
def verify(request):
    """The verification page: look up by code or number, or compare an uploaded PDF."""
    if request.method == "POST" and _request_too_large(request):
        # Nothing is read or changed, so answering without the CSRF check is safe.
        upload_form = UploadForm(data={}, files={})
        upload_form.errors["file"] = upload_form.error_class([too_large_message()])
        return _render_verify(request, VerificationForm(), upload_form, status=413)
    return _verify(request)


@csrf_protect
def _verify(request):
    form = VerificationForm(request.GET or None)
    if request.method == "POST":
        upload_form = UploadForm(request.POST, request.FILES)
        if not upload_form.is_valid():
            return _render_verify(request, form, upload_form, status=400)
        result = verification.check_upload(upload_form.cleaned_data["file"])
        return _render_verify(request, form, UploadForm(), upload_result=result)
    if form.is_valid():
        code = form.cleaned_data["code"]
        if form.is_number:
            certificate = verification.by_number_and_surname(code, form.cleaned_data["surname"])
            if certificate is None:
                return _not_found(request, form, by_number=True)
            return redirect("certificate_verify_detail", code=certificate.verification_code)
        return redirect("certificate_verify_detail", code=code)
    return _render_verify(request, form, UploadForm())


@rate_limited()
@require_GET
def verify_detail(request, code):
    certificate = verification.by_code(code)
    if certificate is None:
        return _not_found(request, VerificationForm())
    return render(
        request,
        "certificates/verify_detail.html",
        {
            "certificate": certificate,
            "status": verification.effective_status(certificate),
            "json_url": certificate.get_verification_url() + "json/",
        },
    )


@rate_limited(json=True)
@require_GET
def verify_json(request, code):
    certificate = verification.by_code(code)
    if certificate is None:
        return JsonResponse({"status": "unknown"}, status=404)
    record = verification.public_record(
        certificate, verification_url=site_url(certificate.get_verification_url())
    )
    return JsonResponse(record, json_dumps_params={"ensure_ascii": False})


@login_required
def certificate_pdf(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment"), pk=pk)
    user = request.user
    is_holder = certificate.enrolment.user_id == user.pk
    if not is_holder and not user.is_spi_staff:
        raise PermissionDenied
    if not certificate.pdf:
        raise Http404
    if user.is_spi_staff:
        log(certificate, CERTIFICATE_DOWNLOADED, user=user, data={"number": certificate.number})
    return FileResponse(
        certificate.pdf.open("rb"),
        as_attachment=True,
        filename=f"{certificate.number}.pdf",
        content_type="application/pdf",
    )


@login_required
def certificate_openbadge(request, pk):
    """The Zertifikat as an Open Badges 3.0 credential (JSON), for the holder and staff."""
    from certificates.openbadges import credential_json

    certificate = get_object_or_404(
        Certificate.objects.select_related("enrolment__cohort__programme"), pk=pk
    )
    user = request.user
    if certificate.enrolment.user_id != user.pk and not user.is_spi_staff:
        raise PermissionDenied
    if certificate.kind != CertificateKind.CERTIFICATE:
        raise Http404
    response = HttpResponse(credential_json(certificate), content_type="application/ld+json")
    response["Content-Disposition"] = f'attachment; filename="{certificate.number}-openbadge.json"'
    return response
