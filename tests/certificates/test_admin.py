import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from certificates import issuing
from certificates.models import CertificateKind
from tests import factories


@pytest.fixture
def certificates(staff, cohort):
    return [
        issuing.issue_certificate(
            factories.EnrolmentFactory(cohort=cohort), CertificateKind.CERTIFICATE, by=staff
        )
        for _ in range(2)
    ]


def test_register_listed_for_staff(client, staff, certificates):
    client.force_login(staff)
    response = client.get("/admin/certificates/")
    content = response.content.decode()
    assert response.status_code == 200
    for certificate in certificates:
        assert certificate.number in content
        assert certificate.holder_name in content


def test_register_csv_export(client, staff, certificates):
    client.force_login(staff)
    response = client.get("/admin/certificates/", {"export": "csv"})
    content = response.getvalue().decode()
    assert response.status_code == 200
    assert all(c.number in content for c in certificates)


def test_register_read_only_even_for_superuser(client, superuser, certificates):
    client.force_login(superuser)
    certificate = certificates[0]
    assert client.get(f"/admin/certificates/edit/{certificate.pk}/").status_code in (302, 403)
    assert client.get("/admin/certificates/new/").status_code in (302, 403)
    assert client.get(f"/admin/certificates/delete/{certificate.pk}/").status_code in (302, 403)


def test_register_refused_for_trainee(client, trainee, certificates):
    client.force_login(trainee)
    assert client.get("/admin/certificates/").status_code in (302, 403)


def test_register_query_count_independent_of_rows(
    client, staff, cohort, django_assert_max_num_queries
):
    client.force_login(staff)
    issuing.issue_certificate(
        factories.EnrolmentFactory(cohort=cohort), CertificateKind.CERTIFICATE, by=staff
    )
    client.get("/admin/certificates/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/certificates/")
    for _ in range(3):
        issuing.issue_certificate(
            factories.EnrolmentFactory(cohort=cohort), CertificateKind.CERTIFICATE, by=staff
        )
    with django_assert_max_num_queries(len(one)):
        client.get("/admin/certificates/")
