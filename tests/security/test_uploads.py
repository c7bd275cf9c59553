"""Uploads in the Wagtail admin (images, documents; the only upload fields of
the platform): files that only pretend to be an image or a PDF, oversized
files and a decompression bomb are refused with a clear message, and nothing
is stored."""

import io
import struct
import zlib

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image as PILImage
from wagtail.documents import get_document_model
from wagtail.images import get_image_model

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client, superuser):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(superuser)
    return client


def png_bytes(width=4, height=4) -> bytes:
    buffer = io.BytesIO()
    PILImage.new("RGB", (width, height), "white").save(buffer, "PNG")
    return buffer.getvalue()


def png_bomb(width=30_000, height=30_000) -> bytes:
    """A valid PNG header announcing ``width`` × ``height`` pixels with a tiny body."""

    def chunk(kind, data):
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)
    body = zlib.compress(b"\x00" * 64)
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", body) + chunk(b"IEND", b"")
    )


def upload_image(client, name, content):
    return client.post(
        "/admin/images/add/",
        {"title": "Bild", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def upload_document(client, name, content):
    return client.post(
        "/admin/documents/add/",
        {"title": "Dokument", "file": SimpleUploadedFile(name, content), "collection": 1},
    )


def file_errors(response) -> str:
    """The form's messages on the file field, as the admin shows them."""
    assert response.status_code == 200, response.status_code
    return " ".join(str(error) for error in response.context["form"].errors["file"])


def test_a_real_image_is_accepted(admin_client):
    response = upload_image(admin_client, "foto.png", png_bytes())
    assert response.status_code == 302
    assert get_image_model().objects.count() == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("foto.png", b"<html><script>alert(1)</script></html>"),
        ("foto.jpg", b"MZ\x90\x00 this is an executable"),
        ("foto.gif", b"%PDF-1.4 a PDF in disguise"),
    ],
)
def test_a_fake_image_is_refused(admin_client, name, content):
    errors = file_errors(upload_image(admin_client, name, content))
    assert "Upload a valid image" in errors or f"Not a valid .{name[-3:]} image" in errors, errors
    assert get_image_model().objects.count() == 0


def test_an_svg_is_refused(admin_client):
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"></svg>'
    response = upload_image(admin_client, "logo.svg", svg)
    assert response.status_code == 200
    assert "Not a supported image format" in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_an_oversized_image_is_refused(admin_client):
    padding = b"\x00" * (settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE + 1)
    response = upload_image(admin_client, "riesig.png", png_bytes() + padding)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_a_decompression_bomb_is_refused(admin_client):
    bomb = png_bomb()
    assert len(bomb) < 1000
    response = upload_image(admin_client, "bombe.png", bomb)
    assert response.status_code == 200
    assert "This file has too many pixels" in response.content.decode()
    assert get_image_model().objects.count() == 0


def test_a_real_pdf_is_accepted(admin_client):
    response = upload_document(admin_client, "handout.pdf", b"%PDF-1.7\n%\xe2\xe3\n1 0 obj\n")
    assert response.status_code == 302
    assert get_document_model().objects.count() == 1


@pytest.mark.parametrize(
    "name, content",
    [
        ("handout.pdf", b"<!DOCTYPE html><script>alert(1)</script>"),
        ("handout.pdf", b"MZ\x90\x00\x03 executable"),
        ("tabelle.xlsx", b"%PDF-1.4 not a spreadsheet"),
        ("brief.docx", b"PK\x03\x04 a broken archive"),
        ("liste.csv", b"<html><body onload=alert(1)>"),
    ],
)
def test_a_fake_document_is_refused(admin_client, name, content):
    response = upload_document(admin_client, name, content)
    assert response.status_code == 200
    html = response.content.decode()
    assert "its content does not match its name" in html, html[:2000]
    assert get_document_model().objects.count() == 0


def test_a_document_with_a_forbidden_extension_is_refused(admin_client):
    response = upload_document(admin_client, "handout.html", b"<script>alert(1)</script>")
    assert response.status_code == 200
    assert "File extension “html” is not allowed" in response.content.decode()
    assert get_document_model().objects.count() == 0


def test_an_oversized_document_is_refused(admin_client):
    content = b"%PDF-1.7\n" + b"0" * settings.WAGTAILDOCS_MAX_UPLOAD_SIZE
    response = upload_document(admin_client, "gross.pdf", content)
    assert response.status_code == 200
    assert "This file is too big" in response.content.decode()
    assert get_document_model().objects.count() == 0
