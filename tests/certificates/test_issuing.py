from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from wagtail.models import ModelLogEntry

from certificates import issuing
from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateNumberSequence,
    CertificateStatus,
)
from lms.models import ModuleCompletion
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


def test_next_number_sequential_per_year_without_gaps(db):
    assert [issuing.next_number(2026) for _ in range(3)] == [1, 2, 3]
    assert issuing.next_number(2027) == 1
    assert issuing.next_number(2026) == 4
    assert CertificateNumberSequence.objects.get(year=2026).last_value == 4


def test_format_number_pads_to_five_digits():
    assert issuing.format_number(2026, 42) == "KOKOMA-2026-00042"


def test_issue_certificate_numbers_consecutive(staff, cohort):
    enrolments = factories.EnrolmentFactory.create_batch(3, cohort=cohort)
    certificates = [
        issuing.issue_certificate(e, CertificateKind.CERTIFICATE, by=staff) for e in enrolments
    ]
    year = certificates[0].year
    assert [c.sequence for c in certificates] == [1, 2, 3]
    assert [c.number for c in certificates] == [
        f"KOKOMA-{year}-00001",
        f"KOKOMA-{year}-00002",
        f"KOKOMA-{year}-00003",
    ]
    assert len({c.verification_code for c in certificates}) == 3
    assert all(len(c.verification_code) == 32 for c in certificates)


def test_issue_certificate_stores_snapshot(staff, trainee, enrolment, module, cohort):
    trainee.first_name, trainee.last_name = "Erika", "Muster"
    trainee.save()
    cohort.start_date = datetime(2026, 3, 1).date()
    cohort.save()
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )
    factories.make_module(module.get_parent().specific, number="2", title="Offen", ue=16)

    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)

    snapshot = certificate.snapshot
    assert snapshot["holder_name"] == "Erika Muster"
    assert snapshot["programme"] == "Qualifizierung Konfliktmanagement"
    assert snapshot["cohort"] == cohort.name
    assert snapshot["period_start"] == "2026-03-01"
    assert snapshot["modules"] == [
        {
            "number": "1",
            "title": "Konflikttheorie",
            "date": "2026-05-04",
            "ue": 8,
            "format": "praesenz",
            "format_label": "Präsenz",
        }
    ]
    assert snapshot["total_ue"] == 8
    assert snapshot["total_clock_hours"] == "6.00"
    assert snapshot["supervision_hours"] == "0.00"
    assert snapshot["praxisprojekt_title"] == ""
    assert snapshot["issuer"] == issuing.ISSUER
    assert certificate.status == CertificateStatus.VALID
    assert certificate.issued_by == staff


def test_issue_certificate_writes_log_entry(staff, enrolment):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    entry = ModelLogEntry.objects.get(object_id=str(certificate.pk))
    assert entry.action == issuing.CERTIFICATE_ISSUED
    assert entry.user == staff
    assert entry.data["number"] == certificate.number


def test_issue_certificate_second_of_same_kind_refused(staff, enrolment):
    issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    with pytest.raises(issuing.CertificateError):
        issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    assert Certificate.objects.count() == 1
    # The refused attempt returned its number: the next one follows without a gap.
    assert CertificateNumberSequence.objects.get().last_value == 1


def test_issue_certificate_other_kind_allowed(staff, enrolment):
    issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    issuing.issue_certificate(enrolment, CertificateKind.ATTENDANCE, by=staff)
    assert Certificate.objects.valid().count() == 2


def test_issue_certificate_after_revocation_allowed(staff, enrolment):
    first = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    issuing.revoke_certificate(first, by=staff, reason="Fehler im Namen")
    second = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    assert second.supersedes is None
    assert second.status == CertificateStatus.VALID


def test_reissue_supersedes_and_links(staff, enrolment):
    first = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    second = issuing.issue_certificate(
        enrolment, CertificateKind.CERTIFICATE, by=staff, reissue=True
    )
    first.refresh_from_db()
    assert first.status == CertificateStatus.SUPERSEDED
    assert second.status == CertificateStatus.VALID
    assert second.supersedes == first
    assert first.superseded_by == second
    assert second.sequence == first.sequence + 1
    entry = ModelLogEntry.objects.get(object_id=str(second.pk))
    assert entry.action == issuing.CERTIFICATE_REISSUED
    assert entry.data["supersedes"] == first.number


@pytest.mark.parametrize("role", [None, "Teilnehmende", "Trainer:innen"])
def test_issue_certificate_non_staff_refused(enrolment, role):
    user = factories.UserFactory(roles=[role] if role else [])
    with pytest.raises(PermissionDenied):
        issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=user)
    assert Certificate.objects.count() == 0


def test_revoke_certificate_records_who_when_why(staff, enrolment):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    revoked = issuing.revoke_certificate(certificate, by=staff, reason="  Täuschung  ")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revoked_by == staff
    assert certificate.revoked_at is not None
    assert certificate.revocation_reason == "Täuschung"
    assert revoked.pk == certificate.pk
    assert ModelLogEntry.objects.filter(
        object_id=str(certificate.pk), action=issuing.CERTIFICATE_REVOKED
    ).exists()


@pytest.mark.parametrize("reason", ["", "   ", None])
def test_revoke_certificate_requires_reason(staff, enrolment, reason):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    with pytest.raises(issuing.CertificateError):
        issuing.revoke_certificate(certificate, by=staff, reason=reason)
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID


def test_revoke_certificate_twice_refused(staff, enrolment):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    issuing.revoke_certificate(certificate, by=staff, reason="Fehler")
    with pytest.raises(issuing.CertificateError):
        issuing.revoke_certificate(certificate, by=staff, reason="Noch einmal")


def test_revoke_certificate_non_staff_refused(staff, trainee, enrolment):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    with pytest.raises(PermissionDenied):
        issuing.revoke_certificate(certificate, by=trainee, reason="Ich will nicht")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
