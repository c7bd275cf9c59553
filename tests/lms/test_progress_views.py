"""Progress on the lesson page: mark as done, knowledge checks, reflections; who may post."""

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms import progress
from lms.models import LessonCompletion, QuizAttempt, ReflectionAnswer
from tests import factories
from tests.lms.test_progress import STANDARD_QUIZ, block_ids, make_lesson_with, question, quiz_value

pytestmark = pytest.mark.django_db

RIGHT = {"q1": "1", "q2": ["0", "2"]}
WRONG = {"q1": "0", "q2": ["0"]}


@pytest.fixture
def client(client):
    """A client that sees the English msgids, so the asserts do not depend on the catalogue."""
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def quiz_lesson(module):
    return make_lesson_with(
        module,
        [
            ("paragraph", "<p>Glasl beschreibt Eskalation in Stufen.</p>"),
            (
                "quiz",
                quiz_value(
                    [
                        question("Stufen?", {1}, explanation="ERKLAERUNG-EINS: neun Stufen."),
                        question("Eisberg?", {0, 2}, explanation="ERKLAERUNG-ZWEI: unter Wasser."),
                    ]
                ),
            ),
            ("reflection", {"prompt": "Welche Rolle nehmen Sie ein?", "guidance": ""}),
        ],
        title="Eskalation",
    )


def done_url(lesson):
    return reverse("lesson_mark_done", args=[lesson.pk])


def undo_url(lesson):
    return reverse("lesson_undo_done", args=[lesson.pk])


def quiz_url(lesson, block_id=None):
    return reverse("lesson_quiz_submit", args=[lesson.pk, block_id or block_ids(lesson, "quiz")[0]])


def reflection_url(lesson, block_id=None):
    block_id = block_id or block_ids(lesson, "reflection")[0]
    return reverse("lesson_reflection_save", args=[lesson.pk, block_id])


def messages_of(response):
    return [str(message) for message in response.context["messages"]]


# --- Mark as done ------------------------------------------------------------------


def test_urls_live_under_lernweg(lesson):
    assert done_url(lesson) == f"/lernweg/lerneinheit/{lesson.pk}/erledigt/"
    assert undo_url(lesson) == f"/lernweg/lerneinheit/{lesson.pk}/erledigt/zuruecknehmen/"
    assert quiz_url(lesson, "abc") == f"/lernweg/lerneinheit/{lesson.pk}/wissenscheck/abc/"
    assert reflection_url(lesson, "abc") == f"/lernweg/lerneinheit/{lesson.pk}/reflexion/abc/"


def test_lesson_page_offers_mark_as_done_to_the_trainee(client, trainee, lesson):
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert f'action="{done_url(lesson)}"' in html
    assert "Mark as done" in html
    assert undo_url(lesson) not in html


def test_mark_as_done_redirects_back_with_message(client, trainee, lesson):
    client.force_login(trainee)
    response = client.post(done_url(lesson))
    assert response.status_code == 302
    assert response["Location"] == f"{lesson.url}#lesson-progress"
    assert LessonCompletion.objects.get().enrolment.user == trainee
    page = client.get(lesson.url)
    assert messages_of(page) == ["The lesson has been marked as done."]
    html = page.content.decode()
    assert f'action="{undo_url(lesson)}"' in html
    assert f'action="{done_url(lesson)}"' not in html
    assert "You marked this lesson as done on" in html


def test_undo_via_post(client, trainee, lesson):
    client.force_login(trainee)
    client.post(done_url(lesson), follow=True)
    response = client.post(undo_url(lesson), follow=True)
    assert messages_of(response) == ["The lesson is no longer marked as done."]
    assert LessonCompletion.objects.count() == 0


def test_progress_endpoints_refuse_get(client, trainee, lesson):
    client.force_login(trainee)
    assert client.get(done_url(lesson)).status_code == 405
    assert LessonCompletion.objects.count() == 0


def test_progress_endpoints_send_anonymous_to_login(client, lesson):
    response = client.post(done_url(lesson))
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={done_url(lesson)}"
    assert LessonCompletion.objects.count() == 0


def test_trainer_sees_no_progress_controls_and_cannot_post(client, trainer, quiz_lesson):
    client.force_login(trainer)
    html = client.get(quiz_lesson.url).content.decode()
    assert "/lernweg/lerneinheit/" not in html
    assert "<form" not in html.split('id="main"')[1]
    assert "Stufen?" in html  # the questions are shown, without a form
    assert client.post(reflection_url(quiz_lesson), {"text": "x"}).status_code == 403
    assert client.post(quiz_url(quiz_lesson), RIGHT).status_code == 403
    assert (QuizAttempt.objects.count(), ReflectionAnswer.objects.count()) == (0, 0)


def test_staff_sees_no_progress_controls(client, staff, lesson):
    client.force_login(staff)
    html = client.get(lesson.url).content.decode()
    assert done_url(lesson) not in html
    assert client.post(done_url(lesson)).status_code == 403


def test_trainee_of_another_programme_cannot_post(client, other_trainee, lesson):
    client.force_login(other_trainee)
    assert client.post(done_url(lesson)).status_code == 403
    assert LessonCompletion.objects.count() == 0


def test_forged_or_unpublished_lesson_is_404(client, trainee, module, lesson):
    client.force_login(trainee)
    assert client.post(reverse("lesson_mark_done", args=[999999])).status_code == 404
    draft = factories.make_lesson(module, title="Entwurf", slug="entwurf")
    draft.unpublish()
    assert client.post(done_url(draft)).status_code == 404
    assert client.post(reverse("lesson_mark_done", args=[module.pk])).status_code == 404
    assert LessonCompletion.objects.count() == 0


# --- Knowledge checks ------------------------------------------------------------------


def test_quiz_lesson_has_a_form_but_no_answer_key_before_submission(client, trainee, quiz_lesson):
    client.force_login(trainee)
    html = client.get(quiz_lesson.url).content.decode()
    assert f'action="{quiz_url(quiz_lesson)}"' in html
    assert f'action="{done_url(quiz_lesson)}"' not in html
    assert "This lesson counts as done once you have passed its knowledge check." in html
    assert "ERKLAERUNG" not in html
    for marker in ('"correct"', "correct=", "data-correct", "True", "checked", "is right"):
        assert marker not in html


def test_quiz_wrong_then_right(client, trainee, quiz_lesson):
    client.force_login(trainee)
    [quiz_id] = block_ids(quiz_lesson, "quiz")

    response = client.post(quiz_url(quiz_lesson), WRONG)
    assert response["Location"] == f"{quiz_lesson.url}#quiz-{quiz_id}"
    page = client.get(quiz_lesson.url)
    assert messages_of(page) == [
        "Not passed yet: 0 of 2 answers correct (0 %). Read the explanations and try again."
    ]
    html = page.content.decode()
    assert "Not passed yet" in html
    assert "0 of 2 questions answered correctly (0 %)." in html
    assert "You have submitted this knowledge check once." in html
    assert "ERKLAERUNG-EINS: neun Stufen." in html
    assert "ERKLAERUNG-ZWEI: unter Wasser." in html
    assert html.count("Your answer is not right yet.") == 2
    assert f'id="q-{quiz_id}-1-0" name="q1" value="0" checked' in html  # last answer kept
    assert LessonCompletion.objects.count() == 0

    client.post(quiz_url(quiz_lesson), RIGHT)
    page = client.get(quiz_lesson.url)
    assert messages_of(page) == ["Knowledge check passed: 2 of 2 answers correct (100 %)."]
    html = page.content.decode()
    assert "2 of 2 questions answered correctly (100 %)." in html
    assert "You have submitted this knowledge check 2 times." in html
    assert html.count("Your answer is right.") == 2
    assert "Knowledge check passed on" in html
    assert LessonCompletion.objects.get().source == LessonCompletion.Source.QUIZ


def test_quiz_missing_answers_show_a_message_and_store_nothing(client, trainee, quiz_lesson):
    client.force_login(trainee)
    response = client.post(quiz_url(quiz_lesson), {"q1": "1"}, follow=True)
    assert response.redirect_chain == [(quiz_lesson.url, 302)]
    assert messages_of(response) == ["Please answer every question (question 2 is not answered)."]
    assert QuizAttempt.objects.count() == 0


def test_quiz_forged_option_shows_a_message_and_stores_nothing(client, trainee, quiz_lesson):
    client.force_login(trainee)
    response = client.post(quiz_url(quiz_lesson), {"q1": "7", "q2": "0"}, follow=True)
    assert messages_of(response) == [
        "The submitted answers do not match this knowledge check. Please reload the page."
    ]
    assert QuizAttempt.objects.count() == 0


def test_quiz_forged_block_id_shows_a_message_and_stores_nothing(client, trainee, quiz_lesson):
    client.force_login(trainee)
    response = client.post(quiz_url(quiz_lesson, "nicht-vorhanden"), RIGHT, follow=True)
    assert messages_of(response) == [
        "This knowledge check does not exist (any more) in this lesson."
    ]
    assert QuizAttempt.objects.count() == 0


def test_quiz_feedback_is_for_the_trainee_only(client, cohort, trainee, quiz_lesson):
    client.force_login(trainee)
    client.post(quiz_url(quiz_lesson), WRONG)
    classmate = factories.UserFactory()
    factories.EnrolmentFactory(user=classmate, cohort=cohort)
    client.force_login(classmate)
    html = client.get(quiz_lesson.url).content.decode()
    assert "ERKLAERUNG" not in html
    assert "checked" not in html


# --- Reflections --------------------------------------------------------------------


def test_reflection_saved_sanitised_and_shown_back(client, trainee, quiz_lesson):
    client.force_login(trainee)
    [block_id] = block_ids(quiz_lesson, "reflection")
    response = client.post(
        reflection_url(quiz_lesson), {"text": "Ich moderiere & höre zu.<script>alert(1)</script>"}
    )
    assert response["Location"] == f"{quiz_lesson.url}#reflection-{block_id}"
    assert ReflectionAnswer.objects.get().text == "Ich moderiere &amp; höre zu.alert(1)"
    page = client.get(quiz_lesson.url)
    assert messages_of(page) == ["Your reflection has been saved."]
    html = page.content.decode()
    assert "<script>" not in html
    assert ">Ich moderiere &amp; höre zu.alert(1)</textarea>" in html
    assert "Update answer" in html


def test_reflection_empty_shows_a_message(client, trainee, quiz_lesson):
    client.force_login(trainee)
    response = client.post(reflection_url(quiz_lesson), {"text": "  "}, follow=True)
    assert messages_of(response) == ["Please write an answer before saving."]
    assert ReflectionAnswer.objects.count() == 0


def test_reflection_of_another_trainee_is_not_shown(client, cohort, trainee, quiz_lesson):
    client.force_login(trainee)
    client.post(reflection_url(quiz_lesson), {"text": "Vertraulicher Gedanke"})
    classmate = factories.UserFactory()
    factories.EnrolmentFactory(user=classmate, cohort=cohort)
    client.force_login(classmate)
    assert "Vertraulicher Gedanke" not in client.get(quiz_lesson.url).content.decode()


# --- Query count ------------------------------------------------------------------------


def count_queries(client, url):
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    return len(queries)


def test_lesson_page_queries_do_not_grow_with_checks_and_attempts(client, module, trainee, cohort):
    enrolment = trainee.enrolments.get()
    small = make_lesson_with(
        module,
        [("quiz", STANDARD_QUIZ), ("reflection", {"prompt": "Eins?", "guidance": ""})],
        slug="klein",
    )
    large = make_lesson_with(
        module,
        [("quiz", STANDARD_QUIZ) for _ in range(5)]
        + [("reflection", {"prompt": f"Frage {n}?", "guidance": ""}) for n in range(5)],
        slug="gross",
    )
    for lesson in (small, large):
        for quiz_id in block_ids(lesson, "quiz"):
            for answers in ({"1": "0", "2": ["0"]}, {"1": "1", "2": ["0", "2"]}):
                progress.submit_quiz(enrolment, lesson, quiz_id, answers)
        for reflection_id in block_ids(lesson, "reflection"):
            progress.save_reflection(enrolment, lesson, reflection_id, "Antwort")
    for _ in range(5):  # other trainees' progress must not matter either
        other = factories.EnrolmentFactory(cohort=cohort)
        progress.save_reflection(other, large, block_ids(large, "reflection")[0], "Fremd")
    client.force_login(trainee)
    assert count_queries(client, small.url) == count_queries(client, large.url)


def test_blocks_render_without_a_lesson_context(quiz_lesson):
    """E.g. Wagtail's block previews: no progress, no form, no answer key."""
    for block in quiz_lesson.body:
        html = block.render()
        assert "<form" not in html
        assert "ERKLAERUNG" not in html
