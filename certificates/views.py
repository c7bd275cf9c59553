"""Public verification of certificates: anyone, no login, by verification code only.

What is shown comes from the certificate's snapshot, never from the live
account, so it matches the printed document even after a name change or the
account's deletion. Looking up by number alone is not offered: numbers are
sequential and would let anyone enumerate the register.

The PDF download is for the holder and SPI staff only; it serves the file
stored at issue time, never a new rendering. The Open Badges 3.0 credential of
a Zertifikat follows the same rule; it is built from the snapshot, so it is
the same as the ``openbadge.json`` embedded in the PDF.
"""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _

from certificates.models import Certificate, CertificateKind


class VerificationForm(forms.Form):
    code = forms.CharField(
        label=_("Verification code"),
        max_length=300,  # room for a pasted verification link
        help_text=_("The code printed on the certificate below its number."),
    )

    def clean_code(self):
        # A code read from paper or pasted from a link: keep only its last segment.
        return self.cleaned_data["code"].strip().rstrip("/").rsplit("/", 1)[-1]


def verify(request):
    form = VerificationForm(request.GET or None)
    if form.is_valid():
        return redirect("certificate_verify_detail", code=form.cleaned_data["code"])
    return render(request, "certificates/verify.html", {"form": form})


def verify_detail(request, code):
    certificate = (
        Certificate.objects.select_related("superseded_by").filter(verification_code=code).first()
    )
    if certificate is None:
        return render(
            request, "certificates/verify_unknown.html", {"form": VerificationForm()}, status=404
        )
    return render(request, "certificates/verify_detail.html", {"certificate": certificate})


@login_required
def certificate_pdf(request, pk):
    certificate = get_object_or_404(Certificate.objects.select_related("enrolment"), pk=pk)
    user = request.user
    if certificate.enrolment.user_id != user.pk and not user.is_spi_staff:
        raise PermissionDenied
    if not certificate.pdf:
        raise Http404
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
