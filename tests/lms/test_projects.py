"""The Praxisprojekt: services (rules, log entries) and the trainee's and trainers' pages."""

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext
from wagtail.models import ModelLogEntry

from lms import projects
from lms.models import EnrolmentStatus, Praxisprojekt, PraxisprojektStatus
from tests import factories


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


@pytest.fixture
def submitted(enrolment, trainee):
    projects.save_project(enrolment, by=trainee, title="Dialogforum", description="Mit dem Rat")
    return projects.submit_project(enrolment, by=trainee)


def actions(enrolment):
    return list(
        ModelLogEntry.objects.filter(object_id=str(enrolment.pk))
        .order_by("timestamp", "pk")
        .values_list("action", flat=True)
    )


# --- Services -------------------------------------------------------------------------


def test_save_project_creates_draft_and_logs(enrolment, trainee):
    project = projects.save_project(
        enrolment, by=trainee, title="  Dialogforum  ", description="Zeile 1\r\nZeile 2"
    )
    assert project.status == PraxisprojektStatus.DRAFT
    assert project.title == "Dialogforum"
    assert project.description == "Zeile 1\nZeile 2"
    entry = ModelLogEntry.objects.get(object_id=str(enrolment.pk))
    assert entry.action == projects.PROJECT_SAVED
    assert entry.user == trainee
    assert entry.data["title"] == "Dialogforum"


def test_save_project_requires_title(enrolment, trainee):
    with pytest.raises(projects.ProjectError):
        projects.save_project(enrolment, by=trainee, title="   ")
    assert not Praxisprojekt.objects.exists()


def test_save_project_too_long_description_refused(enrolment, trainee):
    with pytest.raises(projects.ProjectError):
        projects.save_project(enrolment, by=trainee, title="T", description="x" * 5001)
    assert not Praxisprojekt.objects.exists()


@pytest.mark.parametrize("who", ["other_trainee", "trainer", "staff"])
def test_save_project_only_by_the_trainee(request, enrolment, who):
    with pytest.raises(PermissionDenied):
        projects.save_project(enrolment, by=request.getfixturevalue(who), title="Fremd")
    assert not Praxisprojekt.objects.exists()


def test_save_project_refused_for_withdrawn_enrolment(enrolment, trainee):
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    with pytest.raises(PermissionDenied):
        projects.save_project(enrolment, by=trainee, title="Zu spät")


def test_submit_project(submitted, enrolment):
    assert submitted.status == PraxisprojektStatus.SUBMITTED
    assert submitted.submitted_at is not None
    assert actions(enrolment) == [projects.PROJECT_SAVED, projects.PROJECT_SUBMITTED]


def test_submit_without_project_refused(enrolment, trainee):
    with pytest.raises(projects.ProjectError):
        projects.submit_project(enrolment, by=trainee)


def test_submitted_project_locked(submitted, enrolment, trainee):
    with pytest.raises(projects.ProjectError):
        projects.save_project(enrolment, by=trainee, title="Geändert")
    with pytest.raises(projects.ProjectError):
        projects.submit_project(enrolment, by=trainee)
    submitted.refresh_from_db()
    assert submitted.title == "Dialogforum"


def test_accept_project_by_trainer(submitted, enrolment, trainer):
    project = projects.accept_project(enrolment, by=trainer, comment="Sehr gut")
    assert project.status == PraxisprojektStatus.ACCEPTED
    assert project.decided_by == trainer
    assert project.decided_at is not None
    assert project.decision_comment == "Sehr gut"
    entry = ModelLogEntry.objects.filter(action=projects.PROJECT_ACCEPTED).get()
    assert entry.user == trainer
    assert entry.data["comment"] == "Sehr gut"


def test_accept_project_by_staff(submitted, enrolment, staff):
    assert projects.accept_project(enrolment, by=staff).status == PraxisprojektStatus.ACCEPTED


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "other_trainer"])
def test_accept_project_refused_for_others(request, submitted, enrolment, who):
    with pytest.raises(PermissionDenied):
        projects.accept_project(enrolment, by=request.getfixturevalue(who))
    submitted.refresh_from_db()
    assert submitted.status == PraxisprojektStatus.SUBMITTED


def test_supervisor_of_cohort_cannot_decide(submitted, enrolment, cohort):
    supervisor = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    cohort.supervisors.add(supervisor)
    with pytest.raises(PermissionDenied):
        projects.accept_project(enrolment, by=supervisor)


def test_accept_draft_refused(enrolment, trainee, trainer):
    projects.save_project(enrolment, by=trainee, title="Entwurf")
    with pytest.raises(projects.ProjectError):
        projects.accept_project(enrolment, by=trainer)


def test_return_project_requires_comment(submitted, enrolment, trainer):
    with pytest.raises(projects.ProjectError):
        projects.return_project(enrolment, by=trainer, comment="  ")
    submitted.refresh_from_db()
    assert submitted.status == PraxisprojektStatus.SUBMITTED


def test_returned_project_can_be_revised_and_resubmitted(submitted, enrolment, trainee, trainer):
    projects.return_project(enrolment, by=trainer, comment="Bitte Zielgruppe ergänzen")
    project = projects.save_project(enrolment, by=trainee, title="Dialogforum 2")
    assert project.status == PraxisprojektStatus.RETURNED
    project = projects.submit_project(enrolment, by=trainee)
    assert project.status == PraxisprojektStatus.SUBMITTED
    assert project.decided_at is None
    assert actions(enrolment)[-3:] == [
        projects.PROJECT_RETURNED,
        projects.PROJECT_SAVED,
        projects.PROJECT_SUBMITTED,
    ]


def test_accepted_project_can_be_returned(submitted, enrolment, trainer):
    projects.accept_project(enrolment, by=trainer)
    project = projects.return_project(enrolment, by=trainer, comment="Versehentlich")
    assert project.status == PraxisprojektStatus.RETURNED


# --- Trainee page ---------------------------------------------------------------------


def url(enrolment):
    return reverse("praxisprojekt", args=[enrolment.pk])


def test_trainee_page_saves_draft(client, trainee, enrolment):
    client.force_login(trainee)
    assert client.get(url(enrolment)).status_code == 200
    response = client.post(
        url(enrolment), {"title": "Dialogforum", "description": "Text", "action": "save"}
    )
    assert response.status_code == 302
    project = Praxisprojekt.objects.get()
    assert (project.title, project.status) == ("Dialogforum", PraxisprojektStatus.DRAFT)


def test_trainee_page_submits(client, trainee, enrolment):
    client.force_login(trainee)
    client.post(url(enrolment), {"title": "Dialogforum", "description": "", "action": "submit"})
    assert Praxisprojekt.objects.get().status == PraxisprojektStatus.SUBMITTED
    page = client.get(url(enrolment)).content.decode()
    assert "Save and submit" not in page  # locked now
    assert "Dialogforum" in page


def test_trainee_page_missing_title_redisplays(client, trainee, enrolment):
    client.force_login(trainee)
    response = client.post(
        url(enrolment), {"title": "", "description": "Meine Idee", "action": "submit"}
    )
    assert response.status_code == 200
    assert "Meine Idee" in response.content.decode()
    assert not Praxisprojekt.objects.exists()


def test_trainee_page_escapes_description(client, trainee, enrolment):
    projects.save_project(enrolment, by=trainee, title="T", description="<script>x()</script>")
    projects.submit_project(enrolment, by=trainee)
    client.force_login(trainee)
    page = client.get(url(enrolment)).content.decode()
    assert "<script>x()" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize("who", ["other_trainee", "trainer", "staff"])
def test_trainee_page_not_for_others(client, request, enrolment, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(url(enrolment)).status_code == 404
    assert client.post(url(enrolment), {"title": "X", "action": "save"}).status_code == 404
    assert not Praxisprojekt.objects.exists()


def test_trainee_page_needs_login(client, enrolment):
    response = client.get(url(enrolment))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


# --- Trainers' page -------------------------------------------------------------------


def review_url(enrolment):
    return reverse("praxisprojekt_review", args=[enrolment.cohort_id, enrolment.pk])


def test_review_page_accepts(client, submitted, enrolment, trainer):
    client.force_login(trainer)
    page = client.get(review_url(enrolment)).content.decode()
    assert "Dialogforum" in page and "Mit dem Rat" in page
    response = client.post(review_url(enrolment), {"action": "accept", "comment": ""})
    assert response.status_code == 302
    submitted.refresh_from_db()
    assert submitted.status == PraxisprojektStatus.ACCEPTED


def test_review_page_return_without_comment_redisplays(client, submitted, enrolment, trainer):
    client.force_login(trainer)
    response = client.post(review_url(enrolment), {"action": "return", "comment": ""})
    assert response.status_code == 200
    with translation.override("de"):
        message = escape(gettext("Please explain in a comment why you return the project."))
    assert message in response.content.decode()
    submitted.refresh_from_db()
    assert submitted.status == PraxisprojektStatus.SUBMITTED


def test_review_page_returns_with_comment(client, submitted, enrolment, staff):
    client.force_login(staff)
    client.post(review_url(enrolment), {"action": "return", "comment": "Bitte ergänzen"})
    submitted.refresh_from_db()
    assert submitted.status == PraxisprojektStatus.RETURNED
    assert submitted.decision_comment == "Bitte ergänzen"


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "other_trainer"])
def test_review_page_forbidden_for_others(client, request, submitted, enrolment, who):
    client.force_login(request.getfixturevalue(who))
    assert client.get(review_url(enrolment)).status_code == 403
    assert client.post(review_url(enrolment), {"action": "accept"}).status_code == 403
    submitted.refresh_from_db()
    assert submitted.status == PraxisprojektStatus.SUBMITTED
