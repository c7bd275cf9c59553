"""Failure safety (issue 7, point 6): a failed action changes nothing.

A database error in the middle of an enrolment decision rolls back the whole
decision (status, event log, e-mail, seat); with the database task queue and
no worker running, a bulk certificate run waits and the site keeps working.
(Interrupted bulk runs and resuming them: tests/certificates/test_bulk.py.)
"""

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import DatabaseError, IntegrityError
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from certificates import bulk
from certificates.models import BulkIssueRunStatus, Certificate
from lms import enrolment as enrolment_service
from lms.models import EnrolmentEvent, ModuleCompletion
from lms.models import EnrolmentStatus as S
from tests.lms.enrolment_factories import ApplicationFactory, open_cohort

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def small_cohort(programme):
    """A cohort with one place and two applications."""
    cohort = open_cohort(programme, capacity=1)
    return cohort, ApplicationFactory(cohort=cohort), ApplicationFactory(cohort=cohort)


def fail_event_creation(monkeypatch):
    def broken_save(self, *args, **kwargs):
        raise DatabaseError("disk full")

    monkeypatch.setattr(EnrolmentEvent, "save", broken_save)


def fail_mail_step(monkeypatch):
    def broken_mail(*args, **kwargs):
        raise IntegrityError("constraint violated while preparing the notice")

    monkeypatch.setattr(enrolment_service, "_mail_enrolment", broken_mail)


def fail_after_mail_queued(monkeypatch):
    """The admission e-mail is queued (for after the commit), then the database fails."""
    real_mail = enrolment_service._mail_enrolment

    def mail_then_fail(*args, **kwargs):
        real_mail(*args, **kwargs)
        raise DatabaseError("connection lost")

    monkeypatch.setattr(enrolment_service, "_mail_enrolment", mail_then_fail)


@pytest.mark.parametrize(
    ("breakage", "error"),
    [
        (fail_event_creation, DatabaseError),
        (fail_mail_step, IntegrityError),
        (fail_after_mail_queued, DatabaseError),
    ],
)
def test_admission_failing_midway_leaves_nothing_half_made(
    monkeypatch, staff, small_cohort, django_capture_on_commit_callbacks, breakage, error
):
    cohort, first, second = small_cohort
    events_before = EnrolmentEvent.objects.count()
    breakage(monkeypatch)

    with django_capture_on_commit_callbacks(execute=True) as callbacks, pytest.raises(error):
        enrolment_service.admit(first, actor=staff, note="Zusage")

    first.refresh_from_db()
    assert first.status == S.APPLIED
    assert first.decided_at is None and first.decided_by is None
    assert EnrolmentEvent.objects.count() == events_before
    assert callbacks == [] and mail.outbox == []
    assert cohort.enrolments.filter(status__in=S.occupying_a_seat()).count() == 0

    # The place was not consumed: once the fault is gone, the single place can be given.
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        enrolment_service.admit(second, actor=staff)
    second.refresh_from_db()
    assert second.status == S.ADMITTED
    assert EnrolmentEvent.objects.filter(enrolment=second, to_status=S.ADMITTED).count() == 1
    assert [message.to for message in mail.outbox] == [[second.user.email]]
    # And the first one is refused now for the right reason: the cohort is full.
    with pytest.raises(enrolment_service.EnrolmentError) as refused:
        enrolment_service.admit(first, actor=staff)
    assert refused.value.code == "full"


def de(msgid):
    with translation.override("de"):
        return escape(gettext(msgid))


# Transactional: the database task backend enqueues only after a real commit.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_queued_bulk_run_without_worker_waits_and_site_keeps_working(
    settings, client, staff, programme, module, cohort, trainee
):
    from django_tasks_db.models import DBTaskResult

    programme.requires_praxisprojekt = False
    programme.required_deepenings = 0
    programme.required_supervision_hours = 0
    programme.save()
    enrolment = trainee.enrolments.get()
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

    run = bulk.start_bulk_issue(cohort, by=staff)
    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.QUEUED
    assert DBTaskResult.objects.count() == 1  # waiting in the queue; no worker runs

    client.force_login(staff)
    page = client.get(reverse("certificate_issuing:run", args=[run.pk]))
    assert page.status_code == 200
    assert de("Waiting for processing") in page.content.decode()
    assert client.get(reverse("certificate_issuing:index")).status_code == 200

    # The trainee's dashboard is served meanwhile, without a certificate yet.
    client.force_login(trainee)
    dashboard = client.get(reverse("dashboard"))
    assert dashboard.status_code == 200
    assert 'id="my-certificates-title"' not in dashboard.content.decode()  # no certificate listed
    assert not Certificate.objects.exists()
