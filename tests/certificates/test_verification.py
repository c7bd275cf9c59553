import json
from html import escape

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse
from django.utils import formats, timezone, translation
from django.utils.translation import gettext

from certificates import issuing, verification
from certificates.models import CertificateKind, RevocationCategory


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


def de_html(msgid):
    return escape(de(msgid))


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


def test_verify_revoked_shows_date_and_category_not_reason(client, certificate, staff):
    client.get(verify_url(certificate))  # seen valid first: no cached answer afterwards
    issuing.revoke_certificate(
        certificate,
        by=staff,
        reason="Abschrift im Kolloquium, interne Notiz 4711",
        category=RevocationCategory.MISCONDUCT,
    )
    content = client.get(verify_url(certificate)).content.decode()
    assert de("Revoked: this document is no longer valid") in content
    with translation.override("de"):
        assert str(RevocationCategory.MISCONDUCT.label) in content
        assert formats.date_format(timezone.localdate(), "DATE_FORMAT") in content
    assert "interne Notiz 4711" not in content
    assert de("Valid: this document was issued by us and has not been revoked.") not in content


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


# --- Lookup by number and surname ---------------------------------------------------------


def test_verify_by_number_and_surname_redirects(client, certificate):
    response = client.get(
        "/zertifikate/pruefen/", {"code": certificate.number.lower(), "surname": " muster "}
    )
    assert response.status_code == 302
    assert response.url == verify_url(certificate)


def test_verify_by_number_with_full_name(client, certificate):
    response = client.get(
        "/zertifikate/pruefen/", {"code": certificate.number, "surname": "Erika Muster"}
    )
    assert response.url == verify_url(certificate)


def test_verify_by_number_needs_surname(client, certificate):
    response = client.get("/zertifikate/pruefen/", {"code": certificate.number})
    assert response.status_code == 200
    assert de_html("To check by number, please also enter the holder's surname as printed.") in (
        response.content.decode()
    )


def test_verify_by_number_with_wrong_surname_not_found(client, certificate):
    response = client.get(
        "/zertifikate/pruefen/", {"code": certificate.number, "surname": "Musterfrau"}
    )
    content = response.content.decode()
    assert response.status_code == 404
    assert de("Certificate not found") in content
    assert certificate.verification_code not in content
    assert "Erika" not in content


def test_verify_malformed_number_gets_clear_error(client, db):
    response = client.get("/zertifikate/pruefen/", {"code": "KOKOMA-26-42", "surname": "Muster"})
    assert response.status_code == 200
    assert (
        de("This is not a valid certificate number. Numbers look like KOKOMA-2026-00042.")
        in response.content.decode()
    )


def test_surname_matches_end_of_name_only():
    assert verification.surname_matches("Erika von Muster", "von muster")
    assert verification.surname_matches("Erika von Muster", "MUSTER")
    assert not verification.surname_matches("Erika von Muster", "Erika")
    assert not verification.surname_matches("Erika von Muster", "")
    assert not verification.surname_matches("Muster", "Erika Muster")


# --- PDF upload -------------------------------------------------------------------------


def upload(client, name, content, content_type="application/pdf"):
    return client.post(
        "/zertifikate/pruefen/", {"file": SimpleUploadedFile(name, content, content_type)}
    )


def test_upload_original_pdf_reports_original(client, certificate):
    original = certificate.pdf.open("rb").read()
    response = upload(client, "zertifikat.pdf", original)
    content = response.content.decode()
    assert response.status_code == 200
    assert de("Unaltered original") in content
    with translation.override("de"):
        expected = gettext(
            "This file is the unaltered original of certificate %(number)s (status: %(status)s)."
        ) % {"number": certificate.number, "status": gettext("Valid")}
    assert expected in content
    assert verify_url(certificate) in content


def test_upload_of_revoked_original_says_revoked(client, certificate, staff):
    issuing.revoke_certificate(certificate, by=staff, reason="Fehler")
    content = upload(client, "z.pdf", certificate.pdf.open("rb").read()).content.decode()
    with translation.override("de"):
        expected = gettext(
            "This file is the unaltered original of certificate %(number)s (status: %(status)s)."
        ) % {"number": certificate.number, "status": gettext("Revoked")}
    assert expected in content


def test_upload_altered_pdf_not_original(client, certificate):
    original = bytearray(certificate.pdf.open("rb").read())
    original[len(original) // 2] ^= 0x01  # one bit changed
    response = upload(client, "zertifikat.pdf", bytes(original))
    content = response.content.decode()
    assert response.status_code == 200
    assert de("Not an original from our register") in content
    assert certificate.number not in content


def test_upload_non_pdf_refused(client, certificate):
    response = upload(client, "zertifikat.pdf", b"GIF89a not a pdf")
    assert response.status_code == 400
    assert de("This file is not a PDF. Please upload the certificate as a PDF file.") in (
        response.content.decode()
    )


def test_upload_over_limit_refused_before_reading(client, certificate, settings):
    settings.KOKOMA_CERTIFICATE_UPLOAD_MAX_MB = 1
    response = upload(client, "gross.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024 + 70 * 1024))
    assert response.status_code == 413
    with translation.override("de"):
        expected = gettext(
            "The file is larger than %(size)d MB. Please upload the certificate PDF."
        ) % {"size": 1}
    assert expected in response.content.decode()


def test_upload_just_over_limit_refused_by_form(client, certificate, settings):
    settings.KOKOMA_CERTIFICATE_UPLOAD_MAX_MB = 1
    response = upload(client, "gross.pdf", b"%PDF-1.7\n" + b"0" * (1024 * 1024))
    assert response.status_code == 400
    assert "1 MB" in response.content.decode()


def test_upload_needs_csrf_token(certificate):
    client = Client(enforce_csrf_checks=True)
    response = upload(client, "zertifikat.pdf", certificate.pdf.open("rb").read())
    assert response.status_code == 403


# --- JSON --------------------------------------------------------------------------------


def test_json_returns_printed_fields_only(client, certificate, trainee):
    response = client.get(reverse("certificate_verify_json", args=[certificate.verification_code]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["number"] == certificate.number
    assert data["status"] == "valid"
    assert data["kind"] == "certificate"
    assert data["issued_on"] == timezone.localdate(certificate.issued_at).isoformat()
    assert data["revoked_on"] is None
    assert data["verification_url"] == "http://testserver" + verify_url(certificate)
    assert data["certified"]["holder_name"] == "Erika Muster"
    assert data["certified"]["programme"] == "Qualifizierung Konfliktmanagement"
    assert set(data["certified"]) <= set(verification.PRINTED_FIELDS) | {
        "modules",
        "attended_sessions",
    }
    assert "cohort" not in data["certified"]
    assert trainee.email not in response.content.decode()


def test_json_after_revocation(client, certificate, staff):
    issuing.revoke_certificate(
        certificate, by=staff, reason="intern", category=RevocationCategory.ISSUED_IN_ERROR
    )
    data = client.get(
        reverse("certificate_verify_json", args=[certificate.verification_code])
    ).json()
    assert data["status"] == "revoked"
    assert data["revoked_on"] == timezone.localdate().isoformat()
    assert data["revocation_category"] == "issued_in_error"
    assert "intern" not in json.dumps(data)


def test_json_and_page_say_expired_after_validity(client, certificate):
    certificate.snapshot = {**certificate.snapshot, "valid_until": "2020-01-31"}
    certificate.save(update_fields=["snapshot"])
    data = client.get(
        reverse("certificate_verify_json", args=[certificate.verification_code])
    ).json()
    assert data["status"] == "expired"
    assert data["valid_until"] == "2020-01-31"
    assert data["certified"]["valid_until"] == "2020-01-31"
    content = client.get(verify_url(certificate)).content.decode()
    assert de("Expired") in content
    assert de("Valid: this document was issued by us and has not been revoked.") not in content


def test_json_unknown_code_404(client, db):
    response = client.get(reverse("certificate_verify_json", args=["gibt-es-nicht"]))
    assert response.status_code == 404
    assert response.json() == {"status": "unknown"}


# --- Rate limit ----------------------------------------------------------------------------


def test_verification_rate_limited_per_ip(client, certificate, settings):
    settings.KOKOMA_CERTIFICATE_VERIFY_RATE_LIMIT = "3/m/ip"
    url = verify_url(certificate)
    assert [client.get(url).status_code for _ in range(3)] == [200, 200, 200]
    response = client.get(url)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert de("Too many verification requests") in response.content.decode()
    # The limit is shared by all verification views of that address ...
    json_response = client.get(reverse("certificate_verify_json", args=["x"]))
    assert json_response.status_code == 429
    assert json_response.json()["error"] == "rate_limited"
    assert client.get("/zertifikate/pruefen/").status_code == 429
    # ... and another address is not affected.
    assert client.get(url, REMOTE_ADDR="192.0.2.7").status_code == 200


def test_verify_shows_every_printed_fact_of_the_snapshot(client, certificate):
    """Places, local partner and Praxisprojekt are printed, so the page shows them too."""
    certificate.snapshot.update(
        places="Bamberg und online",
        local_partner="Fachstelle der PfD Bamberg",
        praxisprojekt_title="Runder Tisch Bahnhofsviertel",
    )
    certificate.save(update_fields=["snapshot"])
    content = client.get(verify_url(certificate)).content.decode()
    for value in (
        "Bamberg und online",
        "Fachstelle der PfD Bamberg",
        "Runder Tisch Bahnhofsviertel",
    ):
        assert value in content
    assert de_html("Practice project") in content
