"""Blocks: the quiz keeps its answer key on the server; images need alt text."""

import pytest
from wagtail.blocks import StreamValue
from wagtail.blocks.struct_block import StructBlockValidationError

from curriculum.blocks import CaptionedImageBlock, LessonStreamBlock, QuizBlock, QuizQuestionBlock
from tests import factories

pytestmark = pytest.mark.django_db

QUIZ = {
    "title": "Wissenscheck Eskalation",
    "intro": "",
    "pass_percentage": 75,
    "questions": [
        {
            "question": "Wie viele Eskalationsstufen beschreibt Friedrich Glasl?",
            "options": [
                {"text": "Drei", "correct": False},
                {"text": "Neun", "correct": True},
                {"text": "Zwölf", "correct": False},
            ],
            "explanation": "GEHEIME-ERKLAERUNG: Glasl unterscheidet neun Stufen.",
        },
        {
            "question": "Welche Aussagen treffen auf das Eisbergmodell zu?",
            "options": [
                {"text": "Interessen liegen oft unter der Oberfläche", "correct": True},
                {"text": "Nur Sachfragen zählen", "correct": False},
                {"text": "Gefühle prägen den Konflikt", "correct": True},
            ],
            "explanation": "",
        },
    ],
}


def test_quiz_public_questions_have_no_answer_key():
    questions = QuizBlock.public_questions(QuizBlock().to_python(QUIZ))
    assert questions == [
        {
            "number": 1,
            "text": "Wie viele Eskalationsstufen beschreibt Friedrich Glasl?",
            "multiple": False,
            "options": [
                {"index": 0, "text": "Drei"},
                {"index": 1, "text": "Neun"},
                {"index": 2, "text": "Zwölf"},
            ],
        },
        {
            "number": 2,
            "text": "Welche Aussagen treffen auf das Eisbergmodell zu?",
            "multiple": True,
            "options": [
                {"index": 0, "text": "Interessen liegen oft unter der Oberfläche"},
                {"index": 1, "text": "Nur Sachfragen zählen"},
                {"index": 2, "text": "Gefühle prägen den Konflikt"},
            ],
        },
    ]


def test_quiz_rendered_in_lesson_reveals_no_answers(client, module, trainee):
    lesson = factories.make_lesson(module, body=[("quiz", QuizBlock().to_python(QUIZ))])
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert "Wie viele Eskalationsstufen beschreibt Friedrich Glasl?" in html
    assert 'type="radio"' in html and 'type="checkbox"' in html
    assert "GEHEIME-ERKLAERUNG" not in html
    # No trace of the answer key in any form: attribute, JSON key or flag.
    for marker in ('"correct"', "'correct'", "correct=", "data-correct", "True", "checked"):
        assert marker not in html


def test_quiz_question_needs_a_correct_option():
    block = QuizQuestionBlock()
    value = block.to_python(
        {
            "question": "Frage?",
            "options": [{"text": "a", "correct": False}, {"text": "b", "correct": False}],
            "explanation": "",
        }
    )
    with pytest.raises(StructBlockValidationError):
        block.clean(value)


def test_image_block_requires_alt_text():
    block = CaptionedImageBlock()
    assert block.child_blocks["alt_text"].required is True


def test_lesson_stream_offers_all_block_types():
    assert set(LessonStreamBlock().child_blocks) == {
        "paragraph",
        "heading",
        "image",
        "document",
        "video",
        "callout",
        "quiz",
        "reflection",
    }


def test_reflection_and_callout_render(client, module, trainee):
    body = StreamValue(
        LessonStreamBlock(),
        [
            (
                "reflection",
                {"prompt": "Welche Rolle nehmen Sie in Ihrer Kommune ein?", "guidance": ""},
            ),
            ("callout", {"kind": "tip", "title": "", "text": "<p>Hören Sie aktiv zu.</p>"}),
            ("heading", {"text": "Allparteilichkeit", "level": "h2"}),
        ],
        is_lazy=False,
    )
    lesson = factories.make_lesson(module, body=body)
    client.force_login(trainee)
    html = client.get(lesson.url).content.decode()
    assert "Welche Rolle nehmen Sie in Ihrer Kommune ein?" in html
    assert "Hören Sie aktiv zu." in html
    assert '<h2 class="kern-heading-medium">Allparteilichkeit</h2>' in html
