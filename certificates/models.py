"""Issued certificates and their register.

A certificate stores a snapshot of what it certifies at the moment of issue,
so neither a later curriculum edit nor a renamed or deleted account changes
what the verification page shows. State changes (issue, re-issue,
revocation) go through the service functions in ``certificates/issuing.py``.
"""

import secrets
from datetime import date

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CertificateKind(models.TextChoices):
    CERTIFICATE = "certificate", _("Certificate")
    ATTENDANCE = "attendance", _("Confirmation of attendance")


class CertificateStatus(models.TextChoices):
    VALID = "valid", _("Valid")
    REVOKED = "revoked", _("Revoked")
    SUPERSEDED = "superseded", _("Superseded")


class RevocationCategory(models.TextChoices):
    """Why a certificate was revoked, as the public verification page states it.

    The free-text reason stays internal; only the category is public.
    """

    CONTENT_ERROR = "content_error", _("Error in the content")
    ISSUED_IN_ERROR = "issued_in_error", _("Issued in error")
    MISCONDUCT = "misconduct", _("Misconduct or attempted fraud")
    HOLDER_REQUEST = "holder_request", _("At the holder's request")
    OTHER = "other", _("Other reason")


def new_verification_code() -> str:
    return secrets.token_urlsafe(24)


def _parse_date(value):
    return date.fromisoformat(value) if value else None


class CertificateNumberSequence(models.Model):
    """The last certificate number given out in a year; its row is the lock for numbering."""

    year = models.PositiveSmallIntegerField(_("year"), unique=True)
    last_value = models.PositiveIntegerField(_("last number"), default=0)

    class Meta:
        verbose_name = _("certificate number sequence")
        verbose_name_plural = _("certificate number sequences")

    def __str__(self):
        return f"{self.year}: {self.last_value}"


class CertificateQuerySet(models.QuerySet):
    def valid(self):
        return self.filter(status=CertificateStatus.VALID)


class Certificate(models.Model):
    """One issued document (Zertifikat or Teilnahmebescheinigung) of an enrolment."""

    enrolment = models.ForeignKey(
        "lms.Enrolment",
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    number = models.CharField(_("number"), max_length=30, unique=True)
    year = models.PositiveSmallIntegerField(_("year"))
    sequence = models.PositiveIntegerField(_("sequence number"))
    verification_code = models.CharField(
        _("verification code"),
        max_length=64,
        unique=True,
        default=new_verification_code,
        editable=False,
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=CertificateStatus.choices,
        default=CertificateStatus.VALID,
    )
    issued_at = models.DateTimeField(_("issued at"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("issued by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    snapshot = models.JSONField(_("certified content"), default=dict)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("revoked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    revocation_category = models.CharField(
        _("revocation category"), max_length=20, choices=RevocationCategory.choices, blank=True
    )
    revocation_reason = models.TextField(_("reason for revocation (internal)"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        verbose_name=_("supersedes"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
    )
    sha256 = models.CharField(_("SHA-256 of the PDF"), max_length=64, blank=True)
    pdf = models.FileField(_("PDF"), upload_to="certificates/%Y/", blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-year", "-sequence"]
        constraints = [
            models.UniqueConstraint(
                fields=["year", "sequence"], name="certificates_certificate_year_sequence"
            ),
            # At most one valid certificate of each kind per enrolment.
            models.UniqueConstraint(
                fields=["enrolment", "kind"],
                condition=models.Q(status="valid"),
                name="certificates_certificate_one_valid",
            ),
        ]

    def __str__(self):
        return self.number

    @property
    def holder_name(self) -> str:
        return self.snapshot.get("holder_name", "")

    @property
    def programme_title(self) -> str:
        return self.snapshot.get("programme", "")

    @property
    def certified(self) -> dict:
        """The snapshot with its dates as :class:`~datetime.date` for display."""
        data = dict(self.snapshot)
        for key in ("period_start", "period_end"):
            data[key] = _parse_date(data.get(key))
        data["modules"] = [
            {**module, "date": _parse_date(module.get("date"))}
            for module in data.get("modules", [])
        ]
        data["valid_until"] = self.valid_until
        data["attended_sessions"] = [
            {**session, "date": _parse_date(session.get("date"))}
            for session in data.get("attended_sessions", [])
        ]
        return data

    @property
    def valid_until(self) -> date | None:
        """The last day the certificate is valid (printed on it), or None: no expiry."""
        return _parse_date(self.snapshot.get("valid_until"))

    @property
    def is_expired(self) -> bool:
        """Past its validity period (whatever its status: revoked ones may be expired too)."""
        return self.valid_until is not None and self.valid_until < timezone.localdate()

    def get_verification_url(self) -> str:
        return reverse("certificate_verify_detail", args=[self.verification_code])


class BulkIssueRunStatus(models.TextChoices):
    QUEUED = "queued", _("Waiting for processing")
    RUNNING = "running", _("In progress")
    DONE = "done", _("Done")


class BulkIssueItemStatus(models.TextChoices):
    PENDING = "pending", _("Pending")
    ISSUED = "issued", _("Issued")
    SKIPPED = "skipped", _("Skipped")
    FAILED = "failed", _("Failed")


class BulkIssueRun(models.Model):
    """One bulk issue for a cohort, confirmed by staff and processed in the background.

    Its items are fixed at confirmation (who gets which kind); the task in
    ``certificates/tasks.py`` works through the pending ones, so running it
    again (or after a worker restart) only continues where it stopped.
    """

    cohort = models.ForeignKey(
        "lms.Cohort", verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="+"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("requested by"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    started_at = models.DateTimeField(_("started at"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finished at"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BulkIssueRunStatus.choices,
        default=BulkIssueRunStatus.QUEUED,
    )

    class Meta:
        verbose_name = _("bulk issue")
        verbose_name_plural = _("bulk issues")
        ordering = ["-created_at", "-pk"]

    def __str__(self):
        return f"{self.cohort} ({self.created_at:%Y-%m-%d %H:%M})"


class BulkIssueItem(models.Model):
    """One person of a bulk issue: the kind planned and what came of it."""

    run = models.ForeignKey(
        BulkIssueRun, verbose_name=_("bulk issue"), on_delete=models.CASCADE, related_name="items"
    )
    enrolment = models.ForeignKey(
        "lms.Enrolment", verbose_name=_("enrolment"), on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=BulkIssueItemStatus.choices,
        default=BulkIssueItemStatus.PENDING,
    )
    message = models.TextField(_("message"), blank=True)
    certificate = models.ForeignKey(
        Certificate,
        verbose_name=_("certificate"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta:
        verbose_name = _("bulk issue item")
        verbose_name_plural = _("bulk issue items")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["run", "enrolment"], name="certificates_bulkissueitem_one_per_run"
            )
        ]

    def __str__(self):
        return f"{self.run_id}: {self.enrolment_id} ({self.status})"
