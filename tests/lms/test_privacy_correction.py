"""Correction (Art. 16 GDPR): the person corrects their name; certificates keep their
snapshot until staff re-issue them."""

from django.urls import reverse

from certificates import issuing
from certificates.models import Certificate, CertificateKind, CertificateStatus


def test_name_correction_keeps_snapshot_and_reissue_corrects(client, trainee, staff):
    trainee.first_name, trainee.last_name = "Erika", "Mustr"
    trainee.save()
    enrolment = trainee.enrolments.get()
    old = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)

    client.force_login(trainee)
    response = client.post(reverse("profile"), {"first_name": "Erika", "last_name": "Muster"})
    assert response.status_code == 302
    trainee.refresh_from_db()
    assert trainee.get_full_name() == "Erika Muster"
    old.refresh_from_db()
    assert old.snapshot["holder_name"] == "Erika Mustr"

    new = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff, reissue=True)
    assert new.snapshot["holder_name"] == "Erika Muster"
    assert new.supersedes == old
    assert Certificate.objects.get(pk=old.pk).status == CertificateStatus.SUPERSEDED
    content = client.get(reverse("certificate_verify_detail", args=[new.verification_code]))
    assert "Erika Muster" in content.content.decode()
    old_page = client.get(reverse("certificate_verify_detail", args=[old.verification_code]))
    assert "Erika Mustr" in old_page.content.decode()


def test_name_correction_requires_name(client, trainee):
    client.force_login(trainee)
    before = trainee.get_full_name()
    response = client.post(reverse("profile"), {"first_name": "", "last_name": ""})
    trainee.refresh_from_db()
    assert response.status_code == 200
    assert trainee.get_full_name() == before
