import functools

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import connection, models
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
        return self._page_facts["spi_staff"]

    @property
    def trains_cohorts(self) -> bool:
        """Whether the person is a trainer of any cohort (the header links to their cohorts)."""
        return self._page_facts["trains_cohorts"]

    @property
    def can_access_admin(self) -> bool:
        """``has_perm("wagtailadmin.access_admin")`` as Django's model backend decides it
        (superuser, or the permission given directly or through a group), without
        loading all of the person's permissions: pages ask it for Wagtail's user bar.
        """
        if not self.is_active:
            return False
        if self.is_superuser:
            return True
        return self._page_facts["admin_access"]

    @functools.cached_property
    def _page_facts(self) -> dict[str, bool]:
        """What the page frame asks about the person, in one query (:data:`PAGE_FACTS_SQL`).

        Remembered on the instance: ``request.user`` is loaded once per request,
        so every request asks afresh.
        """
        if self.pk is None:
            return {"spi_staff": False, "trains_cohorts": False, "admin_access": False}
        with connection.cursor() as cursor:
            cursor.execute(PAGE_FACTS_SQL, {"user": self.pk, "staff": Role.STAFF.group_name})
            spi_staff, trains_cohorts, admin_access = cursor.fetchone()
        return {
            "spi_staff": bool(spi_staff),
            "trains_cohorts": bool(trains_cohorts),
            "admin_access": bool(admin_access),
        }


#: Whether a person is SPI staff (by group), trains a cohort, and holds
#: ``wagtailadmin.access_admin`` directly or through a group: every page's frame
#: asks all three. Written out because the ORM took 2.4 ms to build the same
#: query with its four subqueries on every page, the database 0.06 ms to run
#: it (make bench); tests/lms/test_roles.py checks it against the ORM's answers.
PAGE_FACTS_SQL = """
SELECT
    EXISTS (
        SELECT 1 FROM auth_group g
        JOIN lms_user_groups ug ON ug.group_id = g.id
        WHERE ug.user_id = %(user)s AND g.name = %(staff)s
    ),
    EXISTS (SELECT 1 FROM lms_cohort_trainers t WHERE t.user_id = %(user)s),
    EXISTS (
        SELECT 1 FROM auth_permission p
        JOIN django_content_type ct ON ct.id = p.content_type_id
        WHERE ct.app_label = 'wagtailadmin' AND p.codename = 'access_admin' AND (
            p.id IN (
                SELECT up.permission_id FROM lms_user_user_permissions up
                WHERE up.user_id = %(user)s
            )
            OR p.id IN (
                SELECT gp.permission_id FROM auth_group_permissions gp
                JOIN lms_user_groups ug ON ug.group_id = gp.group_id
                WHERE ug.user_id = %(user)s
            )
        )
    )
"""
