"""The certificate PDF: rendered once at issue time from the snapshot, stored, downloaded."""

import hashlib
import io
import json
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader
from wagtail.models import Site

from certificates import issuing
from certificates.models import Certificate, CertificateKind
from content.models import SiteSettings
from lms.models import ModuleCompletion

FUNDING = "Gefördert vom Bundesministerium im Rahmen des Bundesprogramms »Demokratie leben!«"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def certificate(staff, trainee, module):
    trainee.first_name, trainee.last_name = "Erika", "Muster"
    trainee.save()
    enrolment = trainee.enrolments.get()
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=ZoneInfo("Europe/Berlin")),
    )
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"funding_notice": FUNDING})
    return issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)


def stored_bytes(certificate) -> bytes:
    with certificate.pdf.open("rb") as f:
        return f.read()


def test_issued_certificate_stores_pdf_of_snapshot(certificate):
    content = stored_bytes(certificate)
    assert certificate.pdf.name == f"certificates/{certificate.year}/{certificate.number}.pdf"
    assert certificate.sha256 == hashlib.sha256(content).hexdigest()
    certificate.refresh_from_db()
    assert certificate.sha256 == hashlib.sha256(stored_bytes(certificate)).hexdigest()

    reader = PdfReader(io.BytesIO(content))
    text = " ".join(page.extract_text() for page in reader.pages)
    text = " ".join(text.split())
    assert "Zertifikat" in text
    assert "Erika Muster" in text
    assert certificate.number in text
    assert "Qualifizierung Konfliktmanagement" in text
    assert "Konflikttheorie" in text
    assert "04.05.2026" in text
    assert certificate.verification_code in text
    assert "Demokratie leben!" in text

    assert certificate.number in reader.metadata.title
    assert reader.metadata.author == issuing.ISSUER
    attachments = reader.attachments
    assert sorted(attachments) == ["certificate.json", "openbadge.json"]
    assert json.loads(attachments["certificate.json"][0]) == certificate.snapshot


def test_download_serves_stored_file_to_holder_and_staff(
    client, certificate, trainee, staff, other_trainee
):
    url = reverse("certificate_pdf", args=[certificate.pk])
    assert url == f"/zertifikate/{certificate.pk}/pdf/"
    content = stored_bytes(certificate)

    response = client.get(url)
    assert response.status_code == 302  # anonymous: to the login

    for user in (trainee, staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/pdf"
        assert f'filename="{certificate.number}.pdf"' in response["Content-Disposition"]
        assert b"".join(response.streaming_content) == content

    client.force_login(other_trainee)
    assert client.get(url).status_code == 403


def test_reissue_stores_second_pdf(certificate, staff):
    first = stored_bytes(certificate)
    second = issuing.issue_certificate(
        certificate.enrolment, CertificateKind.CERTIFICATE, by=staff, reissue=True
    )
    assert second.pdf.name != certificate.pdf.name
    assert second.sha256 != certificate.sha256
    assert Certificate.objects.get(pk=certificate.pk).pdf.name == certificate.pdf.name
    assert stored_bytes(certificate) == first
    assert second.number in " ".join(
        PdfReader(second.pdf.open("rb")).pages[0].extract_text().split()
    )


def test_failed_rendering_issues_nothing(staff, trainee, monkeypatch):
    def fail(certificate):
        raise RuntimeError("render failed")

    monkeypatch.setattr("certificates.pdf.render_certificate_pdf", fail)
    with pytest.raises(RuntimeError):
        issuing.issue_certificate(trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff)
    assert not Certificate.objects.exists()
    assert issuing.next_number(timezone.localdate().year) == 1


def test_verification_code_with_hyphens_is_printed_on_one_line(certificate):
    from certificates.pdf import render_certificate_pdf

    # token_urlsafe codes may contain "-" and "_", where a line could break.
    certificate.verification_code = "8pDQ-dYQwYLoHqVr_65gR7wuKF6FlRRq"
    reader = PdfReader(io.BytesIO(render_certificate_pdf(certificate)))
    text = "".join(page.extract_text() for page in reader.pages)
    assert "8pDQ-dYQwYLoHqVr_65gR7wuKF6FlRRq" in text


def test_unchanged_stylesheet_is_neither_rendered_nor_parsed_again(certificate, monkeypatch):
    """While its template is the same loaded object, a render reuses the parsed stylesheet."""
    from django.template.backends.django import Template

    from certificates import pdf

    rendered = []
    original = Template.render

    def counting_render(self, *args, **kwargs):
        if self.origin.template_name == pdf.STYLESHEET:
            rendered.append(self)
        return original(self, *args, **kwargs)

    first = pdf._stylesheet()
    monkeypatch.setattr(Template, "render", counting_render)
    pdf.render_certificate_pdf(certificate)
    pdf.render_certificate_pdf(certificate)
    assert pdf._stylesheet() is first
    assert rendered == []


def test_a_render_builds_no_url_fetcher_of_its_own(certificate, monkeypatch):
    """The document and its attachments use the thread's fetcher: WeasyPrint builds a urllib
    opener of ten handlers for every new one."""
    from weasyprint.urls import URLFetcher

    from certificates import pdf

    pdf.render_certificate_pdf(certificate)  # the stylesheet (and its fetcher) exist now
    built = []
    original = URLFetcher.__init__

    def counting_init(self, *args, **kwargs):
        built.append(self)
        original(self, *args, **kwargs)

    monkeypatch.setattr(URLFetcher, "__init__", counting_init)
    content = pdf.render_certificate_pdf(certificate)
    assert built == []
    names = {name for name, _ in PdfReader(io.BytesIO(content)).attachments.items()}
    assert {"certificate.json", "openbadge.json"} <= names


def test_edited_stylesheet_is_used_at_once(certificate, settings):
    """The stylesheet is parsed once per process, but again as soon as its text changes."""
    from django.template.loader import get_template

    from certificates.pdf import STYLESHEET, render_certificate_pdf

    def page_size(content: bytes) -> tuple[int, int]:
        box = PdfReader(io.BytesIO(content)).pages[0].mediabox
        return round(box.width), round(box.height)

    assert page_size(render_certificate_pdf(certificate)) == (595, 842)  # A4

    css = get_template(STYLESHEET).template.source
    (engine,) = settings.TEMPLATES
    settings.TEMPLATES = [
        {
            **engine,
            "APP_DIRS": False,
            "OPTIONS": {
                **engine["OPTIONS"],
                "loaders": [
                    (
                        "django.template.loaders.locmem.Loader",
                        {STYLESHEET: css + "\n@page { size: A5; }"},
                    ),
                    "django.template.loaders.filesystem.Loader",
                    "django.template.loaders.app_directories.Loader",
                ],
            },
        }
    ]
    assert page_size(render_certificate_pdf(certificate)) == (420, 595)  # A5

    settings.TEMPLATES = [engine]
    assert page_size(render_certificate_pdf(certificate)) == (595, 842)


def test_qr_code_is_printed_module_by_module(certificate):
    """The PDF holds the encoder's symbol pixel for pixel (no smoothing, no offset)."""
    from certificates.pdf import qr_modules, verification_url

    size, modules = qr_modules(verification_url(certificate))
    expected = [tuple(int(modules[y * size + x] < 128) for x in range(size)) for y in range(size)]
    assert size >= 21 and 0 < sum(map(sum, expected)) < size * size  # a real symbol
    reader = PdfReader(certificate.pdf.open("rb"))
    (qr,) = [i.image for i in reader.pages[0].images if i.image.size == (size, size)]
    grey = qr.convert("L")
    printed = [tuple(int(grey.getpixel((x, y)) < 128) for x in range(size)) for y in range(size)]
    assert printed == expected


def test_printed_qr_code_scans_to_the_verification_link(certificate):
    """A barcode reader (zxing-cpp) reads the QR code as printed, quiet zone added."""
    import zxingcpp
    from PIL import Image, ImageOps

    from certificates.pdf import verification_url

    reader = PdfReader(certificate.pdf.open("rb"))
    (qr,) = [i.image for i in reader.pages[0].images if i.image.size[0] == i.image.size[1] < 200]
    size = qr.size[0]
    scanned = ImageOps.expand(
        qr.convert("L").resize((size * 8, size * 8), Image.NEAREST), border=32, fill=255
    )
    (barcode,) = zxingcpp.read_barcodes(scanned)
    assert barcode.format == zxingcpp.BarcodeFormat.QRCode
    assert barcode.text == verification_url(certificate)
