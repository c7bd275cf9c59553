from django.conf import settings
from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _

from lms.roles import Role


class UserManager(BaseUserManager):
    """Users log in with their e-mail address; there are no usernames."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email).lower(), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    username = None
    email = models.EmailField(_("e-mail address"), unique=True)

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = []

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["last_name", "first_name", "email"]
        constraints = [
            models.UniqueConstraint(Lower("email"), name="lms_user_email_ci_unique"),
        ]

    def __str__(self):
        return self.get_full_name() or self.email

    def save(self, *args, **kwargs):
        self.email = (self.email or "").strip().lower()
        super().save(*args, **kwargs)

    def has_role(self, role: Role) -> bool:
        return self.groups.filter(name=role.group_name).exists()

    @property
    def is_spi_staff(self) -> bool:
        """SPI-Verwaltung (or a superuser): runs cohorts and sees everything."""
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        cached = getattr(self, "_kokoma_is_spi_staff", None)
        if cached is None:
            cached = self.has_role(Role.STAFF)
            self._kokoma_is_spi_staff = cached
        return cached


class CohortQuerySet(models.QuerySet):
    def granting_content_access_to(self, user):
        """Cohorts through which ``user`` may read the programme's lessons.

        The single rule behind lesson and material access: an admitted or
        completed enrolment, or being one of the cohort's trainers.
        """
        if not user.is_authenticated or not user.is_active:
            return self.none()
        return self.filter(
            models.Q(
                enrolments__user=user,
                enrolments__status__in=EnrolmentStatus.granting_access(),
            )
            | models.Q(trainers=user)
        ).distinct()

    def for_trainer(self, user):
        return self.filter(trainers=user)


class Cohort(models.Model):
    """A run (Durchgang) of a qualification programme."""

    programme = models.ForeignKey(
        "curriculum.ProgrammePage",
        verbose_name=_("programme"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("name"), max_length=200)
    start_date = models.DateField(_("start date"), null=True, blank=True)
    end_date = models.DateField(_("end date"), null=True, blank=True)
    trainers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trainers"),
        blank=True,
        related_name="trained_cohorts",
    )
    supervisors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("supervisors"),
        blank=True,
        related_name="supervised_cohorts",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = CohortQuerySet.as_manager()

    class Meta:
        verbose_name = _("cohort")
        verbose_name_plural = _("cohorts")
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError(
                {"end_date": _("The end date must not be before the start date.")}
            )


class EnrolmentStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    ADMITTED = "admitted", _("Admitted")
    WAITLISTED = "waitlisted", _("Waiting list")
    REJECTED = "rejected", _("Rejected")
    COMPLETED = "completed", _("Completed")
    WITHDRAWN = "withdrawn", _("Withdrawn")

    @classmethod
    def granting_access(cls):
        return [cls.ADMITTED, cls.COMPLETED]


class EnrolmentQuerySet(models.QuerySet):
    def active(self):
        return self.filter(status__in=EnrolmentStatus.granting_access())


class Enrolment(models.Model):
    """A person's enrolment in a cohort."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="enrolments",
    )
    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="enrolments"
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=EnrolmentStatus.choices,
        default=EnrolmentStatus.APPLIED,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = EnrolmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("enrolment")
        verbose_name_plural = _("enrolments")
        ordering = ["cohort", "user"]
        constraints = [
            models.UniqueConstraint(fields=["user", "cohort"], name="lms_enrolment_unique"),
        ]

    def __str__(self):
        return f"{self.user} – {self.cohort}"

    @property
    def grants_access(self) -> bool:
        return self.status in EnrolmentStatus.granting_access()
