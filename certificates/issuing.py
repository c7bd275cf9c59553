"""Issuing and revoking certificates: numbering, snapshot, the actions.

Rules (each in one place):

- Numbers are sequential per calendar year (``KOKOMA-2026-00042``) without gaps
  or duplicates: :func:`next_number` counts on one locked row per year, inside
  the issuing transaction, so a failed issue rolls its number back as well.
- An enrolment holds at most one valid certificate of each kind. A second one
  is refused unless a re-issue is requested; the re-issue supersedes the
  earlier certificate and links to it.
- What a certificate certifies is frozen in its ``snapshot`` at issue time
  (:func:`build_snapshot`); verification shows the snapshot, never live data.
- Only SPI staff issue and revoke; a revocation needs a reason.

Actions run in a transaction that locks the enrolment's (or certificate's)
row, re-check the rules inside it, save and write a Wagtail log entry.
Domain errors are raised as :class:`CertificateError` with a message for the
person; a missing right as :class:`~django.core.exceptions.PermissionDenied`.
"""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateNumberSequence,
    CertificateStatus,
)
from certificates.templating import programme_url, template_snapshot
from curriculum.models import ModuleFormat, ue_to_clock_hours
from lms.models import Enrolment, ModuleCompletion
from lms.supervision import supervision_status

NUMBER_PREFIX = "KOKOMA"
ISSUER = "Stiftung SPI, Servicestelle Kommunales Konfliktmanagement"

CERTIFICATE_ISSUED = "kokoma.certificate_issued"
CERTIFICATE_REISSUED = "kokoma.certificate_reissued"
CERTIFICATE_REVOKED = "kokoma.certificate_revoked"


class CertificateError(Exception):
    """An issuing action the rules do not allow; ``message`` is meant for the person."""

    def __init__(self, message):
        super().__init__(message)
        self.message = message


def format_number(year: int, sequence: int) -> str:
    """The printed number, e.g. ``KOKOMA-2026-00042``."""
    return f"{NUMBER_PREFIX}-{year}-{sequence:05d}"


def next_number(year: int) -> int:
    """The next sequence number of ``year``, counted on the year's locked row.

    Call it inside the transaction that saves the certificate: the row stays
    locked until that transaction ends, so concurrent issues wait for each
    other (no duplicates), and a rollback returns the number (no gaps). The
    row is created on the year's first certificate.
    """
    with transaction.atomic():
        counter, _created = CertificateNumberSequence.objects.select_for_update().get_or_create(
            year=year
        )
        counter.last_value += 1
        counter.save(update_fields=["last_value"])
        return counter.last_value


def _date(value):
    return value.isoformat() if value else None


def _format_label(value) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(ModuleFormat(value).label) if value in ModuleFormat.values else value


def build_snapshot(enrolment: Enrolment) -> dict:
    """What a certificate for ``enrolment`` certifies, as of now, as plain JSON data.

    Modules are the completed modules of the programme in page order, each with
    the date of completion, UE and format; the totals are theirs. Supervision
    hours are the clock hours attended (``lms.supervision``). Decimals are
    stored as strings so that the JSON keeps them exact.
    """
    cohort = enrolment.cohort
    programme = cohort.programme.specific
    user = enrolment.user
    completed = {
        row.module_id: row.completed_at
        for row in ModuleCompletion.objects.filter(enrolment=enrolment)
    }
    modules = []
    total_ue = 0
    for module in programme.modules():
        if module.pk not in completed:
            continue
        total_ue += module.ue
        modules.append(
            {
                "number": module.number,
                "title": module.title,
                "date": _date(timezone.localdate(completed[module.pk])),
                "ue": module.ue,
                "format": module.format,
                # The label in the document's language (German), frozen with the rest.
                "format_label": _format_label(module.format),
            }
        )
    municipality = enrolment.municipality
    supervision = supervision_status(user, programme)
    return {
        "holder_name": user.get_full_name() or user.email,
        "programme": programme.title,
        "cohort": cohort.name,
        "period_start": _date(cohort.start_date),
        "period_end": _date(cohort.end_date),
        "places": cohort.places,
        "municipality": municipality.name if municipality else "",
        "pfd_name": municipality.pfd_name if municipality else "",
        "local_partner": municipality.local_partner if municipality else "",
        "modules": modules,
        "total_ue": total_ue,
        "total_clock_hours": str(ue_to_clock_hours(total_ue)),
        "supervision_hours": str(supervision.attended_hours),
        # The Praxisprojekt has no model yet; its title is filled in once it has.
        "praxisprojekt_title": "",
        "issuer": ISSUER,
    }


def _store_pdf(certificate: Certificate) -> None:
    """Render the numbered certificate once and keep the file and its SHA-256.

    Called inside the issuing transaction: if rendering fails, nothing is
    issued. Downloads serve this file, never a new rendering.
    """
    from certificates.pdf import render_certificate_pdf

    content = render_certificate_pdf(certificate)
    certificate.sha256 = hashlib.sha256(content).hexdigest()
    certificate.pdf.save(f"{certificate.number}.pdf", ContentFile(content), save=False)


def _require_staff(by):
    if by is None or not by.is_authenticated or not by.is_spi_staff:
        raise PermissionDenied


def issue_certificate(enrolment: Enrolment, kind, *, by, reissue: bool = False) -> Certificate:
    """Issue a certificate of ``kind`` for ``enrolment`` and return it.

    Staff only. Refuses a second valid certificate of the same kind unless
    ``reissue`` is true; then the earlier one becomes superseded and the new one
    links to it. The enrolment's row is locked and the rule re-checked inside
    the transaction, so concurrent requests for the same enrolment yield
    exactly one certificate. Writes a Wagtail log entry.
    """
    _require_staff(by)
    kind = CertificateKind(kind)
    with transaction.atomic():
        locked = (
            Enrolment.objects.select_for_update(of=("self",))
            .select_related("user", "cohort__programme", "municipality")
            .get(pk=enrolment.pk)
        )
        previous = Certificate.objects.valid().filter(enrolment=locked, kind=kind).first()
        if previous is not None and not reissue:
            raise CertificateError(
                _(
                    "%(person)s already holds a valid %(kind)s (%(number)s). "
                    "Revoke it or issue it again explicitly."
                )
                % {"person": locked.user, "kind": kind.label, "number": previous.number}
            )
        now = timezone.now()
        year = timezone.localdate(now).year
        sequence = next_number(year)
        if previous is not None:
            previous.status = CertificateStatus.SUPERSEDED
            previous.save(update_fields=["status"])
        certificate = Certificate(
            enrolment=locked,
            kind=kind,
            number=format_number(year, sequence),
            year=year,
            sequence=sequence,
            issued_at=now,
            issued_by=by,
            snapshot=build_snapshot(locked),
            supersedes=previous,
        )
        programme = locked.cohort.programme.specific
        certificate.snapshot["template"] = template_snapshot(programme, kind, certificate.snapshot)
        certificate.snapshot["issuer"] = certificate.snapshot["template"]["issuer"]["name"]
        certificate.snapshot["programme_url"] = programme_url(programme)
        _store_pdf(certificate)
        certificate.save(force_insert=True)
        log(
            certificate,
            CERTIFICATE_REISSUED if previous is not None else CERTIFICATE_ISSUED,
            user=by,
            data={
                "number": certificate.number,
                "kind": kind.value,
                "supersedes": previous.number if previous is not None else "",
            },
        )
    return certificate


def revoke_certificate(certificate: Certificate, *, by, reason: str) -> Certificate:
    """Revoke a valid certificate with a reason, recording who and when.

    Staff only; the reason is required. The verification page shows the
    revocation from then on. Writes a Wagtail log entry.
    """
    _require_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Please give a reason for the revocation."))
    with transaction.atomic():
        locked = Certificate.objects.select_for_update().get(pk=certificate.pk)
        if locked.status != CertificateStatus.VALID:
            raise CertificateError(
                _("Only a valid certificate can be revoked; %(number)s is %(status)s.")
                % {"number": locked.number, "status": locked.get_status_display()}
            )
        locked.status = CertificateStatus.REVOKED
        locked.revoked_at = timezone.now()
        locked.revoked_by = by
        locked.revocation_reason = reason
        locked.save(update_fields=["status", "revoked_at", "revoked_by", "revocation_reason"])
        log(locked, CERTIFICATE_REVOKED, user=by, data={"number": locked.number, "reason": reason})
    return locked
