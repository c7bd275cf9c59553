"""Open Badges 3.0: a Zertifikat as an OpenBadgeCredential on the W3C VC 2.0 data model.

Checked against the W3C VC 2.0 JSON Schema and, field by field, against what
OB 3.0 requires (its own schema may not be shipped, see schemas/README.md),
and every JSON-LD term used against the two contexts.
"""

import copy
import hashlib
import io
import json
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from jsonschema import Draft202012Validator, FormatChecker
from pypdf import PdfReader

from certificates import issuing
from certificates.models import CertificateKind
from certificates.openbadges import OB_CONTEXT, VC_CONTEXT, build_credential, credential_json
from lms.models import ModuleCompletion
from tests import factories

SCHEMAS = Path(__file__).parent / "schemas"
DIGESTS = {
    "credentials-v2.jsonld": "59955ced6697d61e03f2b2556febe5308ab16842846f5b586d7f1f7adec92734",
    "vc-2.0-verifiable-credential-schema.json": (
        "8a3fa1948fb37d9ca7fd30d602549c9e8d59feb361beed6edb05e9711d10e83a"
    ),
    "context-3.0.3.json": "ef2fa9c7846dce233cc166b43639027278be4ee44f00bb1d45c75de2dd0cd761",
    "example-sample-openbadgecredential.json": (
        "942a869e6292a49344cc7d5280652db64a62b1cc3477927925eee1226c2af3d1"
    ),
}


def load(name):
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def certificate(staff, trainee, programme, module):
    trainee.first_name, trainee.last_name = "Erika", "Muster"
    trainee.save()
    second = factories.make_module(programme, number="2", title="Systemische Analyse", ue=12)
    enrolment = trainee.enrolments.get()
    cohort = enrolment.cohort
    cohort.start_date, cohort.end_date = date(2026, 3, 1), date(2026, 11, 30)
    cohort.save()
    for number, item in enumerate((module, second), start=4):
        ModuleCompletion.objects.create(
            enrolment=enrolment,
            module=item,
            source=ModuleCompletion.Source.RULE,
            completed_at=datetime(2026, 5, number, 10, tzinfo=ZoneInfo("Europe/Berlin")),
        )
    return issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)


def _uri(value) -> bool:
    return isinstance(value, str) and ":" in value and " " not in value


def _datetime_with_zone(value) -> bool:
    try:
        return datetime.fromisoformat(value).tzinfo is not None
    except (TypeError, ValueError):
        return False


def _types(node) -> list:
    value = node.get("type")
    return value if isinstance(value, list) else []


def assert_ob3_required_fields(credential):
    """What an OpenBadgeCredential must contain (VC 2.0 form), per the OB 3.0 data model."""
    assert credential["@context"][:2] == [VC_CONTEXT, OB_CONTEXT]
    assert {"VerifiableCredential", "OpenBadgeCredential"} <= set(_types(credential)) or {
        "VerifiableCredential",
        "AchievementCredential",
    } <= set(_types(credential))
    assert _uri(credential["id"])
    issuer = credential["issuer"]
    if isinstance(issuer, dict):
        assert _uri(issuer["id"])
        assert "Profile" in _types(issuer)
    else:
        assert _uri(issuer)
    assert _datetime_with_zone(credential["validFrom"])
    if "validUntil" in credential:
        assert _datetime_with_zone(credential["validUntil"])
    subject = credential["credentialSubject"]
    assert isinstance(subject, dict)
    assert "AchievementSubject" in _types(subject)
    assert _uri(subject.get("id")) or subject.get("identifier")
    for identity in subject.get("identifier", []):
        assert identity["type"] == "IdentityObject"
        assert identity["identityHash"] and identity["identityType"]
        assert isinstance(identity["hashed"], bool)
    achievement = subject["achievement"]
    assert _uri(achievement["id"])
    assert "Achievement" in _types(achievement)
    assert achievement["name"]
    assert achievement["description"]
    assert isinstance(achievement["criteria"], dict)
    assert achievement["criteria"].get("id") or achievement["criteria"].get("narrative")


def _context_terms(context: dict) -> tuple[set, dict]:
    """Top-level terms and the type-scoped contexts of a JSON-LD context."""
    body = context["@context"]
    top = {key for key in body if not key.startswith("@")}
    scoped = {
        key: {k for k in value.get("@context", {}) if not k.startswith("@")}
        for key, value in body.items()
        if isinstance(value, dict)
    }
    return top, scoped


def undefined_terms(credential) -> set:
    """Keys used in the credential that neither context defines where they are used."""
    vc_top, vc_scoped = _context_terms(load("credentials-v2.jsonld"))
    ob_top, ob_scoped = _context_terms(load("context-3.0.3.json"))
    top = vc_top | ob_top
    scoped = {**vc_scoped}
    for key, terms in ob_scoped.items():
        scoped[key] = scoped.get(key, set()) | terms
    missing = set()

    def walk(node, extra):
        if isinstance(node, list):
            for item in node:
                walk(item, extra)
            return
        if not isinstance(node, dict):
            return
        types = node.get("type", [])
        types = types if isinstance(types, list) else [types]
        allowed = top | extra
        for name in types:
            allowed |= scoped.get(name, set())
        for key, value in node.items():
            if key.startswith("@"):
                continue
            if key not in allowed:
                missing.add(key)
            walk(value, set())

    walk(credential, scoped["VerifiableCredential"])
    return missing


def test_reference_copies_are_unchanged():
    for name, digest in DIGESTS.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest
    assert "Apache License" in (SCHEMAS / "LICENSE-Apache-2.0.txt").read_text()


def test_checks_accept_the_official_example_and_reject_broken_credentials():
    example = load("example-sample-openbadgecredential.json")
    Draft202012Validator(load("vc-2.0-verifiable-credential-schema.json")).validate(example)
    assert_ob3_required_fields(example)
    assert undefined_terms(example) == set()
    for path in (("validFrom",), ("credentialSubject", "achievement", "criteria"), ("id",)):
        broken = copy.deepcopy(example)
        node = broken
        for key in path[:-1]:
            node = node[key]
        del node[path[-1]]
        with pytest.raises((AssertionError, KeyError)):
            assert_ob3_required_fields(broken)
    broken = copy.deepcopy(example)
    broken["@context"].reverse()
    with pytest.raises(AssertionError):
        assert_ob3_required_fields(broken)
    broken = copy.deepcopy(example)
    broken["credentialSubject"]["hoursEarned"] = 3
    assert undefined_terms(broken) == {"hoursEarned"}


def test_credential_validates_against_vc_schema(certificate):
    credential = build_credential(certificate)
    schema = load("vc-2.0-verifiable-credential-schema.json")
    Draft202012Validator.check_schema(schema)
    errors = list(
        Draft202012Validator(schema, format_checker=FormatChecker()).iter_errors(credential)
    )
    assert errors == []


def test_credential_carries_every_field_ob3_requires(certificate):
    credential = build_credential(certificate)
    assert_ob3_required_fields(credential)
    assert "proof" not in credential and "credentialStatus" not in credential


def test_credential_uses_only_terms_of_its_contexts(certificate):
    assert undefined_terms(build_credential(certificate)) == set()


def test_credential_states_what_the_certificate_states(certificate, settings):
    credential = build_credential(certificate)
    base = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
    assert credential["id"] == base + f"/zertifikate/pruefen/{certificate.verification_code}/"
    assert credential["issuer"] == {
        "id": base + "/",
        "type": ["Profile"],
        "name": issuing.ISSUER,
        "url": base + "/",
    }
    assert datetime.fromisoformat(credential["validFrom"]) == certificate.issued_at.replace(
        microsecond=0
    )
    assert "validUntil" not in credential
    subject = credential["credentialSubject"]
    assert subject["identifier"] == [
        {
            "type": "IdentityObject",
            "identityHash": "Erika Muster",
            "identityType": "name",
            "hashed": False,
        }
    ]
    assert subject["creditsEarned"] == 15.0  # 20 UE of 45 minutes
    assert subject["activityStartDate"].startswith("2026-03-01T00:00:00")
    assert subject["activityEndDate"].startswith("2026-11-30T23:59:59")
    achievement = subject["achievement"]
    assert achievement["name"] == "Qualifizierung Konfliktmanagement"
    assert achievement["id"] == certificate.snapshot["programme_url"]
    assert achievement["id"].startswith(base + "/")
    narrative = achievement["criteria"]["narrative"]
    assert "1. Konflikttheorie (04.05.2026): 8 UE" in narrative
    assert "2. Systemische Analyse (05.05.2026): 12 UE" in narrative
    assert "20 UE" in narrative and "15 " in narrative


def test_valid_until_from_the_snapshot(certificate):
    certificate.snapshot["valid_until"] = "2029-11-30"
    credential = build_credential(certificate)
    assert credential["validUntil"] == "2029-11-30T23:59:59+01:00"
    assert_ob3_required_fields(credential)


def test_attendance_confirmation_is_no_badge(staff, trainee, certificate):
    attendance = issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.ATTENDANCE, by=staff
    )
    with pytest.raises(ValueError):
        build_credential(attendance)
    reader = PdfReader(attendance.pdf.open("rb"))
    assert list(reader.attachments) == ["certificate.json"]


def test_pdf_attachment_is_the_same_credential(client, certificate, trainee):
    reader = PdfReader(io.BytesIO(certificate.pdf.open("rb").read()))
    embedded = json.loads(reader.attachments["openbadge.json"][0])
    client.force_login(trainee)
    response = client.get(reverse("certificate_openbadge", args=[certificate.pk]))
    assert json.loads(response.content) == embedded
    assert response.content.decode() == credential_json(certificate)


def test_endpoint_for_holder_and_staff_only(
    client, certificate, trainee, other_trainee, staff, trainer
):
    url = reverse("certificate_openbadge", args=[certificate.pk])
    assert url == f"/zertifikate/{certificate.pk}/openbadge.json"

    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))

    for user in (trainee, staff):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200
        assert response["Content-Type"] == "application/ld+json"
        assert f'filename="{certificate.number}-openbadge.json"' in response["Content-Disposition"]
        assert json.loads(response.content)["id"].endswith(certificate.verification_code + "/")

    for user in (other_trainee, trainer):
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_endpoint_404_for_attendance_confirmation_and_unknown(client, staff, trainee, db):
    attendance = issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.ATTENDANCE, by=staff
    )
    client.force_login(staff)
    assert client.get(reverse("certificate_openbadge", args=[attendance.pk])).status_code == 404
    assert client.get(reverse("certificate_openbadge", args=[999999])).status_code == 404
