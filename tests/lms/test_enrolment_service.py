"""The enrolment workflow in lms/enrolment.py: every transition and every refusal."""

import datetime

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.db import transaction
from django.utils import timezone

from lms import enrolment as service
from lms.enrolment import EnrolmentError
from lms.models import Consent, Enrolment, EnrolmentEvent, EnrolmentStatus, Function, Invitation
from tests import factories
from tests.lms.enrolment_factories import (
    ApplicationFactory,
    MunicipalityFactory,
    open_cohort,
    person,
)

# The refusals and event notes are asserted in German, as the site raises them.
pytestmark = [pytest.mark.django_db, pytest.mark.language("de")]

S = EnrolmentStatus


@pytest.fixture
def run(django_capture_on_commit_callbacks):
    """Call a service function and run its on-commit callbacks (the mails)."""

    def _run(action, /, *args, **kwargs):
        with django_capture_on_commit_callbacks(execute=True):
            return action(*args, **kwargs)

    return _run


@pytest.fixture
def municipality(db):
    return MunicipalityFactory(name="Erfurt")


@pytest.fixture
def cohort(programme):
    return open_cohort(programme, name="Durchgang Thüringen 2026", capacity=2)


@pytest.fixture
def applicant(db):
    return person(first_name="Erika", last_name="Muster", email="erika@example.org")


def apply(run, user, cohort, municipality, **kwargs):
    kwargs.setdefault("function", Function.ADMINISTRATION)
    kwargs.setdefault("organisation", "Stadtverwaltung Erfurt")
    kwargs.setdefault("consent_version", service.PRIVACY_NOTICE_VERSION)
    return run(service.apply_for_cohort, user, cohort, municipality=municipality, **kwargs)


def events(enrolment):
    return [
        (event.from_status, event.to_status, event.actor_id, event.note)
        for event in EnrolmentEvent.objects.filter(enrolment=enrolment)
    ]


# --- Applying -------------------------------------------------------------------------------------


def test_apply_creates_application_with_event_consent_and_mail(
    run, cohort, applicant, municipality
):
    before = timezone.now()
    enrolment = apply(run, applicant, cohort, municipality, motivation="Konflikte im Ort")

    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED
    assert enrolment.municipality == municipality
    assert enrolment.function == Function.ADMINISTRATION
    assert enrolment.organisation == "Stadtverwaltung Erfurt"
    assert enrolment.motivation == "Konflikte im Ort"
    assert events(enrolment) == [("", S.APPLIED, applicant.pk, "")]
    consent = Consent.objects.get(enrolment=enrolment)
    assert consent.user == applicant
    assert consent.kind == Consent.Kind.PRIVACY_NOTICE
    assert consent.text_version == "2026-11"
    assert before <= consent.given_at <= timezone.now()
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["erika@example.org"]
    assert message.subject == (
        "[KoKoMa] Ihre Bewerbung für „Durchgang Thüringen 2026“ ist eingegangen"
    )
    assert message.body.startswith("Guten Tag Erika Muster,\n")
    assert "vielen Dank für Ihre Bewerbung für den Durchgang „Durchgang Thüringen 2026“" in (
        message.body
    )
    assert "http://testserver/durchgaenge/" in message.body
    html, mimetype = message.alternatives[0]
    assert mimetype == "text/html"
    assert "Guten Tag Erika Muster," in html
    assert '<html lang="de">' in html


def test_apply_closed_cohort_is_refused(run, cohort, applicant, municipality):
    cohort.enrolment_open = False
    cohort.save()
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality)
    assert error.value.code == "closed"
    assert error.value.message == (
        "Der Durchgang „Durchgang Thüringen 2026“ nimmt keine Bewerbungen an."
    )
    assert Enrolment.objects.count() == 0
    assert Consent.objects.count() == 0
    assert mail.outbox == []


def test_apply_after_deadline_is_refused(run, cohort, applicant, municipality):
    cohort.enrolment_deadline = timezone.localdate() - datetime.timedelta(days=1)
    cohort.save()
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality)
    assert error.value.code == "deadline"
    assert error.value.message == (
        "Die Bewerbungsfrist für „Durchgang Thüringen 2026“ ist abgelaufen."
    )
    assert Enrolment.objects.count() == 0


def test_apply_on_deadline_day_is_accepted(run, cohort, applicant, municipality):
    cohort.enrolment_deadline = timezone.localdate()
    cohort.save()
    assert apply(run, applicant, cohort, municipality).status == S.APPLIED


def test_apply_municipality_not_accepted_is_refused(run, cohort, applicant, municipality):
    cohort.municipalities.add(MunicipalityFactory(name="Bamberg"))
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality)
    assert error.value.code == "municipality"
    assert error.value.message == (
        "Der Durchgang „Durchgang Thüringen 2026“ nimmt keine Bewerbungen aus Erfurt an."
    )
    assert Enrolment.objects.count() == 0


def test_apply_municipality_of_limited_cohort_is_accepted(run, cohort, applicant, municipality):
    cohort.municipalities.add(municipality)
    assert apply(run, applicant, cohort, municipality).municipality == municipality


def test_apply_unknown_function_is_refused(run, cohort, applicant, municipality):
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality, function="mayor")
    assert error.value.code == "function"
    assert Enrolment.objects.count() == 0


def test_apply_without_consent_is_refused(run, cohort, applicant, municipality):
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality, consent_version="")
    assert error.value.code == "consent"
    assert Enrolment.objects.count() == 0


def test_apply_full_cohort_is_refused(run, cohort, applicant, municipality):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality)
    assert error.value.code == "full"
    assert error.value.message == (
        "Der Durchgang „Durchgang Thüringen 2026“ ist ausgebucht: alle 2 Plätze sind vergeben."
    )
    assert Enrolment.objects.filter(user=applicant).count() == 0
    assert mail.outbox == []


@pytest.mark.parametrize("status", [S.APPLIED, S.WAITLISTED, S.ADMITTED, S.COMPLETED])
def test_apply_twice_is_refused(run, cohort, applicant, municipality, status):
    existing = ApplicationFactory(user=applicant, cohort=cohort, status=status)
    with pytest.raises(EnrolmentError) as error:
        apply(run, applicant, cohort, municipality)
    assert error.value.code == "duplicate"
    assert error.value.message.startswith(
        "Sie haben bereits eine Anmeldung für „Durchgang Thüringen 2026“ (Status: "
    )
    existing.refresh_from_db()
    assert existing.status == status
    assert Enrolment.objects.filter(user=applicant).count() == 1


@pytest.mark.parametrize("status", [S.WITHDRAWN, S.REJECTED])
def test_apply_again_after_withdrawal_or_rejection_reuses_enrolment(
    run, cohort, applicant, municipality, status
):
    old = ApplicationFactory(user=applicant, cohort=cohort, status=status, motivation="alt")
    enrolment = apply(run, applicant, cohort, municipality, motivation="neu")
    assert enrolment.pk == old.pk
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED
    assert enrolment.motivation == "neu"
    assert enrolment.decided_by is None
    assert events(enrolment) == [(status, S.APPLIED, applicant.pk, "Erneut beworben")]


# --- Decisions ------------------------------------------------------------------------------------


@pytest.mark.parametrize("from_status", [S.APPLIED, S.WAITLISTED])
def test_admit_records_event_and_mails_german(run, cohort, staff, from_status):
    enrolment = ApplicationFactory(
        cohort=cohort,
        status=from_status,
        user=person(first_name="Jonas", last_name="Beispiel", email="jonas@example.org"),
    )
    run(service.admit, enrolment, actor=staff)

    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED
    assert enrolment.decided_by == staff
    assert enrolment.decided_at is not None
    assert events(enrolment) == [(from_status, S.ADMITTED, staff.pk, "")]
    assert [m.to for m in mail.outbox] == [["jonas@example.org"]]
    message = mail.outbox[0]
    assert message.subject == "[KoKoMa] Sie sind für „Durchgang Thüringen 2026“ zugelassen"
    assert message.body.startswith("Guten Tag Jonas Beispiel,\n")
    assert "wir freuen uns, Ihnen mitteilen zu können, dass Sie für den Durchgang" in message.body
    assert "http://testserver/lernweg/" in message.body


def test_admit_full_cohort_is_refused(run, cohort, staff):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    enrolment = ApplicationFactory(cohort=cohort)
    with pytest.raises(EnrolmentError) as error:
        run(service.admit, enrolment, actor=staff)
    assert error.value.code == "full"
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED
    assert EnrolmentEvent.objects.count() == 0
    assert mail.outbox == []


def test_admit_counts_completed_as_seats(run, cohort, staff):
    ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    ApplicationFactory(cohort=cohort, status=S.COMPLETED)
    with pytest.raises(EnrolmentError):
        run(service.admit, ApplicationFactory(cohort=cohort), actor=staff)


def test_admit_without_capacity_has_no_limit(run, programme, staff):
    cohort = open_cohort(programme, capacity=None)
    ApplicationFactory.create_batch(3, cohort=cohort, status=S.ADMITTED)
    enrolment = run(service.admit, ApplicationFactory(cohort=cohort), actor=staff)
    assert enrolment.status == S.ADMITTED


def test_waitlist_sets_time_and_mails(run, cohort, staff):
    enrolment = ApplicationFactory(cohort=cohort, user=person(first_name="A", last_name="B"))
    run(service.waitlist, enrolment, actor=staff)
    enrolment.refresh_from_db()
    assert enrolment.status == S.WAITLISTED
    assert enrolment.waitlisted_at is not None
    assert events(enrolment) == [(S.APPLIED, S.WAITLISTED, staff.pk, "")]
    assert mail.outbox[0].subject == (
        "[KoKoMa] Sie stehen auf der Warteliste für „Durchgang Thüringen 2026“"
    )
    assert "rücken Sie automatisch nach" in mail.outbox[0].body


def test_waitlist_twice_is_refused(run, cohort, staff):
    enrolment = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    with pytest.raises(EnrolmentError) as error:
        run(service.waitlist, enrolment, actor=staff)
    assert error.value.code == "transition"
    assert mail.outbox == []


@pytest.mark.parametrize("from_status", [S.APPLIED, S.WAITLISTED])
def test_reject_stores_note_and_quotes_it_in_mail(run, cohort, staff, from_status):
    enrolment = ApplicationFactory(cohort=cohort, status=from_status)
    run(service.reject, enrolment, actor=staff, note="Die Kommune nimmt nicht teil.")
    enrolment.refresh_from_db()
    assert enrolment.status == S.REJECTED
    assert events(enrolment) == [
        (from_status, S.REJECTED, staff.pk, "Die Kommune nimmt nicht teil.")
    ]
    message = mail.outbox[0]
    assert message.to == [enrolment.user.email]
    assert message.subject == "[KoKoMa] Ihre Bewerbung für „Durchgang Thüringen 2026“"
    assert "Leider können wir Ihnen keinen Platz im Durchgang" in message.body
    assert "Begründung: Die Kommune nimmt nicht teil." in message.body


def test_complete_admitted(run, cohort, staff):
    enrolment = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    run(service.complete, enrolment, actor=staff)
    enrolment.refresh_from_db()
    assert enrolment.status == S.COMPLETED
    assert events(enrolment) == [(S.ADMITTED, S.COMPLETED, staff.pk, "")]
    assert mail.outbox[0].subject == ("[KoKoMa] Sie haben „Durchgang Thüringen 2026“ abgeschlossen")


ALL_STATES = list(S)
ACTIONS = {
    S.ADMITTED: service.admit,
    S.WAITLISTED: service.waitlist,
    S.REJECTED: service.reject,
    S.COMPLETED: service.complete,
    S.WITHDRAWN: service.withdraw,
}
FORBIDDEN = [
    (from_status, to_status)
    for from_status in ALL_STATES
    for to_status in ACTIONS
    if to_status not in service.ALLOWED_TRANSITIONS[from_status]
]


@pytest.mark.parametrize(("from_status", "to_status"), FORBIDDEN)
def test_forbidden_transition_changes_nothing(run, cohort, staff, from_status, to_status):
    enrolment = ApplicationFactory(cohort=cohort, status=from_status)
    with pytest.raises(EnrolmentError) as error:
        run(ACTIONS[to_status], enrolment, actor=staff)
    assert error.value.code == "transition"
    enrolment.refresh_from_db()
    assert enrolment.status == from_status
    assert enrolment.decided_by is None
    assert EnrolmentEvent.objects.count() == 0
    assert mail.outbox == []


def test_forbidden_transition_message_is_german(run, cohort, staff):
    enrolment = ApplicationFactory(cohort=cohort, status=S.REJECTED)
    with pytest.raises(EnrolmentError) as error:
        run(service.admit, enrolment, actor=staff)
    assert error.value.message == (
        "Eine Anmeldung mit dem Status „Abgelehnt“ kann nicht in „Zugelassen“ geändert werden."
    )


@pytest.mark.parametrize("action", [service.admit, service.waitlist, service.reject])
def test_decisions_by_trainee_or_trainer_are_refused(run, cohort, trainer, action):
    enrolment = ApplicationFactory(cohort=cohort)
    for actor in (trainer, enrolment.user, None):
        with pytest.raises(EnrolmentError) as error:
            run(action, enrolment, actor=actor)
        assert error.value.code == "forbidden"
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


def test_no_mail_when_the_transaction_rolls_back(django_capture_on_commit_callbacks, cohort, staff):
    enrolment = ApplicationFactory(cohort=cohort)
    with (
        django_capture_on_commit_callbacks(execute=True) as callbacks,
        pytest.raises(RuntimeError),
        transaction.atomic(),
    ):
        service.admit(enrolment, actor=staff)
        raise RuntimeError("later step failed")
    assert callbacks == []
    assert mail.outbox == []
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


# --- Withdrawing and the waiting list -------------------------------------------------------------


def test_withdraw_by_trainee_frees_seat_for_first_on_waiting_list(run, cohort):
    leaving = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    now = timezone.now()
    second = ApplicationFactory(
        cohort=cohort,
        status=S.WAITLISTED,
        waitlisted_at=now - datetime.timedelta(hours=1),
        user=person(email="zweite@example.org"),
    )
    first = ApplicationFactory(
        cohort=cohort,
        status=S.WAITLISTED,
        waitlisted_at=now - datetime.timedelta(days=2),
        user=person(email="erste@example.org"),
    )

    run(service.withdraw, leaving, actor=leaving.user)

    leaving.refresh_from_db()
    first.refresh_from_db()
    second.refresh_from_db()
    assert leaving.status == S.WITHDRAWN
    assert leaving.decided_by is None  # the person's own step, not a decision
    assert events(leaving) == [(S.ADMITTED, S.WITHDRAWN, leaving.user.pk, "")]
    assert first.status == S.ADMITTED
    assert second.status == S.WAITLISTED
    assert events(first) == [
        (
            S.WAITLISTED,
            S.ADMITTED,
            None,
            "Von der Warteliste nachgerückt: Ein Platz ist frei geworden.",
        )
    ]
    assert [m.to for m in mail.outbox] == [[leaving.user.email], ["erste@example.org"]]
    assert mail.outbox[0].subject == (
        "[KoKoMa] Ihre Anmeldung für „Durchgang Thüringen 2026“ wurde zurückgezogen"
    )
    assert "wie gewünscht wurde Ihre Anmeldung" in mail.outbox[0].body
    assert mail.outbox[1].subject == "[KoKoMa] Sie sind für „Durchgang Thüringen 2026“ zugelassen"
    assert "Sie sind von der Warteliste nachgerückt" in mail.outbox[1].body


@pytest.mark.parametrize("from_status", [S.APPLIED, S.WAITLISTED])
def test_withdraw_application_frees_no_seat(run, cohort, from_status):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    waiting = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    enrolment = ApplicationFactory(cohort=cohort, status=from_status)
    run(service.withdraw, enrolment, actor=enrolment.user)
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED
    assert len(mail.outbox) == 1


def test_withdraw_by_staff_says_so_in_mail(run, cohort, staff):
    enrolment = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    run(service.withdraw, enrolment, actor=staff, note="Auf Wunsch der Kommune")
    assert events(enrolment) == [(S.ADMITTED, S.WITHDRAWN, staff.pk, "Auf Wunsch der Kommune")]
    assert "die SPI-Verwaltung hat Ihre Anmeldung" in mail.outbox[0].body


def test_withdraw_someone_elses_enrolment_is_refused(run, cohort):
    enrolment = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    other = person()
    with pytest.raises(EnrolmentError) as error:
        run(service.withdraw, enrolment, actor=other)
    assert error.value.code == "forbidden"
    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED


def test_offer_next_without_capacity_admits_nobody(run, programme):
    cohort = open_cohort(programme, capacity=None)
    waiting = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    assert run(service.offer_next_from_waitlist, cohort) == []
    waiting.refresh_from_db()
    assert waiting.status == S.WAITLISTED


def test_offer_next_fills_every_free_seat_in_order(run, cohort, staff):
    now = timezone.now()
    late = ApplicationFactory(cohort=cohort, status=S.WAITLISTED, waitlisted_at=now)
    early = ApplicationFactory(
        cohort=cohort, status=S.WAITLISTED, waitlisted_at=now - datetime.timedelta(days=1)
    )
    last = ApplicationFactory(
        cohort=cohort, status=S.WAITLISTED, waitlisted_at=now + datetime.timedelta(days=1)
    )
    admitted = run(service.offer_next_from_waitlist, cohort, actor=staff)
    assert [e.pk for e in admitted] == [early.pk, late.pk]
    last.refresh_from_db()
    assert last.status == S.WAITLISTED
    assert len(mail.outbox) == 2


# --- Bulk decisions -------------------------------------------------------------------------------


def test_decide_many_admit_respects_capacity_and_waitlists_the_rest(run, cohort, staff):
    now = timezone.now()
    old_waiting = ApplicationFactory(
        cohort=cohort, status=S.WAITLISTED, waitlisted_at=now - datetime.timedelta(days=3)
    )
    applications = [ApplicationFactory(cohort=cohort) for _ in range(3)]
    outcomes = run(service.decide_many, [*applications, old_waiting], S.ADMITTED, actor=staff)

    by_pk = {outcome.enrolment.pk: outcome for outcome in outcomes}
    assert by_pk[old_waiting.pk].status == S.ADMITTED
    assert by_pk[applications[0].pk].status == S.ADMITTED
    assert by_pk[applications[1].pk].status == S.WAITLISTED
    assert by_pk[applications[1].pk].changed is True
    assert by_pk[applications[1].pk].message.endswith(
        ": der Durchgang ist ausgebucht, auf die Warteliste gesetzt."
    )
    assert by_pk[applications[2].pk].status == S.WAITLISTED
    assert Enrolment.objects.filter(cohort=cohort, status=S.ADMITTED).count() == 2
    assert Enrolment.objects.filter(cohort=cohort, status=S.WAITLISTED).count() == 2
    subjects = sorted(m.subject for m in mail.outbox)
    assert subjects.count("[KoKoMa] Sie sind für „Durchgang Thüringen 2026“ zugelassen") == 2
    assert (
        subjects.count("[KoKoMa] Sie stehen auf der Warteliste für „Durchgang Thüringen 2026“") == 2
    )


def test_decide_many_reports_refusals_and_decides_the_rest(run, cohort, staff):
    applied = ApplicationFactory(cohort=cohort)
    rejected = ApplicationFactory(cohort=cohort, status=S.REJECTED)
    outcomes = run(service.decide_many, [applied, rejected], S.REJECTED, actor=staff, note="x")
    assert [(o.enrolment.pk, o.changed, o.status) for o in outcomes] == [
        (applied.pk, True, S.REJECTED),
        (rejected.pk, False, S.REJECTED),
    ]
    assert "kann nicht in „Abgelehnt“ geändert werden" in outcomes[1].message


def test_decide_many_waitlisted_stay_when_full(run, cohort, staff):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    waiting = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    [outcome] = run(service.decide_many, [waiting], S.ADMITTED, actor=staff)
    assert outcome.changed is False
    assert outcome.status == S.WAITLISTED
    assert outcome.message.endswith(": der Durchgang ist ausgebucht, bleibt auf der Warteliste.")


def test_decide_many_by_trainee_is_refused(run, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    with pytest.raises(EnrolmentError):
        run(service.decide_many, [enrolment], S.ADMITTED, actor=enrolment.user)


# --- Enrolling directly ---------------------------------------------------------------------------


def test_enrol_directly_creates_admitted_enrolment(run, cohort, staff, municipality):
    user = person(email="direkt@example.org")
    enrolment = run(
        service.enrol_directly,
        user,
        cohort,
        actor=staff,
        municipality=municipality,
        function=Function.POLITICS,
        organisation="Stadtrat",
    )
    enrolment.refresh_from_db()
    assert enrolment.status == S.ADMITTED
    assert enrolment.decided_by == staff
    assert enrolment.function == Function.POLITICS
    assert events(enrolment) == [
        ("", S.ADMITTED, staff.pk, "Direkt durch die SPI-Verwaltung angemeldet.")
    ]
    assert mail.outbox[0].to == ["direkt@example.org"]
    assert "die SPI-Verwaltung hat Sie für den Durchgang" in mail.outbox[0].body


def test_enrol_directly_ignores_closed_window_and_reuses_withdrawn(run, cohort, staff):
    cohort.enrolment_open = False
    cohort.save()
    old = ApplicationFactory(cohort=cohort, status=S.WITHDRAWN)
    enrolment = run(service.enrol_directly, old.user, cohort, actor=staff)
    assert enrolment.pk == old.pk
    assert events(enrolment)[0][:2] == (S.WITHDRAWN, S.ADMITTED)


def test_enrol_directly_already_admitted_is_refused(run, cohort, staff):
    existing = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    with pytest.raises(EnrolmentError) as error:
        run(service.enrol_directly, existing.user, cohort, actor=staff)
    assert error.value.code == "duplicate"
    assert mail.outbox == []


def test_enrol_directly_full_cohort_is_refused(run, cohort, staff):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    with pytest.raises(EnrolmentError) as error:
        run(service.enrol_directly, person(), cohort, actor=staff)
    assert error.value.code == "full"
    assert Enrolment.objects.count() == 2


def test_enrol_directly_by_trainer_is_refused(run, cohort, trainer):
    with pytest.raises(EnrolmentError) as error:
        run(service.enrol_directly, person(), cohort, actor=trainer)
    assert error.value.code == "forbidden"


# --- Invitations ----------------------------------------------------------------------------------


def test_invite_creates_unguessable_token_and_mails_link(run, cohort, staff, municipality):
    invitation = run(
        service.invite,
        " Neu@Example.org ",
        cohort,
        actor=staff,
        municipality=municipality,
        function=Function.CIVIL_SOCIETY,
    )
    assert invitation.email == "neu@example.org"
    assert len(invitation.token) >= 40
    assert invitation.invited_by == staff
    expected_expiry = timezone.now() + datetime.timedelta(days=30)
    assert abs((invitation.expires_at - expected_expiry).total_seconds()) < 60
    message = mail.outbox[0]
    assert message.to == ["neu@example.org"]
    assert message.subject == "[KoKoMa] Einladung zum Durchgang „Durchgang Thüringen 2026“"
    assert message.body.startswith("Guten Tag,\n")
    assert f"http://testserver/einladung/{invitation.token}/" in message.body
    assert "ein Konto mit dieser E-Mail-Adresse an" in message.body


def test_invite_invalid_email_is_refused(run, cohort, staff):
    with pytest.raises(EnrolmentError) as error:
        run(service.invite, "keine-adresse", cohort, actor=staff)
    assert error.value.code == "email"
    assert Invitation.objects.count() == 0
    assert mail.outbox == []


def test_invite_already_enrolled_is_refused(run, cohort, staff):
    existing = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    with pytest.raises(EnrolmentError) as error:
        run(service.invite, existing.user.email.upper(), cohort, actor=staff)
    assert error.value.code == "duplicate"


def test_invite_by_trainee_is_refused(run, cohort):
    with pytest.raises(EnrolmentError):
        run(service.invite, "x@example.org", cohort, actor=person())


def make_invitation(cohort, staff, **kwargs):
    kwargs.setdefault("email", "neu@example.org")
    kwargs.setdefault("expires_at", timezone.now() + datetime.timedelta(days=30))
    return Invitation.objects.create(cohort=cohort, invited_by=staff, **kwargs)


def test_accept_invitation_admits_stores_consent_and_marks_used(run, cohort, staff, municipality):
    invitation = make_invitation(
        cohort, staff, municipality=municipality, function=Function.POLITICS
    )
    user = person(email="neu@example.org")
    enrolment = run(
        service.accept_invitation,
        invitation.token,
        user,
        consent_version=service.PRIVACY_NOTICE_VERSION,
    )
    enrolment.refresh_from_db()
    invitation.refresh_from_db()
    assert enrolment.status == S.ADMITTED
    assert enrolment.municipality == municipality
    assert enrolment.function == Function.POLITICS
    assert enrolment.decided_by == staff
    assert events(enrolment) == [("", S.ADMITTED, user.pk, "Einladung angenommen.")]
    assert invitation.accepted_by == user
    assert invitation.accepted_at is not None
    assert Consent.objects.get(enrolment=enrolment).text_version == "2026-11"
    assert "vielen Dank, dass Sie die Einladung angenommen haben" in mail.outbox[0].body


def test_accept_invitation_full_cohort_puts_on_waiting_list(run, cohort, staff):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    invitation = make_invitation(cohort, staff)
    enrolment = run(service.accept_invitation, invitation.token, person(email="neu@example.org"))
    assert enrolment.status == S.WAITLISTED
    assert enrolment.waitlisted_at is not None


def test_accept_expired_invitation_is_refused(run, cohort, staff):
    invitation = make_invitation(
        cohort, staff, expires_at=timezone.now() - datetime.timedelta(minutes=1)
    )
    with pytest.raises(EnrolmentError) as error:
        run(service.accept_invitation, invitation.token, person())
    assert error.value.code == "expired"
    assert error.value.message == (
        "Diese Einladung ist abgelaufen. Bitte bitten Sie die SPI-Verwaltung um eine neue."
    )
    assert Enrolment.objects.count() == 0


def test_accept_used_invitation_by_someone_else_is_refused(run, cohort, staff):
    invitation = make_invitation(cohort, staff)
    run(service.accept_invitation, invitation.token, person(email="neu@example.org"))
    with pytest.raises(EnrolmentError) as error:
        run(service.accept_invitation, invitation.token, person())
    assert error.value.code == "used"
    assert Enrolment.objects.count() == 1


def test_accept_invitation_twice_returns_same_enrolment(run, cohort, staff):
    invitation = make_invitation(cohort, staff)
    user = person(email="neu@example.org")
    first = run(service.accept_invitation, invitation.token, user)
    second = run(service.accept_invitation, invitation.token, user)
    assert first.pk == second.pk
    assert len(mail.outbox) == 1


@pytest.mark.language("en")  # the German wording comes with the catalogue
def test_accept_invitation_by_another_address_is_refused(run, cohort, staff):
    invitation = make_invitation(cohort, staff)
    with pytest.raises(EnrolmentError) as error:
        run(service.accept_invitation, invitation.token, person(email="andere@example.org"))
    assert error.value.code == "other_address"
    assert error.value.message == (
        "This invitation was sent to neu@example.org, but you are logged in as "
        "andere@example.org. Please log out and log in or sign up with neu@example.org to "
        "accept it."
    )
    invitation.refresh_from_db()
    assert invitation.accepted_at is None
    assert Enrolment.objects.count() == 0
    assert mail.outbox == []


def test_accept_invitation_needs_the_address_verified(run, cohort, staff):
    """A second address of the account counts once verified, not before; case does not matter."""
    invitation = make_invitation(cohort, staff)
    user = person(email="zweite@example.org")
    address = EmailAddress.objects.create(
        user=user, email="Neu@Example.org", verified=False, primary=False
    )
    with pytest.raises(EnrolmentError) as error:
        run(service.accept_invitation, invitation.token, user)
    assert error.value.code == "other_address"
    address.verified = True
    address.save()
    enrolment = run(service.accept_invitation, invitation.token, user)
    assert enrolment.user == user
    assert enrolment.status == S.ADMITTED


def test_accept_unknown_token_is_refused(run, db):
    with pytest.raises(EnrolmentError) as error:
        run(service.accept_invitation, "nichts", person())
    assert error.value.code == "invalid"


def test_cohort_factory_default_is_closed(programme):
    assert factories.CohortFactory(programme=programme).enrolment_open is False
