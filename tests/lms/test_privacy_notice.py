"""Privacy-notice versions: the accepted version is stored; a new one asks again at login."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Consent, PrivacyNoticeVersion
from tests.factories import PASSWORD

DASHBOARD = "/accounts/profile/"


@pytest.fixture
def version(db):
    return PrivacyNoticeVersion.objects.create(
        version="2027-01", published_at=timezone.now() - timedelta(hours=1)
    )


def accepted(user, label):
    return Consent.objects.filter(
        user=user, kind=Consent.Kind.PRIVACY_NOTICE, text_version=label
    ).exists()


def test_notice_without_version_nobody_is_asked(client, trainee):
    client.force_login(trainee)
    assert client.get(DASHBOARD).status_code == 200


def test_notice_new_version_asked_at_login_until_accepted(client, trainee, version):
    client.force_login(trainee)
    response = client.get(DASHBOARD)
    accept_url = reverse("privacy_notice_accept")
    assert response.status_code == 302
    assert response.url == f"{accept_url}?next=%2Faccounts%2Fprofile%2F"
    page = client.get(response.url)
    assert page.status_code == 200
    assert "2027-01" in page.content.decode()

    response = client.post(accept_url, {"next": DASHBOARD})  # checkbox missing
    assert response.status_code == 200
    assert not accepted(trainee, "2027-01")

    response = client.post(accept_url, {"accept": "on", "next": DASHBOARD})
    assert response.status_code == 302 and response.url == DASHBOARD
    assert accepted(trainee, "2027-01")
    assert client.get(DASHBOARD).status_code == 200


def test_notice_real_login_asks(client, trainee, version):
    response = client.post(reverse("account_login"), {"login": trainee.email, "password": PASSWORD})
    assert response.status_code == 302
    response = client.get(DASHBOARD)
    assert response.url.startswith(reverse("privacy_notice_accept"))


def test_notice_accepted_version_not_asked_again(client, trainee, version):
    Consent.objects.create(
        user=trainee, kind=Consent.Kind.PRIVACY_NOTICE, text_version=version.version
    )
    client.force_login(trainee)
    assert client.get(DASHBOARD).status_code == 200


def test_notice_newer_version_asked_at_next_login(client, trainee, version):
    Consent.objects.create(
        user=trainee, kind=Consent.Kind.PRIVACY_NOTICE, text_version=version.version
    )
    client.force_login(trainee)
    PrivacyNoticeVersion.objects.create(version="2027-06", published_at=timezone.now())
    assert client.get(DASHBOARD).status_code == 200  # not in the middle of a session
    client.logout()
    client.force_login(trainee)
    assert client.get(DASHBOARD).status_code == 302
    client.post(reverse("privacy_notice_accept"), {"accept": "on"})
    assert accepted(trainee, "2027-06")


def test_notice_future_version_not_yet_asked(client, trainee):
    PrivacyNoticeVersion.objects.create(
        version="2099-01", published_at=timezone.now() + timedelta(days=30)
    )
    client.force_login(trainee)
    assert client.get(DASHBOARD).status_code == 200


def test_notice_logout_static_and_notice_page_exempt(client, trainee, version, home):
    from content.models import StandardPage

    page = home.add_child(instance=StandardPage(title="Datenschutz", slug="datenschutz"))
    version.page = page
    version.save()
    client.force_login(trainee)
    assert client.get(page.url).status_code == 200
    assert client.get("/static/does-not-exist.css").status_code == 404
    response = client.post(reverse("account_logout"))
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session


def test_notice_next_must_stay_on_site(client, trainee, version):
    client.force_login(trainee)
    response = client.post(
        reverse("privacy_notice_accept"), {"accept": "on", "next": "https://evil.example/"}
    )
    assert response.url == "/"


def test_notice_versions_admin_staff_only(client, staff, trainer, version):
    url = reverse("privacy_notice_versions:index")
    client.force_login(trainer)
    assert client.get(url).status_code in (302, 403)
    Consent.objects.create(user=staff, kind=Consent.Kind.PRIVACY_NOTICE, text_version="2027-01")
    client.force_login(staff)
    response = client.get(url)
    assert response.status_code == 200
    assert "2027-01" in response.content.decode()
