"""The template of a document, resolved and frozen into the certificate at issue time.

:func:`template_snapshot` picks the template of a programme for a kind (the
programme's choice, else the default of the kind, else the built-in wording)
and returns everything the PDF prints from it as plain JSON data: title, body
with its placeholders filled from the certificate's snapshot, issuer, place,
signatures, logos and funding notice. Images are embedded as ``data:`` URIs of
downscaled PNG copies (with the SHA-256 of those bytes), so the stored
snapshot renders the same document however the template or its images are
edited or deleted later.
"""

from __future__ import annotations

import base64
import hashlib
import io
from datetime import date
from decimal import Decimal

from django.utils import formats, translation
from django.utils.translation import gettext as _

from certificates.models import (
    PLACEHOLDERS,
    CertificateKind,
    CertificateTemplate,
)

#: Renditions embedded in the snapshot: big enough for print at ~300 dpi on the
#: sizes the PDF uses (logos up to 60 × 18 mm, signatures up to 55 × 16 mm).
LOGO_SIZE = (700, 210)
SIGNATURE_SIZE = (650, 190)

#: The document has room for two signatures beside the verification block.
MAX_SIGNATURES = 2

#: The wording before templates existed; used when no template is stored at all.
BUILTIN = {
    CertificateKind.CERTIFICATE: {
        "title": "Zertifikat",
        "body": "hat erfolgreich teilgenommen an\n{programme}",
    },
    CertificateKind.ATTENDANCE: {
        "title": "Teilnahmebescheinigung",
        "body": "hat teilgenommen an\n{programme}",
    },
}
BUILTIN_ISSUER = "Stiftung SPI, Servicestelle Kommunales Konfliktmanagement"
BUILTIN_PLACE = "Berlin"


def resolve_template(programme, kind) -> CertificateTemplate | None:
    """The programme's template for ``kind``, else the default of the kind (or None)."""
    kind = CertificateKind(kind)
    field = "certificate_template" if kind == CertificateKind.CERTIFICATE else "attendance_template"
    chosen_id = getattr(programme, f"{field}_id", None)
    if chosen_id is not None:
        chosen = CertificateTemplate.objects.filter(pk=chosen_id, kind=kind).first()
        if chosen is not None:
            return chosen
    return CertificateTemplate.objects.default_for(kind)


def programme_url(programme) -> str:
    """The absolute URL of the programme page (the achievement of its Open Badge)."""
    from urllib.parse import urljoin

    from django.conf import settings

    return urljoin(settings.WAGTAILADMIN_BASE_URL.rstrip("/") + "/", programme.get_url() or "/")


def _german_date(value) -> str:
    if not value:
        return ""
    if isinstance(value, str):
        value = date.fromisoformat(value)
    return value.strftime("%d.%m.%Y")


def format_hours(value) -> str:
    """A decimal such as ``"6.00"`` in German number format, without useless zeros."""
    number = Decimal(value or 0)
    places = 0 if number == number.to_integral_value() else 2
    with translation.override("de"):
        return formats.number_format(number, places, use_l10n=True)


def placeholder_values(data: dict) -> dict[str, str]:
    """What each placeholder stands for in the certificate with snapshot ``data``."""
    start, end = _german_date(data.get("period_start")), _german_date(data.get("period_end"))
    period = f"{start} – {end}" if start and end else start or end
    return {
        "name": data.get("holder_name", ""),
        "programme": data.get("programme", ""),
        "period": period,
        "total_ue": str(data.get("total_ue", "")),
        "clock_hours": format_hours(data.get("total_clock_hours")),
        "municipality": data.get("municipality", ""),
        "pfd": data.get("pfd_name", ""),
        "cohort": data.get("cohort", ""),
        "places": data.get("places", ""),
        "supervision_hours": format_hours(data.get("supervision_hours")),
    }


def fill_body(body: str, data: dict) -> list[dict]:
    """The body as segments: literal text, and filled placeholders (``"value": true``).

    The PDF prints the filled values in bold; joined, the segments are the
    plain text. A placeholder unknown by now (the template was valid when
    saved) is kept as written rather than failing the issue.
    """
    import string

    values = placeholder_values(data)
    segments = []
    for literal, field, _spec, _conversion in string.Formatter().parse(body or ""):
        if literal:
            segments.append({"text": literal, "value": False})
        if field is None:
            continue
        if field in PLACEHOLDERS:
            segments.append({"text": values.get(field, ""), "value": True})
        else:
            segments.append({"text": "{" + field + "}", "value": False})
    return segments


def _downscaled(image, max_size: tuple[int, int]) -> tuple[bytes, str, int, int]:
    """The image's bytes, mime type and size; raster images as a PNG at most ``max_size``.

    Made with Pillow here rather than as a Wagtail rendition: nothing is
    written to storage, and no rendition cache can point at a stale file.
    """
    from PIL import Image as PILImage
    from PIL import ImageOps

    with image.open_file() as f:
        content = f.read()
    if image.is_svg():
        return content, "image/svg+xml", image.width, image.height
    picture = ImageOps.exif_transpose(PILImage.open(io.BytesIO(content)))
    if picture.mode not in ("RGB", "RGBA", "L", "LA"):
        picture = picture.convert("RGBA")
    picture.thumbnail(max_size)
    out = io.BytesIO()
    picture.save(out, "PNG", optimize=True)
    return out.getvalue(), "image/png", picture.width, picture.height


def _image_data(image, max_size: tuple[int, int], alt: str) -> dict | None:
    """The image downscaled as a ``data:`` URI, with its alt text and SHA-256."""
    if image is None:
        return None
    content, mime_type, width, height = _downscaled(image, max_size)
    return {
        "alt": alt,
        "src": f"data:{mime_type};base64," + base64.b64encode(content).decode("ascii"),
        "sha256": hashlib.sha256(content).hexdigest(),
        "width": width,
        "height": height,
        "source_image_id": image.pk,
        "source_title": image.title,
    }


def template_snapshot(programme, kind, data: dict) -> dict:
    """The content of the programme's template for ``kind``, filled for ``data``, as JSON data.

    ``data`` is the certificate's snapshot (:func:`certificates.issuing.build_snapshot`);
    the result is stored in it under ``"template"`` and is all the PDF prints
    of the template.
    """
    kind = CertificateKind(kind)
    template = resolve_template(programme, kind)
    if template is None:
        return _builtin(kind, BUILTIN[kind]["body"], data)
    segments = fill_body(template.body, data)
    with translation.override("de"):
        signatures = [
            {
                "name": signature.name,
                "role": signature.role,
                "image": _image_data(
                    signature.image,
                    SIGNATURE_SIZE,
                    _("Signature of %(name)s") % {"name": signature.name},
                ),
            }
            for signature in template.signatures.all()[:MAX_SIGNATURES]
        ]
    return {
        "template_id": template.pk,
        "template_name": template.name,
        "title": template.title,
        "body_segments": segments,
        "body": "".join(s["text"] for s in segments),
        "issuer": {"name": template.issuer_name, "details": template.issuer_details},
        "place": template.place,
        "signatures": signatures,
        "logos": [
            _image_data(logo.image, LOGO_SIZE, logo.alt_text) for logo in template.logos.all()
        ],
        "funding": {
            "notice": template.funding_notice,
            "logo": _image_data(template.funding_logo, LOGO_SIZE, template.funding_logo_alt),
        },
    }


def _builtin(kind, body: str, data: dict, *, issuer: str = "", funding_notice: str = "") -> dict:
    segments = fill_body(body, data)
    return {
        "template_id": None,
        "template_name": "",
        "title": BUILTIN[CertificateKind(kind)]["title"],
        "body_segments": segments,
        "body": "".join(s["text"] for s in segments),
        "issuer": {"name": issuer or BUILTIN_ISSUER, "details": ""},
        "place": BUILTIN_PLACE,
        "signatures": [],
        "logos": [],
        "funding": {"notice": funding_notice, "logo": None},
    }


def legacy_template(kind, data: dict, funding_notice: str = "") -> dict:
    """The ``"template"`` part for a certificate issued before templates existed.

    Its PDF had this wording, the issuer of its snapshot, Berlin as the place
    and the site's funding notice; a re-rendering prints the same.
    """
    lead = (
        "hat erfolgreich teilgenommen an der Qualifizierung\n{programme}"
        if CertificateKind(kind) == CertificateKind.CERTIFICATE
        else "hat teilgenommen an der Qualifizierung\n{programme}"
    )
    return _builtin(kind, lead, data, issuer=data.get("issuer", ""), funding_notice=funding_notice)
