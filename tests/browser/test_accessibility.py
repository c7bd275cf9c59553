"""axe-core (WCAG 2.0/2.1, levels A and AA) on the pages of the journeys:
no violation of impact serious or critical. Every page is also checked for
requests to other hosts by the conftest."""

from datetime import timedelta

import pytest
from django.utils import timezone

from certificates import issuing
from certificates.models import CertificateKind
from lms.reports import CertificateRegisterReport
from tests import factories
from tests.browser.helpers import axe_violations, describe, journey_site, log_in
from tests.lms.enrolment_factories import person
from tests.lms.report_factories import bulk_world
from tests.lms.session_factories import SessionFactory

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def world(db):
    site = journey_site()
    cohort = site["cohort"]
    trainee = person(first_name="Erika", last_name="Muster")
    factories.EnrolmentFactory(user=trainee, cohort=cohort, municipality=site["municipality"])
    trainer = factories.verified(factories.UserFactory(roles=["Trainer:innen"]))
    cohort.trainers.add(trainer)
    staff = factories.verified(factories.UserFactory(roles=["SPI-Verwaltung"]))
    now = timezone.now().replace(microsecond=0)
    site["session"] = SessionFactory(
        cohort=cohort,
        title="Präsenzmodul Eskalation",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        facilitators=[trainer],
    )
    site["certificate"] = issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff
    )
    site.update(trainee=trainee, trainer=trainer, staff=staff)
    return site


def check(page, url, label):
    response = page.goto(url)
    assert response.status == 200, f"{label}: {url} answered {response.status}"
    violations = axe_violations(page)
    return [f"{label} ({url}):\n{describe(violations)}"] if violations else []


def test_public_pages_have_no_serious_axe_violations(world, new_page):
    page = new_page(axe=True)
    failures = []
    for label, url in [
        ("home", world["home"].url),
        ("programme", world["programme"].url),
        ("module", world["module"].url),
        ("login", "/accounts/login/"),
        ("sign-up", "/accounts/signup/"),
        ("password reset", "/accounts/password/reset/"),
        ("cohorts", "/durchgaenge/"),
        ("verification form", "/zertifikate/pruefen/"),
        ("verification result", world["certificate"].get_verification_url()),
    ]:
        failures += check(page, url, label)
    assert not failures, "axe found serious/critical violations:\n" + "\n".join(failures)


def test_trainee_pages_have_no_serious_axe_violations(world, new_page):
    page = new_page(axe=True)
    log_in(page, world["trainee"].email)
    failures = []
    for label, url in [
        ("lesson with knowledge check", world["lesson"].url),
        ("dashboard", "/lernweg/"),
        ("apply", f"/durchgaenge/{world['cohort'].pk}/bewerben/"),
        ("sessions", "/termine/"),
        ("profile", "/accounts/profile/"),
    ]:
        failures += check(page, url, label)
    # The lesson again after a wrong answer: feedback and result are shown.
    page.goto(world["lesson"].url)
    page.locator("input[name=q1][value='0']").check()
    page.locator("form[action*='/wissenscheck/'] [type=submit]").click()
    page.wait_for_load_state()
    violations = axe_violations(page)
    if violations:
        failures.append(f"lesson after a wrong answer:\n{describe(violations)}")
    assert not failures, "axe found serious/critical violations:\n" + "\n".join(failures)


def test_trainer_pages_have_no_serious_axe_violations(world, new_page):
    page = new_page(viewport={"width": 390, "height": 844}, axe=True)
    log_in(page, world["trainer"].email)
    session = world["session"]
    failures = []
    for label, url in [
        ("attendance recording (phone)", f"/termine/{session.pk}/anwesenheit/"),
        ("session", f"/termine/{session.pk}/"),
        ("my cohorts", "/durchgaenge/betreuung/"),
        ("progress matrix", f"/durchgaenge/{world['cohort'].pk}/fortschritt/"),
    ]:
        failures += check(page, url, label)
    assert not failures, "axe found serious/critical violations:\n" + "\n".join(failures)


def test_paginated_certificate_register_has_no_serious_axe_violations(world, new_page, screenshot):
    """The register with 120 more documents: two pages, at desktop and phone width."""
    cohort = bulk_world(world["programme"], 600)
    failures = []
    for label, viewport in [("desktop", None), ("phone", {"width": 390, "height": 844})]:
        page = new_page(viewport=viewport, axe=True)
        log_in(page, world["staff"].email)
        url = CertificateRegisterReport.url(cohort=cohort.pk, p=2)
        failures += check(page, url, f"certificate register, page 2 ({label})")
        current = page.locator("nav.pagination [aria-current=page]")
        assert current.inner_text().strip() == "2"
        assert page.locator("#report-table tbody tr").count() == 20
        screenshot(page, f"report-certificate-register-page-2-{label}")
    assert not failures, "axe found serious/critical violations:\n" + "\n".join(failures)


def test_axe_check_catches_a_broken_page(world, new_page):
    """The check itself can fail: an unlabeled input and an image without alt are found."""
    page = new_page(axe=True)
    page.goto(world["home"].url)
    page.evaluate(
        """() => {
            const main = document.querySelector('main');
            main.insertAdjacentHTML('beforeend', '<img src="/static/x.png"><input type="text">');
        }"""
    )
    found = {violation["id"] for violation in axe_violations(page)}
    assert {"image-alt", "label"} <= found, found
