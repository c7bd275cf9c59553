"""Capacity under concurrency: no interleaving of admissions may exceed the capacity.

Runs only on PostgreSQL (row locks); SQLite serialises write transactions anyway.
``DATABASE_URL=postgres://postgres@127.0.0.1:5432/test pytest tests/lms/test_enrolment_race.py``
"""

import threading

import pytest
from django.db import connection, connections

from lms import enrolment as service
from lms.models import Enrolment, EnrolmentEvent, EnrolmentStatus
from tests import factories
from tests.lms.enrolment_factories import ApplicationFactory, open_cohort

pytestmark = [
    # serialized_rollback: restore the page tree that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]

THREADS = 12
CAPACITY = 5


def run_concurrently(targets):
    """Start every target at the same moment; each closes its connection at the end."""
    barrier = threading.Barrier(len(targets))
    outcomes = [None] * len(targets)

    def worker(index, target):
        try:
            barrier.wait()
            outcomes[index] = target()
        except Exception as error:  # noqa: BLE001 - the outcome is what we assert on
            outcomes[index] = error
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(index, target))
        for index, target in enumerate(targets)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return outcomes


def test_concurrent_admits_never_exceed_capacity():
    programme = factories.make_programme()
    cohort = open_cohort(programme, capacity=CAPACITY)
    staff = factories.UserFactory(roles=["SPI-Verwaltung"])
    applications = [ApplicationFactory(cohort=cohort) for _ in range(THREADS)]

    outcomes = run_concurrently([lambda e=e: service.admit(e, actor=staff) for e in applications])

    admitted = [o for o in outcomes if isinstance(o, Enrolment)]
    refused = [o for o in outcomes if isinstance(o, service.EnrolmentError)]
    assert len(admitted) == CAPACITY
    assert len(refused) == THREADS - CAPACITY
    assert {error.code for error in refused} == {"full"}
    assert Enrolment.objects.filter(cohort=cohort, status=EnrolmentStatus.ADMITTED).count() == (
        CAPACITY
    )
    assert EnrolmentEvent.objects.filter(to_status=EnrolmentStatus.ADMITTED).count() == CAPACITY


def test_concurrent_withdrawals_and_admits_keep_capacity():
    programme = factories.make_programme()
    cohort = open_cohort(programme, capacity=CAPACITY)
    staff = factories.UserFactory(roles=["SPI-Verwaltung"])
    admitted = ApplicationFactory.create_batch(
        CAPACITY, cohort=cohort, status=EnrolmentStatus.ADMITTED
    )
    waiting = ApplicationFactory.create_batch(3, cohort=cohort, status=EnrolmentStatus.WAITLISTED)
    applications = ApplicationFactory.create_batch(6, cohort=cohort)

    targets = [lambda e=e: service.withdraw(e, actor=e.user) for e in admitted[:3]]
    targets += [lambda e=e: service.admit(e, actor=staff) for e in applications]
    outcomes = run_concurrently(targets)

    assert [o for o in outcomes if not isinstance(o, (Enrolment, service.EnrolmentError))] == []
    taken = Enrolment.objects.filter(
        cohort=cohort, status__in=EnrolmentStatus.occupying_a_seat()
    ).count()
    assert taken == CAPACITY
    # Each withdrawal refills its seat from the waiting list in the same
    # transaction, so the seats go to the waiting list, never to the racing admits.
    for enrolment in waiting:
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.ADMITTED
    for enrolment in applications:
        enrolment.refresh_from_db()
        assert enrolment.status == EnrolmentStatus.APPLIED
