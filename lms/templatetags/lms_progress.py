"""Template tags that attach a trainee's progress to curriculum pages.

The curriculum app knows no learners: its templates load these tags, and the
tags ask ``lms.progress``. ``lesson_progress`` fetches the whole lesson's
state at once, so a lesson page stays at a constant number of queries however
many knowledge checks and reflections it holds.
"""

from django import template

from lms import progress as progress_rules

register = template.Library()


@register.simple_tag(takes_context=True)
def lesson_progress(context, lesson, programme):
    """The current person's :class:`~lms.progress.LessonProgress`, or None if not enrolled."""
    request = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not programme:
        return None
    return progress_rules.lesson_progress(user, lesson, programme.pk)


@register.simple_tag
def quiz_state(progress, block_id):
    """The trainee's state of one knowledge check (attempts, feedback), or None."""
    if not progress:  # also when rendered outside a lesson page (e.g. block previews)
        return None
    return progress.quizzes.get(block_id) or progress_rules.QuizState()


@register.simple_tag
def reflection_answer(progress, block_id):
    """The trainee's saved answer to one reflection prompt, or None."""
    if not progress:
        return None
    return progress.reflections.get(block_id)


@register.filter
def feedback_for(state, number):
    """The feedback on question ``number`` of the last attempt, or None before any."""
    if not state:
        return None
    return next((item for item in state.feedback if item.number == number), None)


@register.filter
def selected_for(state, number):
    """The option indices chosen for question ``number`` in the last attempt."""
    if not state:
        return []
    return state.selected(number)
