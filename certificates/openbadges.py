"""A Zertifikat as an Open Badges 3.0 ``OpenBadgeCredential`` (W3C VC Data Model 2.0).

Built from the certificate's snapshot only, so it states exactly what the
printed document states and comes out the same for the download
(``certificate_openbadge``) and for the copy embedded in the PDF
(``openbadge.json``):

- ``id`` is the public verification link of the certificate, ``issuer`` a
  Profile of the issuer named in the frozen template, ``validFrom`` the time
  of issue and ``validUntil`` the end of the expiry day, where the programme
  gives certificates a validity period;
- ``credentialSubject`` identifies the holder by the name printed on the
  document (an ``IdentityObject`` of type ``name``; never the e-mail address)
  and carries the clock hours as ``creditsEarned`` and the period as
  ``activityStartDate`` / ``activityEndDate``;
- the ``achievement`` is the programme (``id``: its page), with the modules,
  their dates, UE and formats, the totals and the supervision hours as the
  Markdown ``criteria.narrative``.

Not yet: the credential carries no ``proof`` and no ``credentialStatus``, so
it is an unsigned credential that a wallet can display but not verify
cryptographically; the verification link is the proof of authenticity for
now. Signing (a DataIntegrityProof or VC-JOSE) and a Bitstring status list
for revocation are a later step. Teilnahmebescheinigungen get no badge.
"""

from __future__ import annotations

import json
from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates.models import CertificateKind
from certificates.templating import format_hours, programme_url

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
TIME_ZONE = ZoneInfo("Europe/Berlin")


def _base_url() -> str:
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def _datetime(value: datetime) -> str:
    return timezone.localtime(value, TIME_ZONE).replace(microsecond=0).isoformat()


def _day(value, end: bool = False) -> str | None:
    """A snapshot date as the start (or the last second) of that day in German time."""
    if not value:
        return None
    day = date.fromisoformat(value) if isinstance(value, str) else value
    moment = time(23, 59, 59) if end else time(0, 0)
    return datetime.combine(day, moment, tzinfo=TIME_ZONE).isoformat()


def _german_date(value) -> str:
    return date.fromisoformat(value).strftime("%d.%m.%Y") if value else ""


def criteria_narrative(data: dict) -> str:
    """The modules with their dates, UE and formats and the totals, as Markdown."""
    lines = [_("Completed modules of the qualification programme %(programme)s:") % data, ""]
    for module in data.get("modules", []):
        number = f"{module['number']}. " if module.get("number") else ""
        lines.append(
            _("- %(module)s (%(date)s): %(ue)s UE, %(format)s")
            % {
                "module": number + module.get("title", ""),
                "date": _german_date(module.get("date")),
                "ue": module.get("ue", 0),
                "format": module.get("format_label", ""),
            }
        )
    lines += [
        "",
        _("Total: %(ue)s UE (%(hours)s clock hours; one UE is 45 minutes).")
        % {"ue": data.get("total_ue", 0), "hours": format_hours(data.get("total_clock_hours"))},
        _("Supervision: %(hours)s clock hours.")
        % {"hours": format_hours(data.get("supervision_hours"))},
    ]
    if data.get("praxisprojekt_title"):
        lines.append(_("Practice project: %(title)s.") % {"title": data["praxisprojekt_title"]})
    return "\n".join(lines)


def _programme_url(certificate) -> str:
    """The programme page, frozen at issue time; live for certificates from before that."""
    url = certificate.snapshot.get("programme_url")
    if url:
        return url
    return programme_url(certificate.enrolment.cohort.programme)


def build_credential(certificate) -> dict:
    """The OpenBadgeCredential of a Zertifikat as JSON data (unsigned, see the module)."""
    if certificate.kind != CertificateKind.CERTIFICATE:
        raise ValueError("Only a Zertifikat is an Open Badge.")
    data = certificate.snapshot
    template = data.get("template") or {}
    issuer_name = (template.get("issuer") or {}).get("name") or data.get("issuer", "")
    title = template.get("title") or "Zertifikat"
    verification_url = _base_url() + certificate.get_verification_url()
    with translation.override("de"):
        achievement_description = _(
            "Qualification programme %(programme)s: %(ue)s UE (%(hours)s clock hours)."
        ) % {
            "programme": data.get("programme", ""),
            "ue": data.get("total_ue", 0),
            "hours": format_hours(data.get("total_clock_hours")),
        }
        narrative = criteria_narrative(data)
    subject = {
        "type": ["AchievementSubject"],
        "identifier": [
            {
                "type": "IdentityObject",
                "identityHash": data.get("holder_name", ""),
                "identityType": "name",
                "hashed": False,
            }
        ],
        "achievement": {
            "id": _programme_url(certificate),
            "type": ["Achievement"],
            "achievementType": "Certificate",
            "name": data.get("programme", ""),
            "description": achievement_description,
            "criteria": {"narrative": narrative},
            "inLanguage": "de",
        },
        "creditsEarned": float(Decimal(data.get("total_clock_hours") or 0)),
    }
    for key, value in (
        ("activityStartDate", _day(data.get("period_start"))),
        ("activityEndDate", _day(data.get("period_end"), end=True)),
    ):
        if value:
            subject[key] = value
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": verification_url,
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {
            "id": _base_url() + "/",
            "type": ["Profile"],
            "name": issuer_name,
            "url": _base_url() + "/",
        },
        "validFrom": _datetime(certificate.issued_at),
        "name": f"{title}: {data.get('programme', '')}",
        "description": " ".join(
            part for part in (data.get("holder_name", ""), template.get("body", "")) if part
        ),
        "inLanguage": "de",
        "credentialSubject": subject,
    }
    valid_until = _day(data.get("valid_until"), end=True)
    if valid_until:
        credential["validUntil"] = valid_until
    return credential


def credential_json(certificate) -> str:
    """The credential serialised the same way for the download and the PDF attachment."""
    return json.dumps(build_credential(certificate), ensure_ascii=False, indent=2)
