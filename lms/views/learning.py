"""The trainee's learning screens: the dashboard and the progress actions of a lesson.

The views are thin: they find the lesson and the person's enrolment, call a
service of ``lms.progress`` and redirect back to the lesson with a message.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from curriculum.models import LessonPage
from lms import access, calendar, progress
from lms.supervision import qualification_attendance, supervision_statuses

#: How many upcoming sessions the dashboard lists.
UPCOMING_LIMIT = 10


@login_required
def dashboard(request):
    """Mein Lernweg: per active enrolment every module with progress, the upcoming
    sessions and the supervision hours, and open applications."""
    overview = progress.learning_overview_for(request.user, request)
    upcoming = list(
        calendar.feed_sessions(request.user)
        .upcoming()
        .select_related("supervision_group")[:UPCOMING_LIMIT]
    )
    # Read once for the supervision hours and the certificate's checklist.
    attendance = qualification_attendance([request.user.pk]) if overview.paths else []
    supervision = supervision_statuses(
        [path.enrolment for path in overview.paths], attendance=attendance
    )
    # Each session is listed under the cohort it belongs to (directly or through its
    # supervision group); the rest (e.g. a named group without cohort) under the first path.
    by_cohort = {path.enrolment.cohort_id: path for path in overview.paths}
    for path in overview.paths:
        path.supervision = supervision[path.enrolment.pk]
        path.attendance = attendance
    unassigned = []
    for session in upcoming:
        group = session.supervision_group
        cohort_id = session.cohort_id or (group.cohort_id if group else None)
        path = by_cohort.get(cohort_id) or (overview.paths[0] if overview.paths else None)
        (path.upcoming_sessions if path else unassigned).append(session)
    return render(
        request, "lms/dashboard.html", {"overview": overview, "other_sessions": unassigned}
    )


def _lesson_and_enrolment(request, lesson_id):
    """The live lesson (404 otherwise) and the person's enrolment that may make progress in it."""
    lesson = get_object_or_404(LessonPage.objects.live(), pk=lesson_id)
    if not access.can_view_lesson(request.user, lesson):
        raise PermissionDenied
    programme = access.programme_of(lesson)
    enrolment = progress.active_enrolment_for(request.user, programme.pk if programme else None)
    if enrolment is None:
        raise PermissionDenied(_("Only enrolled participants can record learning progress."))
    return lesson, enrolment


def _back_to(request, lesson, anchor=""):
    """Back to the lesson; after a success at the block that changed, after an error at
    the top, where the message is."""
    return redirect(lesson.get_url(request) + (f"#{anchor}" if anchor else ""))


@login_required
@require_POST
def lesson_mark_done(request, lesson_id):
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    try:
        progress.mark_lesson_done(enrolment, lesson)
    except progress.ProgressError as error:
        messages.error(request, error.message)
        return _back_to(request, lesson)
    messages.success(request, _("The lesson has been marked as done."))
    return _back_to(request, lesson, "lesson-progress")


@login_required
@require_POST
def lesson_undo_done(request, lesson_id):
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    try:
        progress.undo_lesson_done(enrolment, lesson)
    except progress.ProgressError as error:
        messages.error(request, error.message)
        return _back_to(request, lesson)
    messages.info(request, _("The lesson is no longer marked as done."))
    return _back_to(request, lesson, "lesson-progress")


def _answers_from(post) -> dict[str, list[str]]:
    """Form fields ``q<number>`` as ``{number: [option indices]}``; the service checks them."""
    return {key[1:]: post.getlist(key) for key in post if key.startswith("q")}


@login_required
@require_POST
def lesson_quiz_submit(request, lesson_id, block_id):
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    try:
        attempt = progress.submit_quiz(enrolment, lesson, block_id, _answers_from(request.POST))
    except progress.ProgressError as error:
        messages.error(request, error.message)
        return _back_to(request, lesson)
    result = {"correct": attempt.correct, "total": attempt.total, "percent": attempt.percentage}
    if attempt.passed:
        messages.success(
            request,
            _("Knowledge check passed: %(correct)s of %(total)s answers correct (%(percent)s %%).")
            % result,
        )
    else:
        messages.warning(
            request,
            _(
                "Not passed yet: %(correct)s of %(total)s answers correct (%(percent)s %%). "
                "Read the explanations and try again."
            )
            % result,
        )
    return _back_to(request, lesson, f"quiz-{block_id}")


@login_required
@require_POST
def lesson_reflection_save(request, lesson_id, block_id):
    lesson, enrolment = _lesson_and_enrolment(request, lesson_id)
    try:
        progress.save_reflection(enrolment, lesson, block_id, request.POST.get("text", ""))
    except progress.ProgressError as error:
        messages.error(request, error.message)
        return _back_to(request, lesson)
    messages.success(request, _("Your reflection has been saved."))
    return _back_to(request, lesson, f"reflection-{block_id}")
