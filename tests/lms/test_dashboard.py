"""Mein Lernweg: the trainee's dashboard, its content and its constant query count."""

import re
from decimal import Decimal

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms import progress
from lms.models import EnrolmentStatus
from tests import factories

pytestmark = pytest.mark.django_db

URL = "/lernweg/"


@pytest.fixture
def client(client):
    """A client that sees the English msgids, so the asserts do not depend on the catalogue."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def curriculum(programme):
    """Module 1 (2 lessons, 12 UE), module 2 (1 lesson, 8 UE), module 8 (sign-off, 1 lesson)."""
    first = factories.make_module(programme, number="1", title="Auftakt", slug="m1", ue=12)
    second = factories.make_module(programme, number="2", title="Konflikttheorie", slug="m2")
    project = factories.make_module(
        programme, number="8", title="Praxisprojekt", slug="m8", requires_sign_off=True
    )
    return {
        "modules": (first, second, project),
        "lessons": (
            factories.make_lesson(first, title="Rollen klären", slug="l1"),
            factories.make_lesson(first, title="Haltung", slug="l2"),
            factories.make_lesson(second, title="Glasl", slug="l3"),
            factories.make_lesson(project, title="Projektbericht", slug="l4"),
        ),
    }


def visible_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_dashboard_url_and_name():
    assert reverse("dashboard") == URL


def test_dashboard_sends_anonymous_to_login(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={URL}"


def test_dashboard_without_enrolment(client, home):
    client.force_login(factories.UserFactory())
    html = client.get(URL).content.decode()
    assert "You are not enrolled in any cohort yet." in html


def test_dashboard_shows_every_module_with_progress(client, trainee, curriculum):
    enrolment = trainee.enrolments.get()
    l1, l2, l3, _l4 = curriculum["lessons"]
    progress.mark_lesson_done(enrolment, l1)
    progress.mark_lesson_done(enrolment, l2)
    progress.mark_lesson_done(enrolment, l3)
    client.force_login(trainee)
    response = client.get(URL)
    html = response.content.decode()
    text = visible_text(html)
    assert "My learning path" in text
    assert "Qualifizierung Konfliktmanagement" in text
    first, _second, project = curriculum["modules"]
    assert f'<progress id="module-{enrolment.pk}-{first.pk}-progress" max="2" value="2">' in html
    assert f'<progress id="module-{enrolment.pk}-{project.pk}-progress" max="1" value="0">' in html
    assert "2 of 2 lessons done" in text
    assert "1 of 1 lesson done" in text
    assert "0 of 1 lesson done" in text
    assert text.count("Completed") == 2
    assert "Not started" in text
    # UE: modules 1 (12) and 2 (8) completed, of the programme's 86.
    assert "20 of 86 UE" in text
    assert "15 of 64.50 clock hours" in text
    assert "2 of 3 modules completed" in text
    # What comes next: the first open lesson of the first incomplete module.
    assert "What comes next?" in text
    assert f'href="{curriculum["lessons"][3].url}"' in html
    assert "Continue: Projektbericht" in text
    assert "Upcoming sessions" in text
    assert "will appear here once they are scheduled" in text
    assert "Certificate" in text
    assert "it then appears under “My certificates”" in text


def test_dashboard_next_step_skips_a_module_awaiting_sign_off(programme, trainee):
    enrolment = trainee.enrolments.get()
    project = factories.make_module(programme, number="7", slug="p", requires_sign_off=True)
    later = factories.make_module(programme, number="8", slug="spaeter")
    report = factories.make_lesson(project, title="Bericht", slug="bericht")
    next_lesson = factories.make_lesson(later, title="Ausblick", slug="ausblick")
    progress.mark_lesson_done(enrolment, report)
    [path] = progress.learning_overview_for(trainee).paths
    assert [item.state for item in path.modules] == [
        progress.ModuleState.AWAITING_SIGN_OFF,
        progress.ModuleState.NOT_STARTED,
    ]
    assert path.next_step[1].pk == next_lesson.pk


def test_dashboard_all_completed(client, trainer, trainee, curriculum):
    enrolment = trainee.enrolments.get()
    for lesson in curriculum["lessons"]:
        progress.mark_lesson_done(enrolment, lesson)
    progress.sign_off_module(enrolment, curriculum["modules"][2], by=trainer)
    client.force_login(trainee)
    text = visible_text(client.get(URL).content.decode())
    assert "You have completed all modules. Congratulations!" in text
    assert "(signed off by trainer)" in text
    assert "28 of 86 UE" in text


def test_dashboard_shows_pending_applications(client, home, trainee, cohort):
    other_programme = factories.make_programme(home, title="Aufbaukurs", slug="aufbau")
    waiting = factories.CohortFactory(programme=other_programme, name="Aufbau 2027")
    pending = factories.EnrolmentFactory(
        user=trainee, cohort=waiting, status=EnrolmentStatus.WAITLISTED
    )
    rejected = factories.CohortFactory(programme=other_programme, name="Abgelehnt 2025")
    factories.EnrolmentFactory(user=trainee, cohort=rejected, status=EnrolmentStatus.REJECTED)
    client.force_login(trainee)
    html = client.get(URL).content.decode()
    text = visible_text(html)
    assert "My applications" in text
    assert "Aufbaukurs – Aufbau 2027: Waiting list Withdraw application" in text
    assert f'href="/lernweg/anmeldungen/{pending.pk}/zurueckziehen/"' in html
    assert 'href="/durchgaenge/"' in html
    assert "Abgelehnt 2025" not in text


def test_dashboard_applicant_sees_status_but_no_modules(client, cohort, curriculum):
    applicant = factories.UserFactory()
    factories.EnrolmentFactory(user=applicant, cohort=cohort, status=EnrolmentStatus.APPLIED)
    client.force_login(applicant)
    text = visible_text(client.get(URL).content.decode())
    assert f"{cohort.name}: Applied" in text
    assert "Rollen klären" not in text
    assert "What comes next?" not in text


def test_dashboard_never_shows_another_trainees_progress(client, cohort, trainee, curriculum):
    classmate = factories.UserFactory()
    classmate_enrolment = factories.EnrolmentFactory(user=classmate, cohort=cohort)
    for lesson in curriculum["lessons"][:3]:
        progress.mark_lesson_done(classmate_enrolment, lesson)
    client.force_login(trainee)
    text = visible_text(client.get(URL).content.decode())
    assert "Completed" not in text
    assert "0 of 86 UE" in text
    assert "0 of 2 lessons done" in text


def test_learning_overview_counts_only_the_users_enrolments(cohort, trainee, curriculum):
    classmate_enrolment = factories.EnrolmentFactory(cohort=cohort)
    progress.mark_lesson_done(classmate_enrolment, curriculum["lessons"][2])
    [path] = progress.learning_overview_for(trainee).paths
    assert [(item.lessons_done, item.lessons_total) for item in path.modules] == [
        (0, 2),
        (0, 1),
        (0, 1),
    ]
    assert (path.ue_done, path.ue_total, path.clock_hours_total) == (0, 86, Decimal("64.50"))


def count_queries(client):
    client.get(URL)  # warm per-process caches (site root paths)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(URL)
    assert response.status_code == 200
    return len(queries), response


def build_programme(home, slug, modules, lessons_per_module=3):
    programme = factories.make_programme(home, title=f"Programm {slug}", slug=slug)
    cohort = factories.CohortFactory(programme=programme)
    lessons = []
    for m in range(modules):
        module = factories.make_module(
            programme, number=str(m + 1), title=f"Modul {m + 1}", slug=f"{slug}-m{m}"
        )
        for n in range(lessons_per_module):
            lessons.append(
                factories.make_lesson(module, title=f"Lerneinheit {n}", slug=f"{slug}-{m}-{n}")
            )
    return cohort, lessons


def trainee_with_progress(cohort, lessons):
    enrolment = factories.EnrolmentFactory(cohort=cohort)
    for lesson in lessons:
        progress.mark_lesson_done(enrolment, lesson)
    return enrolment.user


def test_dashboard_queries_do_not_grow_with_modules_lessons_or_trainees(client, home):
    small_cohort, small_lessons = build_programme(home, "klein", modules=1)
    large_cohort, large_lessons = build_programme(home, "gross", modules=30)
    small = trainee_with_progress(small_cohort, small_lessons[:2])
    large = trainee_with_progress(large_cohort, large_lessons[:40])  # 13 modules completed
    for _ in range(4):  # other trainees with progress in the same cohorts
        trainee_with_progress(small_cohort, small_lessons)
        trainee_with_progress(large_cohort, large_lessons[:25])

    client.force_login(small)
    small_count, small_response = count_queries(client)
    client.force_login(large)
    large_count, large_response = count_queries(client)

    assert small_count == large_count
    assert "2 of 3 lessons done" in visible_text(small_response.content.decode())
    large_text = visible_text(large_response.content.decode())
    assert large_text.count("Completed") == 13
    assert "Modul 30" in large_text


def test_dashboard_query_count_is_pinned(client, trainee, curriculum):
    """Session, user, enrolments, lesson and module completions, the session feed,
    supervision groups and selected sessions, attendance, the page frame (site, role
    facts; the site settings and navigation come from the page tree's cache), the
    checklist's sessions and the certificates: the programme's structure comes from the
    cache, the practice project with the enrolments."""
    enrolment = trainee.enrolments.get()
    progress.mark_lesson_done(enrolment, curriculum["lessons"][0])
    client.force_login(trainee)
    count, response = count_queries(client)
    assert "1 of 2 lessons done" in visible_text(response.content.decode())
    assert count == 13
