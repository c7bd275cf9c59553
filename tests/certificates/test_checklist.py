""" "Was fehlt noch?": the checklist on the dashboard, the trainers' detail page and the
cohort overview, and who may see which."""

import re
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.models import ModuleCompletion, Praxisprojekt, PraxisprojektStatus
from tests import factories

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


def visible_text(html):
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def overview_url(cohort):
    return reverse("cohort_eligibility", args=[cohort.pk])


def test_dashboard_shows_checklist_with_dates(client, trainee, enrolment, module):
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )
    client.force_login(trainee)
    text = visible_text(client.get("/lernweg/").content.decode())
    assert "What is still missing?" in text
    assert "Met: All required modules completed (1 of 1 module; met on May 4, 2026)" in text
    assert "Missing: Practice project accepted (Not yet started)" in text
    assert "Missing: At least 1 online deepening attended (0 of 1 attended)" in text
    assert reverse("praxisprojekt", args=[enrolment.pk]) in client.get("/lernweg/").content.decode()


def test_dashboard_checklist_only_for_own_enrolments(client, trainee, other_trainee):
    other = other_trainee.enrolments.get()
    Praxisprojekt.objects.create(enrolment=other, title="Fremdes Projekt")
    client.force_login(trainee)
    page = client.get("/lernweg/").content.decode()
    assert "Fremdes Projekt" not in page
    assert reverse("praxisprojekt", args=[other.pk]) not in page


def test_trainer_detail_shows_checklist(client, trainer, cohort, enrolment):
    Praxisprojekt.objects.create(
        enrolment=enrolment, title="Runder Tisch", status=PraxisprojektStatus.SUBMITTED
    )
    client.force_login(trainer)
    page = client.get(reverse("trainee_progress", args=[cohort.pk, enrolment.pk])).content
    text = visible_text(page.decode())
    assert "Certificate requirements" in text
    assert "Missing: Practice project accepted (“Runder Tisch”: submitted" in text
    assert reverse("praxisprojekt_review", args=[cohort.pk, enrolment.pk]) in page.decode()


def test_cohort_overview_lists_participants(client, trainer, cohort, enrolment, module):
    programme = cohort.programme
    programme.required_deepenings = 0
    programme.requires_praxisprojekt = False
    programme.save()
    ModuleCompletion.objects.create(
        enrolment=enrolment, module=module, source=ModuleCompletion.Source.RULE
    )
    beginner = factories.EnrolmentFactory(cohort=cohort)
    client.force_login(trainer)
    text = visible_text(client.get(overview_url(cohort)).content.decode())
    assert "1 of 2 participants meet all requirements for the certificate." in text
    assert f"{enrolment.user} – Certificate Nothing: all requirements met." in text
    assert f"{beginner.user} – – All required modules completed (0 of 1 module)" in text


def test_cohort_overview_for_staff(client, staff, cohort, enrolment):
    client.force_login(staff)
    assert client.get(overview_url(cohort)).status_code == 200


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "other_trainer", "supervisor"])
def test_cohort_overview_forbidden(client, request, cohort, enrolment, who):
    if who == "supervisor":
        user = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
        cohort.supervisors.add(user)
    else:
        user = request.getfixturevalue(who)
    client.force_login(user)
    assert client.get(overview_url(cohort)).status_code == 403


def test_cohort_overview_needs_login(client, cohort):
    response = client.get(overview_url(cohort))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_cohort_overview_queries_do_not_grow(client, staff, programme, module):
    small = factories.CohortFactory(programme=programme)
    large = factories.CohortFactory(programme=programme)
    for cohort, count in ((small, 2), (large, 12)):
        for enrolment in factories.EnrolmentFactory.create_batch(count, cohort=cohort):
            ModuleCompletion.objects.create(
                enrolment=enrolment, module=module, source=ModuleCompletion.Source.RULE
            )
            Praxisprojekt.objects.create(enrolment=enrolment, title="Projekt")
    client.force_login(staff)
    client.get(overview_url(small))
    counts = []
    for cohort in (small, large):
        with CaptureQueriesContext(connection) as queries:
            assert client.get(overview_url(cohort)).status_code == 200
        counts.append(len(queries))
    assert counts[0] == counts[1]
