"""Where work of other branches plugs into the benchmark.

Two hooks:

- :func:`report_cases`: one timed request per report of ``lms.reports.REPORTS``.
- :func:`bulk_issue`: issuing ``n`` certificates through the same per-item path
  as the bulk service (``issue_certificate`` in a loop).
"""

from __future__ import annotations

from lms.reports import REPORTS


def report_cases() -> list[tuple[str, str]]:
    """``(name, url)`` of every report of ``lms.reports.REPORTS``, requested by SPI staff."""
    return [(f"report: {report.slug}", report.url()) for report in REPORTS]


def bulk_issue(enrolments, *, by) -> None:
    """Issue one certificate per enrolment (re-issuing where one exists).

    The bulk service (``certificates.bulk``) plans a cohort by eligibility and
    then issues item by item through ``issue_certificate`` in the background
    task; the bench data set's people are not all eligible, so this times that
    same per-item path directly: numbering, snapshot, PDF render, storage.
    """
    from certificates.issuing import issue_certificate
    from certificates.models import CertificateKind

    for enrolment in enrolments:
        issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=by, reissue=True)
