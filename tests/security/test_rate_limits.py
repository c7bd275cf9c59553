"""Rate limits (allauth's ACCOUNT_RATE_LIMITS): hammering the login and the
password reset ends in 429 Too Many Requests."""

import pytest
from django.core.cache import cache

from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    """The counters live in the cache."""
    cache.clear()
    yield
    cache.clear()


def hammer(client, url, data, times):
    return [client.post(url, data).status_code for _ in range(times)]


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def test_login_with_wrong_passwords_is_blocked_per_account(client, trainee):
    statuses = hammer(client, "/accounts/login/", {"login": trainee.email, "password": "falsch"}, 5)
    assert statuses == [200] * 5
    # "5/5m/key": now even the right password is refused (with a form error).
    right = client.post(
        "/accounts/login/", {"login": trainee.email, "password": factories.PASSWORD}
    )
    assert "Too many failed login attempts" in right.content.decode() or (
        "Zu viele fehlgeschlagene Anmeldeversuche" in right.content.decode()
    )
    assert not logged_in(client)


def test_login_requests_are_rate_limited_per_address(client, trainee):
    statuses = [
        client.post(
            "/accounts/login/", {"login": f"niemand{i}@example.org", "password": "falsch"}
        ).status_code
        for i in range(32)
    ]
    # "30/m/ip": the 31st login request within a minute gets 429, the right password too.
    assert statuses[:30] == [200] * 30
    assert statuses[30:] == [429, 429]
    right = client.post(
        "/accounts/login/", {"login": trainee.email, "password": factories.PASSWORD}
    )
    assert right.status_code == 429
    assert not logged_in(client)
    assert "<h1" in right.content.decode()  # the 429 page explains itself


def test_password_reset_is_rate_limited(client, trainee):
    statuses = hammer(client, "/accounts/password/reset/", {"email": trainee.email}, 7)
    # 5 per minute and address for the same e-mail address ("5/m/key").
    assert statuses[:5] == [302] * 5
    assert 429 in statuses[5:]
    assert statuses[-1] == 429


def test_certificate_verification_is_rate_limited(client, db, settings):
    # 30 look-ups per minute and client address (KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT).
    from django.core.cache import cache

    assert settings.KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT == "30/m/ip"
    cache.clear()  # earlier tests' look-ups from the same address count otherwise
    statuses = [
        client.get(f"/zertifikate/pruefen/RATE-LIMIT-PROBE-{i:04d}/").status_code for i in range(32)
    ]
    assert statuses[:30] == [404] * 30  # unknown codes, answered
    assert statuses[30:] == [429, 429]
    # The JSON endpoint shares the same budget.
    assert client.get("/zertifikate/pruefen/RATE-LIMIT-PROBE/json/").status_code == 429
