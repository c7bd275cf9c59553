"""Issuing certificates by staff: for one person, or in bulk for a cohort.

Rules, each in one place:

- A Zertifikat goes only to those who meet every requirement
  (:mod:`certificates.eligibility`); a Teilnahmebescheinigung to those who
  took part. :func:`issue_for_enrolment` checks this before
  :func:`certificates.issuing.issue_certificate` does the rest.
- A bulk issue is planned (:func:`plan_for_cohort`: who gets what, who gets
  nothing and why, who already holds one), confirmed by staff
  (:func:`start_bulk_issue`: a :class:`~certificates.models.BulkIssueRun` with
  one item per person) and processed in the background
  (:func:`process_run`, run by the task in ``certificates/tasks.py``).
- Each item is processed in its own transaction, with its row locked: a
  failure is recorded with its reason and the others go on; an item that is
  no longer pending is left alone, so running a run again (a restarted
  worker, "resume") never issues twice. ``issue_certificate`` refuses a
  second valid certificate of a kind anyway.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from certificates import eligibility as eligibility_rules
from certificates.issuing import CertificateError, issue_certificate
from certificates.models import (
    BulkIssueItem,
    BulkIssueItemStatus,
    BulkIssueRun,
    BulkIssueRunStatus,
    Certificate,
    CertificateKind,
)
from lms.models import Enrolment, EnrolmentStatus

logger = logging.getLogger(__name__)

#: Enrolments that can receive a certificate: admitted or completed.
CANDIDATE_STATUSES = EnrolmentStatus.granting_access()


def _require_staff(by):
    if by is None or not by.is_authenticated or not by.is_spi_staff:
        raise PermissionDenied


def candidates(cohort):
    """The cohort's enrolments that can receive a certificate, by name."""
    return (
        Enrolment.objects.filter(cohort=cohort, status__in=CANDIDATE_STATUSES)
        .select_related("user", "cohort__programme")
        .order_by("user__last_name", "user__first_name", "user__email")
    )


def refusal(eligibility, kind) -> str | None:
    """Why ``kind`` may not be issued to the person of ``eligibility``; None if it may."""
    kind = CertificateKind(kind)
    if kind == CertificateKind.CERTIFICATE and not eligibility.eligible:
        return _(
            "%(person)s does not meet all requirements for the certificate yet: %(missing)s."
        ) % {
            "person": eligibility.enrolment.user,
            "missing": ", ".join(requirement.label for requirement in eligibility.missing),
        }
    if kind == CertificateKind.ATTENDANCE and eligibility.kind is None:
        return _(
            "%(person)s has not completed a module or attended a session yet; there is "
            "nothing to confirm."
        ) % {"person": eligibility.enrolment.user}
    return None


def issue_for_enrolment(enrolment, kind, *, by, reissue=False) -> Certificate:
    """Issue ``kind`` to ``enrolment`` if the requirements allow it (staff only).

    The Zertifikat needs every requirement met, the Teilnahmebescheinigung
    some participation. Raises :class:`CertificateError` otherwise; the rest
    (locking, numbering, re-issue, log) is :func:`issue_certificate`'s.
    """
    _require_staff(by)
    reason = refusal(eligibility_rules.evaluate(enrolment), kind)
    if reason:
        raise CertificateError(reason)
    return issue_certificate(enrolment, kind, by=by, reissue=reissue)


# --- Planning ---------------------------------------------------------------------------------

ISSUE = "issue"
HOLDS = "holds"
NOTHING = "nothing"


@dataclass
class PlanRow:
    """What a bulk issue would do for one person."""

    enrolment: Enrolment
    eligibility: object  # certificates.eligibility.Eligibility
    action: str  # ISSUE, HOLDS or NOTHING
    kind: CertificateKind | None
    held: Certificate | None = None  # the valid certificate already held
    reason: str = ""

    @property
    def will_issue(self) -> bool:
        return self.action == ISSUE


def plan_for_cohort(cohort, *, include_attendance=True) -> list[PlanRow]:
    """Per candidate of ``cohort``: the certificate a bulk issue would give, or why none.

    The Zertifikat to those who meet every requirement; a
    Teilnahmebescheinigung to those who took part, if ``include_attendance``;
    nothing to those who already hold a valid certificate of that kind.
    """
    enrolments = list(candidates(cohort))
    results = eligibility_rules.evaluate_many(enrolments)
    held = {
        (c.enrolment_id, c.kind): c
        for c in Certificate.objects.valid().filter(enrolment__in=enrolments)
    }
    rows = []
    for enrolment in enrolments:
        result = results[enrolment.pk]
        kind = result.kind
        certificate = held.get((enrolment.pk, CertificateKind.CERTIFICATE))
        if certificate is not None:
            rows.append(PlanRow(enrolment, result, HOLDS, certificate.kind, certificate))
            continue
        if kind is None:
            reason = _("Has not completed a module or attended a session yet.")
            rows.append(PlanRow(enrolment, result, NOTHING, None, reason=reason))
            continue
        if kind == CertificateKind.ATTENDANCE:
            missing = ", ".join(requirement.label for requirement in result.missing)
            if not include_attendance:
                reason = _("Does not meet all requirements: %(missing)s.") % {"missing": missing}
                rows.append(PlanRow(enrolment, result, NOTHING, None, reason=reason))
                continue
            attendance = held.get((enrolment.pk, CertificateKind.ATTENDANCE))
            if attendance is not None:
                rows.append(PlanRow(enrolment, result, HOLDS, attendance.kind, attendance))
                continue
            reason = _("Does not meet all requirements: %(missing)s.") % {"missing": missing}
            rows.append(PlanRow(enrolment, result, ISSUE, kind, reason=reason))
            continue
        rows.append(PlanRow(enrolment, result, ISSUE, kind))
    return rows


# --- Running ----------------------------------------------------------------------------------


def enqueue(run: BulkIssueRun) -> None:
    """Hand the run to the background worker once the current transaction commits."""
    from certificates.tasks import process_bulk_issue

    transaction.on_commit(lambda: process_bulk_issue.enqueue(run.pk))


def start_bulk_issue(cohort, *, by, include_attendance=True, only=None) -> BulkIssueRun:
    """Record a bulk issue for ``cohort`` as planned now, and queue it for processing.

    ``only`` (enrolment pks, as shown in the preview) restricts it to those
    confirmed, so nobody is added between preview and confirmation. Raises
    :class:`CertificateError` when nobody would receive anything.
    """
    _require_staff(by)
    with transaction.atomic():
        rows = [
            row
            for row in plan_for_cohort(cohort, include_attendance=include_attendance)
            if row.will_issue and (only is None or row.enrolment.pk in only)
        ]
        if not rows:
            raise CertificateError(_("Nobody in this cohort would receive a certificate now."))
        run = BulkIssueRun.objects.create(cohort=cohort, requested_by=by)
        BulkIssueItem.objects.bulk_create(
            BulkIssueItem(run=run, enrolment=row.enrolment, kind=row.kind) for row in rows
        )
        enqueue(run)
    return run


def resume(run: BulkIssueRun, *, by) -> None:
    """Queue an unfinished run again (e.g. after the worker was restarted); staff only."""
    _require_staff(by)
    if run.status == BulkIssueRunStatus.DONE:
        raise CertificateError(_("This bulk issue has already been completed."))
    enqueue(run)


def process_run(run_pk: int) -> dict:
    """Work through the pending items of a run; returns the counts per status.

    Safe to call again at any time: only pending items are processed, each
    in its own transaction with its row locked.
    """
    with transaction.atomic():
        run = BulkIssueRun.objects.select_for_update().get(pk=run_pk)
        if run.status == BulkIssueRunStatus.DONE:
            return counts(run)
        run.status = BulkIssueRunStatus.RUNNING
        run.started_at = run.started_at or timezone.now()
        run.save(update_fields=["status", "started_at"])
    # Messages are stored for the staff page, in the site's language.
    with translation.override(settings.LANGUAGE_CODE):
        for item_pk in run.items.filter(status=BulkIssueItemStatus.PENDING).values_list(
            "pk", flat=True
        ):
            _process_item(item_pk, run.requested_by)
    with transaction.atomic():
        run = BulkIssueRun.objects.select_for_update().get(pk=run_pk)
        if not run.items.filter(status=BulkIssueItemStatus.PENDING).exists():
            run.status = BulkIssueRunStatus.DONE
            run.finished_at = timezone.now()
            run.save(update_fields=["status", "finished_at"])
    return counts(run)


def _process_item(item_pk: int, by) -> None:
    with transaction.atomic():
        item = (
            BulkIssueItem.objects.select_for_update(of=("self",))
            .select_related("enrolment__user")
            .get(pk=item_pk)
        )
        if item.status != BulkIssueItemStatus.PENDING:
            return  # done by another worker meanwhile
        existing = Certificate.objects.valid().filter(enrolment=item.enrolment, kind=item.kind)
        if existing.exists():
            item.status = BulkIssueItemStatus.SKIPPED
            item.message = _("Already holds a valid %(kind)s (%(number)s).") % {
                "kind": CertificateKind(item.kind).label,
                "number": existing.first().number,
            }
        else:
            try:
                with transaction.atomic():
                    item.certificate = issue_for_enrolment(item.enrolment, item.kind, by=by)
            except CertificateError as error:
                item.status = BulkIssueItemStatus.FAILED
                item.message = error.message
            except PermissionDenied:
                item.status = BulkIssueItemStatus.FAILED
                item.message = _(
                    "The person who started this bulk issue may no longer issue certificates."
                )
            except Exception:
                logger.exception("Bulk issue item %s failed", item_pk)
                item.status = BulkIssueItemStatus.FAILED
                item.message = _(
                    "The document could not be created because of a technical error; "
                    "nothing was issued. The details are in the server log."
                )
            else:
                item.status = BulkIssueItemStatus.ISSUED
                item.message = ""
        item.save(update_fields=["status", "message", "certificate"])


def counts(run: BulkIssueRun) -> dict:
    """Items per status, plus ``total`` and ``processed``."""
    result = dict.fromkeys(BulkIssueItemStatus.values, 0)
    for status in run.items.values_list("status", flat=True):
        result[status] += 1
    result["total"] = sum(result[status] for status in BulkIssueItemStatus.values)
    result["processed"] = result["total"] - result[BulkIssueItemStatus.PENDING]
    return result
