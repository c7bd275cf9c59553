"""Bulk issuing for a cohort: preview, run record, background task, resume, failures."""

from datetime import datetime
from html import escape
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from certificates import bulk, issuing, tasks
from certificates.models import (
    BulkIssueItem,
    BulkIssueItemStatus,
    BulkIssueRun,
    BulkIssueRunStatus,
    Certificate,
    CertificateKind,
    CertificateStatus,
)
from lms.models import EnrolmentStatus, ModuleCompletion
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


def complete(enrolment, module):
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )


@pytest.fixture
def modules(programme, module):
    programme.requires_praxisprojekt = False
    programme.required_deepenings = 0
    programme.save()
    return [module, factories.make_module(programme, number="2", title="Gesprächsführung")]


def person(cohort, modules, done, name, **kwargs):
    user = factories.UserFactory(last_name=name)
    enrolment = factories.EnrolmentFactory(cohort=cohort, user=user, **kwargs)
    for module in modules[:done]:
        complete(enrolment, module)
    return enrolment


@pytest.fixture
def people(cohort, modules):
    """Two eligible, one partial, one without any participation, one withdrawn."""
    return {
        "anna": person(cohort, modules, 2, "Albers"),
        "bernd": person(cohort, modules, 2, "Brandt"),
        "carla": person(cohort, modules, 1, "Conrad"),
        "dora": person(cohort, modules, 0, "Dietz"),
        "emil": person(cohort, modules, 2, "Engel", status=EnrolmentStatus.WITHDRAWN),
    }


def plan_by_name(cohort, **kwargs):
    return {
        row.enrolment.user.last_name: (row.action, row.kind)
        for row in bulk.plan_for_cohort(cohort, **kwargs)
    }


def valid_certificates(enrolment):
    return list(Certificate.objects.valid().filter(enrolment=enrolment))


def test_plan_says_who_gets_what(cohort, people, staff):
    issuing.issue_certificate(people["bernd"], CertificateKind.CERTIFICATE, by=staff)
    assert plan_by_name(cohort) == {
        "Albers": (bulk.ISSUE, CertificateKind.CERTIFICATE),
        "Brandt": (bulk.HOLDS, CertificateKind.CERTIFICATE),
        "Conrad": (bulk.ISSUE, CertificateKind.ATTENDANCE),
        "Dietz": (bulk.NOTHING, None),
    }
    assert plan_by_name(cohort, include_attendance=False)["Conrad"] == (bulk.NOTHING, None)


def test_start_bulk_issue_runs_task_and_issues_each_once(
    cohort, people, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = bulk.start_bulk_issue(cohort, by=staff)
    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.DONE
    assert run.started_at is not None and run.finished_at is not None
    assert [c.kind for c in valid_certificates(people["anna"])] == ["certificate"]
    assert [c.kind for c in valid_certificates(people["bernd"])] == ["certificate"]
    assert [c.kind for c in valid_certificates(people["carla"])] == ["attendance"]
    assert valid_certificates(people["dora"]) == []
    assert valid_certificates(people["emil"]) == []
    assert bulk.counts(run) == {
        "pending": 0,
        "issued": 3,
        "skipped": 0,
        "failed": 0,
        "total": 3,
        "processed": 3,
    }
    assert all(item.certificate.issued_by == staff for item in run.items.all())


def test_start_bulk_issue_only_those_confirmed(
    cohort, people, staff, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        run = bulk.start_bulk_issue(cohort, by=staff, only={people["anna"].pk})
    assert [item.enrolment for item in run.items.all()] == [people["anna"]]
    assert valid_certificates(people["bernd"]) == []


def test_start_bulk_issue_nobody_refused(cohort, modules, staff):
    person(cohort, modules, 0, "Dietz")
    with pytest.raises(issuing.CertificateError):
        bulk.start_bulk_issue(cohort, by=staff)
    assert not BulkIssueRun.objects.exists()


def test_start_bulk_issue_staff_only(cohort, people, trainer):
    with pytest.raises(PermissionDenied):
        bulk.start_bulk_issue(cohort, by=trainer)
    assert not BulkIssueRun.objects.exists()


def test_interrupted_run_resumed_issues_each_exactly_once(cohort, people, staff):
    # A run whose worker stopped after the first item: left "running".
    run = BulkIssueRun.objects.create(
        cohort=cohort, requested_by=staff, status=BulkIssueRunStatus.RUNNING
    )
    first = BulkIssueItem.objects.create(
        run=run, enrolment=people["anna"], kind=CertificateKind.CERTIFICATE
    )
    BulkIssueItem.objects.create(
        run=run, enrolment=people["bernd"], kind=CertificateKind.CERTIFICATE
    )
    BulkIssueItem.objects.create(
        run=run, enrolment=people["carla"], kind=CertificateKind.ATTENDANCE
    )
    first.certificate = issuing.issue_certificate(
        people["anna"], CertificateKind.CERTIFICATE, by=staff
    )
    first.status = BulkIssueItemStatus.ISSUED
    first.save()

    result = tasks.process_bulk_issue.enqueue(run.pk)
    tasks.process_bulk_issue.enqueue(run.pk)  # a second worker, or a second resume

    assert result.return_value["issued"] == 3
    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.DONE
    for name in ("anna", "bernd", "carla"):
        assert len(valid_certificates(people[name])) == 1
    assert Certificate.objects.count() == 3


def test_item_whose_certificate_was_issued_meanwhile_is_skipped(cohort, people, staff):
    run = BulkIssueRun.objects.create(cohort=cohort, requested_by=staff)
    item = BulkIssueItem.objects.create(
        run=run, enrolment=people["anna"], kind=CertificateKind.CERTIFICATE
    )
    existing = issuing.issue_certificate(people["anna"], CertificateKind.CERTIFICATE, by=staff)

    bulk.process_run(run.pk)

    item.refresh_from_db()
    assert item.status == BulkIssueItemStatus.SKIPPED
    assert existing.number in item.message
    assert Certificate.objects.count() == 1


def test_failure_in_one_item_leaves_others_issued(
    cohort, people, staff, monkeypatch, django_capture_on_commit_callbacks
):
    from certificates import pdf

    real_render = pdf.render_certificate_pdf

    def render(certificate):
        if certificate.enrolment_id == people["bernd"].pk:
            raise OSError("Schriftart fehlt")
        return real_render(certificate)

    monkeypatch.setattr(pdf, "render_certificate_pdf", render)
    with django_capture_on_commit_callbacks(execute=True):
        run = bulk.start_bulk_issue(cohort, by=staff)

    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.DONE
    failed = run.items.get(enrolment=people["bernd"])
    assert failed.status == BulkIssueItemStatus.FAILED
    assert failed.certificate is None
    with translation.override("de"):
        assert failed.message == gettext(
            "The document could not be created because of a technical error; "
            "nothing was issued. The details are in the server log."
        )
    assert valid_certificates(people["bernd"]) == []
    assert len(valid_certificates(people["anna"])) == 1
    assert len(valid_certificates(people["carla"])) == 1
    # The failed one took no number: the numbers have no gap.
    assert sorted(Certificate.objects.values_list("sequence", flat=True)) == [1, 2]


def test_item_no_longer_eligible_fails_with_reason(cohort, people, staff):
    run = BulkIssueRun.objects.create(cohort=cohort, requested_by=staff)
    item = BulkIssueItem.objects.create(
        run=run, enrolment=people["carla"], kind=CertificateKind.CERTIFICATE
    )
    bulk.process_run(run.pk)
    item.refresh_from_db()
    assert item.status == BulkIssueItemStatus.FAILED
    assert "Conrad" in item.message
    assert not Certificate.objects.exists()


# --- The pages ------------------------------------------------------------------------------


def de(msgid, **values):
    with translation.override("de"):
        text = gettext(msgid)
    return escape(text % values if values else text)


def test_preview_lists_outcomes_and_changes_nothing(client, staff, cohort, people):
    client.force_login(staff)
    response = client.get(
        reverse("certificate_issuing:bulk_preview", args=[cohort.pk]), {"include_attendance": "1"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    for name in ("Albers", "Brandt", "Conrad", "Dietz"):
        assert name in content
    assert "Engel" not in content  # withdrawn
    assert content.count('name="enrolment"') == 3
    assert not BulkIssueRun.objects.exists()


def test_confirm_starts_run_and_progress_page_shows_results(
    client, staff, cohort, people, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    url = reverse("certificate_issuing:bulk_preview", args=[cohort.pk])
    ids = [people[name].pk for name in ("anna", "bernd")]
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, {"enrolment": ids})
    run = BulkIssueRun.objects.get()
    assert response.url == reverse("certificate_issuing:run", args=[run.pk])
    page = client.get(response.url).content.decode()
    assert de("%(processed)s of %(total)s processed", processed=2, total=2) in page
    assert 'http-equiv="refresh"' not in page
    for certificate in Certificate.objects.all():
        assert certificate.number in page


def test_progress_page_while_worker_down_says_waiting(client, staff, cohort, people):
    client.force_login(staff)
    # Without the commit callbacks the task is never enqueued: as if no worker ran.
    client.post(
        reverse("certificate_issuing:bulk_preview", args=[cohort.pk]),
        {"enrolment": [people["anna"].pk]},
    )
    run = BulkIssueRun.objects.get()
    assert run.status == BulkIssueRunStatus.QUEUED
    page = client.get(reverse("certificate_issuing:run", args=[run.pk])).content.decode()
    assert de("%(processed)s of %(total)s processed", processed=0, total=1) in page
    assert de("Waiting for processing") in page
    assert 'http-equiv="refresh"' in page
    # The rest of the site keeps working meanwhile.
    assert client.get(reverse("certificate_issuing:cohort", args=[cohort.pk])).status_code == 200


def test_progress_page_resume_requeues(
    client, staff, cohort, people, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    run = BulkIssueRun.objects.create(cohort=cohort, requested_by=staff)
    BulkIssueItem.objects.create(
        run=run, enrolment=people["anna"], kind=CertificateKind.CERTIFICATE
    )
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("certificate_issuing:run", args=[run.pk]))
    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.DONE
    assert valid_certificates(people["anna"])[0].status == CertificateStatus.VALID


def test_progress_page_staff_only(client, trainer, cohort, people, staff):
    run = BulkIssueRun.objects.create(cohort=cohort, requested_by=staff)
    client.force_login(trainer)
    assert client.get(reverse("certificate_issuing:run", args=[run.pk])).status_code in (302, 403)


# serialized_rollback: like the other transactional tests, so that the flush afterwards
# does not re-create the role groups that the next one restores (PostgreSQL).
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_database_queue_waits_for_worker_then_db_worker_issues(settings, cohort, people, staff):
    from django.core.management import call_command
    from django_tasks_db.models import DBTaskResult

    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    run = bulk.start_bulk_issue(cohort, by=staff)

    # No worker yet: queued, nothing issued, one task waiting in the database.
    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.QUEUED
    assert not Certificate.objects.exists()
    assert DBTaskResult.objects.count() == 1

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    run.refresh_from_db()
    assert run.status == BulkIssueRunStatus.DONE
    assert Certificate.objects.count() == 3
