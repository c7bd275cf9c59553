"""The enrolment workflow: one service function per action.

Every function checks what it is asked to do, saves in one transaction,
records an :class:`~lms.models.EnrolmentEvent` (from which status to which,
who, a note) and sends the German e-mail to the person concerned. Mails are
handed to the mail backend only when the transaction commits, so a refused or
rolled-back action never sends one.

States and the allowed moves between them::

    applied    -> admitted | waitlisted | rejected | withdrawn
    waitlisted -> admitted | rejected | withdrawn
    admitted   -> completed | withdrawn

A withdrawn or rejected person may apply again (``apply_for_cohort``), which
turns the same enrolment back into ``applied``; staff may enrol anyone
directly (``enrol_directly``). Anything else raises :class:`EnrolmentError`
and changes nothing.

Capacity: every function that can fill a seat locks the cohort's row
(``SELECT ... FOR UPDATE``) before it counts the seats, so concurrent
admissions queue up behind each other and can never exceed
``Cohort.capacity`` (PostgreSQL; SQLite serialises write transactions anyway).
Locks are always taken cohort first, then enrolment, to avoid deadlocks.
"""

import logging
from dataclasses import dataclass
from datetime import timedelta
from functools import partial

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.core.validators import validate_email
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from lms.models import (
    Cohort,
    Consent,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Function,
    Invitation,
    User,
)

logger = logging.getLogger(__name__)

#: Version of the privacy notice a person agrees to when applying. Change it
#: whenever the text of the privacy notice changes: consents are stored with it.
PRIVACY_NOTICE_VERSION = "2026-11"

#: How long an invitation link can be used.
INVITATION_VALID_DAYS = 30

S = EnrolmentStatus
ALLOWED_TRANSITIONS = {
    S.APPLIED: {S.ADMITTED, S.WAITLISTED, S.REJECTED, S.WITHDRAWN},
    S.WAITLISTED: {S.ADMITTED, S.REJECTED, S.WITHDRAWN},
    S.ADMITTED: {S.COMPLETED, S.WITHDRAWN},
    S.REJECTED: set(),
    S.COMPLETED: set(),
    S.WITHDRAWN: set(),
}
#: States from which a person may apply again.
REAPPLY_STATES = {S.WITHDRAWN, S.REJECTED}


class EnrolmentError(Exception):
    """An action the workflow refuses; ``message`` is translated and shown as is.

    ``code`` tells callers what went wrong without parsing the message:
    ``closed``, ``deadline``, ``municipality``, ``function``, ``consent``,
    ``duplicate``, ``full``, ``transition``, ``forbidden``, ``invalid``,
    ``expired``, ``used``, ``email``, ``other_address``.
    """

    def __init__(self, message, code="invalid"):
        super().__init__(message)
        self.message = str(message)
        self.code = code

    def __str__(self):
        return self.message


@dataclass(frozen=True)
class DecisionOutcome:
    """What ``decide_many`` did with one enrolment."""

    enrolment: Enrolment
    changed: bool
    status: str
    message: str = ""


# --- Helpers -------------------------------------------------------------------------


def _require_staff(actor):
    if actor is None or not actor.is_authenticated or not actor.is_spi_staff:
        raise EnrolmentError(
            _("Only the SPI administration may decide on enrolments."), code="forbidden"
        )


def _lock_cohort(cohort_id) -> Cohort:
    """The cohort, re-read under a row lock held until the transaction ends."""
    return Cohort.objects.select_for_update().get(pk=cohort_id)


def _enrolments_for_update():
    # of=("self",) and no ordering: the default ordering joins the cohort and
    # user tables, and FOR UPDATE would lock their rows too.
    return Enrolment.objects.select_for_update(of=("self",)).order_by("pk")


def _lock_enrolment(enrolment: Enrolment) -> None:
    """Lock the enrolment's row and refresh the instance from it."""
    list(_enrolments_for_update().filter(pk=enrolment.pk).values_list("pk", flat=True))
    enrolment.refresh_from_db()


def _seats_taken(cohort: Cohort) -> int:
    return Enrolment.objects.filter(cohort_id=cohort.pk, status__in=S.occupying_a_seat()).count()


def _has_free_seat(cohort: Cohort) -> bool:
    return cohort.capacity is None or _seats_taken(cohort) < cohort.capacity


def _full_error(cohort: Cohort) -> EnrolmentError:
    return EnrolmentError(
        _("The cohort “%(cohort)s” is full: all %(capacity)d places are taken.")
        % {"cohort": cohort.name, "capacity": cohort.capacity},
        code="full",
    )


def _check_transition(enrolment: Enrolment, to_status: str) -> None:
    if to_status not in ALLOWED_TRANSITIONS[enrolment.status]:
        raise EnrolmentError(
            _("An enrolment with the status “%(from)s” cannot be changed to “%(to)s”.")
            % {"from": S(enrolment.status).label, "to": S(to_status).label},
            code="transition",
        )


def _record(enrolment: Enrolment, from_status: str, *, actor, note="") -> EnrolmentEvent:
    return EnrolmentEvent.objects.create(
        enrolment=enrolment,
        from_status=from_status or "",
        to_status=enrolment.status,
        actor=actor if actor is not None and actor.is_authenticated else None,
        note=note[:500],
    )


def _set_status(
    enrolment: Enrolment, to_status: str, *, actor, note="", decided=True, from_status=None
):
    """Move a (locked, checked) enrolment to ``to_status``, save it and log the event.

    ``from_status`` defaults to the enrolment's current status; "" for a new one.
    """
    if from_status is None:
        from_status = enrolment.status
    enrolment.status = to_status
    now = timezone.now()
    if to_status == S.WAITLISTED:
        enrolment.waitlisted_at = now
    if decided:
        enrolment.decided_at = now
        enrolment.decided_by = actor if actor is not None and actor.is_authenticated else None
    enrolment.save()
    _record(enrolment, from_status, actor=actor, note=note)


def site_url(path: str = "") -> str:
    """An absolute link to ``path`` on the platform, for e-mails."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def _send(message: EmailMultiAlternatives) -> None:
    # The database change is committed already; a failing mail server must not
    # turn it into an error page.
    try:
        message.send()
    except Exception:
        logger.exception("Could not send the e-mail %r to %s", message.subject, message.to)


def send_german_mail(template: str, to: str, context: dict) -> None:
    """Render ``lms/email/<template>{_subject.txt,.txt,.html}`` in German and
    send it to ``to`` once the current transaction commits."""
    with translation.override("de"):
        context = {
            "site_name": settings.WAGTAIL_SITE_NAME,
            "site_url": site_url("/"),
            "dashboard_url": site_url(reverse("dashboard")),
            "cohorts_url": site_url(reverse("cohort_list")),
            **context,
        }
        prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
        subject = " ".join(render_to_string(f"lms/email/{template}_subject.txt", context).split())
        text = render_to_string(f"lms/email/{template}.txt", context)
        html = render_to_string(f"lms/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=prefix + subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(partial(_send, message))


def _mail_enrolment(template: str, enrolment: Enrolment, **extra) -> None:
    send_german_mail(
        template,
        enrolment.user.email,
        {
            "enrolment": enrolment,
            "person": enrolment.user,
            "name": enrolment.user.get_full_name() or enrolment.user.email,
            "cohort": enrolment.cohort,
            "programme": enrolment.cohort.programme,
            **extra,
        },
    )


def _check_application_data(cohort: Cohort, municipality, function: str) -> None:
    if municipality is None:
        raise EnrolmentError(_("Please choose your municipality."), code="municipality")
    if not cohort.accepts_municipality(municipality):
        raise EnrolmentError(
            _("The cohort “%(cohort)s” does not accept applications from %(municipality)s.")
            % {"cohort": cohort.name, "municipality": municipality.name},
            code="municipality",
        )
    if function not in Function.values:
        raise EnrolmentError(_("Please choose your function."), code="function")


# --- Applying ----------------------------------------------------------------------------


def _application_refusal(cohort: Cohort, enrolment: Enrolment | None) -> EnrolmentError | None:
    if enrolment is not None and enrolment.status not in REAPPLY_STATES:
        return EnrolmentError(
            _("You already have an enrolment in “%(cohort)s” (status: %(status)s).")
            % {"cohort": cohort.name, "status": enrolment.get_status_display()},
            code="duplicate",
        )
    if not cohort.enrolment_open:
        return EnrolmentError(
            _("The cohort “%(cohort)s” is not open for applications.") % {"cohort": cohort.name},
            code="closed",
        )
    if not cohort.is_open_for_applications():
        return EnrolmentError(
            _("The application deadline for “%(cohort)s” has passed.") % {"cohort": cohort.name},
            code="deadline",
        )
    if not _has_free_seat(cohort):
        return _full_error(cohort)
    return None


def application_refusal(user, cohort: Cohort) -> EnrolmentError | None:
    """Why ``user`` cannot apply for ``cohort`` right now, or None if they can.

    The same rules ``apply_for_cohort`` enforces (window, deadline, an
    existing enrolment, free places), for showing them before the form.
    """
    enrolment = Enrolment.objects.filter(user=user, cohort=cohort).first()
    return _application_refusal(cohort, enrolment)


def apply_for_cohort(
    user,
    cohort: Cohort,
    *,
    municipality,
    function: str,
    organisation: str,
    motivation: str = "",
    consent_version: str,
) -> Enrolment:
    """A logged-in person applies for a cohort.

    Refused (``EnrolmentError``) when the cohort is not open for applications
    (closed, or its deadline has passed), the municipality is not accepted by
    the cohort, the function is unknown, the privacy notice was not agreed to,
    the person already has an enrolment that is not withdrawn or rejected, or
    all places are taken. A withdrawn or rejected enrolment is reused: the
    application replaces its data and sets it back to ``applied``.

    Stores the privacy-notice consent with ``consent_version`` and the time,
    records the event and sends the confirmation of receipt.
    """
    with transaction.atomic():
        cohort = _lock_cohort(cohort.pk)
        enrolment = _enrolments_for_update().filter(user=user, cohort=cohort).first()
        refusal = _application_refusal(cohort, enrolment)
        if refusal is not None:
            raise refusal
        _check_application_data(cohort, municipality, function)
        if not consent_version:
            raise EnrolmentError(_("Please agree to the privacy notice to apply."), code="consent")

        from_status = enrolment.status if enrolment else ""
        enrolment = enrolment or Enrolment(user=user, cohort=cohort)
        enrolment.cohort = cohort
        enrolment.status = S.APPLIED
        enrolment.municipality = municipality
        enrolment.function = function
        enrolment.organisation = organisation.strip()
        enrolment.motivation = motivation.strip()
        enrolment.waitlisted_at = None
        enrolment.decided_at = None
        enrolment.decided_by = None
        enrolment.save()
        _record(
            enrolment,
            from_status,
            actor=user,
            note=_("Applied again") if from_status else "",
        )
        Consent.objects.create(
            user=user,
            enrolment=enrolment,
            kind=Consent.Kind.PRIVACY_NOTICE,
            text_version=consent_version,
        )
        _mail_enrolment("application_received", enrolment)
    return enrolment


# --- Decisions by staff ----------------------------------------------------------------------


def admit(enrolment: Enrolment, *, actor, note: str = "") -> Enrolment:
    """Staff admit an applied or waitlisted person, if a place is free.

    Refused when the cohort is full (``code="full"``) or the enrolment is in
    another state. Sends the admission e-mail.
    """
    _require_staff(actor)
    with transaction.atomic():
        cohort = _lock_cohort(enrolment.cohort_id)
        _lock_enrolment(enrolment)
        _check_transition(enrolment, S.ADMITTED)
        if not _has_free_seat(cohort):
            raise _full_error(cohort)
        _set_status(enrolment, S.ADMITTED, actor=actor, note=note)
        _mail_enrolment("admitted", enrolment)
    return enrolment


def waitlist(enrolment: Enrolment, *, actor, note: str = "") -> Enrolment:
    """Staff put an applied person on the waiting list (ordered by the time of this step).

    Sends the waiting-list e-mail.
    """
    _require_staff(actor)
    with transaction.atomic():
        _lock_cohort(enrolment.cohort_id)
        _lock_enrolment(enrolment)
        if enrolment.status == S.WAITLISTED:
            raise EnrolmentError(
                _("%(person)s is already on the waiting list.") % {"person": enrolment.user},
                code="transition",
            )
        _check_transition(enrolment, S.WAITLISTED)
        _set_status(enrolment, S.WAITLISTED, actor=actor, note=note)
        _mail_enrolment("waitlisted", enrolment)
    return enrolment


def reject(enrolment: Enrolment, *, actor, note: str = "") -> Enrolment:
    """Staff reject an applied or waitlisted person; ``note`` is the reason.

    The reason is stored with the event and quoted in the e-mail.
    """
    _require_staff(actor)
    with transaction.atomic():
        _lock_cohort(enrolment.cohort_id)
        _lock_enrolment(enrolment)
        _check_transition(enrolment, S.REJECTED)
        _set_status(enrolment, S.REJECTED, actor=actor, note=note)
        _mail_enrolment("rejected", enrolment, note=note.strip())
    return enrolment


def complete(enrolment: Enrolment, *, actor, note: str = "") -> Enrolment:
    """Staff mark an admitted person's qualification as completed (keeps content access)."""
    _require_staff(actor)
    with transaction.atomic():
        _lock_cohort(enrolment.cohort_id)
        _lock_enrolment(enrolment)
        _check_transition(enrolment, S.COMPLETED)
        _set_status(enrolment, S.COMPLETED, actor=actor, note=note)
        _mail_enrolment("completed", enrolment)
    return enrolment


def withdraw(enrolment: Enrolment, *, actor, note: str = "") -> Enrolment:
    """The person themself or staff withdraw an application or a place.

    Withdrawing an admitted person frees a seat, which goes to the next
    person on the waiting list (:func:`offer_next_from_waitlist`, same
    transaction). Sends the confirmation to the person withdrawn.
    """
    is_self = actor is not None and actor.is_authenticated and actor.pk == enrolment.user_id
    if not is_self:
        _require_staff(actor)
    with transaction.atomic():
        cohort = _lock_cohort(enrolment.cohort_id)
        _lock_enrolment(enrolment)
        _check_transition(enrolment, S.WITHDRAWN)
        freed_a_seat = enrolment.status in S.occupying_a_seat()
        _set_status(enrolment, S.WITHDRAWN, actor=actor, note=note, decided=not is_self)
        _mail_enrolment("withdrawn", enrolment, by_staff=not is_self)
        if freed_a_seat:
            _offer_next_locked(cohort, actor=None)
    return enrolment


def offer_next_from_waitlist(cohort: Cohort, *, actor=None) -> list[Enrolment]:
    """Admit people from the waiting list, first come first served, while places are free.

    Called when a seat is freed and when staff raise the capacity. A cohort
    without a capacity admits nobody automatically (staff decide). Returns the
    people admitted; each gets the admission e-mail.
    """
    with transaction.atomic():
        locked = _lock_cohort(cohort.pk)
        return _offer_next_locked(locked, actor=actor)


def _offer_next_locked(cohort: Cohort, *, actor) -> list[Enrolment]:
    if cohort.capacity is None:
        return []
    free = cohort.capacity - _seats_taken(cohort)
    if free <= 0:
        return []
    admitted = []
    waiting = (
        Enrolment.objects.filter(cohort_id=cohort.pk)
        .waiting_in_order()
        .select_for_update(of=("self",))
        .select_related("user")[:free]
    )
    for enrolment in list(waiting):
        enrolment.cohort = cohort
        _set_status(
            enrolment,
            S.ADMITTED,
            actor=actor,
            note=_("Moved up from the waiting list: a place became free."),
        )
        _mail_enrolment("admitted", enrolment, from_waitlist=True)
        admitted.append(enrolment)
    return admitted


# Bulk decisions: the target state and the function that makes it.
DECISIONS = {
    S.ADMITTED: admit,
    S.WAITLISTED: waitlist,
    S.REJECTED: reject,
    S.COMPLETED: complete,
    S.WITHDRAWN: withdraw,
}


def _bulk_order(enrolment: Enrolment):
    # Admit the waiting list first (in its order), then applications by age.
    if enrolment.status == S.WAITLISTED:
        return (0, enrolment.waitlisted_at or enrolment.created_at, enrolment.pk)
    return (1, enrolment.created_at, enrolment.pk)


def decide_many(enrolments, decision: str, *, actor, note: str = "") -> list[DecisionOutcome]:
    """Staff take one decision for several enrolments; returns one outcome each.

    Each enrolment is decided in its own transaction, so a refusal (e.g. a
    wrong state) leaves the others decided. For ``admitted``, the waiting
    list goes first (in its order), then applications from the oldest; once
    the cohort is full, the remaining applications are put on the waiting
    list instead (with the waiting-list e-mail) and the remaining waitlisted
    people stay there — the outcome says so for each of them.
    """
    _require_staff(actor)
    if decision not in DECISIONS:
        raise EnrolmentError(_("Unknown decision."), code="invalid")
    action = DECISIONS[decision]
    enrolments = list(enrolments)
    if decision == S.ADMITTED:
        enrolments.sort(key=_bulk_order)
    outcomes = []
    for enrolment in enrolments:
        try:
            action(enrolment, actor=actor, note=note)
        except EnrolmentError as error:
            if error.code == "full" and enrolment.status == S.APPLIED:
                waitlist(
                    enrolment,
                    actor=actor,
                    note=_("The cohort was full when admitting several people."),
                )
                outcomes.append(
                    DecisionOutcome(
                        enrolment,
                        True,
                        S.WAITLISTED,
                        _("%(person)s: the cohort is full, put on the waiting list.")
                        % {"person": enrolment.user},
                    )
                )
            elif error.code == "full":
                outcomes.append(
                    DecisionOutcome(
                        enrolment,
                        False,
                        enrolment.status,
                        _("%(person)s: the cohort is full, stays on the waiting list.")
                        % {"person": enrolment.user},
                    )
                )
            else:
                outcomes.append(
                    DecisionOutcome(
                        enrolment,
                        False,
                        enrolment.status,
                        f"{enrolment.user}: {error.message}",
                    )
                )
        else:
            outcomes.append(DecisionOutcome(enrolment, True, enrolment.status))
    return outcomes


def enrol_directly(
    user,
    cohort: Cohort,
    *,
    actor,
    municipality=None,
    function: str = "",
    organisation: str = "",
    note: str = "",
) -> Enrolment:
    """Staff enrol an existing account directly (admitted, no application).

    Works regardless of the application window; an earlier application,
    waiting-list place, withdrawal or rejection of the same person is turned
    into the admission. Refused when the person is already admitted or
    completed, the cohort is full, or the municipality is not accepted.
    """
    _require_staff(actor)
    with transaction.atomic():
        cohort = _lock_cohort(cohort.pk)
        enrolment = _enrolments_for_update().filter(user=user, cohort=cohort).first()
        if enrolment is not None and enrolment.status in S.occupying_a_seat():
            raise EnrolmentError(
                _("%(person)s is already enrolled in “%(cohort)s” (status: %(status)s).")
                % {
                    "person": user,
                    "cohort": cohort.name,
                    "status": enrolment.get_status_display(),
                },
                code="duplicate",
            )
        if municipality is not None and not cohort.accepts_municipality(municipality):
            raise EnrolmentError(
                _("The cohort “%(cohort)s” does not accept participants from %(municipality)s.")
                % {"cohort": cohort.name, "municipality": municipality.name},
                code="municipality",
            )
        if function and function not in Function.values:
            raise EnrolmentError(_("Please choose a valid function."), code="function")
        if not _has_free_seat(cohort):
            raise _full_error(cohort)
        from_status = enrolment.status if enrolment else ""
        enrolment = enrolment or Enrolment(user=user, cohort=cohort)
        enrolment.cohort = cohort
        if municipality is not None:
            enrolment.municipality = municipality
        if function:
            enrolment.function = function
        if organisation:
            enrolment.organisation = organisation.strip()
        _set_status(
            enrolment,
            S.ADMITTED,
            actor=actor,
            note=note or _("Enrolled directly by the SPI administration."),
            from_status=from_status,
        )
        _mail_enrolment("admitted", enrolment, direct=True)
    return enrolment


# --- Invitations -----------------------------------------------------------------------------


def invite(
    email: str,
    cohort: Cohort,
    *,
    actor,
    municipality=None,
    function: str = "",
    organisation: str = "",
) -> Invitation:
    """Staff invite someone by e-mail; the link lets them sign up and join the cohort.

    The invitation carries an unguessable token and expires after
    ``INVITATION_VALID_DAYS``. Refused when the address is invalid, the
    person is already enrolled, or the municipality is not accepted.
    """
    _require_staff(actor)
    email = (email or "").strip().lower()
    try:
        validate_email(email)
    except ValidationError as error:
        raise EnrolmentError(_("Please enter a valid e-mail address."), code="email") from error
    if municipality is not None and not cohort.accepts_municipality(municipality):
        raise EnrolmentError(
            _("The cohort “%(cohort)s” does not accept participants from %(municipality)s.")
            % {"cohort": cohort.name, "municipality": municipality.name},
            code="municipality",
        )
    if function and function not in Function.values:
        raise EnrolmentError(_("Please choose a valid function."), code="function")
    if Enrolment.objects.filter(
        cohort=cohort, user__email__iexact=email, status__in=S.occupying_a_seat()
    ).exists():
        raise EnrolmentError(
            _("%(email)s is already enrolled in “%(cohort)s”.")
            % {"email": email, "cohort": cohort.name},
            code="duplicate",
        )
    with transaction.atomic():
        invitation = Invitation.objects.create(
            email=email,
            cohort=cohort,
            municipality=municipality,
            function=function or "",
            organisation=(organisation or "").strip(),
            invited_by=actor,
            expires_at=timezone.now() + timedelta(days=INVITATION_VALID_DAYS),
        )
        send_german_mail(
            "invitation",
            email,
            {
                "invitation": invitation,
                "cohort": cohort,
                "programme": cohort.programme,
                "invited_by": actor,
                "accept_url": site_url(reverse("invitation_accept", args=[invitation.token])),
                "has_account": User.objects.filter(email__iexact=email).exists(),
            },
        )
    return invitation


def check_invitation_recipient(invitation: Invitation, user) -> None:
    """Refuse unless ``user`` owns the invited address (:meth:`Invitation.is_addressed_to`)."""
    if not invitation.is_addressed_to(user):
        raise EnrolmentError(
            _(
                "This invitation was sent to %(invited)s, but you are logged in as "
                "%(current)s. Please log out and log in or sign up with %(invited)s to "
                "accept it."
            )
            % {"invited": invitation.email, "current": user.email},
            code="other_address",
        )


def accept_invitation(
    token: str,
    user,
    *,
    municipality=None,
    function: str = "",
    organisation: str = "",
    consent_version: str = "",
) -> Enrolment:
    """A logged-in person accepts an invitation and is enrolled in its cohort.

    Given values override the ones staff put into the invitation. The person
    is admitted if a place is free, otherwise put on the waiting list (staff
    invited them, so the invitation is not lost). A consent to the privacy
    notice is stored when ``consent_version`` is given. Refused when the
    token is unknown, expired or already used by someone else, and when the
    invitation was sent to an address that is not the person's. Accepting
    twice, or when already enrolled, returns the existing enrolment.
    """
    with transaction.atomic():
        invitation = Invitation.objects.select_for_update().filter(token=token).first()
        if invitation is None:
            raise EnrolmentError(_("This invitation link is not valid."), code="invalid")
        if invitation.accepted_at is not None:
            if invitation.accepted_by_id == user.pk:
                existing = Enrolment.objects.filter(user=user, cohort=invitation.cohort).first()
                if existing is not None:
                    return existing
            raise EnrolmentError(_("This invitation has already been used."), code="used")
        if not invitation.is_usable():
            raise EnrolmentError(
                _("This invitation has expired. Please ask the SPI administration for a new one."),
                code="expired",
            )
        check_invitation_recipient(invitation, user)
        cohort = _lock_cohort(invitation.cohort_id)
        municipality = municipality or invitation.municipality
        function = function or invitation.function
        organisation = (organisation or invitation.organisation).strip()
        if municipality is not None and not cohort.accepts_municipality(municipality):
            raise EnrolmentError(
                _("The cohort “%(cohort)s” does not accept participants from %(municipality)s.")
                % {"cohort": cohort.name, "municipality": municipality.name},
                code="municipality",
            )
        enrolment = _enrolments_for_update().filter(user=user, cohort=cohort).first()
        invitation.accepted_at = timezone.now()
        invitation.accepted_by = user
        invitation.save(update_fields=["accepted_at", "accepted_by"])
        if enrolment is not None and enrolment.status in S.occupying_a_seat():
            return enrolment

        from_status = enrolment.status if enrolment else ""
        enrolment = enrolment or Enrolment(user=user, cohort=cohort)
        enrolment.cohort = cohort
        enrolment.municipality = municipality or enrolment.municipality
        enrolment.function = function or enrolment.function
        enrolment.organisation = organisation or enrolment.organisation
        to_status = S.ADMITTED if _has_free_seat(cohort) else S.WAITLISTED
        if from_status == to_status == S.WAITLISTED:
            enrolment.save()  # keeps its place in the queue
        else:
            _set_status(
                enrolment,
                to_status,
                actor=user,
                note=_("Invitation accepted."),
                from_status=from_status,
            )
            # The decision was taken by whoever sent the invitation.
            enrolment.decided_by = invitation.invited_by
            enrolment.save(update_fields=["decided_by"])
        if consent_version:
            Consent.objects.create(
                user=user,
                enrolment=enrolment,
                kind=Consent.Kind.PRIVACY_NOTICE,
                text_version=consent_version,
            )
        if to_status == S.ADMITTED:
            _mail_enrolment("admitted", enrolment, via_invitation=True)
        else:
            _mail_enrolment("waitlisted", enrolment, via_invitation=True)
    return enrolment
