"""The Praxisprojekt: the final practical piece of work of an enrolment.

One per enrolment. The trainee writes its title and a short description and
submits it; a trainer of the cohort (or SPI staff) accepts it or returns it
with a comment. State changes go through the service functions in
``lms/projects.py`` (check, save, log); the accepted project's title is
printed on the certificate.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from lms.models.cohorts import Enrolment

TITLE_MAX_LENGTH = 250
DESCRIPTION_MAX_LENGTH = 5000


class PraxisprojektStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted")
    ACCEPTED = "accepted", _("Accepted")
    RETURNED = "returned", _("Returned for revision")

    @classmethod
    def editable(cls):
        """States in which the trainee may still change and (re-)submit the project."""
        return [cls.DRAFT, cls.RETURNED]


class Praxisprojekt(models.Model):
    """The practice project (Praxisprojekt) of one enrolment."""

    enrolment = models.OneToOneField(
        Enrolment,
        verbose_name=_("enrolment"),
        on_delete=models.CASCADE,
        related_name="praxisprojekt",
    )
    title = models.CharField(_("title"), max_length=TITLE_MAX_LENGTH)
    description = models.TextField(
        _("short description"),
        blank=True,
        max_length=DESCRIPTION_MAX_LENGTH,
        help_text=_("Plain text: what the project is about, where and with whom."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=PraxisprojektStatus.choices,
        default=PraxisprojektStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decision_comment = models.TextField(
        _("comment"),
        blank=True,
        help_text=_("Why the project was returned, or a note on its acceptance."),
    )
    created_at = models.DateTimeField(_("created at"), default=timezone.now)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    class Meta:
        verbose_name = _("practice project")
        verbose_name_plural = _("practice projects")
        ordering = ["enrolment"]

    def __str__(self):
        return self.title

    @property
    def is_accepted(self) -> bool:
        return self.status == PraxisprojektStatus.ACCEPTED

    @property
    def is_editable(self) -> bool:
        return self.status in PraxisprojektStatus.editable()
