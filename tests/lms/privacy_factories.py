"""A richly populated person for the data-protection tests: one record of every kind."""

from datetime import timedelta
from decimal import Decimal

from allauth.mfa.models import Authenticator
from django.utils import timezone
from wagtail.log_actions import log
from wagtail.users.models import UserProfile

from certificates import issuing
from certificates.models import CertificateKind
from lms import audit
from lms.models import (
    Attendance,
    AttendanceChange,
    AttendanceStatus,
    CalendarFeed,
    Consent,
    EnrolmentEvent,
    EnrolmentStatus,
    Invitation,
    LessonCompletion,
    ModuleCompletion,
    ModuleSignOff,
    Notice,
    QuizAttempt,
    ReflectionAnswer,
)
from tests.lms.enrolment_factories import MunicipalityFactory
from tests.lms.session_factories import SessionFactory, SupervisionGroupFactory


def populate(user, *, lesson, module, trainer, staff, first_name, last_name, email):
    """Give ``user`` (enrolled once) a distinctive name and records of every kind.

    Personal free text mentions the name, so that a search after erasure finds
    any place that still holds it.
    """
    user.first_name, user.last_name, user.email = first_name, last_name, email
    user.save()
    from allauth.account.models import EmailAddress

    EmailAddress.objects.filter(user=user).update(email=email)
    full = f"{first_name} {last_name}"
    enrolment = user.enrolments.get()
    enrolment.municipality = MunicipalityFactory()
    enrolment.function = "administration"
    enrolment.organisation = f"Büro {last_name}"
    enrolment.motivation = f"Ich, {full}, möchte Konflikte besser moderieren."
    enrolment.status = EnrolmentStatus.COMPLETED
    enrolment.save()
    cohort = enrolment.cohort
    now = timezone.now()
    EnrolmentEvent.objects.create(enrolment=enrolment, to_status="applied", actor=user)
    EnrolmentEvent.objects.create(
        enrolment=enrolment,
        from_status="applied",
        to_status="admitted",
        actor=staff,
        note=f"Rücksprache mit {full}",
    )
    Consent.objects.create(
        user=user, enrolment=enrolment, kind=Consent.Kind.PRIVACY_NOTICE, text_version="2026-11"
    )
    Invitation.objects.create(
        email=email,
        cohort=cohort,
        organisation=f"Büro {last_name}",
        invited_by=staff,
        expires_at=now + timedelta(days=7),
        accepted_at=now,
        accepted_by=user,
    )
    LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson)
    for passed in (False, True):
        QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson=lesson,
            block_id="quiz-1",
            answers={"q1": [1]},
            correct=2 if passed else 1,
            total=2,
            passed=passed,
        )
    ReflectionAnswer.objects.create(
        enrolment=enrolment, lesson=lesson, block_id="r1", text=f"<p>{full} denkt nach.</p>"
    )
    sign_off = ModuleSignOff.objects.create(
        enrolment=enrolment, module=module, signed_by=trainer, note=f"Praxisprojekt von {full}"
    )
    ModuleCompletion.objects.create(
        enrolment=enrolment, module=module, source="sign_off", sign_off=sign_off
    )
    log(
        enrolment,
        audit.SIGN_OFF,
        user=trainer,
        data={"module": module.title, "module_id": module.pk, "note": f"Gut gemacht, {full}"},
    )
    for days, status, ue in (
        (3, AttendanceStatus.PRESENT, "4"),
        (2, AttendanceStatus.PARTIAL, "2"),
    ):
        session = SessionFactory(
            cohort=cohort, module=module, starts_at=now - timedelta(days=days), participants=[user]
        )
        attendance = Attendance.objects.create(
            session=session, user=user, status=status, ue_credited=Decimal(ue), recorded_by=trainer
        )
        AttendanceChange.objects.create(
            attendance=attendance, status=status, ue_credited=Decimal(ue), changed_by=trainer
        )
    SupervisionGroupFactory(cohort=cohort, members=[user])
    Notice.objects.create(kind=Notice.Kind.SESSION_REMINDER, user=user, key=f"session-{user.pk}")
    CalendarFeed.objects.create(user=user)
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "geheim-secret-seed"}
    )
    UserProfile.get_for_user(user)
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    return certificate
