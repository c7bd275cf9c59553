"""Background work goes through the database queue and db_worker runs it."""

import pytest
from django.core.management import call_command
from django_tasks import task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from tests.lms.background_tasks import multiply


@pytest.mark.django_db(transaction=True)
def test_db_worker_runs_a_queued_task(settings):
    # django_tasks rebuilds its backends when the setting changes.
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    assert type(task_backends["default"]).__name__ == "DatabaseBackend"

    result = multiply.enqueue(6, 7)
    assert DBTaskResult.objects.get(id=result.id).status == TaskResultStatus.READY

    call_command("db_worker", batch=True, no_startup_delay=True, verbosity=0)

    result.refresh()
    assert result.status == TaskResultStatus.SUCCESSFUL
    assert result.return_value == 42


def test_development_uses_the_database_queue():
    from lms import settings as base_settings

    assert base_settings.TASKS["default"]["BACKEND"] == "django_tasks_db.DatabaseBackend"
