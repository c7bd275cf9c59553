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

import calendar
import hashlib
from datetime import date
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from certificates import eligibility
from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateNumberSequence,
    CertificateStatus,
    RevocationCategory,
)
from certificates.templating import programme_url, template_snapshot
from curriculum.models import ModuleFormat, ue_to_clock_hours
from lms.enrolment import send_german_mail, site_url
from lms.errors import RuleError
from lms.models import Enrolment, SessionKind

NUMBER_PREFIX = "KOKOMA"
ISSUER = "Stiftung SPI, Servicestelle Kommunales Konfliktmanagement"

CERTIFICATE_ISSUED = "kokoma.certificate_issued"
CERTIFICATE_REISSUED = "kokoma.certificate_reissued"
CERTIFICATE_REVOKED = "kokoma.certificate_revoked"
CERTIFICATE_DOWNLOADED = "kokoma.certificate_downloaded"


class CertificateError(RuleError):
    """An issuing action the rules do not allow."""


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


def _ue(value):
    """UE as JSON: an int when whole (as before), else an exact decimal string ("6.5")."""
    value = Decimal(value)
    if value == value.to_integral_value():
        return int(value)
    return str(value.normalize())


def add_months(day: date, months: int) -> date:
    """``day`` plus ``months`` calendar months; the 31st becomes the month's last day."""
    index = day.month - 1 + months
    year, month = day.year + index // 12, index % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def _session_kind_label(value) -> str:
    with translation.override(settings.LANGUAGE_CODE):
        return str(SessionKind(value).label) if value in SessionKind.values else value


def build_snapshot(
    enrolment: Enrolment, kind=CertificateKind.CERTIFICATE, *, issued_on: date | None = None
) -> dict:
    """What a certificate of ``kind`` for ``enrolment`` certifies, as of now, as plain JSON.

    Modules are the completed modules of the programme in page order, each with
    the date of completion, the UE credited and the format. The UE credited
    (``certificates.eligibility.Facts.credited_ue``) reduce with partial
    absence: an in-person module with sessions counts the UE credited by
    attendance (the attendance rows store them), other modules count fully.
    The totals are those of the modules. Supervision hours are the clock hours
    attended (``lms.supervision``); the Praxisprojekt title is that of the
    accepted project. ``valid_until`` is the issue date plus the programme's
    validity (ISO date) or None. A Teilnahmebescheinigung also lists the
    sessions attended. Decimals are stored as strings so that the JSON keeps
    them exact.
    """
    kind = CertificateKind(kind)
    issued_on = issued_on or timezone.localdate()
    result = eligibility.evaluate(enrolment)
    facts, enrolment = result.facts, result.enrolment  # freshly read, with the programme
    cohort = enrolment.cohort
    programme = cohort.programme
    user = enrolment.user
    modules = []
    total_ue = Decimal("0")
    for module in facts.modules:
        if module.pk not in facts.completed:
            continue
        ue = facts.credited_ue(module)
        total_ue += ue
        modules.append(
            {
                "number": module.number,
                "title": module.title,
                "date": _date(timezone.localdate(facts.completed[module.pk])),
                "ue": _ue(ue),
                "format": module.format,
                # The label in the document's language (German), frozen with the rest.
                "format_label": _format_label(module.format),
            }
        )
    municipality = enrolment.municipality
    project = facts.praxisprojekt
    months = programme.certificate_validity_months
    snapshot = {
        "kind": kind.value,
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
        "total_ue": _ue(total_ue),
        "total_clock_hours": str(ue_to_clock_hours(total_ue)),
        "supervision_hours": str(facts.supervision.attended_hours),
        "praxisprojekt_title": project.title if project is not None and project.is_accepted else "",
        "issuer": ISSUER,
        "valid_until": _date(add_months(issued_on, months)) if months else None,
    }
    if kind == CertificateKind.ATTENDANCE:
        snapshot["attended_sessions"] = [
            {
                "date": _date(session.date),
                "title": session.title,
                "kind": session.kind,
                "kind_label": _session_kind_label(session.kind),
                "ue": str(session.ue),
            }
            for session in facts.attended_sessions
        ]
    return snapshot


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
            snapshot=build_snapshot(locked, kind, issued_on=timezone.localdate(now)),
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


def revoke_certificate(
    certificate: Certificate, *, by, reason: str, category=RevocationCategory.OTHER
) -> Certificate:
    """Revoke a valid certificate with a reason, recording who and when.

    Staff only; the reason (internal) and its category (public) are required.
    The verification page shows the revocation and its category from then
    on. Writes a Wagtail log entry and, once committed, e-mails the holder.
    """
    _require_staff(by)
    reason = (reason or "").strip()
    if not reason:
        raise CertificateError(_("Please give a reason for the revocation."))
    if category not in RevocationCategory.values:
        raise CertificateError(_("Please choose a category for the revocation."))
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
        locked.revocation_category = category
        locked.save(
            update_fields=[
                "status",
                "revoked_at",
                "revoked_by",
                "revocation_reason",
                "revocation_category",
            ]
        )
        log(
            locked,
            CERTIFICATE_REVOKED,
            user=by,
            data={"number": locked.number, "reason": reason, "category": category},
        )
        _mail_revocation(locked)
    return locked


def _mail_revocation(certificate: Certificate) -> None:
    """Tell the holder, once the revocation is committed; the internal reason is not quoted."""
    user = certificate.enrolment.user
    if not user.email or not user.is_active:
        return
    send_german_mail(
        "certificate_revoked",
        user.email,
        {
            "name": user.get_full_name() or user.email,
            "certificate": certificate,
            "category": RevocationCategory(certificate.revocation_category).label,
            "verification_url": site_url(certificate.get_verification_url()),
        },
    )
