"""Data for the report tests: a small world with known numbers, and a bulk generator."""

import datetime
from decimal import Decimal

from django.utils import timezone

from certificates.models import Certificate, CertificateKind, CertificateStatus
from lms.models import (
    Attendance,
    AttendanceStatus,
    Audience,
    Cohort,
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Function,
    Milestone,
    MilestoneKind,
    MilestoneStatus,
    ModuleCompletion,
    Municipality,
    SessionKind,
    User,
)
from tests import factories
from tests.lms.enrolment_factories import MunicipalityFactory
from tests.lms.session_factories import SessionFactory, SupervisionGroupFactory

S = EnrolmentStatus


def at(year, month, day, hour=10):
    return timezone.make_aware(datetime.datetime(year, month, day, hour, 0))


def certificate(enrolment, number, *, kind=CertificateKind.CERTIFICATE, status=None, issued=None):
    year, sequence = number.split("-")
    return Certificate.objects.create(
        enrolment=enrolment,
        kind=kind,
        number=number,
        year=int(year),
        sequence=int(sequence),
        status=status or CertificateStatus.VALID,
        issued_at=issued or at(2026, 6, 1),
        revoked_at=at(2026, 8, 1) if status == CertificateStatus.REVOKED else None,
        snapshot={
            "holder_name": enrolment.user.get_full_name(),
            "programme": enrolment.cohort.programme.title,
            "cohort": enrolment.cohort.name,
            "municipality": enrolment.municipality.name if enrolment.municipality else "",
        },
    )


def small_world(programme):
    """Two municipalities, two cohorts, sessions, attendance, certificates, milestones.

    The numbers each report must show are worked out in the tests.
    """
    bamberg = MunicipalityFactory(
        name="Bamberg",
        project_start=datetime.date(2025, 1, 1),
        project_end=datetime.date(2026, 12, 31),
    )
    erfurt = MunicipalityFactory(
        name="Erfurt",
        project_start=datetime.date(2022, 1, 1),
        project_end=datetime.date(2023, 12, 31),
    )
    first = factories.CohortFactory(
        programme=programme,
        name="Durchgang 2026",
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2026, 12, 31),
    )
    second = factories.CohortFactory(
        programme=programme,
        name="Durchgang Bamberg",
        start_date=datetime.date(2026, 2, 1),
        end_date=datetime.date(2026, 10, 31),
    )
    module = factories.make_module(programme, number="1", title="Auftakt")
    factories.make_lesson(module, title="L1.1")

    def enrol(first_name, cohort, status, municipality, function, user=None):
        user = user or factories.UserFactory(
            first_name=first_name, last_name="Muster", roles=["Teilnehmende"]
        )
        return factories.EnrolmentFactory(
            user=user, cohort=cohort, status=status, municipality=municipality, function=function
        )

    F = Function
    e = {
        "u1": enrol("Ulla", first, S.ADMITTED, bamberg, F.ADMINISTRATION),
        "u2": enrol("Uwe", first, S.COMPLETED, bamberg, F.CIVIL_SOCIETY),
        "u3": enrol("Ute", first, S.WITHDRAWN, bamberg, F.POLITICS),
        "u4": enrol("Udo", first, S.APPLIED, bamberg, F.ADMINISTRATION),
        "u5": enrol("Uta", first, S.REJECTED, bamberg, F.ADMINISTRATION),
        "u6": enrol("Veit", first, S.ADMITTED, erfurt, F.ADMINISTRATION),
        "u7": enrol("Vera", first, S.WITHDRAWN, erfurt, F.POLITICS),
        "u8": enrol("Wim", first, S.APPLIED, None, ""),
    }
    e["u1b"] = enrol("", second, S.COMPLETED, bamberg, F.ADMINISTRATION, user=e["u1"].user)
    EnrolmentEvent.objects.create(enrolment=e["u3"], from_status=S.APPLIED, to_status=S.ADMITTED)
    EnrolmentEvent.objects.create(enrolment=e["u3"], from_status=S.ADMITTED, to_status=S.WITHDRAWN)
    EnrolmentEvent.objects.create(enrolment=e["u7"], from_status=S.APPLIED, to_status=S.WITHDRAWN)

    def attend(session, enrolment_or_user, status, ue):
        user = getattr(enrolment_or_user, "user", enrolment_or_user)
        Attendance.objects.create(session=session, user=user, status=status, ue_credited=ue)

    A = AttendanceStatus
    s1 = SessionFactory(cohort=first, starts_at=at(2026, 3, 2), ends_at=at(2026, 3, 2, 13))
    attend(s1, e["u1"], A.PRESENT, Decimal(4))
    attend(s1, e["u2"], A.PARTIAL, Decimal(2))
    attend(s1, e["u6"], A.PRESENT, Decimal(4))
    attend(s1, e["u3"], A.EXCUSED, Decimal(0))
    s2 = SessionFactory(
        cohort=second, ue=Decimal(3), starts_at=at(2026, 4, 6), ends_at=at(2026, 4, 6, 13)
    )
    attend(s2, e["u1b"], A.PRESENT, Decimal(3))
    s3 = SessionFactory(
        kind=SessionKind.STEERING_GROUP,
        municipality=bamberg,
        audience=Audience.SELECTED,
        ue=None,
        starts_at=at(2026, 5, 4, 16),
        ends_at=at(2026, 5, 4, 16) + datetime.timedelta(minutes=90),
    )
    outsider = factories.UserFactory(first_name="Otto", last_name="Rat")
    attend(s3, e["u1"], A.PRESENT, Decimal(2))
    attend(s3, outsider, A.UNEXCUSED, Decimal(0))
    group = SupervisionGroupFactory(cohort=first, municipality=erfurt)
    SessionFactory(
        kind=SessionKind.SUPERVISION,
        audience=Audience.SUPERVISION_GROUP,
        supervision_group=group,
        starts_at=at(2099, 1, 5),
        ends_at=at(2099, 1, 5, 12),
    )
    SessionFactory(
        kind=SessionKind.DEEPENING,
        cohort=first,
        cancelled=True,
        starts_at=at(2026, 6, 1),
        ends_at=at(2026, 6, 1, 13),
    )

    certificate(e["u2"], "2026-1", issued=at(2026, 6, 1))
    certificate(
        e["u1b"],
        "2026-2",
        kind=CertificateKind.ATTENDANCE,
        status=CertificateStatus.REVOKED,
        issued=at(2026, 7, 1),
    )

    Milestone.objects.create(
        municipality=bamberg,
        kind=MilestoneKind.CONFLICT_ANALYSIS,
        status=MilestoneStatus.REACHED,
        reached_on=datetime.date(2026, 2, 1),
    )
    Milestone.objects.create(
        municipality=bamberg,
        kind=MilestoneKind.STEERING_GROUP,
        status=MilestoneStatus.IN_PROGRESS,
        due_date=datetime.date(2026, 9, 1),
    )
    ModuleCompletion.objects.create(
        enrolment=e["u2"], module=module, source=ModuleCompletion.Source.RULE
    )
    return {
        "bamberg": bamberg,
        "erfurt": erfurt,
        "first": first,
        "second": second,
        "module": module,
        "enrolments": e,
    }


def bulk_world(programme, count: int) -> Cohort:
    """``count`` enrolments over three municipalities, with events, attendance,
    certificates, milestones and module completions, made with bulk_create."""
    municipalities = [
        Municipality.objects.create(name=f"Massenkommune {count}-{n}", federal_state="TH")
        for n in range(3)
    ]
    for municipality in municipalities:
        Milestone.objects.create(
            municipality=municipality,
            kind=MilestoneKind.CONFLICT_ANALYSIS,
            status=MilestoneStatus.REACHED,
            reached_on=datetime.date(2026, 2, 1),
        )
    cohort = factories.CohortFactory(programme=programme, start_date=datetime.date(2026, 1, 1))
    module = factories.make_module(
        programme, number=str(count), title="Masse", slug=f"masse-{count}"
    )
    factories.make_lesson(module, title="L9.1", slug=f"l-{count}")
    prefix = f"bulk{count}-"
    User.objects.bulk_create(
        [User(email=f"{prefix}{n}@example.org", last_name=f"Person {n}") for n in range(count)]
    )
    users = list(User.objects.filter(email__startswith=prefix))
    statuses = [S.ADMITTED, S.COMPLETED, S.WITHDRAWN, S.APPLIED, S.REJECTED]
    functions = Function.values
    Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                cohort=cohort,
                status=statuses[n % len(statuses)],
                municipality=municipalities[n % 3],
                function=functions[n % len(functions)],
            )
            for n, user in enumerate(users)
        ]
    )
    enrolments = list(Enrolment.objects.filter(cohort=cohort))
    EnrolmentEvent.objects.bulk_create(
        [
            EnrolmentEvent(enrolment=e, from_status=S.APPLIED, to_status=S.ADMITTED)
            for e in enrolments
            if e.status != S.APPLIED
        ]
    )
    sessions = [
        SessionFactory(cohort=cohort, starts_at=at(2026, 3, day), ends_at=at(2026, 3, day, 13))
        for day in (2, 3)
    ] + [
        SessionFactory(
            kind=SessionKind.STEERING_GROUP,
            municipality=municipality,
            starts_at=at(2026, 4, 1),
            ends_at=at(2026, 4, 1, 12),
        )
        for municipality in municipalities
    ]
    Attendance.objects.bulk_create(
        [
            Attendance(
                session=session,
                user_id=e.user_id,
                status=AttendanceStatus.PRESENT if n % 4 else AttendanceStatus.EXCUSED,
                ue_credited=Decimal(4) if n % 4 else Decimal(0),
            )
            for n, e in enumerate(enrolments)
            for session in sessions
            if e.status in (S.ADMITTED, S.COMPLETED)
        ]
    )
    completed = [e for e in enrolments if e.status == S.COMPLETED]
    Certificate.objects.bulk_create(
        [
            Certificate(
                enrolment=e,
                kind=CertificateKind.CERTIFICATE,
                number=f"2026-{count}{n:05d}",
                year=2026,
                sequence=count * 100000 + n,
                issued_at=at(2026, 6, 1),
                snapshot={"holder_name": f"Person {n}", "programme": programme.title},
            )
            for n, e in enumerate(completed)
        ]
    )
    ModuleCompletion.objects.bulk_create(
        [
            ModuleCompletion(enrolment=e, module=module, source=ModuleCompletion.Source.RULE)
            for e in completed
        ]
    )
    return cohort
