"""Applying for a cohort, withdrawing, accepting an invitation.

The views stay thin: who may see what is checked here, every change goes
through the service functions in ``lms/enrolment.py``.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from wagtail.models import Page

from lms import enrolment as service
from lms.forms_enrolment import ApplicationForm, InvitationAcceptForm
from lms.models import Cohort, Enrolment, EnrolmentStatus, Invitation, Municipality, User

# Slugs under which the privacy notice (Datenschutzerklärung) is published.
PRIVACY_PAGE_SLUGS = ["datenschutz", "datenschutzerklaerung", "privacy"]


def privacy_notice_url(request) -> str | None:
    page = Page.objects.live().filter(slug__in=PRIVACY_PAGE_SLUGS).order_by("depth").first()
    return page.get_url(request) if page else None


def municipalities_for(cohort: Cohort):
    """The municipalities a cohort accepts; all of them when it is not limited."""
    limited = cohort.municipalities.all()
    return limited if limited.exists() else Municipality.objects.all()


def cohort_list(request):
    """Durchgänge: the cohorts open for applications, and the person's own enrolments."""
    cohorts = list(
        Cohort.objects.open_for_applications()
        .select_related("programme")
        .prefetch_related("municipalities")
        .annotate(
            seats_taken_count=Count(
                "enrolments",
                filter=Q(enrolments__status__in=EnrolmentStatus.occupying_a_seat()),
            )
        )
        .order_by(F("start_date").asc(nulls_last=True), "name")
    )
    own = []
    if request.user.is_authenticated:
        own = list(
            Enrolment.objects.for_user(request.user)
            .select_related("cohort__programme")
            .order_by("-created_at")
        )
    own_by_cohort = {enrolment.cohort_id: enrolment for enrolment in own}
    for cohort in cohorts:
        cohort.seats_left_count = (
            None if cohort.capacity is None else max(cohort.capacity - cohort.seats_taken_count, 0)
        )
        enrolment = own_by_cohort.get(cohort.pk)
        cohort.own_enrolment = (
            enrolment
            if enrolment is not None and enrolment.status not in service.REAPPLY_STATES
            else None
        )
    for enrolment in own:
        enrolment.can_withdraw = (
            EnrolmentStatus.WITHDRAWN in service.ALLOWED_TRANSITIONS[enrolment.status]
        )
    return render(
        request,
        "lms/enrolment/cohort_list.html",
        {"cohorts": cohorts, "own_enrolments": own},
    )


@login_required
@require_http_methods(["GET", "POST"])
def apply(request, pk):
    """Bewerben: the application form for one cohort."""
    cohort = get_object_or_404(Cohort.objects.select_related("programme"), pk=pk)
    refusal = service.application_refusal(request.user, cohort)
    form = None
    if refusal is None:
        form = ApplicationForm(
            request.POST if request.method == "POST" else None,
            municipalities=municipalities_for(cohort),
        )
        if form.is_valid():
            data = form.cleaned_data
            try:
                service.apply_for_cohort(
                    request.user,
                    cohort,
                    municipality=data["municipality"],
                    function=data["function"],
                    organisation=data["organisation"],
                    motivation=data["motivation"],
                    consent_version=service.PRIVACY_NOTICE_VERSION,
                )
            except service.EnrolmentError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _(
                        "Thank you, your application for “%(cohort)s” has been received. "
                        "We have sent you a confirmation by e-mail."
                    )
                    % {"cohort": cohort.name},
                )
                return redirect("cohort_list")
    return render(
        request,
        "lms/enrolment/apply.html",
        {
            "cohort": cohort,
            "form": form,
            "refusal": refusal,
            "privacy_url": privacy_notice_url(request),
        },
    )


@login_required
@require_http_methods(["GET", "POST"])
def withdraw(request, pk):
    """Zurückziehen: the person withdraws their own application or place (after a confirmation)."""
    # Only one's own enrolments: anyone else's is "not found".
    enrolment = get_object_or_404(
        Enrolment.objects.select_related("cohort__programme"), pk=pk, user=request.user
    )
    can_withdraw = EnrolmentStatus.WITHDRAWN in service.ALLOWED_TRANSITIONS[enrolment.status]
    if request.method == "POST":
        try:
            service.withdraw(enrolment, actor=request.user)
        except service.EnrolmentError as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request,
                _("Your enrolment in “%(cohort)s” has been withdrawn.")
                % {"cohort": enrolment.cohort.name},
            )
        return redirect("cohort_list")
    return render(
        request,
        "lms/enrolment/withdraw.html",
        {"enrolment": enrolment, "can_withdraw": can_withdraw},
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request, token):
    """Einladung: the link from an invitation e-mail.

    Anonymous visitors are sent to sign up (or to log in, when an account
    with the invited address exists) and come back here afterwards; people
    who are logged in with the invited address confirm their details and the
    privacy notice. Anyone else logged in is told to log out and use the
    invited address.
    """
    invitation = get_object_or_404(
        Invitation.objects.select_related("cohort__programme", "municipality"), token=token
    )
    user = request.user
    if user.is_authenticated and invitation.accepted_by_id == user.pk:
        messages.info(request, _("You have already accepted this invitation."))
        return redirect("dashboard")
    if not invitation.is_usable():
        if invitation.accepted_at is not None:
            problem = _("This invitation has already been used.")
        else:
            problem = _(
                "This invitation has expired. Please ask the SPI administration for a new one."
            )
        return render(
            request,
            "lms/enrolment/invitation_unusable.html",
            {"invitation": invitation, "problem": problem},
            status=410,
        )
    if not user.is_authenticated:
        has_account = User.objects.filter(email__iexact=invitation.email).exists()
        if has_account:
            query = urlencode({"next": request.path})
            return redirect(f"{reverse('account_login')}?{query}")
        query = urlencode({"next": request.path, "email": invitation.email})
        return redirect(f"{reverse('account_signup')}?{query}")

    try:
        service.check_invitation_recipient(invitation, user)
    except service.EnrolmentError as error:
        return render(
            request,
            "lms/enrolment/invitation_unusable.html",
            {"invitation": invitation, "problem": error.message, "other_address": True},
            status=403,
        )

    cohort = invitation.cohort
    form = InvitationAcceptForm(
        request.POST if request.method == "POST" else None,
        initial={
            "municipality": invitation.municipality,
            "function": invitation.function or None,
            "organisation": invitation.organisation,
        },
        municipalities=municipalities_for(cohort),
    )
    if form.is_valid():
        data = form.cleaned_data
        try:
            enrolment = service.accept_invitation(
                token,
                user,
                municipality=data["municipality"],
                function=data["function"],
                organisation=data["organisation"],
                consent_version=service.PRIVACY_NOTICE_VERSION,
            )
        except service.EnrolmentError as error:
            form.add_error(None, error.message)
        else:
            if enrolment.status == EnrolmentStatus.WAITLISTED:
                messages.info(
                    request,
                    _(
                        "All places in “%(cohort)s” are taken at the moment: you are on the "
                        "waiting list and will move up automatically."
                    )
                    % {"cohort": cohort.name},
                )
            else:
                messages.success(
                    request,
                    _("Welcome! You are now enrolled in “%(cohort)s”.") % {"cohort": cohort.name},
                )
            return redirect("dashboard")
    return render(
        request,
        "lms/enrolment/invitation.html",
        {
            "invitation": invitation,
            "cohort": cohort,
            "form": form,
            "privacy_url": privacy_notice_url(request),
        },
    )
