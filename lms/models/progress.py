"""Learning progress of an enrolment: lessons done, quiz attempts, reflections,
trainer sign-offs and module completions.

The rules (when is a lesson done, when is a module complete) live in
``lms/progress.py``; these models store their results with date and source.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.cohorts import Enrolment


class LessonCompletion(models.Model):
    """A lesson marked as done (by the trainee, or by passing its knowledge check)."""

    class Source(models.TextChoices):
        MANUAL = "manual", _("Marked as done")
        QUIZ = "quiz", _("Knowledge check passed")

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="lesson_completions",
    )
    lesson = models.ForeignKey(
        "curriculum.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    source = models.CharField(
        _("source"), max_length=10, choices=Source.choices, default=Source.MANUAL
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)

    class Meta:
        verbose_name = _("completed lesson")
        verbose_name_plural = _("completed lessons")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson"], name="lms_lessoncompletion_unique"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.lesson_id}"


class QuizAttempt(models.Model):
    """One submission of a knowledge check, graded on the server."""

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="quiz_attempts",
    )
    lesson = models.ForeignKey(
        "curriculum.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    block_id = models.CharField(_("knowledge check"), max_length=64)
    answers = models.JSONField(_("answers"), default=dict)
    correct = models.PositiveSmallIntegerField(_("correct answers"))
    total = models.PositiveSmallIntegerField(_("questions"))
    passed = models.BooleanField(_("passed"))
    submitted_at = models.DateTimeField(_("submitted at"), default=timezone.now)

    class Meta:
        verbose_name = _("knowledge check attempt")
        verbose_name_plural = _("knowledge check attempts")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self):
        return f"{self.enrolment}: {self.correct}/{self.total}"

    @property
    def percentage(self) -> int:
        return round(100 * self.correct / self.total) if self.total else 0


class ReflectionAnswer(models.Model):
    """A trainee's answer to a reflection prompt; seen only by them and their trainers."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="reflections"
    )
    lesson = models.ForeignKey(
        "curriculum.LessonPage",
        verbose_name=_("lesson"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    block_id = models.CharField(_("reflection prompt"), max_length=64)
    text = models.TextField(_("answer"), help_text=_("Sanitised HTML."))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("reflection")
        verbose_name_plural = _("reflections")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "lesson", "block_id"], name="lms_reflection_unique"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.block_id}"


class ModuleSignOff(models.Model):
    """A trainer confirms a module (e.g. the accepted Praxisprojekt); can be withdrawn."""

    enrolment = models.ForeignKey(
        Enrolment, verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="sign_offs"
    )
    module = models.ForeignKey(
        "curriculum.ModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    signed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("signed off by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    signed_at = models.DateTimeField(_("signed off at"), default=timezone.now)
    note = models.CharField(_("note"), max_length=500, blank=True)
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("withdrawn by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("sign-off")
        verbose_name_plural = _("sign-offs")
        ordering = ["-signed_at"]
        constraints = [
            # At most one valid (not withdrawn) sign-off per enrolment and module.
            models.UniqueConstraint(
                fields=["enrolment", "module"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="lms_signoff_one_valid",
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.module_id}"


class ModuleCompletion(models.Model):
    """A completed module, with the date and what completed it."""

    class Source(models.TextChoices):
        RULE = "rule", _("Completion rule met")
        SIGN_OFF = "sign_off", _("Signed off by trainer")

    enrolment = models.ForeignKey(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="module_completions",
    )
    module = models.ForeignKey(
        "curriculum.ModulePage",
        verbose_name=_("module"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    completed_at = models.DateTimeField(_("completed at"), default=timezone.now)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    sign_off = models.ForeignKey(
        ModuleSignOff,
        verbose_name=_("sign-off"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("completed module")
        verbose_name_plural = _("completed modules")
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "module"], name="lms_modulecompletion_unique"
            ),
        ]

    def __str__(self):
        return f"{self.enrolment}: {self.module_id}"
