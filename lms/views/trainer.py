"""The trainer screens: my cohorts, a cohort's progress matrix, one trainee's progress.

Who may see what is decided in :mod:`lms.trainer`; these views only ask.
"""

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from curriculum.models import ModulePage
from lms import progress, trainer
from lms.attendance_lists import csv_safe, csv_writer
from lms.forms import KernFormMixin
from lms.models import Cohort, Enrolment, EnrolmentStatus, Function
from lms.roles import Role


class ProgressFilterForm(KernFormMixin, forms.Form):
    """Filter of the progress matrix (GET); an invalid value filters nothing."""

    municipality = forms.ModelChoiceField(
        label=gettext_lazy("Municipality"),
        queryset=None,
        required=False,
        empty_label=gettext_lazy("All municipalities"),
    )
    function = forms.ChoiceField(
        label=gettext_lazy("Function"),
        choices=[("", gettext_lazy("All functions")), *Function.choices],
        required=False,
    )

    def __init__(self, *args, cohort, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].queryset = trainer.municipalities_of(cohort)

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {
            "municipality": self.cleaned_data["municipality"],
            "function": self.cleaned_data["function"],
        }


def _followed_cohort(request, pk) -> Cohort:
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    if not trainer.can_follow_progress(request.user, cohort):
        raise PermissionDenied
    return cohort


def _participant(cohort, enrolment_pk) -> Enrolment:
    """An admitted or completed enrolment of ``cohort``; anything else is a 404."""
    return get_object_or_404(
        Enrolment.objects.active().select_related("user", "municipality"),
        pk=enrolment_pk,
        cohort=cohort,
    )


@login_required
def my_cohorts(request):
    """Meine Durchgänge: the cohorts whose progress a trainer (or SPI staff) follows."""
    user = request.user
    if not (user.is_spi_staff or user.has_role(Role.TRAINER)):
        raise PermissionDenied
    cohorts = (
        trainer.cohorts_followed_by(user)
        .select_related("programme")
        .annotate(
            participant_count=Count(
                "enrolments",
                filter=Q(enrolments__status__in=EnrolmentStatus.granting_access()),
            )
        )
        .order_by("-start_date", "name", "pk")
    )
    return render(request, "lms/trainer/my_cohorts.html", {"cohorts": cohorts})


#: Stands for the enrolment's id in the one reverse() of :func:`_with_links`.
_ENROLMENT_MARK = 987654321


def _with_links(cohort, rows) -> list[tuple]:
    """``(row, link to the participant's progress)`` for each row of the matrix.

    One reverse() for the whole table, the enrolment's id put in per row:
    reverse() per row was a tenth of the page's time at 200 trainees (make bench).
    """
    head, _mark, tail = reverse("trainee_progress", args=[cohort.pk, _ENROLMENT_MARK]).rpartition(
        str(_ENROLMENT_MARK)
    )
    return [(row, f"{head}{row.participant.enrolment_id}{tail}") for row in rows]


@login_required
def cohort_progress(request, pk):
    """The progress matrix of a cohort: participants × modules, filterable."""
    cohort = _followed_cohort(request, pk)
    form = ProgressFilterForm(request.GET or None, cohort=cohort)
    matrix = trainer.progress_matrix(cohort, **form.filters())
    return render(
        request,
        "lms/trainer/cohort_progress.html",
        {
            "cohort": cohort,
            "form": form,
            "matrix": matrix,
            "rows": _with_links(cohort, matrix.rows),
            "is_filtered": any(form.filters().values()),
            "query_string": request.GET.urlencode(),
        },
    )


@login_required
def cohort_progress_csv(request, pk):
    """The same matrix (with the same filters) as a CSV file for spreadsheets."""
    cohort = _followed_cohort(request, pk)
    form = ProgressFilterForm(request.GET or None, cohort=cohort)
    matrix = trainer.progress_matrix(cohort, **form.filters())

    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"fortschritt-{slugify(cohort.name) or cohort.pk}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    header, rows = trainer.matrix_table(matrix)
    writer = csv_writer(response)
    for values in [header, *rows]:
        writer.writerow([csv_safe(value) for value in values])
    return response


@login_required
def trainee_progress(request, pk, enrolment_pk):
    """One participant's lessons, knowledge-check attempts, reflections and sign-offs."""
    cohort = _followed_cohort(request, pk)
    enrolment = _participant(cohort, enrolment_pk)
    enrolment.cohort = cohort  # already loaded, with its programme
    return render(
        request,
        "lms/trainer/trainee_progress.html",
        {
            "cohort": cohort,
            "enrolment": enrolment,
            "progress": trainer.trainee_progress(enrolment, viewer=request.user),
            "can_read_reflections": trainer.can_read_reflections(request.user, enrolment),
            "can_sign_off": progress.can_sign_off(request.user, enrolment),
        },
    )


def _sign_off_target(request, pk, enrolment_pk, module_pk):
    cohort = _followed_cohort(request, pk)
    enrolment = _participant(cohort, enrolment_pk)
    enrolment.cohort = cohort
    if not progress.can_sign_off(request.user, enrolment):
        raise PermissionDenied
    module = get_object_or_404(ModulePage.objects.live().child_of(cohort.programme), pk=module_pk)
    return enrolment, module


def _back_to_detail(enrolment):
    # To the top of the page, where the message about the sign-off is shown.
    return redirect("trainee_progress", enrolment.cohort_id, enrolment.pk)


@login_required
@require_POST
def sign_off(request, pk, enrolment_pk, module_pk):
    """Confirm a module that requires a trainer's sign-off (e.g. the Praxisprojekt)."""
    enrolment, module = _sign_off_target(request, pk, enrolment_pk, module_pk)
    note = request.POST.get("note", "").strip()[:500]
    try:
        progress.sign_off_module(enrolment, module, by=request.user, note=note)
    except progress.ProgressError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Module %(module)s has been signed off for %(name)s.")
            % {"module": module, "name": enrolment.user},
        )
    return _back_to_detail(enrolment)


@login_required
@require_POST
def withdraw_sign_off(request, pk, enrolment_pk, module_pk):
    """Withdraw the sign-off of a module; its completion reverts."""
    enrolment, module = _sign_off_target(request, pk, enrolment_pk, module_pk)
    try:
        progress.withdraw_sign_off(enrolment, module, by=request.user)
    except progress.ProgressError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("The sign-off of module %(module)s for %(name)s has been withdrawn.")
            % {"module": module, "name": enrolment.user},
        )
    return _back_to_detail(enrolment)
