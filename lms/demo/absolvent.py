"""The demo absolvent: a participant who has completed everything, and their Zertifikat.

``absolvent@example.org`` (Anna Lehmann, password ``kokoma-demo``) is enrolled
in the demo cohort, has done every lesson and knowledge check, attended every
held workshop, the held online deepening and her supervision sessions, has
module 8 signed off and her Praxisprojekt accepted; ``seed_demo`` then issues
her a Zertifikat through ``certificates.issuing``, so a newcomer sees a real
one (PDF, verification page).

Everything goes through the platform's own services (attendance, progress,
Praxisprojekt, issuing) and is only done when missing, so running the seed
again changes nothing; she receives a new Zertifikat only when she holds no
valid one (e.g. after staff revoked it).
"""

from __future__ import annotations

import datetime

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone
from wagtail.models import ModelLogEntry

from lms import attendance, projects
from lms.demo import people
from lms.demo import sessions as demo_sessions
from lms.models import (
    Attendance,
    Enrolment,
    LessonCompletion,
    ModuleSignOff,
    Praxisprojekt,
    Session,
    SessionKind,
    SupervisionGroup,
)
from lms.roles import Role

EMAIL = "absolvent@example.org"
ACCOUNT = {"email": EMAIL, "first_name": "Anna", "last_name": "Lehmann"}
DATA = {
    "municipality": people.WARTBURGKREIS,
    "function": "administration",
    "organisation": "Landratsamt Wartburgkreis, Büro Landrat",
    "status": people.ADMITTED,
    "progress": (8, 0),
    "reflections": 2,
    "sign_off": "Praxisprojekt im Kolloquium vorgestellt und angenommen.",
}
PROJECT = {
    "title": "Krisenpräventionsplan für den Wartburgkreis",
    "description": (
        "Ein Plan für den Umgang mit eskalierenden Konflikten um die Unterbringung "
        "Geflüchteter im ländlichen Raum: Frühwarnzeichen, Zuständigkeiten in der "
        "Verwaltung, Ansprechpersonen in den Gemeinden und ein Ablauf für "
        "Bürgerversammlungen. Erarbeitet mit der Steuerungsgruppe und zwei Gemeinden."
    ),
    "comment": "Im Kolloquium vorgestellt; überzeugend und übertragbar.",
}


def seed_absolvent(cohort, programme, users, municipalities, result, *, password, trainer, staff):
    """The absolvent's account, enrolment, records and Zertifikat (each only when missing).

    Returns the valid Zertifikat. Runs after the cohort's sessions exist.
    """
    from lms.demo import seed  # the seed's helpers for enrolments and progress

    user = _account(result, password)
    enrolment, created = seed._seed_enrolment(
        cohort, user, DATA, municipalities, staff, len(people.PARTICIPANTS) + 1
    )
    if created:
        result.enrolments.append(user.email)
    _attend(cohort, user, trainer, result)
    has_progress = (
        LessonCompletion.objects.filter(enrolment=enrolment).exists()
        or ModuleSignOff.objects.filter(enrolment=enrolment).exists()
    )
    if not has_progress:
        modules = [
            (module, list(module.get_children().live().specific().order_by("path")))
            for module in programme.modules().order_by("path")
        ]
        if seed._seed_progress(enrolment, DATA, modules, trainer, len(people.PARTICIPANTS) + 1):
            result.progress.append(user.email)
    _project(enrolment, user, trainer)
    return _certificate(enrolment, staff, result)


def _account(result, password):
    User = get_user_model()
    user = User.objects.filter(email__iexact=EMAIL).first()
    if user is None:
        user = User.objects.create_user(password=password, **ACCOUNT)
        result.users.append(EMAIL)
    group, _created = Group.objects.get_or_create(name=Role.TRAINEE.group_name)
    user.groups.add(group)
    EmailAddress.objects.get_or_create(
        user=user, email=user.email, defaults={"verified": True, "primary": True}
    )
    return user


def _attend(cohort, user, trainer, result):
    """Present at every held workshop and deepening of the cohort and at her supervision."""
    group = SupervisionGroup.objects.filter(
        cohort=cohort, name=demo_sessions.SUPERVISION_GROUP["name"]
    ).first()
    if group is not None:
        group.members.add(user)
    held = (
        Session.objects.held()
        .filter(cohort=cohort, kind__in=[SessionKind.WORKSHOP, SessionKind.DEEPENING])
        .exclude(attendances__user=user)
    )
    sessions = list(held)
    if group is not None:
        sessions += list(
            Session.objects.held()
            .filter(supervision_group=group, kind=SessionKind.SUPERVISION)
            .exclude(attendances__user=user)
        )
    for session in sessions:
        recorder = group.supervisor if session.kind == SessionKind.SUPERVISION else trainer
        start = timezone.now()
        attendance.record_attendance(session, [(user, demo_sessions.PRESENT, None)], by=recorder)
        Attendance.objects.filter(session=session, user=user, recorded_at__gte=start).update(
            recorded_at=session.ends_at + datetime.timedelta(minutes=15)
        )
        if session.title not in result.attendance:
            result.attendance.append(session.title)


def _project(enrolment, user, trainer):
    if Praxisprojekt.objects.filter(enrolment=enrolment).exists():
        return
    start = timezone.now()
    projects.save_project(
        enrolment, by=user, title=PROJECT["title"], description=PROJECT["description"]
    )
    projects.submit_project(enrolment, by=user)
    projects.accept_project(enrolment, by=trainer, comment=PROJECT["comment"])
    # The story's dates: written and submitted before the colloquium, accepted at the
    # sign-off; the log entries follow.
    submitted_at = timezone.make_aware(datetime.datetime(2026, 11, 2, 18, 30))
    decided_at = timezone.make_aware(
        datetime.datetime.combine(people.SIGN_OFF_ON, datetime.time(14, 30))
    )
    Praxisprojekt.objects.filter(enrolment=enrolment).update(
        submitted_at=submitted_at,
        decided_at=decided_at,
        created_at=timezone.make_aware(datetime.datetime(2026, 10, 20, 19, 0)),
    )
    entries = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Enrolment),
        object_id=str(enrolment.pk),
        timestamp__gte=start,
    )
    entries.filter(action=projects.PROJECT_ACCEPTED).update(timestamp=decided_at)
    entries.exclude(action=projects.PROJECT_ACCEPTED).update(timestamp=submitted_at)


def _certificate(enrolment, staff, result):
    from certificates.issuing import issue_certificate
    from certificates.models import Certificate, CertificateKind

    certificate = (
        Certificate.objects.valid()
        .filter(enrolment=enrolment, kind=CertificateKind.CERTIFICATE)
        .first()
    )
    if certificate is None:
        certificate = issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
        result.certificates.append(certificate.number)
    return certificate
