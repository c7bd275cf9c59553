"""Following a cohort's learning progress: who may, and the queries behind the trainer screens.

Who follows a cohort's progress: its trainers and SPI staff. Supervisors do
not, although ``Cohort.objects.visible_to_staff_or_trainer`` lists their
cohorts too: they run supervision and record attendance, never content, and
the progress of a trainee (lessons, knowledge checks, reflections) is none of
their business. Reflections are narrower still: only the trainee and the
cohort's trainers read them (:func:`lms.progress.reflections_visible_to`), and
signing off is :func:`lms.progress.can_sign_off`.

The state of a module for a trainee is the one the trainee's dashboard shows
(:func:`lms.progress.module_state`), so trainer and trainee read the same.

The matrix and the detail of one trainee are read with a fixed number of
queries whatever the size of the cohort and the number of attempts: the
curriculum once, each kind of progress record once, and everything else is
put together in Python.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.contrib.auth import get_user_model
from django.utils.translation import gettext as _
from wagtail.models import Page

from curriculum.models import LessonPage, ModulePage
from lms import progress
from lms.models import (
    Cohort,
    Enrolment,
    EnrolmentStatus,
    Function,
    LessonCompletion,
    ModuleCompletion,
    ModuleSignOff,
    Municipality,
    QuizAttempt,
    ReflectionAnswer,
)
from lms.progress import ModuleProgress

# --- Who may --------------------------------------------------------------------------


def cohorts_followed_by(user):
    """Cohorts whose progress ``user`` may follow: all for staff, their own for trainers."""
    if not user.is_authenticated or not user.is_active:
        return Cohort.objects.none()
    if user.is_spi_staff:
        return Cohort.objects.all()
    return Cohort.objects.for_trainer(user)


def is_trainer_of(user, cohort) -> bool:
    """Whether ``user`` is one of the cohort's trainers (remembered on the cohort instance)."""
    if not user.is_authenticated or not user.is_active:
        return False
    known = cohort.__dict__.setdefault("_kokoma_is_trainer", {})
    if user.pk not in known:
        known[user.pk] = cohort.trainers.filter(pk=user.pk).exists()
    return known[user.pk]


def can_follow_progress(user, cohort) -> bool:
    """Trainers of ``cohort`` and SPI staff; not its supervisors, not trainees."""
    if not user.is_authenticated or not user.is_active:
        return False
    return user.is_spi_staff or is_trainer_of(user, cohort)


def can_read_reflections(user, enrolment) -> bool:
    """Whether ``user`` reads the reflections of ``enrolment``: the trainee and their trainers.

    The same rule as :func:`lms.progress.reflections_visible_to` (which the
    queries use), for one enrolment; here only to explain why staff see none.
    """
    if not user.is_authenticated or not user.is_active:
        return False
    return enrolment.user_id == user.pk or is_trainer_of(user, enrolment.cohort)


# --- The matrix -----------------------------------------------------------------------


@dataclass(frozen=True)
class Curriculum:
    """The live modules of a programme in tree order, with their live lessons."""

    modules: list[ModulePage]
    lessons: dict[int, list[LessonPage]]  # module pk → its lessons in tree order

    @property
    def all_lesson_ids(self) -> list[int]:
        return [lesson.pk for lessons in self.lessons.values() for lesson in lessons]


def load_curriculum(programme, *, with_bodies=False) -> Curriculum:
    """Two queries: the live modules, then their live lessons (with their bodies if asked)."""
    modules = list(ModulePage.objects.live().child_of(programme).order_by("path"))
    lessons = LessonPage.objects.live().descendant_of(programme).order_by("path")
    if not with_bodies:
        lessons = lessons.only("pk", "path", "title")
    return Curriculum(modules, _by_module(modules, ((lesson.path, lesson) for lesson in lessons)))


def load_lesson_ids(programme) -> tuple[list[ModulePage], dict[int, list[int]]]:
    """Like :func:`load_curriculum`, with lesson ids instead of lesson pages (for the matrix)."""
    modules = list(ModulePage.objects.live().child_of(programme).order_by("path"))
    lessons = (
        LessonPage.objects.live()
        .descendant_of(programme)
        .order_by("path")
        .values_list("path", "pk")
    )
    return modules, _by_module(modules, lessons)


def _by_module(modules, lessons) -> dict[int, list]:
    """``(path, lesson)`` pairs in tree order grouped by module pk."""
    module_by_path = {module.path: module.pk for module in modules}
    by_module = {module.pk: [] for module in modules}
    for path, lesson in lessons:
        module_pk = module_by_path.get(path[: -Page.steplen])
        if module_pk is not None:  # else below a module that is not live
            by_module[module_pk].append(lesson)
    return by_module


def make_cell(module, lessons, done_lesson_ids, completion) -> ModuleProgress:
    """One trainee in one module, in the terms of the trainee's dashboard."""
    return ModuleProgress(
        module=module, lessons=lessons, done_lesson_ids=done_lesson_ids, completion=completion
    )


def steps(cell) -> tuple[int, int]:
    """``(done, total)`` steps of a module: its lessons, plus the sign-off where required.

    A completed module counts all its steps. ``cell`` is a :class:`Cell` or a
    :class:`~lms.progress.ModuleProgress`.
    """
    total = cell.lessons_total + (1 if cell.module.requires_sign_off else 0)
    if cell.completed:
        return total, total
    return min(cell.lessons_done, cell.lessons_total), total


def overall_percentage(cells) -> int:
    """Steps done of all steps of the required modules, rounded down.

    Rounded down so that 100 % means everything is done, sign-offs included.
    """
    counted = [steps(cell) for cell in cells if cell.module.is_required]
    total = sum(total for _done, total in counted)
    if not total:
        return 0
    return 100 * sum(done for done, _total in counted) // total


@dataclass(frozen=True, slots=True)
class Cell:
    """One trainee in one module of the matrix: counts and state, no records.

    The state follows the dashboard's rule (:func:`lms.progress.module_state`).
    Cells are immutable and shared: all trainees with the same counts in a
    module get the same cell, so a matrix of 200 trainees × 12 modules makes a
    few dozen cells rather than 2,400 objects (make bench).
    """

    module: ModulePage
    lessons_done: int
    lessons_total: int
    completed: bool
    state: progress.ModuleState


@dataclass(frozen=True, slots=True)
class Participant:
    """One participant of the matrix as plain values (the matrix reads no records)."""

    enrolment_id: int
    name: str  # full name, else the e-mail address
    email: str
    municipality: str  # its name, or ""
    function: str  # the label, or ""
    organisation: str


@dataclass(frozen=True)
class Row:
    participant: Participant
    cells: list[Cell]
    percentage: int

    @property
    def modules_completed(self) -> int:
        return sum(1 for cell in self.cells if cell.completed)


@dataclass(frozen=True)
class ProgressMatrix:
    cohort: Cohort
    modules: list[ModulePage]
    rows: list[Row]


def _filtered(enrolments, *, municipality=None, function=None):
    if municipality is not None:
        enrolments = enrolments.filter(municipality=municipality)
    if function:
        enrolments = enrolments.filter(function=function)
    return enrolments


def active_enrolments(cohort, *, municipality=None, function=None):
    """The cohort's participants (admitted or completed), by name, optionally filtered."""
    enrolments = _filtered(cohort.enrolments.active(), municipality=municipality, function=function)
    return enrolments.select_related("user", "municipality").order_by(
        "user__last_name", "user__first_name", "user__email", "pk"
    )


def participants(cohort, *, municipality=None, function=None) -> list[Participant]:
    """:func:`active_enrolments` as :class:`Participant` values, in the same order.

    Two queries, the enrolments and then their people by id, rather than one
    join: PostgreSQL joined every account of the site to find a cohort's
    (3 ms at 10,000 accounts, make bench); by id it reads the cohort's only.
    A person has one enrolment per cohort, so their order is the enrolments'.
    """
    enrolments = {
        user_id: rest
        for user_id, *rest in _filtered(
            cohort.enrolments.active(), municipality=municipality, function=function
        ).values_list("user_id", "pk", "municipality__name", "function", "organisation")
    }
    people = (
        get_user_model()
        .objects.filter(pk__in=list(enrolments))
        .order_by("last_name", "first_name", "email", "pk")
        .values_list("pk", "first_name", "last_name", "email")
    )
    function_labels = {value: str(label) for value, label in Function.choices}
    result = []
    for user_id, first_name, last_name, email in people:
        enrolment_id, municipality_name, function_value, organisation = enrolments[user_id]
        result.append(
            Participant(
                enrolment_id=enrolment_id,
                name=f"{first_name} {last_name}".strip() or email,
                email=email,
                municipality=municipality_name or "",
                function=function_labels.get(function_value, function_value),
                organisation=organisation,
            )
        )
    return result


def progress_matrix(cohort, *, municipality=None, function=None) -> ProgressMatrix:
    """Trainees × modules of ``cohort`` with the state of each cell; six queries in all.

    Read as plain values (id pairs for completions, counted per module in
    Python), and cells are shared between trainees with the same counts:
    a matrix of 200 trainees creates no model instance per trainee or cell.
    """
    module_pages, lesson_ids = load_lesson_ids(cohort.programme)
    modules = [(module.pk, module) for module in module_pages]
    module_of_lesson = {
        lesson_id: module_pk for module_pk, ids in lesson_ids.items() for lesson_id in ids
    }
    people = participants(cohort, municipality=municipality, function=function)
    # The ids themselves, not a subquery: PostgreSQL then reads the records by index
    # instead of hashing whole tables (make bench).
    enrolment_ids = [participant.enrolment_id for participant in people]

    # By enrolment only; records of lessons and modules outside the live curriculum
    # are skipped here. A list of lesson ids in the query made PostgreSQL probe the
    # index once per lesson and enrolment (16 ms instead of 1 ms at 200 trainees).
    done = Counter()
    for enrolment_id, lesson_id in LessonCompletion.objects.filter(
        enrolment__in=enrolment_ids
    ).values_list("enrolment_id", "lesson_id"):
        module_pk = module_of_lesson.get(lesson_id)
        if module_pk is not None:
            done[enrolment_id, module_pk] += 1
    completed = set(
        ModuleCompletion.objects.filter(enrolment__in=enrolment_ids).values_list(
            "enrolment_id", "module_id"
        )
    )

    shared: dict[tuple[int, int, bool], Cell] = {}

    def cell(module_pk, module, lessons_done, is_completed) -> Cell:
        key = (module_pk, lessons_done, is_completed)
        found = shared.get(key)
        if found is None:
            lessons_total = len(lesson_ids[module_pk])
            found = shared[key] = Cell(
                module=module,
                lessons_done=lessons_done,
                lessons_total=lessons_total,
                completed=is_completed,
                state=progress.module_state(
                    completed=is_completed,
                    lessons_done=lessons_done,
                    lessons_total=lessons_total,
                    requires_sign_off=module.requires_sign_off,
                ),
            )
        return found

    rows = []
    for participant in people:
        pk = participant.enrolment_id
        cells = [
            cell(module_pk, module, done[pk, module_pk], (pk, module_pk) in completed)
            for module_pk, module in modules
        ]
        rows.append(Row(participant, cells, overall_percentage(cells)))
    return ProgressMatrix(cohort, module_pages, rows)


def municipalities_of(cohort):
    """Municipalities the cohort's participants come from (for the filter)."""
    return Municipality.objects.filter(
        enrolments__cohort=cohort,
        enrolments__status__in=EnrolmentStatus.granting_access(),
    ).distinct()


# --- The matrix as a spreadsheet ------------------------------------------------------


def cell_text(cell) -> str:
    """One cell in words, as ``lms/trainer/includes/cell.html`` shows it."""
    if cell.state == progress.ModuleState.IN_PROGRESS:
        return _("%(done)d of %(total)d lessons") % {
            "done": cell.lessons_done,
            "total": cell.lessons_total,
        }
    if cell.state == progress.ModuleState.AWAITING_SIGN_OFF:
        return _("Awaiting sign-off")
    return str(cell.state.label)


def matrix_table(matrix: ProgressMatrix) -> tuple[list[str], list[list]]:
    """The matrix as header and rows for a spreadsheet (the columns of its CSV file).

    Written as CSV and XLSX by :mod:`lms.reports.progress_matrix`; counts stay
    numbers, the state of each module is in words.
    """
    header = [
        _("Name"),
        _("Municipality"),
        _("Function"),
        _("Organisation"),
        *[_("Module %(number)s") % {"number": module.number} for module in matrix.modules],
        _("Modules completed"),
        _("Overall (%)"),
    ]
    rows = []
    for row in matrix.rows:
        participant = row.participant
        rows.append(
            [
                participant.name,
                participant.municipality,
                participant.function,
                participant.organisation,
                *[cell_text(cell) for cell in row.cells],
                row.modules_completed,
                row.percentage,
            ]
        )
    return header, rows


# --- One trainee ------------------------------------------------------------------------


@dataclass(frozen=True)
class Reflection:
    prompt: str
    answer: ReflectionAnswer


@dataclass(frozen=True)
class Attempt:
    quiz_title: str
    attempt: QuizAttempt


@dataclass(frozen=True)
class LessonDetail:
    lesson: LessonPage
    completion: LessonCompletion | None
    attempts: list[Attempt]  # newest first
    reflections: list[Reflection]


@dataclass(frozen=True)
class ModuleDetail:
    cell: ModuleProgress
    lessons: list[LessonDetail]
    sign_offs: list[ModuleSignOff]  # newest first, withdrawn ones included

    @property
    def module(self):
        return self.cell.module

    @property
    def valid_sign_off(self) -> ModuleSignOff | None:
        return next((s for s in self.sign_offs if s.withdrawn_at is None), None)

    @property
    def withdrawn_sign_offs(self) -> list[ModuleSignOff]:
        return [s for s in self.sign_offs if s.withdrawn_at is not None]

    @property
    def attempts(self) -> list[tuple[LessonPage, Attempt]]:
        """All knowledge-check attempts of the module, newest first."""
        pairs = [(entry.lesson, a) for entry in self.lessons for a in entry.attempts]
        return sorted(pairs, key=lambda pair: pair[1].attempt.submitted_at, reverse=True)

    @property
    def reflections(self) -> list[tuple[LessonPage, Reflection]]:
        return [(entry.lesson, r) for entry in self.lessons for r in entry.reflections]


@dataclass(frozen=True)
class TraineeProgress:
    enrolment: Enrolment
    modules: list[ModuleDetail]
    percentage: int

    @property
    def modules_completed(self) -> int:
        return sum(1 for module in self.modules if module.cell.completion is not None)


def _blocks(lesson, block_type) -> dict[str, dict]:
    """Block id → raw value of the lesson's blocks of one type.

    The raw data, because iterating the StreamValue would load documents and
    images of other blocks, one query per lesson.
    """
    return {
        block.get("id"): block.get("value") or {}
        for block in lesson.body.raw_data
        if block.get("type") == block_type
    }


def trainee_progress(enrolment, *, viewer) -> TraineeProgress:
    """Lessons, knowledge-check attempts, reflections and sign-offs of one enrolment.

    Reflections only as far as ``viewer`` may read them
    (:func:`lms.progress.reflections_visible_to`). Seven queries whatever the
    number of attempts: the curriculum (two), then lesson completions, module
    completions, attempts, reflections, sign-offs.
    """
    curriculum = load_curriculum(enrolment.cohort.programme, with_bodies=True)
    lesson_ids = curriculum.all_lesson_ids
    module_ids = [module.pk for module in curriculum.modules]

    lesson_completions = {
        c.lesson_id: c
        for c in LessonCompletion.objects.filter(enrolment=enrolment, lesson_id__in=lesson_ids)
    }
    module_completions = {
        c.module_id: c
        for c in ModuleCompletion.objects.filter(enrolment=enrolment, module_id__in=module_ids)
    }
    attempts = defaultdict(list)
    for attempt in QuizAttempt.objects.filter(enrolment=enrolment, lesson_id__in=lesson_ids):
        attempts[attempt.lesson_id].append(attempt)  # newest first (model ordering)
    reflections = defaultdict(list)
    for answer in (
        progress.reflections_visible_to(viewer)
        .filter(enrolment=enrolment, lesson_id__in=lesson_ids)
        .order_by("created_at", "pk")
    ):
        reflections[answer.lesson_id].append(answer)
    sign_offs = defaultdict(list)
    for sign_off in ModuleSignOff.objects.filter(
        enrolment=enrolment, module_id__in=module_ids
    ).select_related("signed_by", "withdrawn_by"):
        sign_offs[sign_off.module_id].append(sign_off)

    modules = []
    for module in curriculum.modules:
        lessons = curriculum.lessons[module.pk]
        cell = make_cell(
            module, lessons, set(lesson_completions), module_completions.get(module.pk)
        )
        details = []
        for lesson in lessons:
            prompts = _blocks(lesson, progress.REFLECTION_BLOCK)
            quizzes = _blocks(lesson, progress.QUIZ_BLOCK)
            details.append(
                LessonDetail(
                    lesson=lesson,
                    completion=lesson_completions.get(lesson.pk),
                    attempts=[
                        Attempt(quizzes.get(a.block_id, {}).get("title", ""), a)
                        for a in attempts[lesson.pk]
                    ],
                    reflections=[
                        Reflection(prompts.get(a.block_id, {}).get("prompt", ""), a)
                        for a in reflections[lesson.pk]
                    ],
                )
            )
        modules.append(ModuleDetail(cell, details, sign_offs[module.pk]))
    return TraineeProgress(enrolment, modules, overall_percentage([m.cell for m in modules]))
