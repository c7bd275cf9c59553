"""Who may read lessons and their documents: one test per role."""

import pytest
from django.core.files.base import ContentFile
from wagtail.documents.models import Document
from wagtail.models import Collection

from lms.models import EnrolmentStatus
from tests import factories

pytestmark = pytest.mark.django_db

SECRET = "Geheimer Lerninhalt der Lerneinheit."


def get_lesson(client, user, lesson):
    if user is not None:
        client.force_login(user)
    return client.get(lesson.url)


def test_lesson_anonymous_is_sent_to_login(client, lesson):
    response = client.get(lesson.url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={lesson.url}"


def test_lesson_enrolled_trainee_reads_it(client, lesson, trainee):
    response = get_lesson(client, trainee, lesson)
    assert response.status_code == 200
    assert SECRET in response.content.decode()


def test_lesson_trainee_of_other_programme_gets_german_403(client, lesson, other_trainee):
    response = get_lesson(client, other_trainee, lesson)
    assert response.status_code == 403
    body = response.content.decode()
    assert SECRET not in body
    assert "Zugriff verweigert" in body


@pytest.mark.parametrize(
    "status",
    [
        EnrolmentStatus.APPLIED,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.REJECTED,
        EnrolmentStatus.WITHDRAWN,
    ],
)
def test_lesson_enrolment_without_admission_gets_403(client, lesson, cohort, status):
    user = factories.UserFactory()
    factories.EnrolmentFactory(user=user, cohort=cohort, status=status)
    assert get_lesson(client, user, lesson).status_code == 403


def test_lesson_completed_enrolment_keeps_access(client, lesson, cohort):
    user = factories.UserFactory()
    factories.EnrolmentFactory(user=user, cohort=cohort, status=EnrolmentStatus.COMPLETED)
    assert get_lesson(client, user, lesson).status_code == 200


def test_lesson_logged_in_without_enrolment_gets_403(client, lesson):
    assert get_lesson(client, factories.UserFactory(), lesson).status_code == 403


def test_lesson_trainer_of_cohort_reads_it(client, lesson, trainer):
    assert get_lesson(client, trainer, lesson).status_code == 200


def test_lesson_trainer_of_other_programme_gets_403(client, lesson, other_trainer):
    assert get_lesson(client, other_trainer, lesson).status_code == 403


def test_lesson_staff_and_superuser_read_it(client, lesson, staff, superuser):
    assert get_lesson(client, staff, lesson).status_code == 200
    client.logout()
    assert get_lesson(client, superuser, lesson).status_code == 200


def test_lesson_inactive_user_is_sent_to_login(client, lesson, trainee):
    trainee.is_active = False
    trainee.save()
    client.force_login(trainee)
    assert client.get(lesson.url).status_code == 302


def test_programme_and_module_pages_are_public(client, programme, module, lesson):
    for page in (programme, module):
        response = client.get(page.url)
        assert response.status_code == 200
        assert SECRET not in response.content.decode()
    # The module lists its lessons by title (advertising), not their content.
    assert lesson.title in client.get(module.url).content.decode()


# --- Documents -----------------------------------------------------------------


def make_document(collection=None, title="Vorlage Akteurslandkarte"):
    document = Document(title=title, collection=collection or Collection.get_first_root_node())
    document.file.save("vorlage.txt", ContentFile(b"Akteurslandkarte"), save=False)
    document.save()
    return document


@pytest.fixture
def programme_document(programme):
    return make_document(collection=programme.materials_collection)


@pytest.fixture
def lesson_document(module):
    """A document in the root collection, used by a lesson."""
    document = make_document(title="Arbeitsblatt")
    factories.make_lesson(
        module,
        title="Mit Arbeitsblatt",
        slug="mit-arbeitsblatt",
        body=[("document", {"document": document, "title": "", "description": ""})],
    )
    return document


def download(client, user, document):
    if user is not None:
        client.force_login(user)
    return client.get(document.url)


def test_programme_gets_its_own_materials_collection(programme):
    assert programme.materials_collection is not None
    assert programme.materials_collection.get_parent() == Collection.get_first_root_node()


@pytest.mark.parametrize("doc_fixture", ["programme_document", "lesson_document"])
def test_document_anonymous_is_sent_to_login(client, request, doc_fixture):
    document = request.getfixturevalue(doc_fixture)
    response = download(client, None, document)
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/?next=")


@pytest.mark.parametrize("doc_fixture", ["programme_document", "lesson_document"])
def test_document_enrolled_trainee_downloads(client, request, doc_fixture, trainee):
    document = request.getfixturevalue(doc_fixture)
    response = download(client, trainee, document)
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == b"Akteurslandkarte"


@pytest.mark.parametrize("doc_fixture", ["programme_document", "lesson_document"])
def test_document_other_trainee_gets_403(client, request, doc_fixture, other_trainee):
    document = request.getfixturevalue(doc_fixture)
    assert download(client, other_trainee, document).status_code == 403


@pytest.mark.parametrize("doc_fixture", ["programme_document", "lesson_document"])
def test_document_trainer_and_staff_download(client, request, doc_fixture, trainer, staff):
    document = request.getfixturevalue(doc_fixture)
    assert download(client, trainer, document).status_code == 200
    client.logout()
    assert download(client, staff, document).status_code == 200


def test_document_other_trainer_gets_403(client, programme_document, other_trainer):
    assert download(client, other_trainer, programme_document).status_code == 403


def test_document_unused_in_root_collection_is_public(client, db):
    document = make_document(title="Flyer")
    assert download(client, None, document).status_code == 200
