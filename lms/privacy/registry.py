"""The one declaration of personal data on the platform.

Every model that holds data about a person is declared here: how a row links
to the person (``subject`` lookups to the user), the kind of data, purpose,
legal basis, what happens on erasure and at the end of retention, which
fields the export contains and which are blanked when the row is kept
anonymised. Export, erasure, ``apply_retention`` and the records of
processing are all generated from this list, so they cannot drift from the
models. ``tests/lms/test_privacy_registry.py`` fails for any installed model
that links to the user (directly or through a declared model) and is neither
declared nor listed in ``EXCLUDED`` with a reason.

Adding a model is one line, e.g.::

    PersonalData("lms.Praxisprojekt", ("enrolment__user",), **QUALIFICATION_RECORD),
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db import models
from django.db.models import Q
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class Retention(models.TextChoices):
    DELETE = "delete", _("Deleted on erasure")
    ANONYMISE = "anonymise", _("Kept anonymised until the end of the retention period")
    KEEP = "keep", _("Kept as is (the person's account is anonymised)")


class LegalBasis(models.TextChoices):
    CONSENT = "6(1)(a)", _("Art. 6(1)(a) GDPR: consent")
    CONTRACT = "6(1)(b)", _("Art. 6(1)(b) GDPR: taking part in the qualification")
    LEGAL_OBLIGATION = (
        "6(1)(c)",
        _("Art. 6(1)(c) GDPR: legal obligation (proof of use of funds, retention duties)"),
    )
    PUBLIC_TASK = "6(1)(e)", _("Art. 6(1)(e) GDPR: task in the public interest (funded programme)")
    LEGITIMATE_INTEREST = (
        "6(1)(f)",
        _("Art. 6(1)(f) GDPR: legitimate interest (security, traceability)"),
    )


@dataclass(frozen=True)
class PersonalData:
    """How one model holds personal data."""

    model_label: str
    # ORM lookups from the model to the person the row is about ("pk" for the user itself).
    subject: tuple[str, ...]
    category: Promise | str
    purpose: Promise | str
    legal_basis: LegalBasis
    retention: Retention
    export: tuple[str, ...] = ()
    # Fields blanked when the row is kept after erasure (Retention.ANONYMISE).
    anonymise: tuple[str, ...] = ()
    # Other links to people (who decided, recorded, ...); shown in the records of processing.
    actors: tuple[str, ...] = ()
    # Rows about the person, when lookups are not enough: (user) -> QuerySet.
    queryset: Callable | None = field(default=None, compare=False)
    # Whether models linking to this one must be declared too. False for shared
    # objects (cohorts, sessions) that merely list people in a role.
    traverse: bool = True

    @property
    def model(self) -> type[models.Model]:
        return apps.get_model(self.model_label)

    def records_for(self, user) -> models.QuerySet:
        """The rows of this model that are about ``user``."""
        if self.queryset is not None:
            return self.queryset(user)
        condition = Q()
        for lookup in self.subject:
            condition |= Q(**{lookup: user.pk})
        qs = self.model._default_manager.filter(condition)
        if any("__" in lookup or self._is_many(lookup) for lookup in self.subject):
            qs = qs.distinct()
        return qs.order_by("pk")

    def _is_many(self, lookup: str) -> bool:
        try:
            return self.model._meta.get_field(lookup).many_to_many
        except Exception:
            return False


# --- Custom querysets ----------------------------------------------------------------------


def _invitations(user):
    from lms.models import Invitation

    return Invitation.objects.filter(Q(accepted_by=user) | Q(email__iexact=user.email)).order_by(
        "pk"
    )


def _log_entry_filter(user) -> Q:
    """Log entries by the person, or about their account, enrolments or certificates."""
    from django.contrib.contenttypes.models import ContentType

    from lms.models import Enrolment

    about = Q(
        content_type=ContentType.objects.get_for_model(user.__class__), object_id=str(user.pk)
    )
    enrolment_ids = [
        str(pk) for pk in Enrolment.objects.filter(user=user).values_list("pk", flat=True)
    ]
    if enrolment_ids:
        about |= Q(
            content_type=ContentType.objects.get_for_model(Enrolment), object_id__in=enrolment_ids
        )
    if apps.is_installed("certificates"):
        certificate_model = apps.get_model("certificates", "Certificate")
        certificate_ids = [
            str(pk)
            for pk in certificate_model.objects.filter(enrolment__user=user).values_list(
                "pk", flat=True
            )
        ]
        if certificate_ids:
            about |= Q(
                content_type=ContentType.objects.get_for_model(certificate_model),
                object_id__in=certificate_ids,
            )
    return Q(user=user) | about


def _model_log_entries(user):
    from wagtail.models import ModelLogEntry

    return ModelLogEntry.objects.filter(_log_entry_filter(user)).order_by("pk")


def _page_log_entries(user):
    from wagtail.models import PageLogEntry

    return PageLogEntry.objects.filter(user=user).order_by("pk")


# --- Presets for kinds of records that recur -----------------------------------------------

QUALIFICATION_RECORD = {
    "category": _("Learning progress"),
    "purpose": _("Following and confirming the person's progress in the qualification"),
    "legal_basis": LegalBasis.CONTRACT,
    "retention": Retention.DELETE,
}
FUNDING_RECORD = {
    "category": _("Participation and attendance"),
    "purpose": _("Certificates and the reports to the funder (proof of participation)"),
    "legal_basis": LegalBasis.LEGAL_OBLIGATION,
    "retention": Retention.ANONYMISE,
}
STAFF_ACTION = {
    "category": _("Staff actions"),
    "purpose": _("Running the programme: who decided or recorded what, and when"),
    "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
    "retention": Retention.KEEP,
}
ROLE_ASSIGNMENT = {
    "category": _("Roles in cohorts and groups"),
    "purpose": _("Organising cohorts, sessions and supervision"),
    "legal_basis": LegalBasis.CONTRACT,
    "retention": Retention.KEEP,
    "traverse": False,
}
EDITORIAL_SESSION = {
    "category": _("Editing sessions and preferences"),
    "purpose": _("Technical operation of the content editor"),
    "legal_basis": LegalBasis.LEGITIMATE_INTEREST,
    "retention": Retention.DELETE,
}

ACCOUNT_FIELDS = ("email", "first_name", "last_name", "date_joined", "last_login", "is_active")

REGISTRY: tuple[PersonalData, ...] = (
    # --- Account ---
    PersonalData(
        "lms.User",
        ("pk",),
        category=_("Account and master data"),
        purpose=_("Sign-in, contact, naming the person on lists and certificates"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.ANONYMISE,
        export=ACCOUNT_FIELDS,
        anonymise=("first_name", "last_name", "email", "password"),
    ),
    PersonalData(
        "account.EmailAddress",
        ("user",),
        category=_("Account and master data"),
        purpose=_("Sign-in and confirmation of e-mail addresses"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.DELETE,
        export=("email", "verified", "primary"),
    ),
    PersonalData(
        "account.EmailConfirmation",
        ("email_address__user",),
        category=_("Account and master data"),
        purpose=_("Sign-in and confirmation of e-mail addresses"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.DELETE,
        export=("created", "sent"),  # never the key
    ),
    PersonalData(
        "mfa.Authenticator",
        ("user",),
        category=_("Security"),
        purpose=_("Two-factor authentication"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.DELETE,
        export=("type", "created_at", "last_used_at"),  # never the secret
    ),
    PersonalData(
        "wagtailusers.UserProfile",
        ("user",),
        category=_("Account and master data"),
        purpose=_("Preferences in the administration area"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.DELETE,
        export=("preferred_language", "current_time_zone", "theme"),
    ),
    PersonalData(
        "lms.Consent",
        ("user",),
        category=_("Consents"),
        purpose=_("Proof of the consents given and of the privacy notice accepted"),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=Retention.ANONYMISE,
        export=("kind", "text_version", "given_at", "enrolment_id"),
    ),
    PersonalData(
        "lms.ErasureRequest",
        ("user",),
        category=_("Data protection requests"),
        purpose=_("Handling and proving the handling of requests under Art. 17 GDPR"),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=Retention.KEEP,
        export=("requested_at", "status", "decided_at", "done_at"),
        actors=("decided_by",),
    ),
    # --- Enrolment and participation ---
    PersonalData(
        "lms.Enrolment",
        ("user",),
        category=_("Applications and enrolments"),
        purpose=_("Admission to a cohort; participation figures for the funder"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.ANONYMISE,
        export=(
            "cohort.name",
            "status",
            "municipality.name",
            "function",
            "organisation",
            "motivation",
            "waitlisted_at",
            "decided_at",
            "created_at",
            "updated_at",
        ),
        anonymise=("organisation", "motivation"),
        actors=("decided_by",),
    ),
    PersonalData(
        "lms.EnrolmentEvent",
        ("enrolment__user",),
        category=_("Applications and enrolments"),
        purpose=_("History of decisions on an enrolment"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.ANONYMISE,
        export=("enrolment_id", "from_status", "to_status", "note", "at"),
        anonymise=("note",),
        actors=("actor",),
    ),
    PersonalData(
        "lms.Invitation",
        (),
        category=_("Applications and enrolments"),
        purpose=_("Inviting a person to a cohort"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.ANONYMISE,
        export=("email", "cohort.name", "organisation", "function", "created_at", "accepted_at"),
        anonymise=("email", "organisation"),
        actors=("invited_by", "accepted_by"),
        queryset=_invitations,
    ),
    PersonalData(
        "lms.Attendance",
        ("user",),
        export=(
            "session.title",
            "session.starts_at",
            "status",
            "ue_credited",
            "source",
            "recorded_at",
        ),
        actors=("recorded_by",),
        **FUNDING_RECORD,
    ),
    PersonalData(
        "lms.AttendanceChange",
        ("attendance__user",),
        export=("attendance_id", "status", "ue_credited", "changed_at"),
        actors=("changed_by",),
        **FUNDING_RECORD,
    ),
    # --- Learning progress ---
    PersonalData(
        "lms.LessonCompletion",
        ("enrolment__user",),
        export=("enrolment_id", "lesson.title", "source", "completed_at"),
        **QUALIFICATION_RECORD,
    ),
    PersonalData(
        "lms.QuizAttempt",
        ("enrolment__user",),
        export=(
            "enrolment_id",
            "lesson.title",
            "block_id",
            "answers",
            "correct",
            "total",
            "passed",
            "submitted_at",
        ),
        **QUALIFICATION_RECORD,
    ),
    PersonalData(
        "lms.ReflectionAnswer",
        ("enrolment__user",),
        export=("enrolment_id", "lesson.title", "block_id", "text", "created_at", "updated_at"),
        **QUALIFICATION_RECORD,
    ),
    PersonalData(
        "lms.ModuleSignOff",
        ("enrolment__user",),
        category=_("Learning progress"),
        purpose=_("Trainers' confirmation of modules (e.g. the accepted Praxisprojekt)"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.ANONYMISE,
        export=("enrolment_id", "module.title", "signed_at", "note", "withdrawn_at"),
        anonymise=("note",),
        actors=("signed_by", "withdrawn_by"),
    ),
    PersonalData(
        "lms.ModuleCompletion",
        ("enrolment__user",),
        category=_("Learning progress"),
        purpose=_("Completed modules: completion rates for the funder, basis of certificates"),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=Retention.ANONYMISE,
        export=("enrolment_id", "module.title", "source", "completed_at"),
    ),
    # Praxisprojekt (final practice project; branch h1): its title is printed on the certificate.
    PersonalData(
        "lms.Praxisprojekt",
        ("enrolment__user",),
        category=_("Learning progress"),
        purpose=_("The final practice project and the trainers' decision on it"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.ANONYMISE,
        export=(
            "enrolment_id",
            "title",
            "description",
            "status",
            "submitted_at",
            "decided_at",
            "decision_comment",
        ),
        anonymise=("description", "decision_comment"),
        actors=("decided_by",),
    ),
    # --- Certificates ---
    PersonalData(
        "certificates.Certificate",
        ("enrolment__user",),
        category=_("Certificates"),
        purpose=_("Issuing certificates and verifying them for third parties"),
        legal_basis=LegalBasis.LEGAL_OBLIGATION,
        retention=Retention.KEEP,
        export=(
            "number",
            "kind",
            "status",
            "issued_at",
            "revoked_at",
            "revocation_reason",
            "verification_code",
            "snapshot",
            "sha256",
            "pdf",
        ),
        actors=("issued_by", "revoked_by"),
    ),
    # Bulk issue of certificates (branch h3).
    PersonalData(
        "certificates.BulkIssueRun",
        ("requested_by",),
        export=("cohort.name", "created_at", "status"),
        **STAFF_ACTION,
    ),
    PersonalData(
        "certificates.BulkIssueItem",
        ("enrolment__user",),
        category=_("Certificates"),
        purpose=_("Issuing the certificates of a cohort at once"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.DELETE,
        export=("run_id", "kind", "status", "message"),
    ),
    # --- Sessions, supervision, calendar, notices ---
    PersonalData(
        "lms.Notice",
        ("user",),
        category=_("Notifications"),
        purpose=_("Sending reminders and warnings only once"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.DELETE,
        export=("kind", "key", "sent_at"),
    ),
    PersonalData(
        "lms.CalendarFeed",
        ("user",),
        category=_("Notifications"),
        purpose=_("The person's private calendar feed"),
        legal_basis=LegalBasis.CONTRACT,
        retention=Retention.DELETE,
        export=("created_at",),  # the token is a secret: not exported
    ),
    PersonalData(
        "lms.Cohort",
        ("trainers", "supervisors"),
        export=("name", "start_date", "end_date"),
        **ROLE_ASSIGNMENT,
    ),
    PersonalData(
        "lms.SupervisionGroup",
        ("supervisor", "members"),
        export=("name", "kind", "cohort.name"),
        **ROLE_ASSIGNMENT,
    ),
    PersonalData(
        "lms.Session",
        ("participants", "facilitators"),
        export=("title", "kind", "starts_at", "ends_at", "place"),
        **ROLE_ASSIGNMENT,
    ),
    # --- Audit trail ---
    PersonalData(
        "wagtailcore.ModelLogEntry",
        (),
        category=_("Audit trail"),
        purpose=_("Traceability of decisions, progress and certificates"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.KEEP,
        export=(
            "action",
            "label",
            "timestamp",
            "content_type.model",
            "object_id",
            "user_id",
            "data",
        ),
        queryset=_model_log_entries,
    ),
    PersonalData(
        "wagtailcore.PageLogEntry",
        (),
        category=_("Audit trail"),
        purpose=_("Traceability of changes to pages"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.KEEP,
        export=("action", "label", "timestamp", "page_id"),
        queryset=_page_log_entries,
    ),
    # --- Editorial work of trainers and staff ---
    PersonalData(
        "wagtailcore.Comment",
        ("user",),
        category=_("Editorial comments"),
        purpose=_("Reviewing lesson content before publication"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.KEEP,
        export=("page_id", "text", "created_at"),
        actors=("resolved_by",),
    ),
    PersonalData(
        "wagtailcore.CommentReply",
        ("user",),
        category=_("Editorial comments"),
        purpose=_("Reviewing lesson content before publication"),
        legal_basis=LegalBasis.LEGITIMATE_INTEREST,
        retention=Retention.KEEP,
        export=("comment_id", "text", "created_at"),
    ),
    PersonalData(
        "wagtailcore.PageSubscription",
        ("user",),
        export=("page_id", "comment_notifications"),
        **EDITORIAL_SESSION,
    ),
    PersonalData(
        "wagtailadmin.EditingSession",
        ("user",),
        export=("object_id", "last_seen_at"),
        **EDITORIAL_SESSION,
    ),
    PersonalData("wagtailadmin.FormState", ("user",), export=("object_id",), **EDITORIAL_SESSION),
    PersonalData(
        "wagtailcore.APIToken",
        ("user",),
        export=("name", "created", "revoked_at"),
        **EDITORIAL_SESSION,
    ),
)

_EDITORIAL = _(
    "Editorial content (pages, media, workflow): the link only names its author. "
    "It stays with the content; on erasure the account is anonymised, so the link "
    "no longer identifies the person."
)

# Models that link to the user but are deliberately not personal data records.
EXCLUDED: dict[str, Promise | str] = {
    "wagtailcore.Page": _EDITORIAL,
    "wagtailcore.Revision": _EDITORIAL,
    "wagtailcore.WorkflowState": _EDITORIAL,
    "wagtailcore.TaskState": _EDITORIAL,
    "wagtailcore.UploadedFile": _EDITORIAL,
    "wagtaildocs.Document": _EDITORIAL,
    "wagtailimages.Image": _EDITORIAL,
}


def declared() -> dict[str, PersonalData]:
    return {entry.model_label: entry for entry in REGISTRY}


def entries() -> list[PersonalData]:
    """The declarations of installed models (another branch's model may be missing)."""
    result = []
    for entry in REGISTRY:
        try:
            entry.model  # noqa: B018
        except LookupError:
            continue
        result.append(entry)
    return result


def links_to_person(model, targets) -> list[str]:
    """Names of ``model``'s own FK/O2O/M2M fields that point at one of ``targets``."""
    return [
        f.name
        for f in list(model._meta.local_fields) + list(model._meta.local_many_to_many)
        if f.is_relation and f.related_model is not None and f.related_model in targets
    ]


def undeclared_models() -> list[str]:
    """Installed models linking to the user (directly or through a declared model)
    that are neither declared nor excluded."""
    from django.contrib.auth import get_user_model

    known = declared()
    targets = {get_user_model()}
    targets.update(entry.model for entry in entries() if entry.traverse)
    missing = []
    for model in apps.get_models():
        label = model._meta.label
        if label in known or label in EXCLUDED or model._meta.proxy:
            continue
        if links_to_person(model, targets):
            missing.append(label)
    return sorted(missing)
