"""The certificate requirements of a whole cohort, for its trainers and SPI staff (read-only)."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, render

from certificates import eligibility
from lms import trainer
from lms.models import Cohort


@login_required
def cohort_eligibility(request, pk):
    """Each participant of the cohort: eligible, which document, what is missing."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    if not trainer.can_follow_progress(request.user, cohort):
        raise PermissionDenied
    enrolments = list(trainer.active_enrolments(cohort))
    results = eligibility.evaluate_many(enrolments)
    rows = [(enrolment, results[enrolment.pk]) for enrolment in enrolments]
    return render(
        request,
        "certificates/cohort_eligibility.html",
        {
            "cohort": cohort,
            "rows": rows,
            "eligible_count": sum(1 for _e, result in rows if result.eligible),
        },
    )
