"""A small world of every role with real objects, shared by the security tests.

Roles: anonymous, trainee (admitted to ``cohort``, with progress, a reflection,
a certificate and a calendar feed), other_trainee (admitted to a cohort of
another programme), trainer (of ``cohort``), other_trainer (of a
cohort of another programme), supervisor (of ``cohort`` and its supervision
group) and staff (SPI-Verwaltung). Not a role of the matrix: ``peer``, a
trainee of the same cohort with data of her own, for the object-level tests.
"""

from datetime import timedelta

import pytest
from django.core.files.base import ContentFile
from django.utils import timezone
from wagtail.documents import get_document_model

from certificates import issuing
from certificates.models import CertificateKind
from lms import progress
from lms.models import CalendarFeed, Invitation
from tests import factories
from tests.lms.calendar_factories import supervision_group, supervision_session
from tests.lms.session_factories import SessionFactory
from tests.lms.test_progress import STANDARD_QUIZ, block_ids, make_lesson_with

ROLES = ["anon", "trainee", "other_trainee", "trainer", "other_trainer", "supervisor", "staff"]


@pytest.fixture
def world(db):
    home = factories.make_home()
    programme = factories.make_programme(home, slug="qualifizierung")
    module = factories.make_module(programme, slug="modul-1")
    lesson = make_lesson_with(
        module,
        [
            ("paragraph", "<p>Inhalt</p>"),
            ("quiz", STANDARD_QUIZ),
            ("reflection", {"prompt": "Was nehmen Sie mit?", "guidance": ""}),
        ],
        title="Lerneinheit",
        slug="lerneinheit",
    )
    cohort = factories.CohortFactory(programme=programme, enrolment_open=True)
    other_programme = factories.make_programme(home, title="Anderes Programm", slug="anderes")
    other_cohort = factories.CohortFactory(programme=other_programme)

    def user(role, **kwargs):
        return factories.verified(factories.UserFactory(roles=[role] if role else [], **kwargs))

    trainee = user("Teilnehmende", first_name="Erika", last_name="Muster")
    other_trainee = user("Teilnehmende", first_name="Otto", last_name="Anders")
    peer = user("Teilnehmende", first_name="Petra", last_name="Peer")
    trainer = user("Trainer:innen")
    other_trainer = user("Trainer:innen")
    supervisor = user("Supervisor:innen")
    staff = user("SPI-Verwaltung")
    enrolment = factories.EnrolmentFactory(user=trainee, cohort=cohort)
    factories.EnrolmentFactory(user=other_trainee, cohort=other_cohort)
    peer_enrolment = factories.EnrolmentFactory(user=peer, cohort=cohort)
    cohort.trainers.add(trainer)
    cohort.supervisors.add(supervisor)
    other_cohort.trainers.add(other_trainer)

    [reflection_id] = block_ids(lesson, "reflection")
    [quiz_id] = block_ids(lesson, "quiz")
    progress.save_reflection(enrolment, lesson, reflection_id, "Meine private Reflexion")
    progress.save_reflection(peer_enrolment, lesson, reflection_id, "Petras private Reflexion")

    now = timezone.now().replace(microsecond=0)
    session = SessionFactory(
        cohort=cohort,
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
        facilitators=[trainer],
    )
    group = supervision_group(cohort, members=[trainee, peer])
    group.supervisor = supervisor
    group.save()
    supervision = supervision_session(group, -1)
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    peer_certificate = issuing.issue_certificate(
        peer_enrolment, CertificateKind.CERTIFICATE, by=staff
    )
    feed = CalendarFeed.objects.create(user=trainee)
    peer_feed = CalendarFeed.objects.create(user=peer)
    invitation = Invitation.objects.create(
        email="eingeladen@example.org",
        cohort=cohort,
        invited_by=staff,
        expires_at=now + timedelta(days=14),
    )
    document = get_document_model().objects.create(
        title="Arbeitsblatt",
        file=ContentFile(b"%PDF-1.4 Arbeitsblatt", name="arbeitsblatt.pdf"),
        collection_id=programme.materials_collection_id or 1,
    )
    return {
        "users": {
            "anon": None,
            "trainee": trainee,
            "other_trainee": other_trainee,
            "trainer": trainer,
            "other_trainer": other_trainer,
            "supervisor": supervisor,
            "staff": staff,
        },
        "home": home,
        "programme": programme,
        "module": module,
        "lesson": lesson,
        "quiz_id": quiz_id,
        "reflection_id": reflection_id,
        "cohort": cohort,
        "other_cohort": other_cohort,
        "enrolment": enrolment,
        "peer": peer,
        "peer_enrolment": peer_enrolment,
        "session": session,
        "supervision": supervision,
        "certificate": certificate,
        "peer_certificate": peer_certificate,
        "feed": feed,
        "peer_feed": peer_feed,
        "invitation": invitation,
        "document": document,
    }
