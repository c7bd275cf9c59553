"""Learning progress services: lessons done, knowledge checks, reflections, module completion."""

import itertools

import pytest
from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import translation
from wagtail.blocks import StreamValue
from wagtail.log_actions import registry as log_registry
from wagtail.models import ModelLogEntry

from curriculum.blocks import LessonStreamBlock
from curriculum.models import LessonPage
from lms import audit, progress
from lms.models import (
    EnrolmentStatus,
    LessonCompletion,
    ModuleCompletion,
    ModuleSignOff,
    QuizAttempt,
    ReflectionAnswer,
)
from tests import factories

pytestmark = pytest.mark.django_db


def question(text, correct, options=3, explanation=""):
    """A question with ``options`` answer options; ``correct`` holds the right indices."""
    return {
        "question": text,
        "options": [
            {"text": f"{text} Option {i}", "correct": i in correct} for i in range(options)
        ],
        "explanation": explanation,
    }


def quiz_value(questions, pass_percentage=75, title="Wissenscheck"):
    return {"title": title, "intro": "", "pass_percentage": pass_percentage, "questions": questions}


_slugs = itertools.count()


def make_lesson_with(module, blocks, title="Lerneinheit mit Übungen", slug=None):
    """A lesson whose body holds ``blocks`` (``(type, value)`` pairs), re-read to get block ids."""
    body = StreamValue(LessonStreamBlock(), blocks, is_lazy=False)
    lesson = factories.make_lesson(
        module, title=title, body=body, slug=slug or f"lerneinheit-{next(_slugs)}"
    )
    return LessonPage.objects.get(pk=lesson.pk)


def block_ids(lesson, block_type):
    return [block.id for block in lesson.body if block.block_type == block_type]


STANDARD_QUIZ = quiz_value(
    [
        question("Stufen nach Glasl?", {1}, explanation="Glasl unterscheidet neun Stufen."),
        question("Eisbergmodell?", {0, 2}, explanation="Interessen und Gefühle liegen unten."),
    ],
    pass_percentage=75,
)


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


@pytest.fixture
def quiz_lesson(module):
    return make_lesson_with(module, [("quiz", STANDARD_QUIZ)], title="Wissenscheck Eskalation")


def error_text(excinfo) -> str:
    with translation.override("en"):
        return str(excinfo.value.message)


# --- Lessons marked as done --------------------------------------------------


def test_mark_lesson_done_stores_a_manual_completion(enrolment, lesson):
    completion = progress.mark_lesson_done(enrolment, lesson)
    assert completion.source == LessonCompletion.Source.MANUAL
    assert list(LessonCompletion.objects.values_list("enrolment", "lesson")) == [
        (enrolment.pk, lesson.pk)
    ]


def test_mark_lesson_done_twice_keeps_one_completion(enrolment, lesson):
    first = progress.mark_lesson_done(enrolment, lesson)
    second = progress.mark_lesson_done(enrolment, lesson)
    assert first.pk == second.pk
    assert LessonCompletion.objects.count() == 1


def test_undo_lesson_done_removes_the_completion(enrolment, lesson):
    progress.mark_lesson_done(enrolment, lesson)
    progress.undo_lesson_done(enrolment, lesson)
    assert LessonCompletion.objects.count() == 0


def test_undo_lesson_not_done_changes_nothing(enrolment, lesson):
    progress.undo_lesson_done(enrolment, lesson)
    assert LessonCompletion.objects.count() == 0


def test_mark_lesson_done_refused_for_a_lesson_with_quiz(enrolment, quiz_lesson):
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.mark_lesson_done(enrolment, quiz_lesson)
    assert error_text(excinfo) == (
        "This lesson counts as done once you have passed its knowledge check."
    )
    assert LessonCompletion.objects.count() == 0


@pytest.mark.parametrize(
    "status",
    [
        EnrolmentStatus.APPLIED,
        EnrolmentStatus.WAITLISTED,
        EnrolmentStatus.REJECTED,
        EnrolmentStatus.WITHDRAWN,
    ],
)
def test_mark_lesson_done_refused_without_admission(cohort, lesson, status):
    enrolment = factories.EnrolmentFactory(cohort=cohort, status=status)
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.mark_lesson_done(enrolment, lesson)
    assert error_text(excinfo) == "Your enrolment does not allow recording learning progress."
    assert LessonCompletion.objects.count() == 0


def test_mark_lesson_done_allowed_for_completed_enrolment(cohort, lesson):
    enrolment = factories.EnrolmentFactory(cohort=cohort, status=EnrolmentStatus.COMPLETED)
    progress.mark_lesson_done(enrolment, lesson)
    assert LessonCompletion.objects.count() == 1


def test_mark_lesson_done_refused_for_lesson_of_another_programme(enrolment, home):
    other = factories.make_programme(home, title="Fremd", slug="fremd")
    foreign_lesson = factories.make_lesson(factories.make_module(other, slug="fm"), slug="fl")
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.mark_lesson_done(enrolment, foreign_lesson)
    assert error_text(excinfo) == "This lesson does not belong to your programme."
    assert LessonCompletion.objects.count() == 0


# --- Knowledge checks ---------------------------------------------------------


def test_submit_quiz_all_correct_passes_and_completes_the_lesson(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    attempt = progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": ["0", "2"]})
    assert (attempt.correct, attempt.total, attempt.passed, attempt.percentage) == (2, 2, True, 100)
    assert attempt.answers == {"1": [1], "2": [0, 2]}
    completion = LessonCompletion.objects.get()
    assert (completion.lesson_id, completion.source) == (quiz_lesson.pk, "quiz")


def test_submit_quiz_partly_correct_fails_and_leaves_lesson_open(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    attempt = progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": ["0"]})
    assert (attempt.correct, attempt.total, attempt.passed, attempt.percentage) == (1, 2, False, 50)
    assert LessonCompletion.objects.count() == 0


@pytest.mark.parametrize(
    ("questions", "pass_percentage", "right", "passed"),
    [
        (4, 75, 3, True),  # exactly at the mark
        (4, 75, 2, False),
        (3, 67, 2, False),  # 66.7 % must not be rounded up to 67 %
        (3, 66, 2, True),
        (2, 100, 1, False),
        (2, 0, 0, True),
    ],
)
def test_submit_quiz_pass_mark_boundary(
    module, enrolment, questions, pass_percentage, right, passed
):
    value = quiz_value(
        [question(f"F{n}", {0}, options=2) for n in range(questions)], pass_percentage
    )
    lesson = make_lesson_with(module, [("quiz", value)], slug="grenze")
    [quiz_id] = block_ids(lesson, "quiz")
    answers = {str(n + 1): ["0" if n < right else "1"] for n in range(questions)}
    attempt = progress.submit_quiz(enrolment, lesson, quiz_id, answers)
    assert (attempt.correct, attempt.passed) == (right, passed)


@pytest.mark.parametrize(
    ("selected", "right"),
    [
        (["0", "2"], True),
        (["2", "0"], True),
        (["0"], False),
        (["0", "1", "2"], False),
        (["1"], False),
    ],
)
def test_submit_quiz_multiple_choice_needs_the_exact_set(enrolment, quiz_lesson, selected, right):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    attempt = progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": selected})
    assert attempt.correct == (2 if right else 1)


def test_submit_quiz_accepts_ints_and_single_values(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    attempt = progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {1: 1, 2: [0, 2]})
    assert attempt.passed is True


def test_submit_quiz_stores_every_attempt(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["0"], "2": ["0"]})
    progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": ["0", "2"]})
    assert list(
        QuizAttempt.objects.order_by("pk").values_list("block_id", "correct", "passed", "answers")
    ) == [
        (quiz_id, 0, False, {"1": [0], "2": [0]}),
        (quiz_id, 2, True, {"1": [1], "2": [0, 2]}),
    ]


def test_submit_quiz_failed_attempt_after_pass_keeps_lesson_done(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": ["0", "2"]})
    progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["0"], "2": ["0"]})
    assert LessonCompletion.objects.filter(lesson=quiz_lesson).count() == 1


@pytest.mark.language("de")
def test_submit_quiz_missing_answer_stores_nothing(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": []})
    # Formatted messages are rendered in the active language (German) when raised.
    assert str(excinfo.value.message) == (
        "Bitte beantworten Sie alle Fragen (Frage 2 ist nicht beantwortet)."
    )
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {})
    assert str(excinfo.value.message) == (
        "Bitte beantworten Sie alle Fragen (Fragen 1, 2 sind nicht beantwortet)."
    )
    assert QuizAttempt.objects.count() == 0
    assert LessonCompletion.objects.count() == 0


@pytest.mark.parametrize(
    "answers",
    [
        {"1": ["3"], "2": ["0", "2"]},  # option index beyond the options
        {"1": ["-1"], "2": ["0", "2"]},
        {"1": ["eins"], "2": ["0", "2"]},
        {"1": ["1"], "2": ["0", "2"], "3": ["0"]},  # a question that does not exist
        {"0": ["1"], "1": ["1"], "2": ["0", "2"]},
        {"1": ["0", "1"], "2": ["0", "2"]},  # two options on a single-choice question
        {"x": ["1"], "2": ["0", "2"]},
    ],
)
def test_submit_quiz_forged_answers_store_nothing(enrolment, quiz_lesson, answers):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.submit_quiz(enrolment, quiz_lesson, quiz_id, answers)
    assert error_text(excinfo) == (
        "The submitted answers do not match this knowledge check. Please reload the page."
    )
    assert QuizAttempt.objects.count() == 0


def test_submit_quiz_unknown_block_stores_nothing(module, enrolment):
    lesson = make_lesson_with(
        module,
        [
            ("quiz", STANDARD_QUIZ),
            ("reflection", {"prompt": "Was nehmen Sie mit?", "guidance": ""}),
        ],
    )
    [reflection_id] = block_ids(lesson, "reflection")
    for block_id in ("00000000-0000-4000-8000-000000000000", reflection_id):
        with pytest.raises(progress.ProgressError) as excinfo:
            progress.submit_quiz(enrolment, lesson, block_id, {"1": ["1"], "2": ["0", "2"]})
        assert error_text(excinfo) == (
            "This knowledge check does not exist (any more) in this lesson."
        )
    assert QuizAttempt.objects.count() == 0


def test_lesson_with_two_quizzes_is_done_when_both_are_passed(module, enrolment):
    lesson = make_lesson_with(module, [("quiz", STANDARD_QUIZ), ("quiz", STANDARD_QUIZ)])
    first, second = block_ids(lesson, "quiz")
    right = {"1": ["1"], "2": ["0", "2"]}
    progress.submit_quiz(enrolment, lesson, first, right)
    assert LessonCompletion.objects.count() == 0
    progress.submit_quiz(enrolment, lesson, second, right)
    assert LessonCompletion.objects.get().source == LessonCompletion.Source.QUIZ


def test_undo_refused_for_a_lesson_done_by_quiz(enrolment, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": ["0", "2"]})
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.undo_lesson_done(enrolment, quiz_lesson)
    assert error_text(excinfo) == (
        "A lesson completed by passing its knowledge check cannot be undone."
    )
    assert LessonCompletion.objects.count() == 1


# --- Reflections ----------------------------------------------------------------


@pytest.fixture
def reflection_lesson(module):
    return make_lesson_with(
        module,
        [("reflection", {"prompt": "Welche Rolle nehmen Sie ein?", "guidance": ""})],
        title="Rollenklärung",
    )


def test_save_reflection_stores_sanitised_html(enrolment, reflection_lesson):
    [block_id] = block_ids(reflection_lesson, "reflection")
    answer = progress.save_reflection(
        enrolment,
        reflection_lesson,
        block_id,
        '<p onclick="x()">Ich bin <strong>Moderatorin</strong>.</p><script>alert(1)</script>'
        '<img src="x" onerror="alert(2)">',
    )
    assert answer.text == "<p>Ich bin <strong>Moderatorin</strong>.</p>alert(1)"
    assert ReflectionAnswer.objects.get().text == answer.text


def test_save_reflection_again_replaces_the_answer(enrolment, reflection_lesson):
    [block_id] = block_ids(reflection_lesson, "reflection")
    progress.save_reflection(enrolment, reflection_lesson, block_id, "Erster Gedanke")
    progress.save_reflection(enrolment, reflection_lesson, block_id, "Zweiter Gedanke")
    assert list(ReflectionAnswer.objects.values_list("text", flat=True)) == ["Zweiter Gedanke"]


@pytest.mark.parametrize("text", ["", "   ", "<p> </p>", "<img src=x>", "<p>&nbsp;</p>"])
def test_save_reflection_empty_is_refused(enrolment, reflection_lesson, text):
    [block_id] = block_ids(reflection_lesson, "reflection")
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.save_reflection(enrolment, reflection_lesson, block_id, text)
    assert error_text(excinfo) == "Please write an answer before saving."
    assert ReflectionAnswer.objects.count() == 0


@pytest.mark.language("de")
def test_save_reflection_too_long_is_refused(enrolment, reflection_lesson):
    [block_id] = block_ids(reflection_lesson, "reflection")
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.save_reflection(enrolment, reflection_lesson, block_id, "a" * 20_001)
    assert str(excinfo.value.message) == "Ihre Antwort ist zu lang (höchstens 20000 Zeichen)."
    assert ReflectionAnswer.objects.count() == 0


def test_save_reflection_unknown_block_is_refused(enrolment, module):
    lesson = make_lesson_with(module, [("quiz", STANDARD_QUIZ)])
    [quiz_id] = block_ids(lesson, "quiz")
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.save_reflection(enrolment, lesson, quiz_id, "Text")
    assert error_text(excinfo) == (
        "This reflection prompt does not exist (any more) in this lesson."
    )
    assert ReflectionAnswer.objects.count() == 0


def test_reflections_visible_to_trainee_and_cohort_trainers_only(
    programme,
    cohort,
    enrolment,
    trainee,
    trainer,
    other_trainer,
    other_trainee,
    staff,
    reflection_lesson,
):
    [block_id] = block_ids(reflection_lesson, "reflection")
    answer = progress.save_reflection(enrolment, reflection_lesson, block_id, "Meine Rolle")
    classmate = factories.UserFactory()
    factories.EnrolmentFactory(user=classmate, cohort=cohort)
    trainer_of_other_cohort = factories.UserFactory()
    factories.CohortFactory(programme=programme).trainers.add(trainer_of_other_cohort)
    supervisor = factories.UserFactory()
    cohort.supervisors.add(supervisor)
    assert list(progress.reflections_visible_to(trainee)) == [answer]
    assert list(progress.reflections_visible_to(trainer)) == [answer]
    for outsider in (
        classmate,
        other_trainee,
        other_trainer,
        trainer_of_other_cohort,
        supervisor,
        staff,
        AnonymousUser(),
    ):
        assert list(progress.reflections_visible_to(outsider)) == []


def test_reflections_visible_to_a_trainer_with_two_cohorts_without_duplicates(
    programme, cohort, enrolment, trainer, reflection_lesson
):
    factories.CohortFactory(programme=programme).trainers.add(trainer)
    [block_id] = block_ids(reflection_lesson, "reflection")
    progress.save_reflection(enrolment, reflection_lesson, block_id, "Meine Rolle")
    assert progress.reflections_visible_to(trainer).count() == 1


# --- Module completion ------------------------------------------------------------


def log_entries(enrolment):
    return list(
        ModelLogEntry.objects.filter(object_id=str(enrolment.pk))
        .order_by("pk")
        .values_list("action", "user_id", "data")
    )


def test_module_completed_by_rule_when_all_lessons_done(enrolment, trainee, module, lesson):
    second = factories.make_lesson(module, title="Zweite", slug="zweite")
    progress.mark_lesson_done(enrolment, lesson)
    assert ModuleCompletion.objects.count() == 0
    progress.mark_lesson_done(enrolment, second)
    completion = ModuleCompletion.objects.get()
    assert (completion.module_id, completion.source, completion.sign_off) == (
        module.pk,
        ModuleCompletion.Source.RULE,
        None,
    )
    assert log_entries(enrolment) == [
        (
            audit.MODULE_COMPLETED,
            trainee.pk,
            {
                "module_id": module.pk,
                "module": "1 Konflikttheorie",
                "source": "rule",
                "sign_off_id": None,
            },
        )
    ]


def test_unpublished_lessons_do_not_count(enrolment, module, lesson):
    draft = factories.make_lesson(module, title="Entwurf", slug="entwurf")
    draft.unpublish()
    progress.mark_lesson_done(enrolment, lesson)
    assert ModuleCompletion.objects.count() == 1


def test_undo_reopens_the_module_with_audit_entry(enrolment, trainee, module, lesson):
    progress.mark_lesson_done(enrolment, lesson)
    progress.undo_lesson_done(enrolment, lesson)
    assert ModuleCompletion.objects.count() == 0
    assert [entry[0] for entry in log_entries(enrolment)] == [
        audit.MODULE_COMPLETED,
        audit.MODULE_REOPENED,
    ]
    assert log_entries(enrolment)[1][2]["reason"] == audit.REASON_LESSONS_OPEN


def test_module_completed_by_passing_the_last_quiz(enrolment, module, quiz_lesson):
    [quiz_id] = block_ids(quiz_lesson, "quiz")
    progress.submit_quiz(enrolment, quiz_lesson, quiz_id, {"1": ["1"], "2": ["0", "2"]})
    assert ModuleCompletion.objects.get().module_id == module.pk


def test_evaluate_module_is_idempotent(enrolment, module, lesson):
    progress.mark_lesson_done(enrolment, lesson)
    first = progress.evaluate_module(enrolment, module)
    second = progress.evaluate_module(enrolment, module)
    assert first.pk == second.pk
    assert len(log_entries(enrolment)) == 1


def test_evaluate_module_of_another_programme_is_refused(enrolment, home):
    other = factories.make_programme(home, title="Fremd", slug="fremd")
    with pytest.raises(progress.ProgressError):
        progress.evaluate_module(enrolment, factories.make_module(other, slug="fm"))


def test_attendance_hook_is_met_until_attendance_exists(enrolment, module):
    assert progress.attendance_requirement_met(enrolment, module) is True


@pytest.fixture
def project_module(programme):
    return factories.make_module(
        programme, number="8", title="Praxisprojekt", slug="praxisprojekt", requires_sign_off=True
    )


@pytest.fixture
def project_lesson(project_module):
    return factories.make_lesson(project_module, title="Projektbericht", slug="projektbericht")


def test_module_requiring_sign_off_waits_for_it(enrolment, trainer, project_module, project_lesson):
    progress.mark_lesson_done(enrolment, project_lesson)
    assert ModuleCompletion.objects.count() == 0
    sign_off = progress.sign_off_module(enrolment, project_module, by=trainer, note="Angenommen")
    completion = ModuleCompletion.objects.get()
    assert (completion.source, completion.sign_off_id) == ("sign_off", sign_off.pk)
    assert (sign_off.signed_by, sign_off.note, sign_off.withdrawn_at) == (
        trainer,
        "Angenommen",
        None,
    )
    assert [(action, user) for action, user, _data in log_entries(enrolment)] == [
        (audit.SIGN_OFF, trainer.pk),
        (audit.MODULE_COMPLETED, trainer.pk),
    ]


def test_sign_off_first_completes_with_the_last_lesson(
    enrolment, trainee, trainer, project_module, project_lesson
):
    sign_off = progress.sign_off_module(enrolment, project_module, by=trainer)
    assert ModuleCompletion.objects.count() == 0
    progress.mark_lesson_done(enrolment, project_lesson)
    completion = ModuleCompletion.objects.get()
    assert (completion.source, completion.sign_off_id) == ("sign_off", sign_off.pk)
    assert log_entries(enrolment)[-1][:2] == (audit.MODULE_COMPLETED, trainee.pk)


def test_withdraw_sign_off_reverts_completion_with_audit_entry(
    enrolment, trainer, project_module, project_lesson
):
    progress.mark_lesson_done(enrolment, project_lesson)
    progress.sign_off_module(enrolment, project_module, by=trainer)
    withdrawn = progress.withdraw_sign_off(enrolment, project_module, by=trainer)
    assert ModuleCompletion.objects.count() == 0
    assert withdrawn.withdrawn_by == trainer
    assert withdrawn.withdrawn_at is not None
    assert ModuleSignOff.objects.count() == 1  # kept for the record
    entries = log_entries(enrolment)
    assert [(action, user) for action, user, _data in entries] == [
        (audit.SIGN_OFF, trainer.pk),
        (audit.MODULE_COMPLETED, trainer.pk),
        (audit.SIGN_OFF_WITHDRAWN, trainer.pk),
        (audit.MODULE_REOPENED, trainer.pk),
    ]
    assert entries[-1][2] == {
        "module_id": project_module.pk,
        "module": "8 Praxisprojekt",
        "reason": audit.REASON_SIGN_OFF_WITHDRAWN,
    }
    # A new sign-off completes the module again.
    again = progress.sign_off_module(enrolment, project_module, by=trainer)
    assert ModuleCompletion.objects.get().sign_off_id == again.pk


def test_audit_entries_read_clearly_in_wagtail(enrolment, trainer, project_module, project_lesson):
    progress.mark_lesson_done(enrolment, project_lesson)
    progress.sign_off_module(enrolment, project_module, by=trainer, note="Gut begründet")
    progress.withdraw_sign_off(enrolment, project_module, by=trainer)
    for action in (
        audit.MODULE_COMPLETED,
        audit.MODULE_REOPENED,
        audit.SIGN_OFF,
        audit.SIGN_OFF_WITHDRAWN,
    ):
        assert log_registry.action_exists(action)
    with translation.override("en"):
        messages = [
            str(entry.message)
            for entry in ModelLogEntry.objects.filter(object_id=str(enrolment.pk)).order_by("pk")
        ]
    assert messages == [
        "Module “8 Praxisprojekt” signed off: Gut begründet",
        "Module “8 Praxisprojekt” completed by the trainer's sign-off",
        "Sign-off of module “8 Praxisprojekt” withdrawn",
        "Completion of module “8 Praxisprojekt” reverted: the trainer's sign-off was withdrawn",
    ]


def test_sign_off_by_staff_is_allowed(enrolment, staff, project_module):
    sign_off = progress.sign_off_module(enrolment, project_module, by=staff)
    assert sign_off.signed_by == staff


def test_sign_off_refused_for_everyone_else(
    programme, enrolment, trainee, other_trainer, project_module
):
    trainer_of_other_cohort = factories.UserFactory()
    factories.CohortFactory(programme=programme).trainers.add(trainer_of_other_cohort)
    for user in (trainee, other_trainer, trainer_of_other_cohort, AnonymousUser()):
        with pytest.raises(PermissionDenied):
            progress.sign_off_module(enrolment, project_module, by=user)
        with pytest.raises(PermissionDenied):
            progress.withdraw_sign_off(enrolment, project_module, by=user)
    assert ModuleSignOff.objects.count() == 0
    assert log_entries(enrolment) == []


def test_sign_off_twice_is_refused(enrolment, trainer, project_module):
    progress.sign_off_module(enrolment, project_module, by=trainer)
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.sign_off_module(enrolment, project_module, by=trainer)
    assert error_text(excinfo) == "This module has already been signed off."
    assert ModuleSignOff.objects.count() == 1


def test_sign_off_of_a_module_without_sign_off_rule_is_refused(enrolment, trainer, module):
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.sign_off_module(enrolment, module, by=trainer)
    assert error_text(excinfo) == "This module does not require a sign-off."
    assert ModuleSignOff.objects.count() == 0


def test_sign_off_for_a_withdrawn_enrolment_is_refused(enrolment, trainer, project_module):
    enrolment.status = EnrolmentStatus.WITHDRAWN
    enrolment.save()
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.sign_off_module(enrolment, project_module, by=trainer)
    assert error_text(excinfo) == "Only admitted participants can have modules signed off."


def test_withdraw_without_valid_sign_off_is_refused(enrolment, trainer, project_module):
    with pytest.raises(progress.ProgressError) as excinfo:
        progress.withdraw_sign_off(enrolment, project_module, by=trainer)
    assert error_text(excinfo) == "This module has no sign-off that could be withdrawn."
    assert log_entries(enrolment) == []


def test_audit_entries_listed_in_wagtail_site_history(
    client, superuser, enrolment, trainer, project_module, project_lesson
):
    progress.mark_lesson_done(enrolment, project_lesson)
    progress.sign_off_module(enrolment, project_module, by=trainer)
    progress.withdraw_sign_off(enrolment, project_module, by=trainer)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.force_login(superuser)
    response = client.get(reverse("wagtailadmin_reports:site_history"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Sign-off of module “8 Praxisprojekt” withdrawn" in html
    assert (
        "Completion of module “8 Praxisprojekt” reverted: the trainer&#x27;s sign-off was withdrawn"
        in html
    )
