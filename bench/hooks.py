"""Where work of other branches plugs into the benchmark.

Two hooks, each a few lines for the integrator to adapt:

- :func:`report_cases`: one timed request per report of ``lms.reports.REPORTS``
  (when that module exists). A report whose URL cannot be worked out is still
  listed, without figures, so the smoke test fails until this hook is adapted.
- :func:`bulk_issue`: issuing ``n`` certificates through the same per-item path
  as the bulk service (``issue_certificate`` in a loop).
"""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse


def _report_items(reports):
    if isinstance(reports, dict):
        return list(reports.items())
    return [(getattr(report, "slug", None) or str(report), report) for report in reports]


def _report_url(key, report) -> str | None:
    """The URL of one report, trying the shapes a registry entry is likely to have."""
    url = getattr(report, "url", None)
    if callable(url):
        url = url()
    if isinstance(url, str):
        return url
    url_name = getattr(report, "url_name", None)
    attempts = [(url_name, {})] if url_name else []
    attempts += [
        ("report", {"slug": key}),
        ("report_detail", {"slug": key}),
        ("reports:detail", {"slug": key}),
        ("reports:report", {"slug": key}),
    ]
    for name, kwargs in attempts:
        try:
            return reverse(name, kwargs=kwargs)
        except NoReverseMatch:
            continue
    return None


def report_cases() -> list[tuple[str, str | None]]:
    """``(name, url)`` of every report, requested by SPI staff; empty without ``lms.reports``."""
    try:
        from lms.reports import REPORTS
    except ImportError:
        return []
    return [(f"report: {key}", _report_url(key, report)) for key, report in _report_items(REPORTS)]


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
