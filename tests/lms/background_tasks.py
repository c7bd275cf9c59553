"""A task used only by the tests of the background worker set-up."""

from django_tasks import task


@task()
def multiply(a: int, b: int) -> int:
    return a * b
