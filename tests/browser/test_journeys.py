"""The journeys of issue 7, in a real browser against a live server.

(a) sign-up, verification, application, admission by staff (with two-factor
login), lesson, knowledge check, dashboard progress; (b) a trainer records
attendance on a phone-sized screen; (d) a trainer edits a lesson in the
Wagtail admin and submits it for moderation, staff publish it, the public page
shows the change. Journey (c), certificates, follows with the staff issuing UI.
"""

from datetime import timedelta

import pytest
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from django.utils import timezone

from lms.models import Attendance, AttendanceStatus, Enrolment, EnrolmentStatus, User
from tests import factories
from tests.browser.helpers import (
    NEW_PASSWORD,
    journey_site,
    log_in,
    totp_code,
    verification_link,
)
from tests.lms.enrolment_factories import person
from tests.lms.session_factories import SessionFactory

pytestmark = [
    # serialized_rollback: restore the page tree that the flush after each test removes.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
]


@pytest.fixture
def site(db):
    return journey_site()


@pytest.fixture
def mfa_staff(settings):
    """SPI staff with an authenticator app, and two-factor enforcement on (as in production)."""
    settings.KOKOMA_REQUIRE_MFA_FOR_STAFF = True
    user = factories.verified(
        factories.UserFactory(roles=["SPI-Verwaltung"], email="verwaltung@example.org")
    )
    TOTP.activate(user, generate_totp_secret())
    return user


def staff_log_in(page, user, next_url=""):
    log_in(page, user.email, next_url=next_url)
    page.fill("#id_code", totp_code(user))
    page.locator("form:has(#id_code) button.kern-btn--primary").click()
    page.wait_for_load_state()


def dashboard_progress(page) -> str:
    page.goto("/lernweg/")
    return page.locator("main").inner_text()


def test_journey_a_signup_apply_admit_learn(site, mfa_staff, new_page, screenshot):
    email = "neu@example.org"
    trainee_page = new_page()
    page = trainee_page

    # Sign up and verify the e-mail address with the link from the mail.
    page.goto("/accounts/signup/")
    page.fill("#id_first_name", "Nora")
    page.fill("#id_last_name", "Neumann")
    page.fill("#id_email", email)
    page.fill("#id_password1", NEW_PASSWORD)
    page.fill("#id_password2", NEW_PASSWORD)
    page.locator("form:has(#id_email) [type=submit]").click()
    page.wait_for_load_state()
    assert "/accounts/confirm-email/" in page.url
    page.goto(verification_link(email))
    page.locator("main form [type=submit]").click()
    page.wait_for_load_state()
    user = User.objects.get(email=email)
    assert user.emailaddress_set.get().verified

    # Apply for the open cohort.
    page.goto("/durchgaenge/")
    page.locator(f"a[href='/durchgaenge/{site['cohort'].pk}/bewerben/']").click()
    page.select_option("#id_municipality", label="Erfurt")
    page.locator("input[name=function]").first.check()
    page.fill("#id_organisation", "Stadtverwaltung Erfurt")
    page.fill("#id_motivation", "Ich moderiere Bürgerdialoge.")
    page.check("#id_privacy_consent")
    page.locator("main form[action$='/bewerben/'] [type=submit]").click()
    page.wait_for_url("**/durchgaenge/")
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == EnrolmentStatus.APPLIED

    # Before admission the quiz is not open to this person.
    page.goto(site["lesson"].url)
    assert page.locator("form[action*='/wissenscheck/']").count() == 0

    # Staff log in with the second factor and admit the application.
    staff_page = new_page()
    staff_log_in(staff_page, mfa_staff, next_url="/admin/enrolments/")
    staff_page.goto(f"/admin/enrolments/edit/{enrolment.pk}/")
    staff_page.locator(f"a[href^='/admin/bulk/lms/enrolment/admit/?id={enrolment.pk}']").click()
    staff_page.locator("form [type=submit]").last.click()
    staff_page.wait_for_load_state()
    enrolment.refresh_from_db()
    assert enrolment.status == EnrolmentStatus.ADMITTED
    screenshot(staff_page, "a-staff-admitted")

    # The trainee: dashboard before, the lesson and its knowledge check, dashboard after.
    before = dashboard_progress(page)
    assert "0 von 1 Lerneinheit erledigt" in before, before
    page.goto(site["lesson"].url)
    page.locator("input[name=q1][value='1']").check()
    page.locator("input[name=q2][value='0']").check()
    page.locator("input[name=q2][value='2']").check()
    page.locator("form[action*='/wissenscheck/'] [type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".quiz__result--passed").is_visible()
    after = dashboard_progress(page)
    assert after != before
    assert "1 von 1 Lerneinheit erledigt" in after, after
    assert "1 von 1 Modul abgeschlossen" in after
    screenshot(page, "a-trainee-dashboard")


def test_journey_b_trainer_records_attendance_on_a_phone(site, new_page, screenshot):
    cohort = site["cohort"]
    trainer = factories.verified(factories.UserFactory(roles=["Trainer:innen"]))
    cohort.trainers.add(trainer)
    present, partial, absent = (
        person(first_name="Anna", last_name="Anwesend"),
        person(first_name="Tim", last_name="Teilweise"),
        person(first_name="Fred", last_name="Fehlt"),
    )
    for user in (present, partial, absent):
        factories.EnrolmentFactory(user=user, cohort=cohort)
    now = timezone.now().replace(microsecond=0)
    session = SessionFactory(
        cohort=cohort,
        title="Präsenzmodul Eskalation",
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=2),
        facilitators=[trainer],
    )

    page = new_page(viewport={"width": 390, "height": 844})
    log_in(page, trainer.email)
    page.goto("/termine/")
    page.get_by_role("link", name="Präsenzmodul Eskalation").first.click()
    page.locator(f"a[href='/termine/{session.pk}/anwesenheit/']").first.click()
    page.wait_for_url(f"**/termine/{session.pk}/anwesenheit/")
    # Nothing sticks out sideways on a phone.
    assert page.evaluate("document.documentElement.scrollWidth") <= 390

    page.check(f"input[name='status-{present.pk}'][value='{AttendanceStatus.PRESENT}']")
    page.check(f"input[name='status-{partial.pk}'][value='{AttendanceStatus.PARTIAL}']")
    page.fill(f"input[name='ue-{partial.pk}']", "2,5")
    page.check(f"input[name='status-{absent.pk}'][value='{AttendanceStatus.UNEXCUSED}']")
    page.locator("form.attendance-sheet button[type=submit]").click()
    page.wait_for_load_state()

    rows = {
        row.user_id: (row.status, str(row.ue_credited))
        for row in Attendance.objects.filter(session=session)
    }
    assert rows == {
        present.pk: (AttendanceStatus.PRESENT, "4.00"),
        partial.pk: (AttendanceStatus.PARTIAL, "2.50"),
        absent.pk: (AttendanceStatus.UNEXCUSED, "0.00"),
    }
    assert page.locator(".kern-alert--success, [role=status]").first.is_visible()
    screenshot(page, "b-trainer-attendance-phone")


def test_journey_d_trainer_edits_lesson_staff_publish(site, new_page, screenshot, staff):
    lesson = site["lesson"]
    trainer = factories.verified(factories.UserFactory(roles=["Trainer:innen"]))
    site["cohort"].trainers.add(trainer)
    new_title = "Eskalationsstufen (überarbeitet)"

    page = new_page()
    log_in(page, trainer.email, next_url="/admin/")
    page.goto(f"/admin/pages/{lesson.pk}/edit/")
    page.fill("#id_title", new_title)
    # "Submit for moderation" sits in the drop-down of the save button.
    page.locator("footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]").first.click()
    page.locator("button[name=action-submit]").click()
    page.wait_for_load_state()
    lesson.refresh_from_db()
    assert lesson.title == "Eskalationsstufen"  # not published yet
    state = lesson.current_workflow_state
    assert state is not None and state.status == state.STATUS_IN_PROGRESS
    assert state.workflow.name == "Freigabe durch SPI-Verwaltung"
    assert state.requested_by == trainer

    # The public page still shows the published version.
    visitor = new_page()
    visitor.goto(site["module"].url)
    assert new_title not in visitor.locator("main").inner_text()

    staff_page = new_page()
    log_in(staff_page, staff.email, next_url="/admin/")
    staff_page.goto(f"/admin/pages/{lesson.pk}/edit/")
    staff_page.locator(
        "footer .w-dropdown__toggle, footer [data-w-dropdown-target=toggle]"
    ).first.click()
    # "Approve" (without comment) is the last task of the workflow: it publishes.
    with staff_page.expect_navigation():
        staff_page.locator("button[data-workflow-action-name=approve]").first.click()
    staff_page.wait_for_load_state()
    lesson.refresh_from_db()
    state.refresh_from_db()
    assert state.status == state.STATUS_APPROVED
    assert lesson.title == new_title and lesson.live and not lesson.has_unpublished_changes

    visitor.goto(site["module"].url)
    assert new_title in visitor.locator("main").inner_text()
    screenshot(visitor, "d-published-change")
