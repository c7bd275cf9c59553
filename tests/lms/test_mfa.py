"""Two-factor authentication: TOTP set-up and login for everyone, and the
enforcement for SPI-Verwaltung and superusers (RequireMFAMiddleware)."""

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.core.cache import cache
from django.utils import translation

from tests import factories

pytestmark = pytest.mark.django_db

ACTIVATE_URL = "/accounts/2fa/totp/activate/"
LOGIN_URL = "/accounts/login/"
REAUTH_FOR_ACTIVATION = "/accounts/reauthenticate/?next=%2Faccounts%2F2fa%2Ftotp%2Factivate%2F"


@pytest.fixture(autouse=True)
def fresh_cache():
    """Rate limits and used TOTP codes live in the cache."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def enforce(settings):
    settings.KOKOMA_REQUIRE_MFA_FOR_STAFF = True


def totp_code(secret):
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def with_totp(user):
    TOTP.activate(user, generate_totp_secret())
    return user


def log_in(client, user):
    """Log in through the login form (as a browser would), password only."""
    response = client.post(LOGIN_URL, {"login": user.email, "password": factories.PASSWORD})
    assert response.status_code == 302
    return response


# --- Enforcement ------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/", "/admin/", "/admin/pages/", "/documents/1/x.pdf"])
def test_staff_without_totp_is_sent_to_activation(client, home, staff, enforce, url):
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL


@pytest.mark.parametrize("url", ["/", "/admin/"])
def test_superuser_without_totp_is_sent_to_activation(client, home, superuser, enforce, url):
    client.force_login(superuser)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL


def test_redirect_explains_why(client, home, staff, enforce):
    client.force_login(staff)
    response = client.get("/", follow=True)
    # The activation page first asks for the password again (allauth's
    # reauthentication); the explanation is shown there.
    assert response.redirect_chain == [
        (ACTIVATE_URL, 302),
        (REAUTH_FOR_ACTIVATION, 302),
    ]
    assert response.status_code == 200
    with translation.override("de"):
        expected = translation.gettext(
            "Your role requires two-factor authentication. "
            "Please set up an authenticator app to continue."
        )
    assert [str(m) for m in response.context["messages"]] == [expected]


def test_trainee_is_never_forced(client, home, trainee, enforce):
    client.force_login(trainee)
    assert client.get("/").status_code == 200
    # Wagtail turns trainees away from its admin to the login page (not to the
    # TOTP set-up), and the login page does not bounce them back: no loop.
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [("/accounts/login/?next=/admin/", 302)]
    assert response.status_code == 200


def test_trainer_is_not_forced(client, home, trainer, enforce):
    client.force_login(trainer)
    assert client.get("/").status_code == 200
    assert client.get("/admin/").status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/accounts/profile/",
        "/accounts/email/",
        "/accounts/2fa/",
        "/accounts/logout/",
        "/accounts/reauthenticate/",
    ],
)
def test_account_pages_stay_reachable(client, home, staff, enforce, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200


def test_access_is_reconfirmed_by_password_not_by_mailed_code(client, home, trainee):
    """allauth 65.22 added e-mailed codes to its re-authentication methods; the platform
    keeps password and second factor (settings.ACCOUNT_REAUTHENTICATION_METHODS)."""
    client.force_login(trainee)
    page = client.get("/accounts/reauthenticate/").content.decode()
    assert 'name="password"' in page
    assert "/accounts/reauthenticate/code/" not in page
    assert client.get("/accounts/reauthenticate/code/").status_code == 403


def test_activation_page_does_not_loop(client, home, staff, enforce):
    log_in(client, staff)
    response = client.get(ACTIVATE_URL)
    # allauth asks for the password again before TOTP can be set up ...
    assert response.status_code == 302
    assert response["Location"] == REAUTH_FOR_ACTIVATION
    response = client.post(
        response["Location"], {"password": factories.PASSWORD, "next": ACTIVATE_URL}
    )
    assert response.status_code == 302
    assert response["Location"] == ACTIVATE_URL
    # ... and then shows the set-up page itself.
    page = client.get(ACTIVATE_URL)
    assert page.status_code == 200
    assert '<img class="account-img account-img--qr" src="data:image/svg+xml;base64,' in (
        page.content.decode()
    )


def test_logout_stays_reachable(client, home, staff, enforce):
    client.force_login(staff)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "_auth_user_id" not in client.session
    assert client.get("/").status_code == 200


@pytest.mark.parametrize("url", ["/", "/admin/"])
def test_staff_with_totp_is_not_redirected(client, home, staff, enforce, url):
    with_totp(staff)
    client.force_login(staff)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", ["/", "/admin/"])
def test_superuser_with_totp_is_not_redirected(client, home, superuser, enforce, url):
    with_totp(superuser)
    client.force_login(superuser)
    assert client.get(url).status_code == 200


def test_recovery_codes_alone_do_not_count(client, home, staff, enforce):
    Authenticator.objects.create(
        user=staff, type=Authenticator.Type.RECOVERY_CODES, data={"seed": "00" * 20}
    )
    client.force_login(staff)
    assert client.get("/")["Location"] == ACTIVATE_URL


@pytest.mark.parametrize("url", ["/", "/admin/"])
def test_nobody_is_forced_when_the_setting_is_off(client, home, staff, superuser, settings, url):
    settings.KOKOMA_REQUIRE_MFA_FOR_STAFF = False
    for user in (staff, superuser):
        client.force_login(user)
        assert client.get(url).status_code == 200


def test_setting_is_off_in_tests_and_development(settings):
    assert settings.KOKOMA_REQUIRE_MFA_FOR_STAFF is False


# --- Wagtail's own login would skip the second factor -------------------------------
# (/admin/login/ is redirected to allauth's login in lms/urls.py; see test_roles.py.)


def test_wagtail_login_post_does_not_log_in(client, home, staff):
    with_totp(staff)
    response = client.post(
        "/admin/login/", {"username": staff.email, "password": factories.PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert "_auth_user_id" not in client.session


def test_admin_sends_anonymous_visitors_to_the_site_login(client, home):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain == [("/accounts/login/?next=/admin/", 302)]
    assert response.status_code == 200


# --- TOTP for everyone: set up, then needed at login ---------------------------------


def test_trainee_sets_up_totp_and_needs_it_at_login(client, home, trainee):
    log_in(client, trainee)
    client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    page = client.get(ACTIVATE_URL)
    assert page.status_code == 200
    secret = client.session["mfa.totp.secret"]
    body = page.content.decode()
    assert f'value="{secret}"' in body  # the secret, to type in by hand
    assert '<label class="kern-label" for="id_code">Authentifizierungscode</label>' in body

    wrong = client.post(ACTIVATE_URL, {"code": "000000"})
    assert wrong.status_code == 200
    assert 'aria-describedby="id_code_error"' in wrong.content.decode()

    response = client.post(ACTIVATE_URL, {"code": totp_code(secret)})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/2fa/recovery-codes/"
    assert Authenticator.objects.filter(user=trainee, type=Authenticator.Type.TOTP).exists()
    codes_page = client.get("/accounts/2fa/recovery-codes/")
    assert codes_page.status_code == 200
    assert '<textarea class="kern-form-input__input account-textarea" id="recovery_codes"' in (
        codes_page.content.decode()
    )

    profile = client.get("/accounts/profile/").content.decode()
    assert "Die Authentifizierung mit einer Authenticator-App ist aktiv." in profile

    client.post("/accounts/logout/")
    cache.clear()  # the code above is spent; a fresh one comes from the same secret
    response = log_in(client, trainee)
    assert response["Location"] == "/accounts/2fa/authenticate/"
    assert "_auth_user_id" not in client.session
    page = client.get("/accounts/2fa/authenticate/")
    assert page.status_code == 200
    assert re.search(
        r'<h1 class="kern-heading-large">\s*Zwei-Faktor-Authentifizierung\s*</h1>',
        page.content.decode(),
    )
    response = client.post("/accounts/2fa/authenticate/", {"code": totp_code(secret)})
    assert response.status_code == 302
    assert client.session["_auth_user_id"] == str(trainee.pk)


def test_totp_deactivation_page(client, home, trainee):
    with_totp(trainee)
    client.force_login(trainee)
    response = client.get("/accounts/2fa/totp/deactivate/")
    # Reauthentication first (by password or by a code from the app).
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/reauthenticate/")
    client.post("/accounts/reauthenticate/", {"password": factories.PASSWORD})
    page = client.get("/accounts/2fa/totp/deactivate/")
    assert page.status_code == 200
    assert re.search(
        r'<h1 class="kern-heading-large">\s*Authenticator-App deaktivieren\s*</h1>',
        page.content.decode(),
    )
