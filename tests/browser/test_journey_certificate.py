"""Journey (c) of issue 7: certificates, in a real browser against a live server.

Staff (with two-factor login) issue a certificate in the Wagtail admin, the
trainee downloads the PDF from the dashboard (bytes checked against the stored
SHA-256), the public verification page shows it valid; staff revoke it with a
category and reason, and the verification page shows the revocation.
"""

import hashlib
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from certificates.models import Certificate, CertificateKind, CertificateStatus, RevocationCategory
from lms.models import ModuleCompletion
from tests import factories
from tests.browser.helpers import journey_site, log_in
from tests.browser.test_journeys import mfa_staff, staff_log_in  # noqa: F401 - fixture

pytestmark = [
    # serialized_rollback: restore the page tree that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
def eligible_enrolment(db):
    """A trainee of the journey cohort who has met every requirement (modules only)."""
    site = journey_site()
    programme = site["programme"]
    programme.requires_praxisprojekt = False
    programme.required_deepenings = 0
    programme.required_supervision_hours = 0
    programme.save()
    trainee = factories.verified(
        factories.UserFactory(roles=["Teilnehmende"], first_name="Tara", last_name="Teilnehmerin")
    )
    enrolment = factories.EnrolmentFactory(user=trainee, cohort=site["cohort"])
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=site["module"],
        source=ModuleCompletion.Source.RULE,
        completed_at=datetime(2026, 5, 4, 10, tzinfo=BERLIN),
    )
    return enrolment


def verification_status(page, certificate) -> str:
    """The text of the public verification page (anonymous visitor)."""
    page.goto(certificate.get_verification_url())
    return page.locator("main").inner_text()


def test_journey_c_issue_download_verify_revoke(
    eligible_enrolment,
    mfa_staff,  # noqa: F811 - the fixture imported above
    new_page,
    screenshot,
):
    enrolment = eligible_enrolment
    cohort_url = reverse("certificate_issuing:cohort", args=[enrolment.cohort_id])
    issue_url = reverse("certificate_issuing:issue", args=[enrolment.pk, "certificate"])

    # Staff find the cohort under "Zertifikate ausstellen" and issue the certificate.
    staff_page = new_page()
    staff_log_in(staff_page, mfa_staff, next_url=reverse("certificate_issuing:index"))
    staff_page.locator(f"a[href='{cohort_url}']").first.click()
    staff_page.wait_for_url(f"**{cohort_url}")
    staff_page.locator(f"form[action='{issue_url}'] button[type=submit]").click()
    staff_page.wait_for_load_state()
    certificate = Certificate.objects.get(enrolment=enrolment)
    assert certificate.kind == CertificateKind.CERTIFICATE
    assert certificate.status == CertificateStatus.VALID
    assert certificate.sha256
    assert certificate.number in staff_page.locator("main, #main").first.inner_text()

    # The trainee downloads the PDF from the dashboard: the very bytes that were issued.
    page = new_page()
    log_in(page, enrolment.user.email, next_url="/lernweg/")
    page.goto("/lernweg/")
    section = page.locator("section.my-certificates")
    assert certificate.number in section.inner_text()
    with page.expect_download() as download_info:
        section.locator("a", has_text="PDF").first.click()
    data = Path(download_info.value.path()).read_bytes()
    assert data.startswith(b"%PDF")
    assert hashlib.sha256(data).hexdigest() == certificate.sha256

    # Anyone can check it on the public verification page (its link on the dashboard).
    verify_href = section.locator("a", has_text="Prüfseite").first.get_attribute("href")
    assert verify_href == certificate.get_verification_url()
    visitor = new_page()
    text = verification_status(visitor, certificate)
    assert "Gültig" in text and certificate.number in text
    assert "Widerrufen" not in text

    # Staff revoke it with a category and an internal reason.
    revoke_url = reverse("certificate_issuing:revoke", args=[certificate.pk])
    staff_page.goto(cohort_url)
    staff_page.locator(f"a[href='{revoke_url}']").click()
    staff_page.wait_for_url(f"**{revoke_url}")
    category = RevocationCategory.CONTENT_ERROR
    staff_page.select_option("#id_category", category)
    staff_page.fill("#id_reason", "Teilnahme nachträglich aberkannt (Journey-Test).")
    staff_page.locator("form button.serious[type=submit]").click()
    staff_page.wait_for_url(f"**{cohort_url}")
    certificate.refresh_from_db()
    assert certificate.status == CertificateStatus.REVOKED
    assert certificate.revocation_category == category

    text = verification_status(visitor, certificate)
    assert "Widerrufen" in text, text
    assert "Fehler im Inhalt" in text  # the public category
    assert "Journey-Test" not in text  # the internal reason is never public
    screenshot(visitor, "c-certificate-revoked")
