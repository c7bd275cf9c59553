"""Small helpers that build StreamField values as ``(block_type, value)`` tuples.

They keep the demo texts in :mod:`lms.demo.curriculum` and :mod:`lms.demo.pages`
readable. The values match the blocks of :mod:`curriculum.blocks`.
"""

# Stands in for a Wagtail document in a ``document`` block; replaced by the
# real document when the seed runs (see ``lms.demo.seed``).
ACTOR_MAP_TEMPLATE = "document:vorlage-akteurslandkarte"


def heading(text, level="h2"):
    return ("heading", {"text": text, "level": level})


def paragraph(html):
    return ("paragraph", html.strip())


def callout(kind, title, html):
    assert kind in ("info", "tip", "warning"), kind
    return ("callout", {"kind": kind, "title": title, "text": html.strip()})


def reflection(prompt, guidance=""):
    return ("reflection", {"prompt": prompt, "guidance": guidance})


def document(placeholder, title, description=""):
    return ("document", {"document": placeholder, "title": title, "description": description})


def question(text, options, explanation):
    """``options`` is a list of ``(text, correct)`` pairs."""
    return {
        "question": text,
        "options": [{"text": option, "correct": correct} for option, correct in options],
        "explanation": explanation,
    }


def quiz(questions, title="Wissenscheck", intro="", pass_percentage=75):
    return (
        "quiz",
        {
            "title": title,
            "intro": intro,
            "pass_percentage": pass_percentage,
            "questions": questions,
        },
    )
