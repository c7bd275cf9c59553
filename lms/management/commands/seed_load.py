"""``manage.py seed_load``: accounts and targets for the load test (``make load``).

Runs after ``seed_demo`` on the load-test database: creates N trainees with a
known password, verified e-mail addresses and an admitted enrolment in the
demo cohort, a few trainers of that cohort, one issued certificate, and writes
what the Locust users request (lesson ids, knowledge-check answers, the
matrix and attendance screens, the verification link) to a JSON file for
``load/locustfile.py``. Like ``seed_demo`` it refuses to run unless DEBUG is
on; running it again changes nothing but the sessions.

It also opens a session for every account (``--sessions``), as a person who
signed in earlier and ticked "remember me" has on a Monday morning: Locust
users with such a session skip the login form, so that a hundred users
starting within seconds do not spend the test hashing passwords (PBKDF2
costs about a second of CPU per login by design). Sessions are signed with
SECRET_KEY: run the command with the SECRET_KEY that the server under test
uses (``scripts/load.sh`` does). Earlier load-test sessions are deleted.
"""

import json
import logging
from importlib import import_module
from pathlib import Path

from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY, get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from curriculum.models import LessonPage, ModulePage
from lms.models import Cohort, Enrolment, EnrolmentStatus, Function, SessionKind
from lms.roles import Role

PASSWORD = "kokoma-last-test"


def _accounts(emails, role, password_hash):
    User = get_user_model()
    existing = set(User.objects.filter(email__in=emails).values_list("email", flat=True))
    User.objects.bulk_create(
        [
            User(
                email=email,
                first_name="Last",
                last_name=email.split("@")[0],
                password=password_hash,
            )
            for email in emails
            if email not in existing
        ]
    )
    users = list(User.objects.filter(email__in=emails).order_by("email"))
    group = Group.objects.get(name=role.group_name)
    group.user_set.add(*users)
    have = set(EmailAddress.objects.filter(user__in=users).values_list("user_id", flat=True))
    EmailAddress.objects.bulk_create(
        [
            EmailAddress(user=user, email=user.email, verified=True, primary=True)
            for user in users
            if user.pk not in have
        ]
    )
    return users


def _open_sessions(users) -> dict[str, str]:
    """A signed-in session per user, as ``django.contrib.auth.login`` leaves it: e-mail → key."""
    engine = import_module(settings.SESSION_ENGINE)
    keys = {}
    for user in users:
        store = engine.SessionStore()
        store[SESSION_KEY] = user._meta.pk.value_to_string(user)
        store[BACKEND_SESSION_KEY] = settings.AUTHENTICATION_BACKENDS[0]
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        store.create()
        keys[user.email] = store.session_key
    return keys


def _close_sessions(keys) -> None:
    engine = import_module(settings.SESSION_ENGINE)
    for key in keys:
        engine.SessionStore(session_key=key).delete()


def _quiz_answers(lesson):
    """Per knowledge check of ``lesson`` its block id and the correct answers as form data."""
    quizzes = []
    for block in lesson.body:
        if block.block_type != "quiz":
            continue
        answers = {}
        for number, question in enumerate(block.value["questions"], start=1):
            answers[f"q{number}"] = [
                str(index) for index, option in enumerate(question["options"]) if option["correct"]
            ]
        quizzes.append({"block_id": block.id, "answers": answers})
    return quizzes


class Command(BaseCommand):
    help = "Create the load test's accounts in the demo cohort and write the Locust targets."

    def add_arguments(self, parser):
        parser.add_argument("--trainees", type=int, default=100)
        parser.add_argument("--trainers", type=int, default=5)
        parser.add_argument(
            "--output", default=str(Path(settings.BASE_DIR) / "load" / "targets.json")
        )
        parser.add_argument(
            "--no-sessions",
            dest="sessions",
            action="store_false",
            help="Do not open sessions: every simulated person signs in with the form.",
        )

    @transaction.atomic
    def handle(self, *args, **options):
        from certificates.issuing import issue_certificate
        from certificates.models import Certificate, CertificateKind
        from lms.demo.seed import COHORT, STAFF_EMAIL

        logging.getLogger("weasyprint").setLevel(logging.ERROR)  # chatty at INFO
        if not settings.DEBUG:
            raise CommandError("seed_load creates accounts with a known password: DEBUG only.")
        cohort = Cohort.objects.filter(name=COHORT["name"]).select_related("programme").first()
        if cohort is None:
            raise CommandError("The demo cohort is missing: run 'manage.py seed_demo' first.")
        password_hash = make_password(PASSWORD)
        trainees = _accounts(
            [f"last.t{n:04d}@example.org" for n in range(options["trainees"])],
            Role.TRAINEE,
            password_hash,
        )
        trainers = _accounts(
            [f"last.trainer{n:02d}@example.org" for n in range(options["trainers"])],
            Role.TRAINER,
            password_hash,
        )
        cohort.trainers.add(*trainers)
        municipalities = list(cohort.municipalities.all()) or [None]
        enrolled = set(cohort.enrolments.values_list("user_id", flat=True))
        functions = list(Function.values)
        Enrolment.objects.bulk_create(
            [
                Enrolment(
                    user=user,
                    cohort=cohort,
                    status=EnrolmentStatus.ADMITTED,
                    municipality=municipalities[n % len(municipalities)],
                    function=functions[n % len(functions)],
                    decided_at=timezone.now(),
                )
                for n, user in enumerate(trainees)
                if user.pk not in enrolled
            ]
        )
        certificate = Certificate.objects.valid().filter(enrolment__cohort=cohort).first()
        if certificate is None:
            staff = get_user_model().objects.get(email=STAFF_EMAIL)
            enrolment = cohort.enrolments.get(user=trainees[0])
            certificate = issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)

        programme = cohort.programme.specific
        modules = list(ModulePage.objects.live().child_of(programme).order_by("path"))
        lessons = list(LessonPage.objects.live().descendant_of(programme).order_by("path"))
        sessions = cohort.sessions.filter(
            kind__in=[SessionKind.WORKSHOP, SessionKind.DEEPENING], cancelled=False
        ).order_by("starts_at")
        targets = {
            "password": PASSWORD,
            "trainees": [user.email for user in trainees],
            "trainers": [user.email for user in trainers],
            "public_pages": ["/", programme.url] + [module.url for module in modules],
            "lessons": [
                {"id": lesson.pk, "url": lesson.url, "quizzes": _quiz_answers(lesson)}
                for lesson in lessons
            ],
            "cohort_progress": reverse("cohort_progress", args=[cohort.pk]),
            "attendance": [reverse("session_record", args=[s.pk]) for s in sessions],
            "verification": reverse(
                "certificate_verify_detail", args=[certificate.verification_code]
            ),
        }
        output = Path(options["output"])
        if output.exists():  # sessions of an earlier run
            earlier = json.loads(output.read_text()).get("sessions", {})
            _close_sessions(earlier.values())
        targets["sessions"] = _open_sessions(trainees + trainers) if options["sessions"] else {}
        output.parent.mkdir(parents=True, exist_ok=True)
        output.write_text(json.dumps(targets, indent=2, ensure_ascii=False) + "\n")
        self.stdout.write(
            f"{len(trainees)} trainees and {len(trainers)} trainers in {cohort}; "
            f"targets written to {output}"
        )
