"""The Praxisprojekt: who may do what, and the actions that change it.

Rules (each in one place):

- The trainee of an admitted (or completed) enrolment writes the project's
  title and short description (plain text) and submits it
  (:func:`can_edit`). They may change it while it is a draft or has been
  returned; a submitted or accepted project is locked.
- The cohort's trainers and SPI staff decide (:func:`can_decide`, the same
  people who sign off modules): accept a submitted project, or return it with
  a comment, which is required. An accepted project can be returned too
  (with a comment), e.g. when it was accepted by mistake.
- Nobody else sees it (:func:`can_view`).

Actions lock the enrolment's row, re-check the state inside the transaction,
save and write a Wagtail log entry on the enrolment (as ``lms.progress``
does), so the enrolment's history shows who submitted, accepted or returned
the project and when. Domain errors are :class:`ProjectError` with a message
for the person; a missing right is
:class:`~django.core.exceptions.PermissionDenied`.
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail import hooks
from wagtail.log_actions import LogFormatter, log

from lms.errors import RuleError
from lms.models import Enrolment, Praxisprojekt, PraxisprojektStatus
from lms.models.projects import DESCRIPTION_MAX_LENGTH, TITLE_MAX_LENGTH
from lms.progress import can_sign_off

PROJECT_SAVED = "kokoma.praxisprojekt_saved"
PROJECT_SUBMITTED = "kokoma.praxisprojekt_submitted"
PROJECT_ACCEPTED = "kokoma.praxisprojekt_accepted"
PROJECT_RETURNED = "kokoma.praxisprojekt_returned"

COMMENT_MAX_LENGTH = 5000


class ProjectError(RuleError):
    """A Praxisprojekt action the rules do not allow."""


# --- Who may -------------------------------------------------------------------------


def can_edit(user, enrolment: Enrolment) -> bool:
    """The trainee of the enrolment, while it grants access."""
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return enrolment.user_id == user.pk and enrolment.grants_access


def can_decide(user, enrolment: Enrolment) -> bool:
    """The cohort's trainers and SPI staff (:func:`lms.progress.can_sign_off`)."""
    if user is None:
        return False
    return can_sign_off(user, enrolment)


def can_view(user, enrolment: Enrolment) -> bool:
    if user is None or not user.is_authenticated or not user.is_active:
        return False
    return enrolment.user_id == user.pk or can_decide(user, enrolment)


def project_of(enrolment: Enrolment) -> Praxisprojekt | None:
    return Praxisprojekt.objects.filter(enrolment=enrolment).select_related("decided_by").first()


# --- Actions -------------------------------------------------------------------------


def _lock(enrolment: Enrolment) -> tuple[Enrolment, Praxisprojekt | None]:
    locked = Enrolment.objects.select_for_update().select_related("cohort").get(pk=enrolment.pk)
    project = Praxisprojekt.objects.select_for_update().filter(enrolment=locked).first()
    return locked, project


def _log(enrolment, action, project, *, by, **data):
    log(
        enrolment,
        action,
        user=by if by is not None and by.is_authenticated else None,
        data={"praxisprojekt_id": project.pk, "title": project.title, **data},
    )


def _clean_text(value, *, field_label, max_length, required_message="") -> str:
    text = (value or "").replace("\r\n", "\n").strip()
    if required_message and not text:
        raise ProjectError(required_message)
    if len(text) > max_length:
        raise ProjectError(
            _("The %(field)s is too long (at most %(limit)s characters).")
            % {"field": field_label, "limit": max_length}
        )
    return text


def save_project(enrolment: Enrolment, *, by, title, description="") -> Praxisprojekt:
    """Create or change the trainee's Praxisprojekt (title and plain-text description).

    Only the trainee, only while the project is a draft or returned; it stays
    in its state (a returned project stays returned until submitted again).
    """
    if not can_edit(by, enrolment):
        raise PermissionDenied
    title = _clean_text(
        title,
        field_label=_("title"),
        max_length=TITLE_MAX_LENGTH,
        required_message=_("Please enter a title for your practice project."),
    ).replace("\n", " ")
    description = _clean_text(
        description,
        field_label=_("short description"),
        max_length=DESCRIPTION_MAX_LENGTH,
    )
    with transaction.atomic():
        enrolment, project = _lock(enrolment)
        if project is None:
            project = Praxisprojekt(enrolment=enrolment)
        elif not project.is_editable:
            raise ProjectError(
                _("Your practice project is %(status)s and can no longer be changed.")
                % {"status": project.get_status_display()}
            )
        project.title = title
        project.description = description
        project.save()
        _log(enrolment, PROJECT_SAVED, project, by=by)
    return project


def submit_project(enrolment: Enrolment, *, by) -> Praxisprojekt:
    """The trainee submits their draft (or returned) project for a decision."""
    if not can_edit(by, enrolment):
        raise PermissionDenied
    with transaction.atomic():
        enrolment, project = _lock(enrolment)
        if project is None or not project.title:
            raise ProjectError(_("Please enter a title for your practice project first."))
        if not project.is_editable:
            raise ProjectError(
                _("Your practice project is %(status)s and cannot be submitted again.")
                % {"status": project.get_status_display()}
            )
        project.status = PraxisprojektStatus.SUBMITTED
        project.submitted_at = timezone.now()
        project.decided_at = None
        project.decided_by = None
        project.save()
        _log(enrolment, PROJECT_SUBMITTED, project, by=by)
    return project


def accept_project(enrolment: Enrolment, *, by, comment="") -> Praxisprojekt:
    """A trainer of the cohort (or SPI staff) accepts the submitted project."""
    if not can_decide(by, enrolment):
        raise PermissionDenied
    comment = _clean_text(comment, field_label=_("comment"), max_length=COMMENT_MAX_LENGTH)
    with transaction.atomic():
        enrolment, project = _lock(enrolment)
        if project is None or project.status != PraxisprojektStatus.SUBMITTED:
            raise ProjectError(_("Only a submitted practice project can be accepted."))
        if not enrolment.grants_access:
            raise ProjectError(_("Only admitted participants can have their project accepted."))
        project.status = PraxisprojektStatus.ACCEPTED
        project.decided_at = timezone.now()
        project.decided_by = by
        project.decision_comment = comment
        project.save()
        _log(enrolment, PROJECT_ACCEPTED, project, by=by, comment=comment)
    return project


def return_project(enrolment: Enrolment, *, by, comment) -> Praxisprojekt:
    """Return a submitted (or accepted) project to the trainee with a comment (required)."""
    if not can_decide(by, enrolment):
        raise PermissionDenied
    comment = _clean_text(
        comment,
        field_label=_("comment"),
        max_length=COMMENT_MAX_LENGTH,
        required_message=_("Please explain in a comment why you return the project."),
    )
    with transaction.atomic():
        enrolment, project = _lock(enrolment)
        if project is None or project.status not in (
            PraxisprojektStatus.SUBMITTED,
            PraxisprojektStatus.ACCEPTED,
        ):
            raise ProjectError(_("Only a submitted or accepted practice project can be returned."))
        project.status = PraxisprojektStatus.RETURNED
        project.decided_at = timezone.now()
        project.decided_by = by
        project.decision_comment = comment
        project.save()
        _log(enrolment, PROJECT_RETURNED, project, by=by, comment=comment)
    return project


# --- Audit trail -------------------------------------------------------------------


class _ProjectFormatter(LogFormatter):
    message = ""

    def format_message(self, log_entry):
        data = log_entry.data or {}
        text = self.message % {"title": data.get("title", "")}
        comment = data.get("comment", "")
        return f"{text}: {comment}" if comment else text


class ProjectSavedFormatter(_ProjectFormatter):
    label = gettext_lazy("Practice project saved")
    message = gettext_lazy("Practice project “%(title)s” saved")


class ProjectSubmittedFormatter(_ProjectFormatter):
    label = gettext_lazy("Practice project submitted")
    message = gettext_lazy("Practice project “%(title)s” submitted")


class ProjectAcceptedFormatter(_ProjectFormatter):
    label = gettext_lazy("Practice project accepted")
    message = gettext_lazy("Practice project “%(title)s” accepted")


class ProjectReturnedFormatter(_ProjectFormatter):
    label = gettext_lazy("Practice project returned")
    message = gettext_lazy("Practice project “%(title)s” returned")


@hooks.register("register_log_actions")
def register_project_log_actions(actions):
    actions.register_action(PROJECT_SAVED)(ProjectSavedFormatter)
    actions.register_action(PROJECT_SUBMITTED)(ProjectSubmittedFormatter)
    actions.register_action(PROJECT_ACCEPTED)(ProjectAcceptedFormatter)
    actions.register_action(PROJECT_RETURNED)(ProjectReturnedFormatter)
