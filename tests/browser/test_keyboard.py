"""Journey (a) with the keyboard only: Tab, Shift+Tab, Enter, Space, arrow keys
and typing; no clicks and no fill(). Staff admission happens in between (it is
not a trainee step); the address bar is used only for the link from the e-mail."""

import pytest

from lms import enrolment as enrolment_service
from lms.models import Enrolment, EnrolmentStatus, LessonCompletion, User
from tests import factories
from tests.browser.helpers import NEW_PASSWORD, journey_site, verification_link

pytestmark = [pytest.mark.django_db(transaction=True, serialized_rollback=True)]

MAX_TABS = 120


def tab_to(page, selector, backwards=False):
    """Press Tab (Shift+Tab) until the focused element matches ``selector``."""
    key = "Shift+Tab" if backwards else "Tab"
    for _ in range(MAX_TABS):
        page.keyboard.press(key)
        if page.evaluate(
            "s => !!document.activeElement && document.activeElement.matches(s)", selector
        ):
            return
    raise AssertionError(f"{selector} cannot be reached with {key} on {page.url}")


def type_into(page, selector, text):
    tab_to(page, selector)
    page.keyboard.type(text)


def submit_with_enter(page, selector):
    tab_to(page, selector)
    with page.expect_navigation():
        page.keyboard.press("Enter")


def test_journey_a_with_the_keyboard_only(new_page, screenshot, db):
    site = journey_site()
    staff = factories.verified(factories.UserFactory(roles=["SPI-Verwaltung"]))
    email = "tastatur@example.org"
    page = new_page()

    # Sign up.
    page.goto("/accounts/signup/")
    type_into(page, "#id_first_name", "Tara")
    type_into(page, "#id_last_name", "Tastatur")
    type_into(page, "#id_email", email)
    type_into(page, "#id_password1", NEW_PASSWORD)
    type_into(page, "#id_password2", NEW_PASSWORD)
    # Back up once with Shift+Tab to check the order runs both ways.
    tab_to(page, "#id_password1", backwards=True)
    submit_with_enter(page, "main form button.kern-btn--primary")
    assert "/accounts/confirm-email/" in page.url

    # Verify: the link from the e-mail, then the confirmation button.
    page.goto(verification_link(email))
    submit_with_enter(page, "main form button[type=submit]")
    user = User.objects.get(email=email)
    assert user.emailaddress_set.get().verified

    # Apply: to the cohort list through the navigation, then the form.
    page.goto("/")
    submit_with_enter(page, "a[href='/durchgaenge/']")
    submit_with_enter(page, f"a[href='/durchgaenge/{site['cohort'].pk}/bewerben/']")
    tab_to(page, "#id_municipality")
    page.keyboard.type("Erfurt")
    assert page.evaluate("document.querySelector('#id_municipality').selectedOptions[0].text") == (
        "Erfurt"
    )
    tab_to(page, "input[name=function]")
    page.keyboard.press("Space")
    type_into(page, "#id_organisation", "Landratsamt")
    tab_to(page, "#id_privacy_consent")
    page.keyboard.press("Space")
    submit_with_enter(page, "main form[action$='/bewerben/'] button.kern-btn--primary")
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == EnrolmentStatus.APPLIED
    assert enrolment.municipality == site["municipality"]
    assert enrolment.organisation == "Landratsamt"

    # SPI staff admit the application (their own journey is covered elsewhere).
    enrolment_service.admit(enrolment, actor=staff)

    # Open the lesson from the dashboard through the module page.
    page.goto("/lernweg/")
    submit_with_enter(page, f"main a[href='{site['module'].url}']")
    submit_with_enter(page, f"main a[href='{site['lesson'].url}']")

    # Answer the knowledge check: q1 option 2 (arrow key), q2 options 1 and 3 (Space).
    tab_to(page, "input[name=q1]")
    page.keyboard.press("ArrowDown")
    tab_to(page, "input[name=q2][value='0']")
    page.keyboard.press("Space")
    tab_to(page, "input[name=q2][value='2']")
    page.keyboard.press("Space")
    submit_with_enter(page, "form[action*='/wissenscheck/'] button[type=submit]")
    assert page.locator(".quiz__result--passed").is_visible()
    assert LessonCompletion.objects.filter(enrolment=enrolment, lesson=site["lesson"]).exists()
    screenshot(page, "a-keyboard-quiz-passed")
