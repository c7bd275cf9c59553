"""The benchmark data set, built fast with ``bulk_create``.

:func:`build` grows the database to a :class:`Scale`: called first with a small
and then with the large scale, it adds only what is missing, so the same
objects (the measured trainee, lesson, cohort and certificate) are measured on
both, and the query counts of the two runs can be compared side by side.

The curriculum (1 programme, 12 modules, 60 lessons) is made of real Wagtail
pages with the lesson bodies of the demo curriculum (``lms/demo/``); everything
else is written with ``bulk_create`` (no signals, one password hash for all).
"""

from __future__ import annotations

import datetime
import itertools
from dataclasses import dataclass
from decimal import Decimal

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.db import connection, transaction
from django.utils import timezone
from wagtail.models import Page, Site

from certificates.issuing import ISSUER, format_number
from certificates.models import (
    Certificate,
    CertificateKind,
    CertificateNumberSequence,
)
from certificates.templating import programme_url, template_snapshot
from content.models import HomePage
from curriculum.models import (
    LessonPage,
    ModuleFormat,
    ModulePage,
    ProgrammePage,
    ue_to_clock_hours,
)
from lms.demo import curriculum as demo_curriculum
from lms.models import (
    Attendance,
    AttendanceStatus,
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Function,
    LessonCompletion,
    ModuleCompletion,
    Municipality,
    Session,
    SessionKind,
)
from lms.roles import Role

#: Password of every benchmark account (the data set is throw-away).
PASSWORD = "kokoma-bench-passwort"
MODULES = 12
LESSONS_PER_MODULE = 5
PROGRAMME_SLUG = "bench-qualifizierung"
MUNICIPALITIES = [
    ("Bamberg", "BY"),
    ("Erfurt", "TH"),
    ("Neubrandenburg", "MV"),
    ("Wartburgkreis", "TH"),
    ("Cottbus", "BB"),
    ("Halle (Saale)", "ST"),
    ("Kassel", "HE"),
    ("Landkreis Görlitz", "SN"),
    ("Bremerhaven", "HB"),
    ("Saarbrücken", "SL"),
    ("Kiel", "SH"),
    ("Mainz", "RP"),
    ("Göttingen", "NI"),
    ("Dortmund", "NW"),
    ("Freiburg im Breisgau", "BW"),
]
FIRST_NAMES = ["Jana", "Murat", "Sabine", "Lukas", "Aylin", "Peter", "Marta", "Jonas", "Ece", "Uwe"]
LAST_NAMES = ["Becker", "Yilmaz", "Schulz", "Nowak", "Krüger", "Haddad", "Wolf", "Lange", "Öztürk"]


@dataclass(frozen=True)
class Scale:
    """How big the data set is; every figure grows monotonically from scale to scale."""

    name: str
    cohorts: int
    trainees_per_cohort: int
    past_sessions_per_cohort: int
    certificates: int

    @property
    def enrolments(self) -> int:
        return self.cohorts * self.trainees_per_cohort

    @property
    def attendance_rows(self) -> int:
        return self.enrolments * self.past_sessions_per_cohort


SCALES = {
    # 50 cohorts × 200 = 10,000 enrolments; × 10 attended sessions = 100,000 attendance rows.
    "large": Scale("large", 50, 200, 10, 2000),
    "small": Scale("small", 2, 5, 10, 5),
    # For the smoke test only.
    "tiny": Scale("tiny", 1, 2, 2, 1),
    "tiny2": Scale("tiny2", 2, 3, 2, 2),
}


@dataclass
class BenchData:
    """The objects the benchmark requests are made for."""

    programme: ProgrammePage
    lesson: LessonPage
    cohort: Cohort  # the trainer matrix's cohort (cohort 0)
    trainee: object  # first trainee of cohort 0: the dashboard and lesson page
    trainer: object  # trainer of cohort 0
    staff: object
    certificate: Certificate  # the verified and rendered certificate


# --- Curriculum ------------------------------------------------------------------------


def _demo_bodies() -> list[list]:
    """The demo curriculum's lesson bodies, without the blocks that need an uploaded file."""
    bodies = []
    for module in demo_curriculum.MODULES:
        for lesson in module["lessons"]:
            body = [(kind, value) for kind, value in lesson["body"] if kind != "document"]
            if body:
                bodies.append(body)
    # The richest body (with a knowledge check) first: it is the measured lesson's.
    bodies.sort(key=lambda body: (not any(kind == "quiz" for kind, _v in body), -len(body)))
    return bodies


def _home() -> HomePage:
    home = HomePage.objects.first()
    if home is None:
        root = Page.get_first_root_node()
        home = root.add_child(
            instance=HomePage(title="Startseite", slug="start", intro="<p>Benchmark</p>")
        )
        site = Site.objects.get(is_default_site=True)
        site.root_page = home
        site.save()
    return home


def _curriculum():
    programme = ProgrammePage.objects.filter(slug=PROGRAMME_SLUG).first()
    if programme is not None:
        lessons = list(LessonPage.objects.descendant_of(programme).order_by("path"))
        modules = list(ModulePage.objects.child_of(programme).order_by("path"))
        return programme, modules, lessons
    home = _home()
    programme = home.add_child(
        instance=ProgrammePage(
            title="Qualifizierung Kommunales Konfliktmanagement (Benchmark)",
            slug=PROGRAMME_SLUG,
            intro=demo_curriculum.PROGRAMME["intro"],
            target_groups=demo_curriculum.PROGRAMME["target_groups"],
            certificate_requirements=demo_curriculum.PROGRAMME["certificate_requirements"],
            total_ue=96,
        )
    )
    ordered = _demo_bodies()
    # The measured lesson is the second (it has a previous and a next one): the richest body.
    ordered[0], ordered[1] = ordered[1], ordered[0]
    bodies = itertools.cycle(ordered)
    formats = [ModuleFormat.IN_PERSON, ModuleFormat.IN_PERSON, ModuleFormat.ONLINE]
    modules, lessons = [], []
    for number in range(1, MODULES + 1):
        module = programme.add_child(
            instance=ModulePage(
                title=f"Modul {number}: Konfliktbearbeitung in der Kommune",
                slug=f"modul-{number}",
                number=str(number),
                summary="Konflikte erkennen, analysieren und bearbeiten.",
                ue=8,
                format=formats[number % len(formats)],
            )
        )
        modules.append(module)
        for position in range(1, LESSONS_PER_MODULE + 1):
            lessons.append(
                module.add_child(
                    instance=LessonPage(
                        title=f"Lerneinheit {number}.{position}",
                        slug=f"lerneinheit-{number}-{position}",
                        estimated_minutes=30,
                        summary="Eine Lerneinheit der Selbstlernphase.",
                        body=next(bodies),
                    )
                )
            )
    return programme, modules, lessons


# --- People --------------------------------------------------------------------------------


class _People:
    """Creates accounts in bulk, all with one pre-computed password hash."""

    def __init__(self):
        self.User = get_user_model()
        self.password = make_password(PASSWORD)
        self.groups = {role: Group.objects.get_or_create(name=role.group_name)[0] for role in Role}

    def create(self, emails: list[str], role: Role, names=None) -> list:
        existing = {u.email: u for u in self.User.objects.filter(email__in=emails)}
        missing = [email for email in emails if email not in existing]
        new = []
        for index, email in enumerate(missing):
            first, last = names[index] if names else ("Bench", email.split("@")[0])
            new.append(
                self.User(
                    email=email,
                    first_name=first,
                    last_name=last,
                    password=self.password,
                    is_active=True,
                )
            )
        created = self.User.objects.bulk_create(new, batch_size=1000)
        if not created or created[0].pk is None:  # backends without RETURNING
            created = list(self.User.objects.filter(email__in=missing))
        Membership = self.User.groups.through
        Membership.objects.bulk_create(
            [Membership(user_id=user.pk, group_id=self.groups[role].pk) for user in created],
            batch_size=1000,
        )
        by_email = {**existing, **{user.email: user for user in created}}
        return [by_email[email] for email in emails]


def _municipalities() -> list[Municipality]:
    existing = {m.name: m for m in Municipality.objects.all()}
    new = [
        Municipality(name=name, federal_state=state, pfd_name=f"PfD {name}")
        for name, state in MUNICIPALITIES
        if name not in existing
    ]
    Municipality.objects.bulk_create(new)
    return list(Municipality.objects.filter(name__in=[n for n, _s in MUNICIPALITIES]))


# --- Cohorts, enrolments, progress, attendance ----------------------------------------------


def _cohort(index: int, programme, modules, trainer, past_sessions: int) -> Cohort:
    name = f"Bench-Durchgang {index:02d}"
    cohort = Cohort.objects.filter(programme=programme, name=name).first()
    if cohort is None:
        start = datetime.date(2026, 1, 12) + datetime.timedelta(days=7 * (index % 20))
        cohort = Cohort.objects.create(
            programme=programme,
            name=name,
            start_date=start,
            end_date=start + datetime.timedelta(days=300),
            places="Berlin, online",
        )
        cohort.trainers.add(trainer)
    existing = cohort.sessions.count()
    now = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    sessions = []
    # Past workshops (with attendance) and two upcoming ones (for the dashboard).
    wanted = past_sessions + 2
    for number in range(existing, wanted):
        module = modules[number % len(modules)]
        past = number < past_sessions
        starts = now + datetime.timedelta(
            days=-7 * (past_sessions - number) if past else 7 * (number - past_sessions + 1)
        )
        sessions.append(
            Session(
                kind=SessionKind.WORKSHOP,
                title=f"Präsenzmodul {module.number}",
                cohort=cohort,
                module=module,
                starts_at=starts,
                ends_at=starts + datetime.timedelta(hours=6),
                place="Berlin, Stiftung SPI",
                ue=Decimal(8),
            )
        )
    Session.objects.bulk_create(sessions)
    return cohort


def _grow_cohort(cohort, index, target, people, municipalities, modules, lessons, staff):
    """Enrol trainees until ``cohort`` has ``target``, each with progress and attendance."""
    have = cohort.enrolments.count()
    if have >= target:
        return
    numbers = range(have, target)
    emails = [f"bench.c{index:02d}.t{n:04d}@example.org" for n in numbers]
    names = [
        (
            FIRST_NAMES[n % len(FIRST_NAMES)],
            f"{LAST_NAMES[n % len(LAST_NAMES)]} {index:02d}-{n:04d}",
        )
        for n in numbers
    ]
    users = people.create(emails, Role.TRAINEE, names)
    now = timezone.now()
    functions = list(Function.values)
    enrolments = Enrolment.objects.bulk_create(
        [
            Enrolment(
                user=user,
                cohort=cohort,
                status=EnrolmentStatus.ADMITTED,
                municipality=municipalities[(index + n) % len(municipalities)],
                function=functions[n % len(functions)],
                organisation="Stadtverwaltung",
                decided_at=now,
                decided_by=staff,
            )
            for n, user in zip(numbers, users, strict=True)
        ],
        batch_size=1000,
    )
    if enrolments and enrolments[0].pk is None:
        enrolments = list(cohort.enrolments.filter(user__in=users).order_by("pk"))
    lesson_rows, module_rows = [], []
    for n, enrolment in zip(numbers, enrolments, strict=True):
        # 0 to 19 lessons done, in curriculum order: about 100,000 rows at 10,000 enrolments.
        done = (n * 7 + index) % 20
        for lesson in lessons[:done]:
            lesson_rows.append(LessonCompletion(enrolment=enrolment, lesson=lesson))
        for module in modules[: done // LESSONS_PER_MODULE]:
            module_rows.append(
                ModuleCompletion(
                    enrolment=enrolment, module=module, source=ModuleCompletion.Source.RULE
                )
            )
    LessonCompletion.objects.bulk_create(lesson_rows, batch_size=2000)
    ModuleCompletion.objects.bulk_create(module_rows, batch_size=2000)

    statuses = [AttendanceStatus.PRESENT] * 7 + [
        AttendanceStatus.LATE,
        AttendanceStatus.EXCUSED,
        AttendanceStatus.PARTIAL,
    ]
    trainer = cohort.trainers.first()
    rows = []
    for session in cohort.sessions.filter(starts_at__lt=now).order_by("starts_at"):
        for n, user in zip(numbers, users, strict=True):
            status = statuses[(n + session.pk) % len(statuses)]
            credited = {
                AttendanceStatus.EXCUSED: Decimal(0),
                AttendanceStatus.PARTIAL: Decimal(4),
            }.get(status, session.ue)
            rows.append(
                Attendance(
                    session=session,
                    user=user,
                    status=status,
                    ue_credited=credited,
                    recorded_by=trainer,
                    recorded_at=session.ends_at,
                )
            )
    Attendance.objects.bulk_create(rows, batch_size=2000)


# --- Certificates ------------------------------------------------------------------------


def _snapshot(enrolment, modules) -> dict:
    """A snapshot shaped like ``certificates.issuing.build_snapshot``'s, without its queries
    (the template is frozen into it by :func:`_grow_certificates`, as issuing does)."""
    completed = modules[:8]
    total_ue = sum(module.ue for module in completed)
    return {
        "holder_name": enrolment.user.get_full_name(),
        "programme": enrolment.cohort.programme.title,
        "cohort": enrolment.cohort.name,
        "period_start": enrolment.cohort.start_date.isoformat(),
        "period_end": enrolment.cohort.end_date.isoformat(),
        "places": enrolment.cohort.places,
        "municipality": enrolment.municipality.name,
        "pfd_name": enrolment.municipality.pfd_name,
        "local_partner": "",
        "modules": [
            {
                "number": module.number,
                "title": module.title,
                "date": enrolment.cohort.start_date.isoformat(),
                "ue": module.ue,
                "format": module.format,
                "format_label": str(ModuleFormat(module.format).label),
            }
            for module in completed
        ],
        "total_ue": total_ue,
        "total_clock_hours": str(ue_to_clock_hours(total_ue)),
        "supervision_hours": "12.00",
        "praxisprojekt_title": "Dialogforum Innenstadt",
        "issuer": ISSUER,
    }


def _grow_certificates(target, modules, staff):
    have = Certificate.objects.count()
    if have >= target:
        return
    year = timezone.localdate().year
    counter, _created = CertificateNumberSequence.objects.get_or_create(year=year)
    holders = (
        Enrolment.objects.exclude(certificates__isnull=False)
        .select_related("user", "cohort__programme", "municipality")
        .order_by("pk")[: target - have]
    )
    now = timezone.now()
    new = []
    specific, url_of = {}, {}
    for enrolment in holders:
        counter.last_value += 1
        snapshot = _snapshot(enrolment, modules)
        # As certificates.issuing.issue does: the wording, issuer and programme link of
        # the template the certificate is issued with (the built-in one here).
        programme_id = enrolment.cohort.programme_id
        if programme_id not in specific:
            specific[programme_id] = enrolment.cohort.programme.specific
            url_of[programme_id] = programme_url(specific[programme_id])
        programme = specific[programme_id]
        snapshot["template"] = template_snapshot(programme, CertificateKind.CERTIFICATE, snapshot)
        snapshot["issuer"] = snapshot["template"]["issuer"]["name"]
        snapshot["programme_url"] = url_of[programme_id]
        new.append(
            Certificate(
                enrolment=enrolment,
                kind=CertificateKind.CERTIFICATE,
                number=format_number(year, counter.last_value),
                year=year,
                sequence=counter.last_value,
                issued_at=now,
                issued_by=staff,
                snapshot=snapshot,
            )
        )
    Certificate.objects.bulk_create(new, batch_size=1000)
    counter.save(update_fields=["last_value"])


# --- Entry point -------------------------------------------------------------------------


def build(scale: Scale, log=lambda message: None) -> BenchData:
    """Grow the database to ``scale`` (adding only what is missing) and return what to measure."""
    with transaction.atomic():
        programme, modules, lessons = _curriculum()
        people = _People()
        municipalities = _municipalities()
        (staff,) = people.create(["bench.verwaltung@example.org"], Role.STAFF)
        trainers = people.create(
            [f"bench.trainer{index:02d}@example.org" for index in range(scale.cohorts)],
            Role.TRAINER,
        )
        for index in range(scale.cohorts):
            cohort = _cohort(
                index, programme, modules, trainers[index], scale.past_sessions_per_cohort
            )
            _grow_cohort(
                cohort,
                index,
                scale.trainees_per_cohort,
                people,
                municipalities,
                modules,
                lessons,
                staff,
            )
            if index % 10 == 9:
                log(f"  {index + 1} of {scale.cohorts} cohorts")
        _grow_certificates(scale.certificates, modules, staff)
    if connection.vendor == "postgresql":
        # A database in use has planner statistics (autovacuum keeps them); tables
        # just filled by bulk_create have none until autovacuum comes round, and the
        # plans measured would depend on whether it had.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")

    cohort = Cohort.objects.get(programme=programme, name="Bench-Durchgang 00")
    first = cohort.enrolments.select_related("user").order_by("pk").first()
    return BenchData(
        programme=programme,
        # A lesson with a knowledge check, in the middle of its module (previous and next).
        lesson=lessons[1],
        cohort=cohort,
        trainee=first.user,
        trainer=trainers[0],
        staff=staff,
        certificate=Certificate.objects.order_by("pk").first(),
    )


def counts() -> dict[str, int]:
    """Rows of the data set, for the report."""
    return {
        "lessons": LessonPage.objects.filter(slug__startswith="lerneinheit-").count(),
        "cohorts": Cohort.objects.count(),
        "enrolments": Enrolment.objects.count(),
        "attendance": Attendance.objects.count(),
        "lesson_completions": LessonCompletion.objects.count(),
        "certificates": Certificate.objects.count(),
    }
