"""Public verification of certificates: lookup, PDF comparison, machine-readable record.

Rules, each in one place:

- A certificate is found by its verification code (long, random) or by its
  number together with the holder's surname. Numbers are sequential, so a
  number alone would let anyone walk through the register and read names;
  whoever checks a document has both number and name in front of them.
- An uploaded PDF is the original if its SHA-256 equals the one recorded when
  the certificate was issued; any change to the file changes the hash.
- What the record shows is what the document prints, from the snapshot
  (never the live account, never the e-mail address).
- All verification views share one rate limit per client IP
  (``KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT``), counted in the cache.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from allauth.core.internal import ratelimit as allauth_ratelimit
from django.conf import settings
from django.utils import timezone

from certificates.models import Certificate

NUMBER_RE = re.compile(r"^KOKOMA-(\d{4})-(\d{5})$")
PDF_MAGIC = b"%PDF-"

#: Fields of the snapshot that the PDF prints; the JSON record gives exactly these.
PRINTED_FIELDS = (
    "holder_name",
    "programme",
    "municipality",
    "pfd_name",
    "local_partner",
    "period_start",
    "period_end",
    "places",
    "total_ue",
    "total_clock_hours",
    "supervision_hours",
    "praxisprojekt_title",
    "issuer",
    "valid_until",
)
PRINTED_MODULE_FIELDS = ("number", "title", "date", "ue", "format_label")
PRINTED_SESSION_FIELDS = ("date", "title", "kind_label", "ue")

RATE_LIMIT_ACTION = "certificate_verify"


def rate_limit_allows(request) -> bool:
    """Count one verification request of the client's IP; False once over the limit."""
    rates = settings.KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT
    usage = allauth_ratelimit.consume(
        request,
        app="certificates",
        action=RATE_LIMIT_ACTION,
        config={RATE_LIMIT_ACTION: rates},
        limit_get=True,
    )
    return usage is not None


def normalise_number(value: str) -> str | None:
    """``value`` as a certificate number (``KOKOMA-2026-00042``), or None if it is none."""
    value = re.sub(r"\s+", "", value or "").upper()
    return value if NUMBER_RE.match(value) else None


def looks_like_number(value: str) -> bool:
    """Whether ``value`` was meant as a number (starts with the prefix), valid or not."""
    return (value or "").strip().upper().startswith("KOKOMA")


def _name_tokens(value: str) -> list[str]:
    return (value or "").casefold().split()


def surname_matches(holder_name: str, surname: str) -> bool:
    """Whether ``surname`` is the end of the holder's printed name (case-insensitive).

    "Muster", "von Muster" and the full name all match "Erika von Muster".
    """
    given = _name_tokens(surname)
    tokens = _name_tokens(holder_name)
    return bool(given) and len(given) <= len(tokens) and tokens[-len(given) :] == given


def by_code(code: str) -> Certificate | None:
    return (
        Certificate.objects.select_related("superseded_by").filter(verification_code=code).first()
    )


def by_number_and_surname(number: str, surname: str) -> Certificate | None:
    certificate = Certificate.objects.filter(number=number).first()
    if certificate is None or not surname_matches(certificate.holder_name, surname):
        return None
    return certificate


@dataclass
class UploadCheck:
    """The outcome of comparing an uploaded file with the register."""

    sha256: str
    certificate: Certificate | None

    @property
    def is_original(self) -> bool:
        return self.certificate is not None


def is_pdf(upload) -> bool:
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    return head == PDF_MAGIC


def check_upload(upload) -> UploadCheck:
    """Hash the uploaded file and look it up among the stored originals."""
    digest = hashlib.sha256()
    upload.seek(0)
    for chunk in upload.chunks():
        digest.update(chunk)
    sha256 = digest.hexdigest()
    certificate = Certificate.objects.filter(sha256=sha256).first() if sha256 else None
    return UploadCheck(sha256=sha256, certificate=certificate)


def _iso(value):
    return value.isoformat() if value else None


def effective_status(certificate: Certificate) -> str:
    """The status a reader needs: ``expired`` for a valid certificate past its expiry date."""
    if certificate.status == "valid" and certificate.is_expired:
        return "expired"
    return certificate.status


def public_record(certificate: Certificate, *, verification_url: str) -> dict:
    """The certificate as JSON data for machines: status, dates and what is printed."""
    snapshot = certificate.snapshot or {}
    certified = {field: snapshot.get(field) for field in PRINTED_FIELDS if field in snapshot}
    certified["modules"] = [
        {field: module.get(field) for field in PRINTED_MODULE_FIELDS}
        for module in snapshot.get("modules", [])
    ]
    if snapshot.get("attended_sessions"):
        certified["attended_sessions"] = [
            {field: session.get(field) for field in PRINTED_SESSION_FIELDS}
            for session in snapshot["attended_sessions"]
        ]
    superseded_by = getattr(certificate, "superseded_by", None)
    record = {
        "number": certificate.number,
        "kind": certificate.kind,
        "kind_label": str(certificate.get_kind_display()),
        "status": effective_status(certificate),
        "issued_on": _iso(timezone.localdate(certificate.issued_at)),
        "valid_until": _iso(certificate.valid_until),
        "revoked_on": _iso(timezone.localdate(certificate.revoked_at))
        if certificate.revoked_at
        else None,
        "revocation_category": certificate.revocation_category or None,
        "revocation_category_label": str(certificate.get_revocation_category_display()) or None,
        "superseded_by": superseded_by.number if superseded_by else None,
        "verification_url": verification_url,
        "certified": certified,
    }
    return record
