"""The certificate as a PDF/A document, made with WeasyPrint from its snapshot.

Rendered once, when the certificate is issued (:mod:`certificates.issuing`);
downloads serve the stored file. Everything printed comes from the snapshot,
never from live data, and the snapshot itself travels inside the PDF as the
embedded file ``certificate.json``. Fonts and the URL fetcher are those of
:mod:`lms.pdf` (local Fira Sans only, nothing fetched from the network).
"""

import json
from decimal import Decimal

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation

from certificates.models import CertificateKind

#: Tagged PDF/A-3a; the snapshot is attached as associated file (PDF/A-3 allows it).
PDF_VARIANT = "pdf/a-3a"


def _hours(value) -> str:
    """A decimal string such as ``"6.00"`` in German number format, without useless zeros."""
    number = Decimal(value or 0)
    places = 0 if number == number.to_integral_value() else 2
    return formats.number_format(number, places, use_l10n=True)


def _funding_notice() -> str:
    from wagtail.models import Site

    from content.models import SiteSettings

    site = Site.objects.filter(is_default_site=True).first()
    return SiteSettings.for_site(site).funding_notice if site is not None else ""


def _qr_svg(url: str) -> str:
    import segno

    return segno.make_qr(url, error="m").svg_inline(scale=3, border=0, omitsize=False)


def certificate_context(certificate) -> dict:
    data = certificate.certified
    verification_url = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + (
        certificate.get_verification_url()
    )
    return {
        "certificate": certificate,
        "data": data,
        "is_certificate": certificate.kind == CertificateKind.CERTIFICATE,
        "total_clock_hours": _hours(data.get("total_clock_hours")),
        "supervision_hours": _hours(data.get("supervision_hours")),
        "issue_date": timezone.localdate(certificate.issued_at),
        "issue_place": "Berlin",
        "verification_url": verification_url,
        "qr_svg": _qr_svg(verification_url),
        "funding_notice": _funding_notice(),
    }


def render_certificate_pdf(certificate) -> bytes:
    """The certificate (saved or not, but numbered) as PDF/A-3 bytes, in German."""
    from weasyprint import HTML, Attachment

    from lms.pdf import FONT_DIR, _fetcher_class

    with translation.override("de"):
        html = render_to_string(
            "certificates/pdf/certificate.html", certificate_context(certificate)
        )
    attachment = Attachment(  # a new one per render: WeasyPrint cannot reuse it
        string=json.dumps(certificate.snapshot, ensure_ascii=False, indent=2, sort_keys=True),
        name="certificate.json",
        description="Certified content (snapshot)",
        relationship="Data",
    )
    document = HTML(string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=_fetcher_class()())
    return document.write_pdf(pdf_variant=PDF_VARIANT, attachments=[attachment])
