"""Issuing, re-issuing and revoking in the Wagtail admin; revocation mail; audit of downloads."""

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from certificates import issuing
from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateStatus,
    RevocationCategory,
)
from lms.models import ModuleCompletion
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


def de(msgid, **values):
    with translation.override("de"):
        text = gettext(msgid)
    return escape(text % values if values else text)


def complete(enrolment, module):
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )


@pytest.fixture
def simple_programme(programme, module):
    """Only the modules count: no Praxisprojekt, deepenings or supervision required."""
    programme.requires_praxisprojekt = False
    programme.required_deepenings = 0
    programme.required_supervision_hours = 0
    programme.save()
    second = factories.make_module(programme, number="2", title="Gesprächsführung")
    return programme, [module, second]


@pytest.fixture
def eligible(simple_programme, trainee):
    """The trainee's enrolment, with every module completed."""
    enrolment = trainee.enrolments.get()
    for module in simple_programme[1]:
        complete(enrolment, module)
    return enrolment


@pytest.fixture
def partial(simple_programme, cohort):
    """Another enrolment of the cohort with one of two modules completed."""
    enrolment = factories.EnrolmentFactory(cohort=cohort)
    complete(enrolment, simple_programme[1][0])
    return enrolment


def issuing_url(name, *args):
    return reverse(f"certificate_issuing:{name}", args=args)


def test_cohort_page_shows_checklist_and_actions(client, staff, cohort, eligible, partial):
    client.force_login(staff)
    response = client.get(issuing_url("cohort", cohort.pk))
    content = response.content.decode()
    assert response.status_code == 200
    assert str(eligible.user) in content
    assert str(partial.user) in content
    assert content.count(de("All requirements for the certificate are met.")) == 1
    # Zertifikat only for the eligible person, a confirmation of attendance for both.
    assert issuing_url("issue", eligible.pk, "certificate") in content
    assert issuing_url("issue", partial.pk, "certificate") not in content
    assert issuing_url("issue", partial.pk, "attendance") in content


@pytest.mark.parametrize("who", ["trainee", "trainer", "anonymous"])
def test_issuing_pages_refused_to_others(client, request, cohort, eligible, who):
    if who != "anonymous":
        client.force_login(request.getfixturevalue(who))
    for url in [
        issuing_url("index"),
        issuing_url("cohort", cohort.pk),
        issuing_url("bulk_preview", cohort.pk),
    ]:
        assert client.get(url).status_code in (302, 403)
    response = client.post(issuing_url("issue", eligible.pk, "certificate"))
    assert response.status_code in (302, 403)
    assert not Certificate.objects.exists()


def test_index_lists_cohorts(client, staff, cohort, eligible):
    client.force_login(staff)
    response = client.get(issuing_url("index"))
    assert response.status_code == 200
    assert issuing_url("cohort", cohort.pk) in response.content.decode()


def test_issue_certificate_to_eligible(client, staff, eligible):
    client.force_login(staff)
    response = client.post(issuing_url("issue", eligible.pk, "certificate"), follow=True)
    certificate = Certificate.objects.get()
    assert certificate.enrolment == eligible
    assert certificate.kind == CertificateKind.CERTIFICATE
    assert certificate.number in response.content.decode()


def test_issue_certificate_refused_when_not_eligible(client, staff, partial):
    client.force_login(staff)
    response = client.post(issuing_url("issue", partial.pk, "certificate"), follow=True)
    assert not Certificate.objects.exists()
    content = response.content.decode()
    with translation.override("de"):
        assert escape(gettext("All required modules completed")) in content


def test_issue_attendance_to_partial(client, staff, partial):
    client.force_login(staff)
    client.post(issuing_url("issue", partial.pk, "attendance"))
    assert Certificate.objects.get().kind == CertificateKind.ATTENDANCE


def test_issue_twice_refused_with_message(client, staff, eligible):
    client.force_login(staff)
    client.post(issuing_url("issue", eligible.pk, "certificate"))
    response = client.post(issuing_url("issue", eligible.pk, "certificate"), follow=True)
    assert Certificate.objects.count() == 1
    assert response.status_code == 200
    assert Certificate.objects.get().number in response.content.decode()


def test_reissue_needs_confirmation_and_supersedes(client, staff, eligible):
    client.force_login(staff)
    first = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    url = issuing_url("issue", eligible.pk, "certificate")
    confirmation = client.get(url)
    assert confirmation.status_code == 200
    assert 'name="reissue"' in confirmation.content.decode()
    assert Certificate.objects.count() == 1  # GET changes nothing

    client.post(url, {"reissue": "1"})

    first.refresh_from_db()
    newer = Certificate.objects.get(status=CertificateStatus.VALID)
    assert first.status == CertificateStatus.SUPERSEDED
    assert newer.supersedes == first


def test_revoke_with_category_and_reason(
    client, staff, eligible, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    url = issuing_url("revoke", certificate.pk)
    assert client.get(url).status_code == 200
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"category": "content_error", "reason": "Name falsch"})
    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revocation_category == RevocationCategory.CONTENT_ERROR
    assert certificate.revocation_reason == "Name falsch"
    assert certificate.revoked_by == staff
    # The holder is told, without the internal reason.
    assert [m.to for m in mail.outbox] == [[eligible.user.email]]
    message = mail.outbox[0]
    assert certificate.number in message.subject
    assert "Name falsch" not in message.body
    assert certificate.get_verification_url() in message.body
    with translation.override("de"):
        assert str(RevocationCategory.CONTENT_ERROR.label) in message.body


def test_revoke_without_category_redisplays(client, staff, eligible):
    client.force_login(staff)
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    response = client.post(issuing_url("revoke", certificate.pk), {"reason": "Name falsch"})
    assert response.status_code == 200
    assert "Name falsch" in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.VALID
    assert not mail.outbox


def test_revoke_twice_shows_error_and_changes_nothing(client, staff, eligible):
    client.force_login(staff)
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    issuing.revoke_certificate(certificate, by=staff, reason="Erst", category="other")
    response = client.post(
        issuing_url("revoke", certificate.pk), {"category": "misconduct", "reason": "Zweit"}
    )
    assert response.status_code == 200
    certificate.refresh_from_db()
    assert certificate.revocation_reason == "Erst"
    assert certificate.revocation_category == "other"


def test_revoke_mail_sent_only_on_commit(staff, eligible, django_capture_on_commit_callbacks):
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        issuing.revoke_certificate(certificate, by=staff, reason="x", category="other")
    assert not mail.outbox
    assert len(callbacks) == 1


def test_staff_download_logged_holder_download_not(client, staff, eligible):
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    url = reverse("certificate_pdf", args=[certificate.pk])
    client.force_login(eligible.user)
    assert client.get(url).status_code == 200
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    entries = ModelLogEntry.objects.filter(
        object_id=str(certificate.pk), action=issuing.CERTIFICATE_DOWNLOADED
    )
    assert [(entry.user, entry.data["number"]) for entry in entries] == [
        (staff, certificate.number)
    ]


def test_history_view_lists_issue_revocation_and_download(client, staff, eligible):
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    client.force_login(staff)
    client.get(reverse("certificate_pdf", args=[certificate.pk]))
    issuing.revoke_certificate(certificate, by=staff, reason="Fehler", category="other")
    response = client.get(reverse("certificates:history", args=[certificate.pk]))
    content = response.content.decode()
    assert response.status_code == 200
    for msgid in ["Certificate issued", "Certificate PDF downloaded", "Certificate revoked"]:
        assert de(msgid) in content


def test_history_view_refused_to_trainee(client, staff, eligible):
    certificate = issuing.issue_certificate(eligible, CertificateKind.CERTIFICATE, by=staff)
    client.force_login(eligible.user)
    response = client.get(reverse("certificates:history", args=[certificate.pk]))
    assert response.status_code in (302, 403)
