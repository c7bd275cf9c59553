"""The Praxisprojekt screens: the trainee's page and the trainers' decision page.

Who may do what is decided in :mod:`lms.projects`; the views ask, call the
service and redirect with a message, or re-display the form with the data.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from lms import projects, trainer
from lms.forms_projects import DecisionForm, PraxisprojektForm
from lms.models import Cohort, Enrolment


@login_required
def praxisprojekt(request, enrolment_pk):
    """The trainee writes, changes and submits their Praxisprojekt."""
    enrolment = get_object_or_404(
        Enrolment.objects.active().select_related("cohort__programme"),
        pk=enrolment_pk,
        user=request.user,  # anyone else's enrolment does not exist here
    )
    project = projects.project_of(enrolment)
    editable = project is None or project.is_editable
    if request.method == "POST":
        if not editable:
            messages.error(request, _("Your practice project can no longer be changed."))
            return redirect("praxisprojekt", enrolment.pk)
        form = PraxisprojektForm(request.POST)
        if form.is_valid():
            submit = request.POST.get("action") == "submit"
            try:
                projects.save_project(
                    enrolment,
                    by=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                )
                if submit:
                    projects.submit_project(enrolment, by=request.user)
            except projects.ProjectError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Your practice project has been submitted. Your trainers will review it.")
                    if submit
                    else _("Your practice project has been saved."),
                )
                return redirect("praxisprojekt", enrolment.pk)
    else:
        initial = {"title": project.title, "description": project.description} if project else {}
        form = PraxisprojektForm(initial=initial)
    return render(
        request,
        "lms/projects/praxisprojekt.html",
        {"enrolment": enrolment, "project": project, "form": form, "editable": editable},
    )


@login_required
def praxisprojekt_review(request, pk, enrolment_pk):
    """The cohort's trainers and SPI staff accept the project or return it with a comment."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    if not trainer.can_follow_progress(request.user, cohort):
        raise PermissionDenied
    enrolment = get_object_or_404(
        Enrolment.objects.active().select_related("user"), pk=enrolment_pk, cohort=cohort
    )
    enrolment.cohort = cohort
    if not projects.can_decide(request.user, enrolment):
        raise PermissionDenied
    project = projects.project_of(enrolment)
    if request.method == "POST":
        form = DecisionForm(request.POST)
        action = request.POST.get("action")
        if form.is_valid() and action in ("accept", "return"):
            comment = form.cleaned_data["comment"]
            try:
                if action == "accept":
                    projects.accept_project(enrolment, by=request.user, comment=comment)
                else:
                    projects.return_project(enrolment, by=request.user, comment=comment)
            except projects.ProjectError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    (
                        _("The practice project of %(name)s has been accepted.")
                        if action == "accept"
                        else _("The practice project of %(name)s has been returned.")
                    )
                    % {"name": enrolment.user},
                )
                return redirect("praxisprojekt_review", cohort.pk, enrolment.pk)
        elif form.is_valid():
            form.add_error(None, _("Please choose whether to accept or return the project."))
    else:
        form = DecisionForm()
    return render(
        request,
        "lms/projects/review.html",
        {"cohort": cohort, "enrolment": enrolment, "project": project, "form": form},
    )
