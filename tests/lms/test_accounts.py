"""Accounts: login by e-mail, sign-up with verification, password reset, rate
limits, German account pages in the site's frame, and the profile page."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.cache import cache
from django.utils import translation

from lms.models import EnrolmentStatus, User
from tests import factories

pytestmark = pytest.mark.django_db

LOGIN_URL = "/accounts/login/"
SIGNUP_URL = "/accounts/signup/"
PROFILE_URL = "/accounts/profile/"
NEW_PASSWORD = "neues-passwort-987"
WRONG_LOGIN = "Die E-Mail-Adresse und/oder das Passwort sind leider falsch."


@pytest.fixture(autouse=True)
def fresh_rate_limits():
    """allauth keeps its rate-limit counters in the cache: start every test clean."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def ada(home):
    return factories.verified(
        factories.UserFactory(email="ada@example.org", first_name="Ada", last_name="Lovelace")
    )


def logged_in_user_id(client):
    return client.session.get("_auth_user_id")


def link_in(message):
    """The one http://testserver/... link in a plain-text e-mail."""
    links = re.findall(r"http://testserver/\S+", message.body)
    assert len(links) == 1, message.body
    return links[0].removeprefix("http://testserver")


def text(response):
    return response.content.decode()


# --- Login ----------------------------------------------------------------------


def test_login_form_asks_for_email_and_password_only(client, home):
    response = client.get(LOGIN_URL)
    assert response.status_code == 200
    form = response.context["form"]
    assert list(form.fields) == ["login", "password", "remember"]
    body = text(response)
    assert 'name="username"' not in body
    assert '<label class="kern-label" for="id_login">E-Mail</label>' in body
    assert re.search(r'<input type="email" name="login"[^>]*class="kern-form-input__input"', body)
    assert '<label class="kern-label" for="id_password">Passwort</label>' in body


def test_login_by_email_address(client, ada):
    response = client.post(LOGIN_URL, {"login": "Ada@Example.org", "password": factories.PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) == str(ada.pk)


def test_login_follows_next(client, ada):
    response = client.post(
        f"{LOGIN_URL}?next={PROFILE_URL}",
        {"login": "ada@example.org", "password": factories.PASSWORD, "next": PROFILE_URL},
    )
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL


def test_wrong_password_shows_error_and_keeps_email(client, ada):
    response = client.post(LOGIN_URL, {"login": "ada@example.org", "password": "falsch-falsch"})
    assert response.status_code == 200
    body = text(response)
    assert WRONG_LOGIN in body
    assert 'class="kern-alert kern-alert--danger" role="alert"' in body
    assert re.search(r'<input type="email" name="login" value="ada@example.org"', body)
    assert 'value="falsch-falsch"' not in body
    assert logged_in_user_id(client) is None


def test_unknown_email_gets_the_same_error(client, home):
    response = client.post(LOGIN_URL, {"login": "nobody@example.org", "password": "x" * 12})
    assert response.status_code == 200
    assert WRONG_LOGIN in text(response)


def test_too_many_failed_logins_for_one_address_are_refused(client, ada):
    """ACCOUNT_RATE_LIMITS["login_failed"] = "10/m/ip,5/5m/key": after five wrong
    passwords for one address even the right one is refused, with a form error."""
    for _ in range(5):
        response = client.post(LOGIN_URL, {"login": "ada@example.org", "password": "falsch"})
        assert WRONG_LOGIN in text(response)
    response = client.post(LOGIN_URL, {"login": "ada@example.org", "password": factories.PASSWORD})
    assert response.status_code == 200
    with translation.override("de"):
        expected = translation.gettext("Too many failed login attempts. Try again later.")
    assert expected in text(response)
    assert logged_in_user_id(client) is None


def test_too_many_login_requests_from_one_address_get_429(client, ada):
    """ACCOUNT_RATE_LIMITS["login"] = "30/m/ip": the 31st login POST within a
    minute is answered with HTTP 429 Too Many Requests."""
    for number in range(30):
        response = client.post(LOGIN_URL, {"login": f"p{number}@example.org", "password": "x"})
        assert response.status_code == 200
    response = client.post(LOGIN_URL, {"login": "ada@example.org", "password": factories.PASSWORD})
    assert response.status_code == 429
    assert logged_in_user_id(client) is None


# --- Sign-up and e-mail verification --------------------------------------------------

SIGNUP_DATA = {
    "first_name": "Grace",
    "last_name": "Hopper",
    "email": "grace@example.org",
    "password1": "ein-langes-passwort-42",
    "password2": "ein-langes-passwort-42",
}


def test_signup_form_fields(client, home):
    response = client.get(SIGNUP_URL)
    assert response.status_code == 200
    assert list(response.context["form"].fields) == [
        "first_name",
        "last_name",
        "email",
        "password1",
        "password2",
    ]
    body = text(response)
    assert '<label class="kern-label" for="id_first_name">Vorname</label>' in body
    assert '<label class="kern-label" for="id_last_name">Nachname</label>' in body
    assert 'name="username"' not in body


def test_signup_stores_names_and_requires_verification(client, home):
    response = client.post(SIGNUP_URL, SIGNUP_DATA)
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"

    user = User.objects.get(email="grace@example.org")
    assert (user.first_name, user.last_name) == ("Grace", "Hopper")
    assert EmailAddress.objects.get(user=user).verified is False

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["grace@example.org"]
    assert message.subject == "[KoKoMa] Bitte bestätigen Sie Ihre E-Mail-Adresse"

    # Not logged in until the address is confirmed.
    assert logged_in_user_id(client) is None
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PROFILE_URL}"

    page = client.get("/accounts/confirm-email/")
    assert page.status_code == 200
    assert "Bestätigen Sie Ihre E-Mail-Adresse" in text(page)


def test_unverified_user_cannot_log_in_with_password(client, home):
    client.post(SIGNUP_URL, SIGNUP_DATA)
    mail.outbox.clear()
    response = client.post(
        LOGIN_URL, {"login": "grace@example.org", "password": SIGNUP_DATA["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/accounts/confirm-email/"
    assert logged_in_user_id(client) is None
    # No second mail: ACCOUNT_RATE_LIMITS["confirm_email"] allows one per 3 minutes.
    assert mail.outbox == []


def test_confirmation_link_verifies_and_logs_in(client, home):
    client.post(SIGNUP_URL, SIGNUP_DATA)
    link = link_in(mail.outbox[0])
    assert link.startswith("/accounts/confirm-email/")

    page = client.get(link)  # ACCOUNT_CONFIRM_EMAIL_ON_GET = False: a button to press
    assert page.status_code == 200
    assert "E-Mail-Adresse bestätigen" in text(page)
    assert logged_in_user_id(client) is None

    response = client.post(link)
    assert response.status_code == 302
    user = User.objects.get(email="grace@example.org")
    assert EmailAddress.objects.get(user=user).verified is True
    assert logged_in_user_id(client) == str(user.pk)
    assert client.get(PROFILE_URL).status_code == 200


def test_confirmation_link_in_another_browser_verifies_without_login(client, home):
    from django.test import Client

    client.post(SIGNUP_URL, SIGNUP_DATA)
    link = link_in(mail.outbox[0])
    other_browser = Client()
    other_browser.post(link)
    user = User.objects.get(email="grace@example.org")
    assert EmailAddress.objects.get(user=user).verified is True
    response = other_browser.post(
        LOGIN_URL, {"login": "grace@example.org", "password": SIGNUP_DATA["password1"]}
    )
    assert response.status_code == 302
    assert response["Location"] == "/"


def test_signup_without_names_is_redisplayed_with_errors(client, home):
    data = {**SIGNUP_DATA, "first_name": "", "last_name": ""}
    response = client.post(SIGNUP_URL, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert set(form.errors) == {"first_name", "last_name"}
    body = text(response)
    assert re.search(r'<input type="email" name="email" value="grace@example.org"', body)
    assert 'aria-describedby="id_first_name_error"' in body
    assert '<div class="kern-error" id="id_first_name_error" role="alert">' in body
    assert not User.objects.filter(email="grace@example.org").exists()
    assert mail.outbox == []


def test_signup_password_mismatch(client, home):
    data = {**SIGNUP_DATA, "password2": "etwas-ganz-anderes-1"}
    response = client.post(SIGNUP_URL, data)
    assert response.status_code == 200
    assert "Sie müssen zweimal dasselbe Passwort eingeben." in text(response)
    assert not User.objects.filter(email="grace@example.org").exists()


# --- Password reset --------------------------------------------------------------


def test_password_reset_mail_link_sets_a_new_password(client, ada):
    response = client.post("/accounts/password/reset/", {"email": "ada@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == ["ada@example.org"]
    assert message.subject == "[KoKoMa] E-Mail zum Zurücksetzen des Passworts"

    link = link_in(message)
    assert link.startswith("/accounts/password/reset/key/")
    response = client.get(link)  # allauth moves the key into the session
    assert response.status_code == 302
    form_url = response["Location"]
    assert form_url.endswith("-set-password/")
    page = client.get(form_url)
    assert page.status_code == 200
    assert list(page.context["form"].fields) == ["password1", "password2"]

    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/key/done/"
    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)

    response = client.post(LOGIN_URL, {"login": "ada@example.org", "password": NEW_PASSWORD})
    assert response.status_code == 302
    assert logged_in_user_id(client) == str(ada.pk)


def test_password_reset_for_unknown_address_sends_no_reset_link(client, home):
    response = client.post("/accounts/password/reset/", {"email": "nobody@example.org"})
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password/reset/done/"
    # allauth prevents account enumeration: a note, but no reset link.
    assert all("/accounts/password/reset/key/" not in m.body for m in mail.outbox)


def test_password_reset_with_bad_key_says_so(client, home):
    response = client.get("/accounts/password/reset/key/1-falscher-schluessel/")
    assert response.status_code == 200
    assert "Falsches Token" in text(response)


# --- Every account page: site frame, German, one h1 -----------------------------------


def assert_site_page(response):
    assert response.status_code == 200
    body = text(response)
    assert '<html lang="de"' in body
    assert '<a class="skip-link" href="#main">' in body
    assert '<header class="site-header">' in body
    assert '<footer class="site-footer">' in body
    assert body.count("<h1") == 1
    assert 'name="username"' not in body
    return body


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        (LOGIN_URL, "Anmeldung"),
        (SIGNUP_URL, "Registrieren"),
        ("/accounts/password/reset/", "Passwort zurücksetzen"),
        ("/accounts/password/reset/done/", "Passwort zurücksetzen"),
        ("/accounts/password/reset/key/done/", "Passwort ändern"),
        ("/accounts/confirm-email/", "Bestätigen Sie Ihre E-Mail-Adresse"),
        ("/accounts/confirm-email/unbekannt/", "E-Mail-Adresse bestätigen"),
    ],
)
def test_anonymous_account_pages_are_german_in_the_site_frame(client, home, url, heading):
    body = assert_site_page(client.get(url))
    assert re.search(rf'<h1 class="kern-heading-large">\s*{re.escape(heading)}\s*</h1>', body)


def test_login_page_is_german_by_default(client, home):
    body = assert_site_page(client.get(LOGIN_URL))
    assert re.search(r"<title>\s*Anmeldung\s*– ", body)
    assert re.search(r'<button class="kern-btn kern-btn--primary" type="submit">', body)
    assert '<span class="kern-label">\n                    Anmeldung\n' in body or re.search(
        r'<span class="kern-label">\s*Anmeldung\s*</span></button>', body
    )
    assert '<a class="kern-link" href="/accounts/password/reset/">Passwort vergessen?</a>' in body


@pytest.mark.parametrize(
    ("url", "heading"),
    [
        ("/accounts/logout/", "Abmelden"),
        ("/accounts/email/", "E-Mail-Adressen"),
        ("/accounts/password/change/", "Passwort ändern"),
        ("/accounts/2fa/", "Zwei-Faktor-Authentifizierung"),
    ],
)
def test_signed_in_account_pages_are_german_in_the_site_frame(client, ada, url, heading):
    client.post(LOGIN_URL, {"login": "ada@example.org", "password": factories.PASSWORD})
    body = assert_site_page(client.get(url))
    assert re.search(rf'<h1 class="kern-heading-large">\s*{re.escape(heading)}\s*</h1>', body)
    assert '<nav class="account-nav" aria-label=' in body  # links between the account pages


def test_email_management_lists_the_address(client, ada):
    client.force_login(ada)
    body = assert_site_page(client.get("/accounts/email/"))
    assert 'class="kern-form-check__radio" id="email_radio_0" name="email"' in body
    assert "ada@example.org" in body
    assert '<span class="kern-badge kern-badge--small kern-badge--success">' in body


def test_password_change_works(client, ada):
    client.force_login(ada)
    response = client.post(
        "/accounts/password/change/",
        {"oldpassword": factories.PASSWORD, "password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    ada.refresh_from_db()
    assert ada.check_password(NEW_PASSWORD)


def test_logout_by_post(client, ada):
    client.force_login(ada)
    response = client.post("/accounts/logout/")
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert logged_in_user_id(client) is None


# --- Profile ------------------------------------------------------------------------


def test_profile_requires_login(client, home):
    response = client.get(PROFILE_URL)
    assert response.status_code == 302
    assert response["Location"] == f"{LOGIN_URL}?next={PROFILE_URL}"


def test_profile_shows_name_email_and_links(client, ada):
    client.force_login(ada)
    body = assert_site_page(client.get(PROFILE_URL))
    assert '<label class="kern-label" for="id_first_name">Vorname</label>' in body
    assert '<label class="kern-label" for="id_last_name">Nachname</label>' in body
    assert re.search(r'<input type="text" name="first_name" value="Ada"', body)
    assert re.search(r'<input type="text" name="last_name" value="Lovelace"', body)
    assert '<p class="kern-body">ada@example.org</p>' in body
    assert 'href="/accounts/email/"' in body
    assert 'href="/accounts/password/change/"' in body
    assert 'href="/accounts/2fa/"' in body
    assert "Es ist keine Authenticator-App aktiv." in body


def test_profile_saves_names(client, ada):
    client.force_login(ada)
    response = client.post(PROFILE_URL, {"first_name": "Augusta Ada", "last_name": "King"})
    assert response.status_code == 302
    assert response["Location"] == PROFILE_URL
    ada.refresh_from_db()
    assert (ada.first_name, ada.last_name) == ("Augusta Ada", "King")
    page = client.get(PROFILE_URL)
    assert 'class="kern-alert kern-alert--success"' in text(page)


def test_profile_redisplays_invalid_input(client, ada):
    client.force_login(ada)
    response = client.post(PROFILE_URL, {"first_name": "Augusta", "last_name": ""})
    assert response.status_code == 200
    body = text(response)
    assert re.search(r'<input type="text" name="first_name" value="Augusta"', body)
    assert re.search(
        r'<input type="text" name="last_name"[^>]*aria-describedby="id_last_name_error"', body
    )
    assert '<div class="kern-error" id="id_last_name_error" role="alert">' in body
    assert "Dieses Feld muss ausgefüllt werden." in body
    ada.refresh_from_db()
    assert (ada.first_name, ada.last_name) == ("Ada", "Lovelace")


def test_profile_empty_post_is_invalid_not_ignored(client, ada):
    client.force_login(ada)
    response = client.post(PROFILE_URL, {})
    assert response.status_code == 200
    assert set(response.context["form"].errors) == {"first_name", "last_name"}


def test_profile_lists_only_own_enrolments(client, trainee, other_trainee, cohort):
    own = trainee.enrolments.get()
    others = other_trainee.enrolments.get()
    factories.EnrolmentFactory(
        user=trainee,
        cohort=factories.CohortFactory(programme=cohort.programme, name="Durchgang Herbst"),
        status=EnrolmentStatus.WAITLISTED,
    )
    client.force_login(trainee)
    body = text(client.get(PROFILE_URL))
    assert f'<th class="kern-table__header" scope="row">{own.cohort.name}</th>' in body
    assert '<th class="kern-table__header" scope="row">Durchgang Herbst</th>' in body
    assert own.cohort.programme.title in body
    assert others.cohort.name not in body
    assert others.cohort.programme.title not in body
    assert body.count('<th class="kern-table__header" scope="row">') == 2


def test_profile_without_enrolments(client, ada):
    client.force_login(ada)
    body = text(client.get(PROFILE_URL))
    assert "<table" not in body
