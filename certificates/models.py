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
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.models import Orderable


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


# --- Templates: the wording and look of the documents, edited by SPI staff ---------------

#: Placeholders the body text of a template may use, with what each stands for.
PLACEHOLDERS = {
    "name": _("full name of the holder"),
    "programme": _("title of the qualification programme"),
    "period": _("period of the cohort, e.g. 01.03.2026 – 30.11.2026"),
    "total_ue": _("teaching units (UE) certified"),
    "clock_hours": _("the same in clock hours"),
    "municipality": _("municipality of the holder"),
    "pfd": _("the municipality's Partnerschaft für Demokratie"),
    "cohort": _("name of the cohort"),
    "places": _("places of the cohort"),
    "supervision_hours": _("supervision attended, in clock hours"),
}


def placeholder_names(text: str) -> list[str]:
    """The placeholders used in ``text``, in order; raises ``ValueError`` on unbalanced braces."""
    import string

    names = []
    for _literal, field, spec, conversion in string.Formatter().parse(text or ""):
        if field is None:
            continue
        if spec or conversion:
            field = f"{field}!{conversion}" if conversion else f"{field}:{spec}"
        names.append(field)
    return names


def validate_placeholders(text: str) -> None:
    """Refuse a text with an unknown placeholder or a stray brace, naming the problem."""
    from django.core.exceptions import ValidationError

    try:
        names = placeholder_names(text)
    except ValueError:
        raise ValidationError(
            _(
                "A curly brace is not closed or not opened. Placeholders are written "
                "like {name}; write {{ or }} for a brace of its own."
            ),
            code="braces",
        ) from None
    unknown = sorted({name for name in names if name not in PLACEHOLDERS})
    if unknown:
        raise ValidationError(
            _("Unknown placeholder: %(unknown)s. Allowed are: %(allowed)s.")
            % {
                "unknown": ", ".join("{" + name + "}" for name in unknown),
                "allowed": ", ".join("{" + name + "}" for name in PLACEHOLDERS),
            },
            code="unknown_placeholder",
        )


def _placeholder_help() -> str:
    return _(
        "Printed below the holder's name. Placeholders are filled in when the "
        "certificate is issued and printed in bold: %(placeholders)s."
    ) % {
        "placeholders": "; ".join(
            f"{{{name}}} = {description}" for name, description in PLACEHOLDERS.items()
        )
    }


class CertificateTemplateQuerySet(models.QuerySet):
    def default_for(self, kind):
        return self.filter(kind=kind, is_default=True).first()


class CertificateTemplate(ClusterableModel):
    """Wording, signatures, logos and funding notice of one kind of document.

    Exactly one template per kind is the default; a programme may choose
    another one (``ProgrammePage.certificate_template`` and
    ``attendance_template``). What a template says is copied into each
    certificate when it is issued (``certificates.templating``), so editing a
    template never changes an issued certificate.
    """

    name = models.CharField(_("name"), max_length=100, unique=True)
    kind = models.CharField(_("kind"), max_length=20, choices=CertificateKind.choices)
    is_default = models.BooleanField(
        _("default for its kind"),
        default=False,
        help_text=_(
            "Used for every programme that has not chosen a template of this kind. "
            "Making this template the default takes the mark from the previous one."
        ),
    )
    title = models.CharField(
        _("document title"), max_length=100, help_text=_("For example: Zertifikat.")
    )
    body = models.TextField(
        _("body text"), validators=[validate_placeholders], help_text=lazy(_placeholder_help, str)()
    )
    issuer_name = models.CharField(
        _("issuer"),
        max_length=200,
        help_text=_("Name of the issuing organisation, printed at the top and in the metadata."),
    )
    issuer_details = models.TextField(
        _("issuer details"),
        blank=True,
        help_text=_("Further lines below the issuer's name, e.g. the address."),
    )
    place = models.CharField(
        _("place of issue"), max_length=100, help_text=_("Printed before the date of issue.")
    )
    funding_notice = models.TextField(
        _("funding notice"),
        blank=True,
        help_text=_("Printed at the bottom of every page; exact wording as supplied by SPI."),
    )
    funding_logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("funding logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    funding_logo_alt = models.CharField(
        _("alternative text of the funding logo"),
        max_length=255,
        blank=True,
        help_text=_("What the logo says, for screen readers; required with a logo."),
    )

    objects = CertificateTemplateQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("kind"), FieldPanel("is_default")]),
        MultiFieldPanel([FieldPanel("title"), FieldPanel("body")], heading=_("Wording")),
        MultiFieldPanel(
            [FieldPanel("issuer_name"), FieldPanel("issuer_details"), FieldPanel("place")],
            heading=_("Issuer"),
        ),
        InlinePanel("logos", heading=_("Logos"), label=_("Logo")),
        InlinePanel("signatures", heading=_("Signatures"), label=_("Signature"), max_num=2),
        MultiFieldPanel(
            [
                FieldPanel("funding_notice"),
                FieldPanel("funding_logo"),
                FieldPanel("funding_logo_alt"),
            ],
            heading=_("Funding"),
        ),
    ]

    class Meta:
        verbose_name = _("certificate template")
        verbose_name_plural = _("certificate templates")
        ordering = ["kind", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"],
                condition=models.Q(is_default=True),
                name="certificates_template_one_default_per_kind",
            )
        ]

    def __str__(self):
        return self.name

    def clean(self):
        from django.core.exceptions import ValidationError

        super().clean()
        errors = {}
        if self.funding_logo_id and not self.funding_logo_alt.strip():
            errors["funding_logo_alt"] = _("Please describe the funding logo for screen readers.")
        if self.pk:
            stored = CertificateTemplate.objects.filter(pk=self.pk).first()
            if stored is not None and stored.is_default and not self.is_default:
                errors["is_default"] = _(
                    "Every kind needs a default template. Make another template the "
                    "default instead; this one then loses the mark."
                )
            if stored is not None and stored.kind != self.kind:
                if stored.is_default:
                    errors["kind"] = _("The default template of a kind cannot change its kind.")
                elif stored.programmes_using().exists():
                    errors["kind"] = _("Programmes use this template; its kind cannot change.")
        if errors:
            raise ValidationError(errors)

    def save(self, *args, **kwargs):
        from django.db import transaction

        with transaction.atomic():
            if self.is_default:
                # The new default takes the mark from the previous one.
                CertificateTemplate.objects.filter(kind=self.kind, is_default=True).exclude(
                    pk=self.pk
                ).update(is_default=False)
            elif (
                not CertificateTemplate.objects.filter(kind=self.kind, is_default=True)
                .exclude(pk=self.pk)
                .exists()
            ):
                # The first template of a kind is its default.
                self.is_default = True
            super().save(*args, **kwargs)

    def programmes_using(self):
        from curriculum.models import ProgrammePage

        return ProgrammePage.objects.filter(
            models.Q(certificate_template=self) | models.Q(attendance_template=self)
        )


class CertificateTemplateLogo(Orderable):
    """A logo in the head of the document, in the given order."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="logos")
    image = models.ForeignKey(
        "wagtailimages.Image", verbose_name=_("image"), on_delete=models.CASCADE, related_name="+"
    )
    alt_text = models.CharField(
        _("alternative text"),
        max_length=255,
        help_text=_("What the logo says, for screen readers, e.g. the organisation's name."),
    )

    panels = [FieldPanel("image"), FieldPanel("alt_text")]

    class Meta(Orderable.Meta):
        verbose_name = _("logo")
        verbose_name_plural = _("logos")


class CertificateTemplateSignature(Orderable):
    """A person who signs the document: image of the signature above a line, name and role below."""

    template = ParentalKey(CertificateTemplate, on_delete=models.CASCADE, related_name="signatures")
    name = models.CharField(_("name"), max_length=100)
    role = models.CharField(
        _("role"), max_length=200, blank=True, help_text=_("For example: Projektleitung.")
    )
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("signature image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A scan of the signature, ideally on a transparent or white background."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("image")]

    class Meta(Orderable.Meta):
        verbose_name = _("signature")
        verbose_name_plural = _("signatures")
