"""Erasure (Art. 17 GDPR) and the end of retention, driven by the registry.

A person asks for erasure on their profile; SPI staff confirm or reject it in
the Wagtail admin. Confirming runs :func:`erase_person` in the same
transaction: records without a retention duty are deleted, records under
retention (enrolments and attendance for the funder, module completions,
consents) are kept with their personal free text blanked, issued certificates
keep their snapshot and stay verifiable, and the account itself is
anonymised and can no longer log in. When the retention period has passed,
``manage.py apply_retention`` deletes what was only kept for it
(:func:`apply_retention`), except under a legal hold.
"""

import secrets
from collections import Counter
from datetime import date

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models.deletion import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from wagtail.log_actions import log

from lms.errors import RuleError
from lms.models import Enrolment, ErasureRequest, ErasureStatus, User
from lms.privacy import registry
from lms.privacy.registry import Retention

ERASED_NAME = "Gelöschte Person"
ERASED_EMAIL_DOMAIN = "geloescht.invalid"  # .invalid never resolves (RFC 2606)

ERASURE_REQUESTED = "kokoma.erasure_requested"
ERASURE_DONE = "kokoma.erasure_done"
ERASURE_REJECTED = "kokoma.erasure_rejected"
LEGAL_HOLD_CHANGED = "kokoma.legal_hold_changed"


class ErasureError(RuleError):
    """An erasure action the rules do not allow."""


def _mail(template: str, to: str, name: str, **extra) -> None:
    """Send ``lms/privacy/email/<template>`` (subject, text, HTML) in German after commit."""
    from django.core.mail import EmailMultiAlternatives
    from django.template.loader import render_to_string
    from django.utils import translation

    from lms.enrolment import _send, site_url

    context = {
        "site_name": settings.WAGTAIL_SITE_NAME,
        "site_url": site_url("/"),
        "name": name,
        **extra,
    }
    with translation.override("de"):
        prefix = getattr(settings, "ACCOUNT_EMAIL_SUBJECT_PREFIX", "")
        subject = " ".join(
            render_to_string(f"lms/privacy/email/{template}_subject.txt", context).split()
        )
        text = render_to_string(f"lms/privacy/email/{template}.txt", context)
        html = render_to_string(f"lms/privacy/email/{template}.html", context)
    message = EmailMultiAlternatives(subject=prefix + subject, body=text, to=[to])
    message.attach_alternative(html, "text/html")
    transaction.on_commit(lambda: _send(message))


def _require_staff(by):
    if by is None or not by.is_authenticated or not by.is_spi_staff:
        raise PermissionDenied


# --- Retention period --------------------------------------------------------------------


def retention_end() -> date | None:
    """The day after which records kept for retention may go: project end + N years."""
    project_end = getattr(settings, "KOKOMA_PROJECT_END", None)
    if project_end is None:
        return None
    years = settings.KOKOMA_RETENTION_YEARS
    try:
        return project_end.replace(year=project_end.year + years)
    except ValueError:  # 29 February
        return project_end.replace(year=project_end.year + years, day=28)


def retention_passed(today=None) -> bool:
    end = retention_end()
    return end is not None and (today or timezone.localdate()) > end


def is_under_legal_hold(user) -> bool:
    return ErasureRequest.objects.filter(user=user, legal_hold=True).exists()


# --- Requests ------------------------------------------------------------------------------


def request_erasure(user) -> ErasureRequest:
    """Record the person's request; staff decide on it in the admin."""
    if not user.is_authenticated or not user.is_active:
        raise PermissionDenied
    with transaction.atomic():
        User.objects.select_for_update().get(pk=user.pk)
        if ErasureRequest.objects.open().filter(user=user).exists():
            raise ErasureError(_("You have already asked for the erasure of your data."))
        erasure = ErasureRequest.objects.create(user=user)
        log(erasure, ERASURE_REQUESTED, user=user)
    return erasure


def reject_erasure(erasure: ErasureRequest, *, by, note: str) -> ErasureRequest:
    """Reject a request with a reason (e.g. an ongoing qualification the person wants to keep)."""
    _require_staff(by)
    note = (note or "").strip()
    if not note:
        raise ErasureError(_("Please give a reason for the rejection."))
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if locked.status not in ErasureStatus.open_states():
            raise ErasureError(_("This request has already been decided."))
        locked.status = ErasureStatus.REJECTED
        locked.decided_by = by
        locked.decided_at = timezone.now()
        locked.note = note
        locked.save()
        log(locked, ERASURE_REJECTED, user=by, data={"note": note})
        person = locked.user
        _mail("erasure_rejected", person.email, person.get_full_name(), reason=note)
    return locked


def set_legal_hold(erasure: ErasureRequest, *, by, hold: bool, reason: str = "") -> ErasureRequest:
    """Set or lift the legal hold on a person's data (recorded in the audit log)."""
    _require_staff(by)
    reason = (reason or "").strip()
    if hold and not reason:
        raise ErasureError(_("Please give the reason for the legal hold."))
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        locked.legal_hold = hold
        locked.legal_hold_reason = reason if hold else ""
        locked.save(update_fields=["legal_hold", "legal_hold_reason"])
        log(locked, LEGAL_HOLD_CHANGED, user=by, data={"hold": hold, "reason": reason})
    return locked


def confirm_erasure(erasure: ErasureRequest, *, by, note: str = "") -> ErasureRequest:
    """Confirm a request and erase the person, in one transaction.

    Refused while the request is under a legal hold, and for one's own request.
    """
    _require_staff(by)
    with transaction.atomic():
        locked = ErasureRequest.objects.select_for_update().get(pk=erasure.pk)
        if locked.status not in ErasureStatus.open_states():
            raise ErasureError(_("This request has already been decided."))
        if locked.legal_hold:
            raise ErasureError(
                _("The data of this person is under a legal hold; lift the hold first.")
            )
        if locked.user_id == by.pk:
            raise ErasureError(_("You cannot confirm the erasure of your own account."))
        now = timezone.now()
        locked.status = ErasureStatus.CONFIRMED
        locked.decided_by = by
        locked.decided_at = now
        locked.note = (note or "").strip()
        locked.save()
        # The address is gone after the erasure: the confirmation is the last mail to it.
        address, name = locked.user.email, locked.user.get_full_name()
        report = erase_person(locked.user)
        _mail("erasure_done", address, name)
        locked.status = ErasureStatus.DONE
        locked.done_at = timezone.now()
        locked.report = report
        locked.save()
        log(locked, ERASURE_DONE, user=by, data={"report": report})
    return locked


# --- Erasure -------------------------------------------------------------------------------


def _blank(model, name):
    field = model._meta.get_field(name)
    if field.null:
        return None
    if isinstance(field, models.JSONField):
        return field.get_default()
    return ""


def _erased_email(user) -> str:
    return f"person-{user.pk}-{secrets.token_hex(4)}@{ERASED_EMAIL_DOMAIN}"


def _anonymise_account(user) -> None:
    user.first_name = ERASED_NAME
    user.last_name = str(user.pk)
    user.email = _erased_email(user)
    user.set_unusable_password()
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _relabel_log_entries(user) -> int:
    """Log entries about the person's account, enrolments and requests carry the old name in
    their label: give them the anonymised one (actions, times and actors stay)."""
    from wagtail.models import ModelLogEntry

    changed = ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(User), object_id=str(user.pk)
    ).update(label=str(user))
    for model, objects in (
        (Enrolment, Enrolment.objects.filter(user=user).select_related("user", "cohort")),
        (ErasureRequest, ErasureRequest.objects.filter(user=user).select_related("user")),
    ):
        content_type = ContentType.objects.get_for_model(model)
        for obj in objects:
            entries = ModelLogEntry.objects.filter(content_type=content_type, object_id=str(obj.pk))
            changed += entries.update(label=str(obj))
            # Free-text notes in the entries' data (e.g. a sign-off note) are
            # blanked like the notes on the records themselves.
            for entry in entries.filter(data__has_key="note"):
                entry.data = {**entry.data, "note": ""}
                entry.save(update_fields=["data"])
    return changed


def _ids(queryset):
    return list(queryset.values_list("pk", flat=True))


def erase_person(user) -> dict:
    """Delete or anonymise everything about ``user`` as the registry declares it.

    Returns ``{model label: {"deleted"|"anonymised"|"kept": count}}``. Must run
    inside a transaction (``confirm_erasure`` does).
    """
    report: dict[str, dict[str, int]] = {}
    account_entry = None
    for entry in registry.entries():
        if entry.model is User:
            account_entry = entry
            continue
        ids = _ids(entry.records_for(user))
        model = entry.model
        if entry.retention == Retention.DELETE:
            _total, per_model = model._default_manager.filter(pk__in=ids).delete()
            report[entry.model_label] = {"deleted": per_model.get(entry.model_label, 0)}
        elif entry.retention == Retention.ANONYMISE and entry.anonymise:
            blanks = {name: _blank(model, name) for name in entry.anonymise}
            count = model._default_manager.filter(pk__in=ids).update(**blanks)
            report[entry.model_label] = {"anonymised": count}
        else:
            report[entry.model_label] = {"kept": len(ids)}
    _anonymise_account(user)
    if account_entry is not None:
        report[account_entry.model_label] = {"anonymised": 1}
    report["wagtailcore.ModelLogEntry"] = {"anonymised": _relabel_log_entries(user)}
    return report


# --- End of retention ----------------------------------------------------------------------


def _delete_unprotected(queryset, counts: Counter) -> int:
    """Delete the rows of ``queryset``; rows still needed (e.g. enrolments that hold
    a certificate) are protected by their foreign keys and stay."""
    try:
        with transaction.atomic():
            _total, per_model = queryset.delete()
        counts.update(per_model)
        return 0
    except ProtectedError:
        pass
    kept = 0
    for obj in queryset:
        try:
            with transaction.atomic():
                _total, per_model = obj.delete()
            counts.update(per_model)
        except ProtectedError:
            kept += 1
    return kept


def apply_retention(*, today=None, dry_run: bool = False) -> dict:
    """Delete what erased persons left behind for the retention period, once it has passed.

    Records kept anonymised (``Retention.ANONYMISE``) of every person whose
    erasure is done are deleted, unless the person is under a legal hold;
    certificates (``Retention.KEEP``) and what they need stay. With
    ``dry_run`` everything is computed and rolled back.
    """
    today = today or timezone.localdate()
    end = retention_end()
    result = {
        "retention_end": end.isoformat() if end else None,
        "passed": retention_passed(today),
        "persons": 0,
        "on_hold": 0,
        "deleted": {},
        "kept": {},
    }
    if not result["passed"]:
        return result
    erased = ErasureRequest.objects.filter(status=ErasureStatus.DONE)
    held_users = set(ErasureRequest.objects.under_legal_hold().values_list("user_id", flat=True))
    user_ids = sorted(set(erased.values_list("user_id", flat=True)))
    deleted: Counter = Counter()
    kept: Counter = Counter()
    with transaction.atomic():
        for user in User.objects.filter(pk__in=user_ids):
            if user.pk in held_users:
                result["on_hold"] += 1
                continue
            result["persons"] += 1
            for entry in registry.entries():
                if entry.retention != Retention.ANONYMISE or entry.model is User:
                    continue
                queryset = entry.model._default_manager.filter(pk__in=_ids(entry.records_for(user)))
                still_needed = _delete_unprotected(queryset, deleted)
                if still_needed:
                    kept[entry.model_label] += still_needed
        if dry_run:
            transaction.set_rollback(True)
    result["deleted"] = {label: count for label, count in sorted(deleted.items()) if count}
    result["kept"] = dict(sorted(kept.items()))
    return result
