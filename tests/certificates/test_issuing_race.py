"""Issuing under concurrency: one certificate per enrolment, numbers without gaps.

Runs only on PostgreSQL (row locks); SQLite serialises write transactions anyway.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest tests/certificates``
"""

import pytest
from django.db import connection

from certificates import issuing
from certificates.models import Certificate, CertificateKind
from tests import factories
from tests.lms.test_enrolment_race import run_concurrently

pytestmark = [
    # serialized_rollback: restore the page tree that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 8


def test_concurrent_issues_for_same_enrolment_yield_one_certificate():
    cohort = factories.CohortFactory(programme=factories.make_programme())
    staff = factories.UserFactory(roles=["SPI-Verwaltung"])
    enrolment = factories.EnrolmentFactory(cohort=cohort)

    outcomes = run_concurrently(
        [
            lambda: issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
            for _ in range(THREADS)
        ]
    )

    issued = [o for o in outcomes if isinstance(o, Certificate)]
    refused = [o for o in outcomes if isinstance(o, issuing.CertificateError)]
    assert len(issued) == 1
    assert len(refused) == THREADS - 1
    assert Certificate.objects.filter(enrolment=enrolment).count() == 1
    assert issued[0].sequence == 1


def test_concurrent_issues_for_different_enrolments_get_consecutive_numbers():
    cohort = factories.CohortFactory(programme=factories.make_programme())
    staff = factories.UserFactory(roles=["SPI-Verwaltung"])
    enrolments = factories.EnrolmentFactory.create_batch(THREADS, cohort=cohort)

    outcomes = run_concurrently(
        [
            lambda e=e: issuing.issue_certificate(e, CertificateKind.CERTIFICATE, by=staff)
            for e in enrolments
        ]
    )

    assert all(isinstance(o, Certificate) for o in outcomes), outcomes
    sequences = sorted(Certificate.objects.values_list("sequence", flat=True))
    assert sequences == list(range(1, THREADS + 1))
    assert len(set(Certificate.objects.values_list("number", flat=True))) == THREADS
