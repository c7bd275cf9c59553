"""Background tasks of the certificates app (django-tasks; ``manage.py db_worker`` runs them)."""

from django_tasks import task


@task()
def process_bulk_issue(run_id: int) -> dict:
    """Issue the pending certificates of a bulk issue; safe to run again."""
    from certificates.bulk import process_run

    return process_run(run_id)
