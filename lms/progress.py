"""Learning progress: its rules, the actions that change it, and the queries that show it.

Rules (named, each in one place):

- A lesson is done when a :class:`~lms.models.LessonCompletion` exists for it.
  A lesson with a knowledge check is done only by passing it (every knowledge
  check of the lesson needs a passed attempt); it is never marked by hand.
- A knowledge check is passed when the share of questions answered exactly
  right (the same set of options as the answer key) reaches the check's pass
  mark.
- A module is complete when all its lessons are done, the attendance rule is
  met (:func:`attendance_requirement_met`, a hook for the attendance issue)
  and, where the module requires it, a trainer's sign-off is valid
  (:func:`module_completion_rule_met`).
- Only enrolments that grant access (admitted, completed) make progress.
- Reflections are seen by the trainee and the cohort's trainers only
  (:func:`reflections_visible_to`).

Actions change progress inside a transaction that locks the enrolment's row,
then call :func:`evaluate_module`, which stores or removes the module's
completion and writes the audit trail (``lms/audit.py``). Domain errors are
raised as :class:`ProgressError` with a message for the person; a missing
right as :class:`~django.core.exceptions.PermissionDenied`.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, models, transaction
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from wagtail.log_actions import log

from curriculum import structure
from curriculum.models import LessonPage, ModulePage, ProgrammePage, ue_to_clock_hours
from lms import access, audit
from lms.errors import RuleError
from lms.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    LessonCompletion,
    ModuleCompletion,
    ModuleSignOff,
    QuizAttempt,
    ReflectionAnswer,
)
from lms.rows import select_each
from lms.sanitize import sanitize_html

if TYPE_CHECKING:
    from lms.supervision import SupervisionStatus

QUIZ_BLOCK = "quiz"
REFLECTION_BLOCK = "reflection"
REFLECTION_MAX_LENGTH = 20_000


class ProgressError(RuleError):
    """A progress action the rules do not allow."""


# --- Rules -------------------------------------------------------------------


def quiz_blocks(lesson: LessonPage) -> list:
    """The knowledge-check blocks of a lesson, in page order."""
    return [block for block in lesson.body if block.block_type == QUIZ_BLOCK]


def lesson_has_quiz(lesson: LessonPage) -> bool:
    return any(block.block_type == QUIZ_BLOCK for block in lesson.body)


def _block_of(lesson: LessonPage, block_id: str, block_type: str):
    for block in lesson.body:
        if block.id == block_id and block.block_type == block_type:
            return block
    return None


def quiz_passes(correct: int, total: int, pass_percentage: int) -> bool:
    """``correct`` of ``total`` reaches the pass mark; exact, without rounding."""
    return total > 0 and correct * 100 >= pass_percentage * total


def correct_options(question) -> set[int]:
    return {index for index, option in enumerate(question["options"]) if option["correct"]}


def attendance_requirement_met(enrolment: Enrolment, module: ModulePage) -> bool:
    """Whether the enrolment meets the attendance rule of ``module``.

    True for modules that are not in person or have no sessions; otherwise
    the share of the module's UE attended (against all scheduled sessions,
    past and future) must reach the programme's required percentage. The
    rule lives in :mod:`lms.attendance`, which calls :func:`evaluate_module`
    after every recording.
    """
    from lms import attendance  # the rule lives there; it calls back into evaluate_module

    return attendance.attendance_requirement_met(enrolment, module)


def valid_sign_off(enrolment: Enrolment, module: ModulePage) -> ModuleSignOff | None:
    return ModuleSignOff.objects.filter(
        enrolment=enrolment, module=module, withdrawn_at__isnull=True
    ).first()


def module_completion_rule_met(enrolment: Enrolment, module: ModulePage):
    """The completion rule of a module: ``(met, reason_if_not, valid_sign_off)``.

    All (live) lessons of the module are done — every lesson is required —
    the attendance rule is met, and where the module requires a trainer's
    sign-off, a sign-off is valid.
    """
    lesson_ids = list(LessonPage.objects.live().child_of(module).values_list("pk", flat=True))
    done = LessonCompletion.objects.filter(enrolment=enrolment, lesson_id__in=lesson_ids).count()
    sign_off = valid_sign_off(enrolment, module) if module.requires_sign_off else None
    if done < len(lesson_ids):
        return False, audit.REASON_LESSONS_OPEN, sign_off
    if not attendance_requirement_met(enrolment, module):
        return False, audit.REASON_ATTENDANCE_MISSING, sign_off
    if module.requires_sign_off and sign_off is None:
        return False, audit.REASON_SIGN_OFF_WITHDRAWN, None
    return True, "", sign_off


def can_sign_off(user, enrolment: Enrolment) -> bool:
    """Trainers of the enrolment's cohort and SPI staff may sign off its modules."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_spi_staff or enrolment.cohort.trainers.filter(pk=user.pk).exists()


def reflections_visible_to(user) -> models.QuerySet[ReflectionAnswer]:
    """Reflection answers ``user`` may read: their own, and those of cohorts they train.

    Deliberately not SPI staff, supervisors or other trainees: reflections are
    personal learning notes shared with the trainers of one's cohort only.
    """
    if not user.is_authenticated or not user.is_active:
        return ReflectionAnswer.objects.none()
    return ReflectionAnswer.objects.filter(
        models.Q(enrolment__user=user)
        | models.Q(enrolment__cohort__in=Cohort.objects.filter(trainers=user))
    )


# --- Actions -----------------------------------------------------------------


def _lock(enrolment: Enrolment) -> Enrolment:
    """The enrolment's row, locked until the transaction ends, with its current status."""
    return Enrolment.objects.select_for_update().select_related("cohort").get(pk=enrolment.pk)


def _check_may_progress(enrolment: Enrolment, lesson: LessonPage) -> None:
    if not enrolment.grants_access:
        raise ProgressError(_("Your enrolment does not allow recording learning progress."))
    programme = ProgrammePage.objects.filter(pk=enrolment.cohort.programme_id).first()
    if not lesson.live or programme is None or not lesson.is_descendant_of(programme):
        raise ProgressError(_("This lesson does not belong to your programme."))


def _module_of(lesson: LessonPage) -> ModulePage:
    return ModulePage.objects.parent_of(lesson).get()


def mark_lesson_done(enrolment: Enrolment, lesson: LessonPage) -> LessonCompletion:
    """Mark a lesson without knowledge check as done by the trainee ("Als erledigt markieren").

    Idempotent: a lesson already done keeps its completion. Lessons with a
    knowledge check are done by passing it and cannot be marked by hand.
    Re-evaluates the module afterwards.
    """
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_may_progress(enrolment, lesson)
        if lesson_has_quiz(lesson):
            raise ProgressError(
                _("This lesson counts as done once you have passed its knowledge check.")
            )
        completion, _created = LessonCompletion.objects.get_or_create(
            enrolment=enrolment,
            lesson=lesson,
            defaults={"source": LessonCompletion.Source.MANUAL},
        )
        _evaluate(enrolment, _module_of(lesson), by=enrolment.user)
    return completion


def undo_lesson_done(enrolment: Enrolment, lesson: LessonPage) -> None:
    """Take back a lesson the trainee marked as done by hand.

    A lesson done by passing its knowledge check stays done. Re-evaluates the
    module, which reverts its completion if it no longer holds.
    """
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_may_progress(enrolment, lesson)
        completion = LessonCompletion.objects.filter(enrolment=enrolment, lesson=lesson).first()
        if completion is None:
            return
        if completion.source != LessonCompletion.Source.MANUAL:
            raise ProgressError(
                _("A lesson completed by passing its knowledge check cannot be undone.")
            )
        completion.delete()
        _evaluate(enrolment, _module_of(lesson), by=enrolment.user)


_NUMBER = re.compile(r"[0-9]{1,4}")


def _as_number(value) -> int | None:
    text = str(value).strip()
    return int(text) if _NUMBER.fullmatch(text) else None


def _parse_answers(questions, raw_answers: Mapping) -> dict[str, list[int]]:
    """Submitted answers as ``{"<question number>": [option indices]}``, strictly checked."""
    forged = ProgressError(
        _("The submitted answers do not match this knowledge check. Please reload the page.")
    )
    answers: dict[str, list[int]] = {}
    for key, values in raw_answers.items():
        number = _as_number(key)
        if number is None or not 1 <= number <= len(questions):
            raise forged
        question = questions[number - 1]
        if values is None:
            values = []
        elif isinstance(values, str | int):
            values = [values]
        indices = set()
        for value in values:
            index = _as_number(value)
            if index is None or index >= len(question["options"]):
                raise forged
            indices.add(index)
        if len(correct_options(question)) <= 1 and len(indices) > 1:
            raise forged  # a single-choice question offers radio buttons only
        if indices:
            answers[str(number)] = sorted(indices)
    missing = [str(n) for n in range(1, len(questions) + 1) if str(n) not in answers]
    if missing:
        raise ProgressError(
            ngettext(
                "Please answer every question (question %(numbers)s is not answered).",
                "Please answer every question (questions %(numbers)s are not answered).",
                len(missing),
            )
            % {"numbers": ", ".join(missing)}
        )
    return answers


def submit_quiz(
    enrolment: Enrolment, lesson: LessonPage, block_id: str, raw_answers: Mapping
) -> QuizAttempt:
    """Grade a knowledge check on the server and store the attempt.

    ``raw_answers`` maps question numbers (1, 2, … as shown) to the selected
    option indices (0-based), as strings or ints. A question counts as
    correct when exactly the options of the answer key are selected. Unknown
    blocks, questions or options, and unanswered questions raise
    :class:`ProgressError` and store nothing. When every knowledge check of
    the lesson has a passed attempt, the lesson is done (source: quiz); a
    later failed attempt does not take that back.
    """
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_may_progress(enrolment, lesson)
        block = _block_of(lesson, block_id, QUIZ_BLOCK)
        if block is None:
            raise ProgressError(_("This knowledge check does not exist (any more) in this lesson."))
        questions = list(block.value["questions"])
        if not questions:
            raise ProgressError(_("This knowledge check has no questions."))
        answers = _parse_answers(questions, raw_answers)
        correct = sum(
            1
            for number, question in enumerate(questions, start=1)
            if set(answers[str(number)]) == correct_options(question)
        )
        attempt = QuizAttempt.objects.create(
            enrolment=enrolment,
            lesson=lesson,
            block_id=block_id,
            answers=answers,
            correct=correct,
            total=len(questions),
            passed=quiz_passes(correct, len(questions), block.value["pass_percentage"]),
        )
        if attempt.passed:
            quiz_ids = {quiz.id for quiz in quiz_blocks(lesson)}
            passed_ids = set(
                QuizAttempt.objects.filter(
                    enrolment=enrolment, lesson=lesson, passed=True, block_id__in=quiz_ids
                ).values_list("block_id", flat=True)
            )
            if passed_ids == quiz_ids:
                LessonCompletion.objects.get_or_create(
                    enrolment=enrolment,
                    lesson=lesson,
                    defaults={"source": LessonCompletion.Source.QUIZ},
                )
        _evaluate(enrolment, _module_of(lesson), by=enrolment.user)
    return attempt


def save_reflection(
    enrolment: Enrolment, lesson: LessonPage, block_id: str, text: str
) -> ReflectionAnswer:
    """Store (or replace) the trainee's answer to a reflection prompt of the lesson.

    The text is reduced to a small safe subset of HTML (``lms.sanitize``); an
    answer that is empty after cleaning, too long, or a prompt that is not in
    the lesson raises :class:`ProgressError` and stores nothing.
    """
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_may_progress(enrolment, lesson)
        if _block_of(lesson, block_id, REFLECTION_BLOCK) is None:
            raise ProgressError(
                _("This reflection prompt does not exist (any more) in this lesson.")
            )
        if len(text or "") > REFLECTION_MAX_LENGTH:
            raise ProgressError(
                _("Your answer is too long (at most %(limit)s characters).")
                % {"limit": REFLECTION_MAX_LENGTH}
            )
        cleaned = sanitize_html(text).strip()
        if not strip_tags(cleaned).replace("&nbsp;", " ").strip():
            raise ProgressError(_("Please write an answer before saving."))
        answer, _created = ReflectionAnswer.objects.update_or_create(
            enrolment=enrolment, lesson=lesson, block_id=block_id, defaults={"text": cleaned}
        )
        _evaluate(enrolment, _module_of(lesson), by=enrolment.user)
    return answer


def _log(enrolment, action, module, *, by, **data):
    log(
        enrolment,
        action,
        user=by if by is not None and by.is_authenticated else None,
        data={"module_id": module.pk, "module": str(module), **data},
    )


def evaluate_module(
    enrolment: Enrolment, module: ModulePage, *, by=None
) -> ModuleCompletion | None:
    """Apply the module's completion rule and store its result; returns the completion.

    Creates the :class:`~lms.models.ModuleCompletion` (dated now; source
    ``sign_off`` with the sign-off for modules that require one, else
    ``rule``) when the rule is newly met, and deletes it when the rule no
    longer holds, each with an audit entry on the enrolment (``by`` is the
    person whose action caused it). Safe to call at any time: it changes
    nothing when the stored state already matches the rule.
    """
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_module_of_enrolment(enrolment, module)
        return _evaluate(enrolment, module, by=by)


def _evaluate(enrolment: Enrolment, module: ModulePage, *, by) -> ModuleCompletion | None:
    """:func:`evaluate_module` for callers that hold the lock and checked the module."""
    met, reason, sign_off = module_completion_rule_met(enrolment, module)
    completion = ModuleCompletion.objects.filter(enrolment=enrolment, module=module).first()
    if met and completion is None:
        source = (
            ModuleCompletion.Source.SIGN_OFF
            if module.requires_sign_off
            else ModuleCompletion.Source.RULE
        )
        completion = ModuleCompletion.objects.create(
            enrolment=enrolment, module=module, source=source, sign_off=sign_off
        )
        _log(
            enrolment,
            audit.MODULE_COMPLETED,
            module,
            by=by,
            source=source,
            sign_off_id=sign_off.pk if sign_off else None,
        )
    elif met and completion.sign_off_id != (sign_off.pk if sign_off else None):
        completion.sign_off = sign_off
        completion.save(update_fields=["sign_off"])
    elif not met and completion is not None:
        completion.delete()
        _log(enrolment, audit.MODULE_REOPENED, module, by=by, reason=reason)
        completion = None
    return completion


def _check_module_of_enrolment(enrolment: Enrolment, module: ModulePage) -> None:
    programme = ProgrammePage.objects.filter(pk=enrolment.cohort.programme_id).first()
    if programme is None or not module.is_child_of(programme):
        raise ProgressError(_("This module does not belong to the participant's programme."))


def sign_off_module(
    enrolment: Enrolment, module: ModulePage, *, by, note: str = ""
) -> ModuleSignOff:
    """A trainer of the enrolment's cohort (or SPI staff) confirms a module, e.g. the Praxisprojekt.

    Only for modules that require a sign-off and enrolments that grant
    access; at most one valid sign-off per module. Writes an audit entry and
    re-evaluates the module (which completes it if all lessons are done).
    Raises :class:`PermissionDenied` for anyone else.
    """
    if not can_sign_off(by, enrolment):
        raise PermissionDenied(_("Only the cohort's trainers and SPI staff may sign off modules."))
    note = (note or "").strip()
    if len(note) > ModuleSignOff._meta.get_field("note").max_length:
        raise ProgressError(_("The note is too long (at most 500 characters)."))
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_module_of_enrolment(enrolment, module)
        if not module.requires_sign_off:
            raise ProgressError(_("This module does not require a sign-off."))
        if not enrolment.grants_access:
            raise ProgressError(_("Only admitted participants can have modules signed off."))
        if valid_sign_off(enrolment, module) is not None:
            raise ProgressError(_("This module has already been signed off."))
        try:
            with transaction.atomic():
                sign_off = ModuleSignOff.objects.create(
                    enrolment=enrolment, module=module, signed_by=by, note=note
                )
        except IntegrityError as error:  # a concurrent sign-off won the race
            raise ProgressError(_("This module has already been signed off.")) from error
        _log(enrolment, audit.SIGN_OFF, module, by=by, sign_off_id=sign_off.pk, note=note)
        _evaluate(enrolment, module, by=by)
    return sign_off


def withdraw_sign_off(enrolment: Enrolment, module: ModulePage, *, by) -> ModuleSignOff:
    """Withdraw the valid sign-off of a module; the module's completion is reverted.

    The sign-off is kept (with who withdrew it and when) for the record; the
    audit trail gets a "sign-off withdrawn" entry and, if the module was
    complete, a "completion reverted" entry. Raises :class:`PermissionDenied`
    for anyone but the cohort's trainers and SPI staff.
    """
    if not can_sign_off(by, enrolment):
        raise PermissionDenied(
            _("Only the cohort's trainers and SPI staff may withdraw sign-offs.")
        )
    with transaction.atomic():
        enrolment = _lock(enrolment)
        _check_module_of_enrolment(enrolment, module)
        sign_off = valid_sign_off(enrolment, module)
        if sign_off is None:
            raise ProgressError(_("This module has no sign-off that could be withdrawn."))
        sign_off.withdrawn_at = timezone.now()
        sign_off.withdrawn_by = by
        sign_off.save(update_fields=["withdrawn_at", "withdrawn_by"])
        _log(enrolment, audit.SIGN_OFF_WITHDRAWN, module, by=by, sign_off_id=sign_off.pk)
        _evaluate(enrolment, module, by=by)
    return sign_off


# --- Queries: the progress a page shows ----------------------------------------


def active_enrolment_for(user, programme_id: int | None) -> Enrolment | None:
    """The user's enrolment through which they make progress in a programme (the newest).

    From :func:`lms.access.active_enrolments_of`, which the access check has
    usually read already in the same request.
    """
    if programme_id is None:
        return None
    return next(
        (e for e in access.active_enrolments_of(user) if e.cohort.programme_id == programme_id),
        None,
    )


@dataclass
class QuestionFeedback:
    number: int
    correct: bool
    explanation: str


@dataclass
class QuizState:
    """A trainee's attempts at one knowledge check; feedback only once submitted."""

    attempt_count: int = 0
    last_attempt: QuizAttempt | None = None
    ever_passed: bool = False
    feedback: list[QuestionFeedback] = field(default_factory=list)

    def selected(self, number) -> list[int]:
        """The options chosen in the last attempt for question ``number``."""
        if self.last_attempt is None:
            return []
        return self.last_attempt.answers.get(str(number), [])


@dataclass
class LessonProgress:
    """Everything a lesson page shows of one trainee's progress, fetched at once."""

    enrolment: Enrolment
    completion: LessonCompletion | None
    has_quiz: bool
    quizzes: dict[str, QuizState]
    reflections: dict[str, ReflectionAnswer]

    @property
    def done(self) -> bool:
        return self.completion is not None

    @property
    def can_mark_done(self) -> bool:
        return not self.has_quiz and self.completion is None

    @property
    def can_undo(self) -> bool:
        return (
            self.completion is not None and self.completion.source == LessonCompletion.Source.MANUAL
        )


def lesson_progress(user, lesson: LessonPage, programme_id: int | None) -> LessonProgress | None:
    """The trainee's progress in a lesson, or None if not enrolled.

    One query for the completion, the knowledge-check attempts and the
    reflections (:func:`lms.rows.select_each`), after the person's active
    enrolments, which the access check has usually read already.
    """
    enrolment = active_enrolment_for(user, programme_id)
    if enrolment is None:
        return None
    block_types = {block.block_type for block in lesson.body}
    this_lesson = {"enrolment_id": enrolment.pk, "lesson_id": lesson.pk}
    # The page looks states up per block: a lesson without such blocks does not ask for them.
    selections = [(LessonCompletion, this_lesson)]
    if QUIZ_BLOCK in block_types:
        selections.append((QuizAttempt, this_lesson))
    if REFLECTION_BLOCK in block_types:
        selections.append((ReflectionAnswer, this_lesson))
    found = dict(zip((model for model, _ in selections), select_each(*selections), strict=True))
    completions = found[LessonCompletion]  # at most one (unique per enrolment and lesson)
    completion = completions[0] if completions else None
    attempts = sorted(
        found.get(QuizAttempt, []),
        key=lambda attempt: (attempt.submitted_at, attempt.pk),
        reverse=True,
    )
    quizzes: dict[str, QuizState] = {}
    for attempt in attempts:
        state = quizzes.setdefault(attempt.block_id, QuizState(last_attempt=attempt))
        state.attempt_count += 1
        state.ever_passed = state.ever_passed or attempt.passed
    for block in quiz_blocks(lesson):
        state = quizzes.get(block.id)
        if state is None:
            continue
        # Explanations reach the page only after this trainee has submitted.
        for number, question in enumerate(block.value["questions"], start=1):
            chosen = set(state.selected(number))
            state.feedback.append(
                QuestionFeedback(
                    number=number,
                    correct=chosen == correct_options(question),
                    explanation=question["explanation"] or "",
                )
            )
    reflections = {answer.block_id: answer for answer in found.get(ReflectionAnswer, [])}
    return LessonProgress(
        enrolment=enrolment,
        completion=completion,
        has_quiz=QUIZ_BLOCK in block_types,
        quizzes=quizzes,
        reflections=reflections,
    )


# --- Queries: the trainee's dashboard ("Mein Lernweg") -------------------------


class ModuleState(models.TextChoices):
    COMPLETED = "completed", _("Completed")
    AWAITING_SIGN_OFF = "awaiting_sign_off", _("Awaiting the trainer's sign-off")
    LESSONS_DONE = "lessons_done", _("All lessons done")
    IN_PROGRESS = "in_progress", _("In progress")
    NOT_STARTED = "not_started", _("Not started")
    NO_LESSONS = "no_lessons", _("No online lessons")


def module_state(
    *, completed: bool, lessons_done: int, lessons_total: int, requires_sign_off: bool
) -> ModuleState:
    """The state of one module for one enrolment, as the dashboard and the trainer matrix show it.

    ``completed``: a :class:`~lms.models.ModuleCompletion` exists (the
    completion rule was met); the lesson counts are of the module's live lessons.
    """
    if completed:
        return ModuleState.COMPLETED
    all_done = lessons_done == lessons_total
    if all_done and requires_sign_off:
        return ModuleState.AWAITING_SIGN_OFF
    if not lessons_total:
        return ModuleState.NO_LESSONS
    if all_done:
        return ModuleState.LESSONS_DONE
    return ModuleState.IN_PROGRESS if lessons_done else ModuleState.NOT_STARTED


@dataclass
class ModuleProgress:
    """One module of one enrolment; built once per request and never changed.

    ``lessons_done`` and ``state`` are cached: the pages read them several
    times. The trainer matrix uses the lighter :class:`lms.trainer.Cell`, with
    the same state rule (:func:`module_state`).
    """

    module: ModulePage | structure.ModuleEntry  # the matrix: pages; the dashboard: entries
    lessons: Sequence[LessonPage | structure.LessonEntry]
    done_lesson_ids: set[int]
    completion: ModuleCompletion | None

    @property
    def lessons_total(self) -> int:
        return len(self.lessons)

    @functools.cached_property
    def lessons_done(self) -> int:
        return sum(1 for lesson in self.lessons if lesson.pk in self.done_lesson_ids)

    @property
    def percent(self) -> int:
        return round(100 * self.lessons_done / self.lessons_total) if self.lessons else 0

    @property
    def next_lesson(self) -> LessonPage | structure.LessonEntry | None:
        return next((les for les in self.lessons if les.pk not in self.done_lesson_ids), None)

    @property
    def completed(self) -> bool:
        return self.completion is not None

    @functools.cached_property
    def state(self) -> ModuleState:
        return module_state(
            completed=self.completed,
            lessons_done=self.lessons_done,
            lessons_total=self.lessons_total,
            requires_sign_off=self.module.requires_sign_off,
        )


@dataclass
class LearningPath:
    """One active enrolment with its programme's modules and the trainee's progress."""

    enrolment: Enrolment
    modules: list[ModuleProgress]
    # Set by the dashboard: its upcoming sessions, the supervision status and the
    # person's lms.supervision.qualification_attendance rows (the checklist reuses them).
    upcoming_sessions: list = field(default_factory=list)
    supervision: SupervisionStatus | None = None
    attendance: list | None = None

    @property
    def programme(self) -> ProgrammePage:
        return self.enrolment.cohort.programme

    @property
    def completed_at(self) -> dict[int, object]:
        """When each completed module was completed, by module pk."""
        return {
            item.module.pk: item.completion.completed_at
            for item in self.modules
            if item.completion is not None
        }

    @property
    def next_step(self) -> tuple[ModuleProgress, structure.LessonEntry] | None:
        """The first open lesson of the first incomplete module that still has one."""
        for item in self.modules:
            if item.completion is None and item.next_lesson is not None:
                return item, item.next_lesson
        return None

    @property
    def modules_completed(self) -> int:
        return sum(1 for item in self.modules if item.completion is not None)

    @property
    def all_completed(self) -> bool:
        return bool(self.modules) and self.modules_completed == len(self.modules)

    @property
    def ue_done(self) -> int:
        return sum(item.module.ue for item in self.modules if item.completion is not None)

    @property
    def ue_total(self) -> int:
        return self.programme.total_ue or sum(item.module.ue for item in self.modules)

    @property
    def clock_hours_done(self) -> Decimal:
        return ue_to_clock_hours(self.ue_done)

    @property
    def clock_hours_total(self) -> Decimal:
        return ue_to_clock_hours(self.ue_total)


@dataclass
class LearningOverview:
    paths: list[LearningPath]
    pending: list[Enrolment]


def learning_overview_for(user, request=None) -> LearningOverview:
    """The trainee's dashboard data in a constant number of queries (three; up to
    three more when the curriculum's cache is cold: programme pages, modules, lessons).

    Active enrolments (admitted, completed) become learning paths with every
    live module and lesson of the programme (the cached structure of
    :mod:`curriculum.structure`, with the URLs for ``request``'s site) and the
    trainee's completions; applications still open (applied, waitlisted) are
    listed as pending.
    """
    enrolments = list(
        Enrolment.objects.for_user(user)
        # The practice project too: the certificate checklist reads it.
        .select_related("cohort", "praxisprojekt")
        .order_by("-created_at", "-pk")
    )
    # The programme pages from the curriculum's cache: joined in, a page with its
    # fifty columns took half the query's time (make bench).
    programmes = structure.programme_pages({e.cohort.programme_id for e in enrolments})
    for enrolment in enrolments:
        if enrolment.cohort.programme_id in programmes:
            enrolment.cohort.programme = programmes[enrolment.cohort.programme_id]
    active = [e for e in enrolments if e.grants_access]
    pending = [e for e in enrolments if e.status in EnrolmentStatus.open_states()]
    if not active:
        return LearningOverview(paths=[], pending=pending)

    structures = {
        e.cohort.programme_id: structure.modules_of(e.cohort.programme, request) for e in active
    }
    done: dict[int, set[int]] = {e.pk: set() for e in active}
    for enrolment_id, lesson_id in LessonCompletion.objects.filter(
        enrolment__in=active
    ).values_list("enrolment_id", "lesson_id"):
        done[enrolment_id].add(lesson_id)
    completions = {
        (c.enrolment_id, c.module_id): c
        for c in ModuleCompletion.objects.filter(enrolment__in=active)
    }

    paths = []
    for enrolment in active:
        paths.append(
            LearningPath(
                enrolment=enrolment,
                modules=[
                    ModuleProgress(
                        module=module,
                        lessons=module.lessons,
                        done_lesson_ids=done[enrolment.pk],
                        completion=completions.get((enrolment.pk, module.pk)),
                    )
                    for module in structures[enrolment.cohort.programme_id]
                ],
            )
        )
    return LearningOverview(paths=paths, pending=pending)
