"""The trainee's own certificates on the dashboard, and nobody else's."""

from io import BytesIO

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from certificates import issuing
from certificates.models import CertificateKind


@pytest.fixture
def own(staff, trainee):
    return issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff
    )


@pytest.fixture
def others(staff, other_trainee):
    return issuing.issue_certificate(
        other_trainee.enrolments.get(), CertificateKind.ATTENDANCE, by=staff
    )


def test_dashboard_lists_own_certificates_only(client, trainee, own, others):
    client.force_login(trainee)
    content = client.get(reverse("dashboard")).content.decode()
    assert own.number in content
    assert f"<td>{own.enrolment.cohort.name}</td>" in content
    assert reverse("certificate_pdf", args=[own.pk]) in content
    assert own.get_verification_url() in content
    assert others.number not in content
    assert reverse("certificate_pdf", args=[others.pk]) not in content


def test_dashboard_without_certificates_shows_no_section(client, trainee, others):
    client.force_login(trainee)
    content = client.get(reverse("dashboard")).content.decode()
    assert 'id="my-certificates-title"' not in content


def test_holder_downloads_own_pdf(client, trainee, own):
    client.force_login(trainee)
    response = client.get(reverse("certificate_pdf", args=[own.pk]))
    assert response.status_code == 200
    reader = PdfReader(BytesIO(b"".join(response.streaming_content)))
    assert own.number in "".join(page.extract_text() for page in reader.pages)


def test_other_trainee_gets_403_on_pdf(client, other_trainee, own):
    client.force_login(other_trainee)
    assert client.get(reverse("certificate_pdf", args=[own.pk])).status_code == 403


def test_dashboard_query_count_independent_of_certificates(client, staff, trainee, cohort):
    client.force_login(trainee)
    enrolment = trainee.enrolments.get()
    issuing.issue_certificate(enrolment, CertificateKind.ATTENDANCE, by=staff)
    client.get(reverse("dashboard"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("dashboard"))
    issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff, reissue=True)
    with CaptureQueriesContext(connection) as three:
        content = client.get(reverse("dashboard")).content.decode()
    assert content.count("KOKOMA-") >= 3
    assert len(three) == len(one)
