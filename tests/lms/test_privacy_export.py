"""Export of a person's data (Art. 15/20 GDPR): everything about them, nothing of others."""

import io
import json
import zipfile

import pytest
from allauth.account.models import EmailAddress
from allauth.mfa.models import Authenticator
from django.urls import reverse
from pypdf import PdfReader
from wagtail.models import ModelLogEntry
from wagtail.users.models import UserProfile

from certificates.models import Certificate
from lms.models import (
    Attendance,
    AttendanceChange,
    CalendarFeed,
    Cohort,
    Consent,
    Enrolment,
    EnrolmentEvent,
    Invitation,
    LessonCompletion,
    ModuleCompletion,
    ModuleSignOff,
    Notice,
    QuizAttempt,
    ReflectionAnswer,
    Session,
    SupervisionGroup,
)
from lms.privacy import export, registry
from tests.lms.privacy_factories import populate


@pytest.fixture
def rich_trainee(trainee, other_trainee, lesson, module, trainer, staff):
    populate(
        trainee,
        lesson=lesson,
        module=module,
        trainer=trainer,
        staff=staff,
        first_name="Quirinus",
        last_name="Zwetschgenbaum",
        email="quirinus.z@example.org",
    )
    populate(
        other_trainee,
        lesson=lesson,
        module=module,
        trainer=trainer,
        staff=staff,
        first_name="Walburga",
        last_name="Holunderbusch",
        email="walburga.h@example.org",
    )
    return trainee


def expected_counts(user) -> dict[str, int]:
    """Counted straight from the database, independently of the registry."""
    enrolments = Enrolment.objects.filter(user=user)
    return {
        "lms.User": 1,
        "account.EmailAddress": EmailAddress.objects.filter(user=user).count(),
        "mfa.Authenticator": Authenticator.objects.filter(user=user).count(),
        "wagtailusers.UserProfile": UserProfile.objects.filter(user=user).count(),
        "lms.Consent": Consent.objects.filter(user=user).count(),
        "lms.Enrolment": enrolments.count(),
        "lms.EnrolmentEvent": EnrolmentEvent.objects.filter(enrolment__in=enrolments).count(),
        "lms.Invitation": Invitation.objects.filter(accepted_by=user).count(),
        "lms.Attendance": Attendance.objects.filter(user=user).count(),
        "lms.AttendanceChange": AttendanceChange.objects.filter(attendance__user=user).count(),
        "lms.LessonCompletion": LessonCompletion.objects.filter(enrolment__in=enrolments).count(),
        "lms.QuizAttempt": QuizAttempt.objects.filter(enrolment__in=enrolments).count(),
        "lms.ReflectionAnswer": ReflectionAnswer.objects.filter(enrolment__in=enrolments).count(),
        "lms.ModuleSignOff": ModuleSignOff.objects.filter(enrolment__in=enrolments).count(),
        "lms.ModuleCompletion": ModuleCompletion.objects.filter(enrolment__in=enrolments).count(),
        "certificates.Certificate": Certificate.objects.filter(enrolment__in=enrolments).count(),
        "lms.Notice": Notice.objects.filter(user=user).count(),
        "lms.CalendarFeed": CalendarFeed.objects.filter(user=user).count(),
        "lms.SupervisionGroup": SupervisionGroup.objects.filter(members=user).count(),
        "lms.Session": Session.objects.filter(participants=user).count(),
        # the sign-off logged on the enrolment and the certificate's issue entry
        "wagtailcore.ModelLogEntry": ModelLogEntry.objects.filter(
            object_id__in=[str(e.pk) for e in enrolments], content_type__model="enrolment"
        ).count()
        + ModelLogEntry.objects.filter(
            content_type__model="certificate",
            object_id__in=[
                str(pk)
                for pk in Certificate.objects.filter(enrolment__in=enrolments).values_list(
                    "pk", flat=True
                )
            ],
        ).count(),
    }


def download(client, user):
    client.force_login(user)
    response = client.get(reverse("privacy_export"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    return zipfile.ZipFile(io.BytesIO(response.content))


def test_export_contains_every_record_of_the_person(client, rich_trainee):
    archive = download(client, rich_trainee)
    data = json.loads(archive.read("data.json"))
    assert set(data["data"]) == {entry.model_label for entry in registry.entries()}
    counts = {label: len(section["records"]) for label, section in data["data"].items()}
    for label, expected in expected_counts(rich_trainee).items():
        assert expected > 0, label  # the population really has one of each
        assert counts[label] == expected, label
    assert data["person"]["email"] == "quirinus.z@example.org"
    enrolment = data["data"]["lms.Enrolment"]["records"][0]
    assert enrolment["motivation"].startswith("Ich, Quirinus Zwetschgenbaum")
    certificate = data["data"]["certificates.Certificate"]["records"][0]
    assert certificate["snapshot"]["holder_name"] == "Quirinus Zwetschgenbaum"


def test_export_contains_certificate_pdfs(client, rich_trainee):
    archive = download(client, rich_trainee)
    certificate = Certificate.objects.get(enrolment__user=rich_trainee)
    name = f"certificates/{certificate.number}.pdf"
    assert json.loads(archive.read("data.json"))["files"] == [name]
    content = archive.read(name)
    with certificate.pdf.open("rb") as stored:
        assert content == stored.read()
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    assert "Quirinus Zwetschgenbaum" in text


def test_export_contains_nothing_of_another_trainee(client, rich_trainee, other_trainee):
    archive = download(client, rich_trainee)
    raw = archive.read("data.json").decode()
    assert "Walburga" not in raw and "Holunderbusch" not in raw
    assert "walburga.h@example.org" not in raw
    assert [n for n in archive.namelist() if n.endswith(".pdf")] == [
        f"certificates/{Certificate.objects.get(enrolment__user=rich_trainee).number}.pdf"
    ]
    data = json.loads(raw)
    theirs = {
        "lms.Attendance": Attendance.objects.filter(user=other_trainee),
        "lms.Enrolment": Enrolment.objects.filter(user=other_trainee),
        "lms.QuizAttempt": QuizAttempt.objects.filter(enrolment__user=other_trainee),
    }
    for label, queryset in theirs.items():
        exported = {row["id"] for row in data["data"][label]["records"]}
        assert exported.isdisjoint(queryset.values_list("pk", flat=True))


def test_export_leaves_out_secrets(client, rich_trainee):
    raw = download(client, rich_trainee).read("data.json").decode()
    assert "geheim-secret-seed" not in raw
    assert CalendarFeed.objects.get(user=rich_trainee).token not in raw
    assert rich_trainee.password not in raw


def test_export_of_trainer_lists_cohorts(client, trainer, cohort):
    data = export.collect(trainer)
    assert [row["name"] for row in data["data"]["lms.Cohort"]["records"]] == [cohort.name]
    assert Cohort.objects.filter(trainers=trainer).count() == 1


def test_export_requires_login(client, db):
    response = client.get(reverse("privacy_export"))
    assert response.status_code == 302
    assert "/accounts/login/" in response.url


def test_profile_links_to_export(client, trainee):
    client.force_login(trainee)
    content = client.get(reverse("profile")).content.decode()
    assert reverse("privacy_export") in content
    assert reverse("privacy_erasure_request") in content
