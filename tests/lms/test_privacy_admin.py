"""Records of processing and the audit view: staff only, generated from the registry."""

import csv
import io

import pytest
from django.urls import reverse

from certificates import issuing
from certificates.models import CertificateKind
from lms.privacy import erasure, registry


@pytest.mark.parametrize("url_name", ["privacy_records", "privacy_audit"])
@pytest.mark.parametrize("role", ["anonymous", "trainee", "trainer"])
def test_privacy_admin_pages_staff_only(client, trainee, trainer, role, url_name):
    if role != "anonymous":
        client.force_login({"trainee": trainee, "trainer": trainer}[role])
    response = client.get(reverse(url_name))
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        assert "login" in response.url or response.url == "/admin/"


def test_records_of_processing_lists_every_declared_model(client, staff):
    client.force_login(staff)
    response = client.get(reverse("privacy_records"))
    content = response.content.decode()
    assert response.status_code == 200
    for entry in registry.entries():
        assert entry.model_label in content
    assert str(registry.LegalBasis.LEGAL_OBLIGATION.label) in content or "Art. 6" in content


def test_records_of_processing_csv_matches_registry(client, staff, settings):
    settings.KOKOMA_PROJECT_END = None
    client.force_login(staff)
    response = client.get(reverse("privacy_records"), {"format": "csv"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
    assert len(rows) == len(registry.entries()) + 1
    labels = {row[2] for row in rows[1:]}
    assert labels == {entry.model_label for entry in registry.entries()}
    attendance = next(row for row in rows if row[2] == "lms.Attendance")
    assert "5" in attendance[5]  # the retention period in years


def test_audit_view_for_person_cohort_and_certificate(client, staff, trainee, cohort):
    certificate = issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff
    )
    client.force_login(staff)
    url = reverse("privacy_audit")
    for params in (
        {"person": trainee.email},
        {"cohort": cohort.pk},
        {"certificate": certificate.number},
    ):
        response = client.get(url, params)
        content = response.content.decode()
        assert response.status_code == 200
        assert 'id="audit-table"' in content, params
        assert certificate.number in content


def test_audit_view_shows_nothing_of_others(client, staff, trainee, other_trainee):
    issuing.issue_certificate(other_trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff)
    client.force_login(staff)
    content = client.get(reverse("privacy_audit"), {"person": trainee.email}).content.decode()
    assert 'id="audit-table"' not in content


def test_audit_view_unknown_person_error(client, staff):
    client.force_login(staff)
    response = client.get(reverse("privacy_audit"), {"person": "nobody@example.org"})
    assert response.status_code == 200
    assert 'id="audit-table"' not in response.content.decode()
    assert response.context["form"].errors["person"]


def _erasure_requests(n):
    from tests import factories

    for _ in range(n):
        user = factories.UserFactory()
        erasure.request_erasure(user)


def _queries(client, url, params=None):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(captured.captured_queries)


def test_erasure_index_queries_do_not_grow(client, staff):
    client.force_login(staff)
    url = reverse("privacy_erasure_index")
    _erasure_requests(1)
    client.get(url)
    one = _queries(client, url)
    _erasure_requests(6)
    assert _queries(client, url) == one


def test_audit_view_queries_do_not_grow(client, staff, cohort):
    from tests import factories

    def issue_one():
        enrolment = factories.EnrolmentFactory(cohort=cohort)
        issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)

    client.force_login(staff)
    url = reverse("privacy_audit")
    issue_one()
    client.get(url, {"cohort": cohort.pk})
    one = _queries(client, url, {"cohort": cohort.pk})
    issue_one()
    issue_one()
    assert _queries(client, url, {"cohort": cohort.pk}) == one


def test_admin_menu_shows_data_protection_to_staff_only(client, staff, trainer):
    client.force_login(staff)
    content = client.get("/admin/").content.decode()
    assert reverse("privacy_records") in content
    assert reverse("privacy_erasure_index") in content
    client.force_login(trainer)
    response = client.get("/admin/")
    assert response.status_code == 200
    assert reverse("privacy_records") not in response.content.decode()
