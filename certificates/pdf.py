"""The certificate as a PDF/A document, made with WeasyPrint from its snapshot.

Rendered once, when the certificate is issued (:mod:`certificates.issuing`);
downloads serve the stored file. Everything printed comes from the snapshot,
never from live data: the certified content, and under ``"template"`` the
wording, signatures, logos and funding notice of the template as it was at
issue time (:mod:`certificates.templating`), images included as ``data:``
URIs. The snapshot travels inside the PDF as the embedded file
``certificate.json``; a Zertifikat also carries its Open Badges 3.0
credential as ``openbadge.json`` (:mod:`certificates.openbadges`). Fonts and
the URL fetcher are those of :mod:`lms.pdf` (local Fira Sans only, nothing
fetched from the network), plus the snapshot's own ``data:`` images. The
stylesheet is the template ``certificate.css``, parsed once per process.
"""

import atexit
import base64
import functools
import json
import threading

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone, translation

from certificates.models import CertificateKind
from certificates.templating import format_hours, legacy_template

#: Tagged PDF/A-3a; the snapshot is attached as associated file (PDF/A-3 allows it).
PDF_VARIANT = "pdf/a-3a"

#: The only data: URIs a snapshot holds (``certificates.templating``), by their mime type.
_DATA_PREFIXES = {
    "data:image/png;base64,": "image/png",
    "data:image/svg+xml;base64,": "image/svg+xml",
}


def _funding_notice() -> str:
    """The site's funding notice: what certificates printed before templates existed.

    From the page tree's cache (:mod:`curriculum.tree_cache`, renewed on every
    save of the site settings): re-rendering a register of old certificates
    asks for it each time.
    """

    def compute() -> str:
        from wagtail.models import Site

        from content.models import SiteSettings

        site = Site.objects.filter(is_default_site=True).first()
        return SiteSettings.for_site(site).funding_notice if site is not None else ""

    from curriculum import tree_cache

    return tree_cache.cached("certificate-funding-notice", compute)


def qr_modules(url: str) -> tuple[int, bytes]:
    """The QR code of ``url`` (error correction M, best mask): its width and one byte per module.

    Made by zxing-cpp's encoder, which picks the mask pattern by the standard's
    penalty rules in C++: segno, pure Python, spent a tenth of a whole
    certificate's render on that choice.
    """
    import zxingcpp

    barcode = zxingcpp.create_barcode(url, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    image = barcode.to_image(scale=1, add_quiet_zones=False)
    height, width = image.shape
    if height != width:
        raise ValueError(f"A QR code is square, not {width}x{height} modules.")
    return width, memoryview(image).tobytes()  # 0 dark, 255 light


def _qr_png(url: str) -> str:
    """The QR code as a ``data:`` URI of a PNG with one pixel per module.

    The stylesheet scales it up without smoothing. WeasyPrint draws this
    small bitmap far faster than an SVG path of every module.
    """
    import io

    from PIL import Image

    width, modules = qr_modules(url)
    buffer = io.BytesIO()
    Image.frombytes("L", (width, width), modules).convert("1").save(buffer, format="PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def verification_url(certificate) -> str:
    """The absolute verification link printed on (and encoded in the QR code of) the document."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + certificate.get_verification_url()


def certificate_context(certificate) -> dict:
    data = certificate.certified
    template = certificate.snapshot.get("template") or legacy_template(
        certificate.kind, certificate.snapshot, _funding_notice()
    )
    url = verification_url(certificate)
    return {
        "certificate": certificate,
        "data": data,
        "template": template,
        "is_certificate": certificate.kind == CertificateKind.CERTIFICATE,
        "total_clock_hours": format_hours(data.get("total_clock_hours")),
        "supervision_hours": format_hours(data.get("supervision_hours")),
        "issue_date": timezone.localdate(certificate.issued_at),
        "verification_url": url,
        # Printed with a break opportunity before the code, which must not break itself.
        "verification_url_prefix": url.removesuffix(f"{certificate.verification_code}/"),
        "qr_png": _qr_png(url),
    }


@functools.cache
def _fetcher_class():
    from weasyprint.urls import URLFetcherResponse

    from lms.pdf import _fetcher_class as local_fetcher_class

    class SnapshotFetcher(local_fetcher_class()):
        """Local fonts (see lms.pdf) and the images embedded in the snapshot."""

        def fetch(self, url, headers=None):
            for prefix, mime_type in _DATA_PREFIXES.items():
                if url.startswith(prefix):
                    body = base64.b64decode(url.removeprefix(prefix))
                    return URLFetcherResponse(url, body, {"Content-Type": mime_type})
            return super().fetch(url, headers)

    return SnapshotFetcher


#: The document's stylesheet, a template beside the HTML one.
STYLESHEET = "certificates/pdf/certificate.css"

_parsed = threading.local()


class _Stylesheet:
    """The CSS text parsed by WeasyPrint, with the font configuration that holds its fonts
    and the URL fetcher of this thread's renders (WeasyPrint builds a urllib opener of ten
    handlers for every fetcher, attachments included: about 2 % of a render each)."""

    def __init__(self, text: str, source=None):
        from weasyprint import CSS
        from weasyprint.text.fonts import FontConfiguration

        from lms.pdf import FONT_DIR

        self.text = text
        self.source = source  # the loaded template the text was rendered from
        self.font_config = FontConfiguration()
        self.url_fetcher = _fetcher_class()()
        self.css = CSS(
            string=text,
            base_url=FONT_DIR.as_uri() + "/",
            url_fetcher=self.url_fetcher,
            font_config=self.font_config,
        )


def _stylesheet() -> _Stylesheet:
    """The parsed stylesheet, made once per process and thread and again when its template changes.

    Parsing the CSS and loading its two fonts took about a fifth of a render,
    rendering the template to compare its text another 4 %. Django's cached
    template loader hands out the same template object until the file is
    edited (the development server's autoreloader resets the loaders) or the
    template settings change: a new object means new text. Per thread,
    because WeasyPrint's font configuration is not made to be shared between
    threads.
    """
    from django.template.loader import get_template

    template = get_template(STYLESHEET)
    source = template.template  # the engine's (cached) template; the wrapper is new per call
    cached = getattr(_parsed, "stylesheet", None)
    if cached is not None and cached.source is source:
        return cached
    text = template.render()
    if cached is None or cached.text != text:
        cached = _Stylesheet(text, source)
    cached.source = source
    _parsed.stylesheet = cached
    return cached


@atexit.register
def _forget_stylesheet():
    # The font configuration removes its temporary font files when collected;
    # at interpreter shutdown that would fail with half torn-down modules.
    _parsed.__dict__.pop("stylesheet", None)


def _attachments(certificate, url_fetcher) -> list:
    """New attachments per render: WeasyPrint cannot reuse an Attachment."""
    from weasyprint import Attachment

    attachments = [
        Attachment(
            string=json.dumps(certificate.snapshot, ensure_ascii=False, indent=2, sort_keys=True),
            url_fetcher=url_fetcher,
            name="certificate.json",
            description="Certified content (snapshot)",
            relationship="Data",
        )
    ]
    if certificate.kind == CertificateKind.CERTIFICATE:
        from certificates.openbadges import credential_json

        attachments.append(
            Attachment(
                string=credential_json(certificate),
                url_fetcher=url_fetcher,
                name="openbadge.json",
                description="Open Badges 3.0 credential (OpenBadgeCredential, unsigned)",
                relationship="Alternative",
            )
        )
    return attachments


def render_certificate_pdf(certificate) -> bytes:
    """The certificate (saved or not, but numbered) as PDF/A-3 bytes, in German."""
    from weasyprint import HTML

    from lms.pdf import FONT_DIR

    with translation.override("de"):
        html = render_to_string(
            "certificates/pdf/certificate.html", certificate_context(certificate)
        )
    stylesheet = _stylesheet()
    document = HTML(
        string=html, base_url=FONT_DIR.as_uri() + "/", url_fetcher=stylesheet.url_fetcher
    )
    return document.write_pdf(
        stylesheets=[stylesheet.css],
        font_config=stylesheet.font_config,
        pdf_variant=PDF_VARIANT,
        attachments=_attachments(certificate, stylesheet.url_fetcher),
    )
