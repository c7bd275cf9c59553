import pytest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext

from certificates import issuing
from certificates.models import CertificateKind


@pytest.fixture
def certificate(staff, trainee):
    trainee.first_name, trainee.last_name = "Erika", "Muster"
    trainee.save()
    return issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff
    )


def de(msgid):
    """The German text of ``msgid`` as the page shows it."""
    with translation.override("de"):
        return gettext(msgid)


def verify_url(certificate):
    return reverse("certificate_verify_detail", args=[certificate.verification_code])


def test_verify_form_shown_without_login(client, db):
    response = client.get("/zertifikate/pruefen/")
    assert response.status_code == 200
    assert 'name="code"' in response.content.decode()


def test_verify_form_redirects_to_code(client, certificate):
    response = client.get("/zertifikate/pruefen/", {"code": f" {certificate.verification_code} "})
    assert response.status_code == 302
    assert response.url == verify_url(certificate)


def test_verify_form_accepts_pasted_link(client, certificate):
    link = f"https://example.org{verify_url(certificate)}"
    response = client.get("/zertifikate/pruefen/", {"code": link})
    assert response.url == verify_url(certificate)


def test_verify_valid_shows_snapshot(client, certificate):
    response = client.get(verify_url(certificate))
    content = response.content.decode()
    assert response.status_code == 200
    assert de("Valid: this document was issued by us and has not been revoked.") in content
    assert "Erika Muster" in content
    assert "Qualifizierung Konfliktmanagement" in content
    assert certificate.number in content
    assert de("Certificate") in content


def test_verify_shows_snapshot_after_name_change(client, certificate, trainee):
    trainee.first_name, trainee.last_name = "Erika", "Neuname"
    trainee.save()
    content = client.get(verify_url(certificate)).content.decode()
    assert "Erika Muster" in content
    assert "Neuname" not in content
    assert trainee.email not in content


def test_verify_revoked_shows_date_and_reason(client, certificate, staff):
    issuing.revoke_certificate(certificate, by=staff, reason="Täuschungsversuch")
    content = client.get(verify_url(certificate)).content.decode()
    assert de("Revoked: this document is no longer valid") in content
    assert "Täuschungsversuch" in content
    assert de("Valid") not in content


def test_verify_superseded_links_newer(client, certificate, staff, trainee):
    newer = issuing.issue_certificate(
        trainee.enrolments.get(), CertificateKind.CERTIFICATE, by=staff, reissue=True
    )
    content = client.get(verify_url(certificate)).content.decode()
    assert de("Superseded: a newer document replaces this one") in content
    assert verify_url(newer) in content
    assert newer.number in content


def test_verify_unknown_code_404(client, db):
    response = client.get("/zertifikate/pruefen/gibt-es-nicht/")
    assert response.status_code == 404
    assert de("Certificate not found") in response.content.decode()


def test_verify_by_number_not_possible(client, certificate):
    response = client.get(f"/zertifikate/pruefen/{certificate.number}/")
    assert response.status_code == 404
