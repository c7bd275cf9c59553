"""The trainer screens: my cohorts, a cohort's progress matrix, one trainee's progress."""

import csv
import datetime
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import formats, timezone, translation

from lms.models import (
    EnrolmentStatus,
    Function,
    LessonCompletion,
    ModuleCompletion,
    ModuleSignOff,
    Municipality,
    QuizAttempt,
    ReflectionAnswer,
)
from lms.progress import can_sign_off, reflections_visible_to
from lms.sanitize import sanitize_html
from lms.trainer import can_follow_progress, can_read_reflections, progress_matrix
from tests import factories

pytestmark = pytest.mark.django_db


def at(day, hour=10):
    return timezone.make_aware(datetime.datetime(2026, 3, day, hour, 0))


def short_date(value):
    with translation.override("en"):
        return formats.date_format(timezone.localtime(value), "SHORT_DATE_FORMAT")


def short_datetime(value):
    with translation.override("en"):
        return formats.date_format(timezone.localtime(value), "SHORT_DATETIME_FORMAT")


# --- A small cohort ---------------------------------------------------------------------


@pytest.fixture
def modules(programme):
    """Module 1 (3 lessons), module 2 (2 lessons), module 3 (1 lesson, needs a sign-off)."""
    first = factories.make_module(programme, number="1", title="Auftakt")
    second = factories.make_module(programme, number="2", title="Konflikttheorie")
    third = factories.make_module(
        programme, number="3", title="Praxisprojekt", requires_sign_off=True
    )
    lessons = {
        first.pk: [factories.make_lesson(first, title=f"L1.{n}") for n in (1, 2, 3)],
        second.pk: [
            factories.make_lesson(
                second,
                title="L2.1",
                body=[
                    (
                        "quiz",
                        {
                            "title": "Wissenscheck Eskalation",
                            "intro": "",
                            "pass_percentage": 50,
                            "questions": [
                                {
                                    "question": "Wie viele Stufen?",
                                    "options": [
                                        {"text": "9", "correct": True},
                                        {"text": "3", "correct": False},
                                    ],
                                    "explanation": "Neun.",
                                }
                            ],
                        },
                    ),
                    ("reflection", {"prompt": "Wo eskaliert es bei Ihnen?", "guidance": ""}),
                ],
            ),
            factories.make_lesson(second, title="L2.2"),
        ],
        third.pk: [factories.make_lesson(third, title="L3.1")],
    }
    return {"1": first, "2": second, "3": third, "lessons": lessons}


def lessons_of(modules, number):
    return modules["lessons"][modules[number].pk]


def person(cohort, first, last, *, status=EnrolmentStatus.ADMITTED, municipality=None, **kw):
    user = factories.UserFactory(first_name=first, last_name=last, roles=["Teilnehmende"])
    return factories.EnrolmentFactory(
        user=user, cohort=cohort, status=status, municipality=municipality, **kw
    )


def mark_done(enrolment, lessons, day=2):
    for lesson in lessons:
        LessonCompletion.objects.create(enrolment=enrolment, lesson=lesson, completed_at=at(day))


def complete_module(enrolment, module, source=ModuleCompletion.Source.RULE, sign_off=None):
    return ModuleCompletion.objects.create(
        enrolment=enrolment, module=module, source=source, sign_off=sign_off, completed_at=at(9)
    )


@pytest.fixture
def bamberg(db):
    return Municipality.objects.create(name="Bamberg", federal_state="BY")


@pytest.fixture
def erfurt(db):
    return Municipality.objects.create(name="Erfurt", federal_state="TH")


@pytest.fixture
def people(cohort, modules, bamberg, erfurt, trainer):
    """Four participants in different states, and three people the matrix leaves out."""
    anna = person(
        cohort,
        "Anna",
        "Arnold",
        municipality=bamberg,
        function=Function.ADMINISTRATION,
        organisation="Stadt Bamberg",
    )
    mark_done(anna, lessons_of(modules, "1"))
    complete_module(anna, modules["1"])
    mark_done(anna, lessons_of(modules, "2")[:1])

    bernd = person(cohort, "Bernd", "Brandt", municipality=erfurt, function=Function.CIVIL_SOCIETY)
    mark_done(bernd, lessons_of(modules, "1")[:2])
    mark_done(bernd, lessons_of(modules, "3"))

    clara = person(
        cohort,
        "Clara",
        "Conrad",
        status=EnrolmentStatus.COMPLETED,
        municipality=bamberg,
        function=Function.CIVIL_SOCIETY,
    )
    for number in ("1", "2", "3"):
        mark_done(clara, lessons_of(modules, number))
    complete_module(clara, modules["1"])
    complete_module(clara, modules["2"])
    sign_off = ModuleSignOff.objects.create(
        enrolment=clara, module=modules["3"], signed_by=trainer, signed_at=at(20)
    )
    complete_module(clara, modules["3"], ModuleCompletion.Source.SIGN_OFF, sign_off)

    dora = person(cohort, "Dora", "Dietz", municipality=erfurt, function=Function.POLITICS)

    for status, first in [
        (EnrolmentStatus.APPLIED, "Emil"),
        (EnrolmentStatus.WITHDRAWN, "Frieda"),
        (EnrolmentStatus.WAITLISTED, "Gustav"),
    ]:
        left_out = person(cohort, first, "Außen", status=status, municipality=bamberg)
        mark_done(left_out, lessons_of(modules, "1"))
    return {"anna": anna, "bernd": bernd, "clara": clara, "dora": dora}


def in_english(client):
    client.cookies["kokoma_language"] = "en"


def matrix_url(cohort):
    return reverse("cohort_progress", args=[cohort.pk])


def detail_url(enrolment):
    return reverse("trainee_progress", args=[enrolment.cohort_id, enrolment.pk])


def states(row):
    return [(cell.state.value, cell.lessons_done, cell.lessons_total) for cell in row.cells]


# --- The matrix as data ------------------------------------------------------------------


def test_progress_matrix_states_and_percentages(cohort, people, modules):
    matrix = progress_matrix(cohort)
    assert [m.number for m in matrix.modules] == ["1", "2", "3"]
    assert [(row.participant.name, states(row), row.percentage) for row in matrix.rows] == [
        # steps: 3 + 2 + (1 lesson + 1 sign-off) = 7
        ("Anna Arnold", [("completed", 3, 3), ("in_progress", 1, 2), ("not_started", 0, 1)], 57),
        (
            "Bernd Brandt",
            [("in_progress", 2, 3), ("not_started", 0, 2), ("awaiting_sign_off", 1, 1)],
            42,
        ),
        ("Clara Conrad", [("completed", 3, 3), ("completed", 2, 2), ("completed", 1, 1)], 100),
        ("Dora Dietz", [("not_started", 0, 3), ("not_started", 0, 2), ("not_started", 0, 1)], 0),
    ]
    assert [row.modules_completed for row in matrix.rows] == [1, 0, 3, 0]


def test_progress_matrix_ignores_unpublished_lessons_and_modules(cohort, people, modules):
    lessons_of(modules, "2")[1].unpublish()
    modules["3"].unpublish()
    matrix = progress_matrix(cohort)
    assert [m.number for m in matrix.modules] == ["1", "2"]
    anna = matrix.rows[0]
    assert states(anna) == [("completed", 3, 3), ("lessons_done", 1, 1)]
    # All lessons done, but only the completion rule (lms.progress) completes a module.
    assert anna.percentage == 100  # 3 + 1 of 4 steps


def test_progress_matrix_elective_modules_do_not_count(cohort, people, modules):
    modules["2"].is_required = False
    modules["2"].save()
    matrix = progress_matrix(cohort)
    assert [row.percentage for row in matrix.rows] == [60, 60, 100, 0]  # of 3 + 2 steps


def test_progress_matrix_filters(cohort, people, bamberg, erfurt):
    def names(**filters):
        return [row.participant.name for row in progress_matrix(cohort, **filters).rows]

    assert names(municipality=bamberg) == ["Anna Arnold", "Clara Conrad"]
    assert names(municipality=erfurt) == ["Bernd Brandt", "Dora Dietz"]
    assert names(function=Function.CIVIL_SOCIETY) == ["Bernd Brandt", "Clara Conrad"]
    assert names(municipality=erfurt, function=Function.CIVIL_SOCIETY) == ["Bernd Brandt"]
    assert names(function=Function.STEERING_GROUP) == []


# --- The matrix page ------------------------------------------------------------------------


def test_cohort_progress_page_shows_the_matrix(client, cohort, people, trainer):
    client.force_login(trainer)
    in_english(client)
    response = client.get(matrix_url(cohort))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<caption id="matrix-caption" class="sr-only">' in html
    assert '<th class="kern-table__header" scope="col">Module 3</th>' in html
    assert 'role="region" aria-labelledby="matrix-caption" tabindex="0"' in html
    assert html.count('scope="row"') == 4
    assert f'href="{detail_url(people["anna"])}">Anna Arnold</a>' in html
    assert "Außen" not in html
    assert "1 of 2 lessons" in html
    assert "Awaiting sign-off" in html
    assert "57 %" in html
    assert "4 participants shown." in html
    matrix = response.context["matrix"]
    assert [row.percentage for row in matrix.rows] == [57, 42, 100, 0]


def test_cohort_progress_page_in_german(client, cohort, people, trainer):
    client.force_login(trainer)
    html = client.get(matrix_url(cohort)).content.decode()
    assert '<html lang="de"' in html


def test_cohort_progress_filter_form_keeps_the_selection(client, cohort, people, trainer, erfurt):
    client.force_login(trainer)
    response = client.get(
        matrix_url(cohort), {"municipality": erfurt.pk, "function": Function.CIVIL_SOCIETY}
    )
    assert response.status_code == 200
    assert [row.participant.name for row in response.context["matrix"].rows] == ["Bernd Brandt"]
    html = response.content.decode()
    assert f'<option value="{erfurt.pk}" selected>Erfurt</option>' in html
    assert f'<option value="{Function.CIVIL_SOCIETY}" selected>' in html
    assert f'href="{reverse("cohort_progress_csv", args=[cohort.pk])}?municipality=' in html


def test_cohort_progress_filter_offers_only_the_participants_municipalities(
    client, cohort, people, trainer
):
    Municipality.objects.create(name="Neubrandenburg", federal_state="MV")
    client.force_login(trainer)
    form = client.get(matrix_url(cohort)).context["form"]
    assert [m.name for m in form.fields["municipality"].queryset] == ["Bamberg", "Erfurt"]


def test_cohort_progress_unknown_filter_value_filters_nothing(client, cohort, people, trainer):
    client.force_login(trainer)
    response = client.get(matrix_url(cohort), {"municipality": "999999", "function": "x"})
    assert response.status_code == 200
    assert len(response.context["matrix"].rows) == 4
    assert response.context["form"].errors


def test_cohort_progress_empty_filter_result(client, cohort, people, trainer):
    client.force_login(trainer)
    response = client.get(matrix_url(cohort), {"function": Function.STEERING_GROUP})
    assert 'id="matrix-empty"' in response.content.decode()
    assert response.context["matrix"].rows == []


def test_cohort_progress_csv(client, cohort, people, trainer, bamberg):
    client.force_login(trainer)
    in_english(client)
    response = client.get(
        reverse("cohort_progress_csv", args=[cohort.pk]),
        {"municipality": bamberg.pk},
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="fortschritt-{cohort.name.lower().replace(" ", "-")}.csv"'
    )
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    assert rows == [
        [
            "Name",
            "Municipality",
            "Function",
            "Organisation",
            "Module 1",
            "Module 2",
            "Module 3",
            "Modules completed",
            "Overall (%)",
        ],
        [
            "Anna Arnold",
            "Bamberg",
            "Administration",
            "Stadt Bamberg",
            "Completed",
            "1 of 2 lessons",
            "Not started",
            "1",
            "57",
        ],
        [
            "Clara Conrad",
            "Bamberg",
            "Civil society",
            "",
            "Completed",
            "Completed",
            "Completed",
            "3",
            "100",
        ],
    ]


def test_cohort_progress_csv_neutralises_formulas(client, cohort, trainer, modules):
    person(cohort, "=HYPERLINK(1)", "X", organisation="+49 Amt")
    client.force_login(trainer)
    response = client.get(reverse("cohort_progress_csv", args=[cohort.pk]))
    rows = list(csv.reader(io.StringIO(response.content.decode()[1:]), delimiter=";"))
    assert rows[1][0] == "'=HYPERLINK(1) X"
    assert rows[1][3] == "'+49 Amt"


# --- Who may see it ---------------------------------------------------------------------------


@pytest.fixture
def supervisor(cohort):
    user = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    cohort.supervisors.add(user)
    return user


@pytest.fixture
def urls(cohort, people):
    return [
        matrix_url(cohort),
        reverse("cohort_progress_csv", args=[cohort.pk]),
        detail_url(people["anna"]),
    ]


def statuses(client, user, urls):
    client.logout()
    if user is not None:
        client.force_login(user)
    return [client.get(url).status_code for url in urls]


def test_trainer_of_the_cohort_and_staff_see_the_progress(client, urls, trainer, staff, superuser):
    assert statuses(client, trainer, urls) == [200, 200, 200]
    assert statuses(client, staff, urls) == [200, 200, 200]
    assert statuses(client, superuser, urls) == [200, 200, 200]


def test_others_get_the_german_403(
    client, urls, other_trainer, supervisor, trainee, other_trainee, people
):
    for user in [other_trainer, supervisor, trainee, other_trainee, people["anna"].user]:
        assert statuses(client, user, urls) == [403, 403, 403], user
    html = client.get(urls[0]).content.decode()
    assert "Zugriff verweigert" in html
    assert "Anna Arnold" not in html


def test_anonymous_is_sent_to_the_login(client, urls):
    for url in urls:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_inactive_trainer_is_refused(client, urls, trainer):
    trainer.is_active = False
    trainer.save()
    assert all(status in (302, 403) for status in statuses(client, trainer, urls))


def test_unknown_cohort_is_404(client, trainer):
    client.force_login(trainer)
    assert client.get(reverse("cohort_progress", args=[999999])).status_code == 404


def test_enrolment_of_another_cohort_is_404(client, cohort, people, trainer, programme):
    other_cohort = factories.CohortFactory(programme=programme, trainers=[trainer])
    foreign = person(other_cohort, "Fremd", "Person")
    client.force_login(trainer)
    assert client.get(reverse("trainee_progress", args=[cohort.pk, foreign.pk])).status_code == 404
    assert client.get(detail_url(foreign)).status_code == 200


def test_enrolment_not_admitted_is_404(client, cohort, trainer, modules):
    applied = person(cohort, "Emil", "Bewerber", status=EnrolmentStatus.APPLIED)
    client.force_login(trainer)
    assert client.get(detail_url(applied)).status_code == 404


def test_access_rules(cohort, trainer, other_trainer, staff, supervisor, trainee, people):
    assert trainer_rules(trainer, cohort, people["anna"]) == (True, True, True)
    assert trainer_rules(staff, cohort, people["anna"]) == (True, False, True)
    assert trainer_rules(supervisor, cohort, people["anna"]) == (False, False, False)
    assert trainer_rules(other_trainer, cohort, people["anna"]) == (False, False, False)
    assert trainer_rules(trainee, cohort, people["anna"]) == (False, False, False)
    assert trainer_rules(people["anna"].user, cohort, people["anna"]) == (False, True, False)


def test_reflection_rule_agrees_with_lms_progress(
    cohort, trainer, other_trainer, staff, supervisor, trainee, anna_history
):
    for user in [trainer, other_trainer, staff, supervisor, trainee, anna_history.user]:
        visible = reflections_visible_to(user).filter(enrolment=anna_history).exists()
        assert can_read_reflections(user, anna_history) is visible, user


def trainer_rules(user, cohort, enrolment):
    return (
        can_follow_progress(user, cohort),
        can_read_reflections(user, enrolment),
        can_sign_off(user, enrolment),
    )


# --- My cohorts -------------------------------------------------------------------------------


def test_my_cohorts_lists_the_trainers_cohorts(client, cohort, people, trainer, other_trainer):
    client.force_login(trainer)
    response = client.get(reverse("my_cohorts"))
    assert response.status_code == 200
    assert [(c.name, c.participant_count) for c in response.context["cohorts"]] == [
        (cohort.name, 4)
    ]
    assert f'href="{matrix_url(cohort)}"' in response.content.decode()


def test_my_cohorts_staff_see_all(client, cohort, people, other_trainer, staff):
    client.force_login(staff)
    response = client.get(reverse("my_cohorts"))
    assert len(response.context["cohorts"]) == 2


def test_my_cohorts_is_for_trainers_and_staff(client, cohort, supervisor, trainee):
    url = reverse("my_cohorts")
    assert client.get(url)["Location"] == f"/accounts/login/?next={url}"
    for user in [supervisor, trainee]:
        client.force_login(user)
        assert client.get(url).status_code == 403


def test_my_cohorts_constant_queries(client, trainer, programme):
    client.force_login(trainer)
    few, _response = count_queries(client, reverse("my_cohorts"))
    for _ in range(10):
        factories.CohortFactory(programme=programme, trainers=[trainer])
    many, response = count_queries(client, reverse("my_cohorts"))
    assert len(response.context["cohorts"]) == 11
    assert few == many


# --- The detail of one trainee ----------------------------------------------------------------


def quiz_block_id(lesson):
    return next(block.id for block in lesson.body if block.block_type == "quiz")


def reflection_block_id(lesson):
    return next(block.id for block in lesson.body if block.block_type == "reflection")


@pytest.fixture
def anna_history(people, modules):
    anna = people["anna"]
    lesson = lessons_of(modules, "2")[0]
    for day, correct in [(3, 0), (4, 1)]:
        QuizAttempt.objects.create(
            enrolment=anna,
            lesson=lesson,
            block_id=quiz_block_id(lesson),
            answers={"q1": [0 if correct else 1]},
            correct=correct,
            total=1,
            passed=bool(correct),
            submitted_at=at(day),
        )
    ReflectionAnswer.objects.create(
        enrolment=anna,
        lesson=lesson,
        block_id=reflection_block_id(lesson),
        text=sanitize_html("<p>Bei der <strong>Sporthalle</strong>.</p><script>alert(1)</script>"),
    )
    return anna


def test_trainee_progress_shows_lessons_attempts_and_reflections(
    client, anna_history, trainer, modules
):
    client.force_login(trainer)
    in_english(client)
    response = client.get(detail_url(anna_history))
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="kern-heading-x-large">Anna Arnold</h1>' in html
    assert "57 % · 1 of 3 modules completed" in html
    assert html.count(short_date(at(2))) == 4  # lessons 1.1–1.3 and 2.1 done on 2 March
    assert "Not done yet" in html
    assert "Wissenscheck Eskalation" in html
    assert "1 of 1 (100 %)" in html
    assert "0 of 1 (0 %)" in html
    assert html.index(short_datetime(at(4))) < html.index(short_datetime(at(3)))  # newest first
    assert "Passed" in html and "Not passed" in html
    assert "Wo eskaliert es bei Ihnen?" in html
    assert "<p>Bei der <strong>Sporthalle</strong>.</p>" in html
    assert "<script>alert(1)</script>" not in html
    progress = response.context["progress"]
    assert [(m.module.number, m.cell.state.value) for m in progress.modules] == [
        ("1", "completed"),
        ("2", "in_progress"),
        ("3", "not_started"),
    ]


def test_staff_see_that_reflections_exist_but_not_their_text(client, anna_history, staff):
    client.force_login(staff)
    in_english(client)
    html = client.get(detail_url(anna_history))
    html = html.content.decode()
    assert "Reflections are visible only to the participant" in html
    assert "Sporthalle" not in html
    assert "Wissenscheck Eskalation" in html


def sign_off_actions(html, enrolment, modules):
    return [
        number
        for number in ("1", "2", "3")
        if reverse("sign_off_module", args=[enrolment.cohort_id, enrolment.pk, modules[number].pk])
        in html
    ]


def test_sign_off_button_only_for_modules_that_require_it(client, people, modules, trainer, staff):
    for user in [trainer, staff]:
        client.force_login(user)
        html = client.get(detail_url(people["bernd"])).content.decode()
        assert sign_off_actions(html, people["bernd"], modules) == ["3"]


def test_signed_off_module_offers_withdrawal(client, people, modules, trainer):
    client.force_login(trainer)
    in_english(client)
    html = client.get(detail_url(people["clara"]))
    html = html.content.decode()
    assert sign_off_actions(html, people["clara"], modules) == []
    withdraw_url = reverse(
        "withdraw_sign_off", args=[people["clara"].cohort_id, people["clara"].pk, modules["3"].pk]
    )
    assert f'action="{withdraw_url}"' in html
    assert f"Signed off by {trainer.get_full_name()} on {short_datetime(at(20))}." in html


def sign_off_url(enrolment, module):
    return reverse("sign_off_module", args=[enrolment.cohort_id, enrolment.pk, module.pk])


def withdraw_url(enrolment, module):
    return reverse("withdraw_sign_off", args=[enrolment.cohort_id, enrolment.pk, module.pk])


def test_trainer_signs_off_and_the_module_is_completed(client, people, modules, trainer):
    bernd = people["bernd"]
    client.force_login(trainer)
    in_english(client)
    response = client.post(sign_off_url(bernd, modules["3"]), {"note": "Praxisprojekt angenommen"})
    assert response.status_code == 302
    assert response["Location"] == detail_url(bernd)
    sign_off = ModuleSignOff.objects.get(enrolment=bernd)
    assert (sign_off.signed_by, sign_off.note, sign_off.withdrawn_at) == (
        trainer,
        "Praxisprojekt angenommen",
        None,
    )
    completion = ModuleCompletion.objects.get(enrolment=bernd, module=modules["3"])
    assert (completion.source, completion.sign_off) == (ModuleCompletion.Source.SIGN_OFF, sign_off)
    html = client.get(response["Location"]).content.decode()
    assert "Module 3 Praxisprojekt has been signed off for Bernd Brandt." in html
    assert "Note: Praxisprojekt angenommen" in html


def test_staff_withdraw_a_sign_off_and_the_completion_reverts(client, people, modules, staff):
    clara = people["clara"]
    client.force_login(staff)
    in_english(client)
    response = client.post(withdraw_url(clara, modules["3"]))
    assert response.status_code == 302
    sign_off = ModuleSignOff.objects.get(enrolment=clara)
    assert sign_off.withdrawn_by == staff
    assert not ModuleCompletion.objects.filter(enrolment=clara, module=modules["3"]).exists()
    html = client.get(response["Location"]).content.decode()
    assert "The sign-off of module 3 Praxisprojekt for Clara Conrad has been withdrawn." in html
    assert "Withdrawn sign-offs" in html
    assert sign_off_actions(html, clara, modules) == ["3"]


def test_sign_off_refusal_is_shown_as_a_message(client, people, modules, trainer):
    client.force_login(trainer)
    in_english(client)
    response = client.post(sign_off_url(people["anna"], modules["1"]), follow=True)
    assert "This module does not require a sign-off." in response.content.decode()
    response = client.post(withdraw_url(people["anna"], modules["3"]), follow=True)
    assert "This module has no sign-off that could be withdrawn." in response.content.decode()
    assert ModuleSignOff.objects.filter(enrolment=people["anna"]).count() == 0


def test_sign_off_refused_for_others(
    client, people, modules, other_trainer, supervisor, trainee, cohort
):
    bernd = people["bernd"]
    for user in [other_trainer, supervisor, trainee, bernd.user]:
        client.force_login(user)
        assert client.post(sign_off_url(bernd, modules["3"])).status_code == 403
        assert client.post(withdraw_url(people["clara"], modules["3"])).status_code == 403
    client.logout()
    assert client.post(sign_off_url(bernd, modules["3"])).status_code == 302
    assert ModuleSignOff.objects.filter(enrolment=bernd).count() == 0
    assert ModuleSignOff.objects.get(enrolment=people["clara"]).withdrawn_at is None


def test_sign_off_needs_post(client, people, modules, trainer):
    client.force_login(trainer)
    assert client.get(sign_off_url(people["bernd"], modules["3"])).status_code == 405


def test_sign_off_module_of_another_programme_is_404(client, people, trainer, home):
    other = factories.make_programme(home, title="Anderes", slug="anderes-programm")
    foreign_module = factories.make_module(other, number="9", requires_sign_off=True)
    client.force_login(trainer)
    assert client.post(sign_off_url(people["bernd"], foreign_module)).status_code == 404


# --- Constant number of queries -----------------------------------------------------------------


def populate(cohort, modules, count, start=0):
    """``count`` admitted participants, each with some lessons done and an attempt."""
    lessons = [lesson for ids in modules["lessons"].values() for lesson in ids]
    for n in range(start, start + count):
        enrolment = person(cohort, f"Person{n:03d}", "Test")
        mark_done(enrolment, lessons[: n % len(lessons)])
        if n % 3 == 0:
            complete_module(enrolment, modules["1"])


def count_queries(client, url):
    client.get(url)  # warm what is created or cached once (user profile, site settings, site)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries), response


# Session, user, cohort, the person's page facts (staff role, trains cohorts, admin
# access: one query), trainer of the cohort; modules, lessons, enrolments, their
# people, lesson completions, module completions; the municipalities of the filter;
# and the rest of the page frame (Wagtail's user bar: profile; site; the site settings
# come from the page tree's cache, curriculum.tree_cache).
MATRIX_QUERIES = 15


def test_matrix_query_count_is_the_same_for_5_and_200_trainees(client, cohort, modules, trainer):
    populate(cohort, modules, 5)
    client.force_login(trainer)
    few, response = count_queries(client, matrix_url(cohort))
    assert len(response.context["matrix"].rows) == 5

    populate(cohort, modules, 195, start=5)
    many, response = count_queries(client, matrix_url(cohort))
    assert len(response.context["matrix"].rows) == 200
    assert few == many == MATRIX_QUERIES


# Without the filter's municipalities and without the site's page frame.
CSV_QUERIES = 11


def test_csv_query_count_is_the_same_for_5_and_200_trainees(client, cohort, modules, trainer):
    populate(cohort, modules, 5)
    client.force_login(trainer)
    url = reverse("cohort_progress_csv", args=[cohort.pk])
    few, _response = count_queries(client, url)
    populate(cohort, modules, 195, start=5)
    many, response = count_queries(client, url)
    assert few == many == CSV_QUERIES
    assert response.content.decode().count("\r\n") == 201


# Session, user, cohort, page facts, trainer of the cohort, enrolment; modules, lessons,
# lesson completions, module completions, attempts, reflections, sign-offs; may sign
# off (lms.progress.can_sign_off); and the rest of the page frame (2, see above); the
# certificate requirements (certificates.eligibility, 8, whatever the number of records).
DETAIL_QUERIES = 25


def test_detail_query_count_is_the_same_for_few_and_many_attempts(
    client, anna_history, modules, trainer
):
    client.force_login(trainer)
    few, _response = count_queries(client, detail_url(anna_history))

    lesson = lessons_of(modules, "2")[0]
    QuizAttempt.objects.bulk_create(
        QuizAttempt(
            enrolment=anna_history,
            lesson=lesson,
            block_id=quiz_block_id(lesson),
            correct=n % 2,
            total=1,
            passed=bool(n % 2),
            submitted_at=at(10) + datetime.timedelta(minutes=n),
        )
        for n in range(60)
    )
    many, response = count_queries(client, detail_url(anna_history))
    assert len(response.context["progress"].modules[1].attempts) == 62
    assert few == many == DETAIL_QUERIES
