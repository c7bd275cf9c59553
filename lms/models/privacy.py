"""Personal-data rights: erasure requests and the versions of the privacy notice.

What the platform stores about a person, and what happens to it on export,
erasure and at the end of the retention period, is declared once in
``lms/privacy/registry.py``; the services live in ``lms/privacy/``.
"""

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.db import models
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ErasureStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DONE = "done", _("Done")
    REJECTED = "rejected", _("Rejected")

    @classmethod
    def open_states(cls):
        return [cls.REQUESTED, cls.CONFIRMED]


class ErasureRequestQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=ErasureStatus.open_states())

    def under_legal_hold(self):
        return self.filter(legal_hold=True)


class ErasureRequest(models.Model):
    """A person's request to erase their data (Art. 17 GDPR), decided by SPI staff."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.PROTECT,
        related_name="erasure_requests",
    )
    requested_at = models.DateTimeField(_("requested at"), default=timezone.now)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ErasureStatus.choices,
        default=ErasureStatus.REQUESTED,
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    done_at = models.DateTimeField(_("carried out at"), null=True, blank=True)
    note = models.TextField(_("note"), blank=True)
    legal_hold = models.BooleanField(
        _("legal hold"),
        default=False,
        help_text=_(
            "While set, nothing of this person is deleted, neither on erasure "
            "nor at the end of the retention period (e.g. pending legal claims)."
        ),
    )
    legal_hold_reason = models.CharField(_("reason for the legal hold"), max_length=500, blank=True)
    report = models.JSONField(_("what was done"), default=dict, blank=True)

    objects = ErasureRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["user"],
                condition=models.Q(status__in=["requested", "confirmed"]),
                name="lms_erasurerequest_one_open",
            ),
        ]

    def __str__(self):
        return f"{self.user} ({self.get_status_display()})"


class PrivacyNoticeVersionQuerySet(models.QuerySet):
    def published(self, now=None):
        return self.filter(published_at__lte=now or timezone.now())

    def current(self, now=None):
        """The version in force: the latest one published."""
        return self.published(now).order_by("-published_at", "-pk").first()


class PrivacyNoticeVersion(models.Model):
    """A version of the Datenschutzerklärung; publishing a new one asks everyone again."""

    version = models.CharField(_("version"), max_length=50, unique=True)
    published_at = models.DateTimeField(
        _("in force from"),
        default=timezone.now,
        help_text=_("From this moment on, people are asked to accept this version at login."),
    )
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("privacy notice page"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    summary_of_changes = models.TextField(_("what has changed"), blank=True)

    objects = PrivacyNoticeVersionQuerySet.as_manager()

    class Meta:
        verbose_name = _("privacy notice version")
        verbose_name_plural = _("privacy notice versions")
        ordering = ["-published_at", "-pk"]

    def __str__(self):
        return self.version

    @property
    def url(self) -> str:
        return self.page.url if self.page_id and self.page.live else ""


@receiver(user_logged_in, dispatch_uid="kokoma_privacy_notice_on_login")
def ask_for_new_privacy_notice(sender, request, user, **kwargs):
    """At login, note in the session whether the person must accept a newer notice."""
    from lms.privacy import notice

    if request is not None and hasattr(request, "session"):
        notice.remember_pending(request, user)
