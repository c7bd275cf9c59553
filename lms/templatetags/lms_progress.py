"""Template tags that attach a trainee's progress to curriculum pages.

The curriculum app knows no learners: its templates load these tags, and the
tags ask ``lms.progress``. ``lesson_progress`` fetches the whole lesson's
state at once, so a lesson page stays at a constant number of queries however
many knowledge checks and reflections it holds.
"""

import functools
from html import escape

from django import template
from django.utils import formats, timezone
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from lms import progress as progress_rules
from lms.models import ModuleCompletion

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


#: Per module state: the CSS modifier and the KERN icon (colour and icon only repeat the words).
_CELL_LOOKS = {
    progress_rules.ModuleState.COMPLETED: ("done", "check"),
    progress_rules.ModuleState.AWAITING_SIGN_OFF: ("awaiting", "warning"),
    progress_rules.ModuleState.IN_PROGRESS: ("progress", ""),
    progress_rules.ModuleState.LESSONS_DONE: ("progress", ""),
}


@register.simple_tag
def progress_cell(cell):
    """One module of one trainee (:class:`~lms.progress.ModuleProgress` or
    :class:`lms.trainer.Cell`): the state in words, colour and icon only repeat it.
    """
    return _cell_html(cell.state, cell.lessons_done, cell.lessons_total, get_language())


@register.simple_tag
def progress_row_cells(row):
    """The cells of one row of the trainer matrix (:class:`lms.trainer.Row`) after the name:
    overall progress, then one per module, as one piece of HTML.

    One tag per row rather than template nodes per cell, and each distinct cell
    made once per language: the matrix shows 2,600 cells at 200 trainees, and
    the template nodes per cell took most of the page's time (make bench).
    """
    language = get_language()
    return mark_safe(  # noqa: S308 (every piece is made by format_html)
        _overall_html(row.percentage, row.modules_completed, len(row.cells), language)
        + "".join(
            _module_cell_html(cell.state, cell.lessons_done, cell.lessons_total, language)
            for cell in row.cells
        )
    )


@functools.lru_cache(maxsize=1024)
def _overall_html(percentage, modules_done, modules_total, language):
    return format_html(
        '<td class="kern-table__cell kern-table__cell--numeric">'
        '<span class="progress-overall">{} %</span> '
        '<span class="progress-overall__modules">{}</span></td>',
        percentage,
        _("%(done)s of %(total)s modules") % {"done": modules_done, "total": modules_total},
    )


@functools.lru_cache(maxsize=512)
def _module_cell_html(state, lessons_done, lessons_total, language):
    return format_html(
        '<td class="kern-table__cell">{}</td>',
        _cell_html(state, lessons_done, lessons_total, language),
    )


@functools.lru_cache(maxsize=512)
def _cell_html(state, lessons_done, lessons_total, language):
    """A cell's HTML; the same few dozen per language, so made once each (``language``
    is part of the key because the words are translated)."""
    modifier, icon = _CELL_LOOKS.get(state, ("none", ""))
    if state == progress_rules.ModuleState.IN_PROGRESS:
        text = _("%(done)s of %(total)s lessons") % {"done": lessons_done, "total": lessons_total}
    elif state == progress_rules.ModuleState.AWAITING_SIGN_OFF:
        text = _("Awaiting sign-off")
    else:
        text = state.label
    icon_html = format_html_join(
        "",
        '<span class="kern-icon kern-icon--{} kern-icon--small" aria-hidden="true"></span>',
        [(icon,)] if icon else [],
    )
    return format_html(
        '<span class="progress-state progress-state--{}">{}{}</span>', modifier, icon_html, text
    )


#: The KERN badge variant per module state on the dashboard (the colour only repeats the words).
_BADGES = {
    progress_rules.ModuleState.COMPLETED: "success",
    progress_rules.ModuleState.AWAITING_SIGN_OFF: "warning",
}


@register.simple_tag
def dashboard_module(item, enrolment):
    """One module on the trainee's dashboard (:class:`~lms.progress.ModuleProgress` with a
    :class:`curriculum.structure.ModuleEntry`): progress as text and as ``<progress>``,
    never colour alone.

    A tag rather than an included template: the dozen variables and translations per
    module, as template nodes, took a tenth of the dashboard's time (make bench); plain
    strings with every text escaped rather than ``format_html`` for the same reason.
    """
    module = item.module
    state = item.state
    done = item.lessons_done
    progress_html = ""
    if item.lessons:
        dom_id = f"module-{enrolment.pk}-{module.pk}-progress"
        total = item.lessons_total
        label = ngettext(
            "%(done)s of %(counter)s lesson done", "%(done)s of %(counter)s lessons done", total
        ) % {"done": done, "counter": total}
        progress_html = (
            '<div class="kern-progress">'
            f'<label class="kern-label kern-body--small" for="{dom_id}">{escape(label)}</label>'
            f'<progress id="{dom_id}" max="{total}" value="{done}">{item.percent} %</progress>'
            "</div>"
        )
    meta = f"{module.ue} {escape(_('UE'))} · {escape(module.get_format_display())}"
    completion = item.completion
    if completion is not None:
        date = formats.date_format(timezone.localtime(completion.completed_at), "SHORT_DATE_FORMAT")
        meta += " · " + escape(_("completed on %(date)s") % {"date": date})
        if completion.source == ModuleCompletion.Source.SIGN_OFF:
            meta += f" ({escape(_('signed off by trainer'))})"
    icon = (
        '<span class="kern-icon kern-icon--success" aria-hidden="true"></span>'
        if state == progress_rules.ModuleState.COMPLETED
        else ""
    )
    return mark_safe(  # noqa: S308 (every text in it is escaped)
        f'<li class="learning-module learning-module--{state.value}">'
        '<div class="learning-module__head">'
        '<h4 class="kern-title learning-module__title">'
        f'<a class="kern-link" href="{escape(str(module.url))}">'
        f'<span class="module-number">{escape(module.number)}</span> {escape(module.title)}</a>'
        "</h4>"
        f'<span class="kern-badge kern-badge--small kern-badge--{_BADGES.get(state, "info")}">'
        f'{icon}<span class="kern-label">{escape(str(state.label))}</span></span>'
        "</div>"
        f"{progress_html}"
        f'<p class="kern-body kern-body--small learning-module__meta">{meta}</p>'
        "</li>"
    )
