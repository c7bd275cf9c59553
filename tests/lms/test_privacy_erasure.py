"""Erasure (Art. 17 GDPR): what must go goes, what must stay stays, statistics add up."""

import json
from datetime import date

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.db import models
from django.db.models import Count, Sum
from django.urls import reverse
from wagtail.models import ModelLogEntry

from certificates.models import Certificate
from lms.models import (
    Attendance,
    Enrolment,
    ErasureRequest,
    ErasureStatus,
    LessonCompletion,
    ReflectionAnswer,
)
from lms.privacy import erasure
from tests import factories
from tests.lms.privacy_factories import populate

NAME = ("Quirinus", "Zwetschgenbaum")
EMAIL = "quirinus.z@example.org"
# Where the name may stay after erasure: what the issued certificate certifies.
ALLOWED = {("certificates.Certificate", "snapshot")}


@pytest.fixture
def rich_trainee(trainee, lesson, module, trainer, staff):
    populate(
        trainee,
        lesson=lesson,
        module=module,
        trainer=trainer,
        staff=staff,
        first_name=NAME[0],
        last_name=NAME[1],
        email=EMAIL,
    )
    return trainee


def places_holding(*needles) -> set[tuple[str, str]]:
    """(model, field) of every text, e-mail or JSON value in the database containing a needle."""
    needles = [needle.lower() for needle in needles]
    found = set()
    for model in apps.get_models():
        if model._meta.proxy or not model._meta.managed:
            continue
        fields = [
            f
            for f in model._meta.concrete_fields
            if isinstance(f, models.CharField | models.TextField | models.JSONField)
        ]
        if not fields:
            continue
        for row in model._base_manager.values_list(*[f.attname for f in fields]):
            for field, value in zip(fields, row, strict=True):
                text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
                if any(needle in (text or "").lower() for needle in needles):
                    found.add((model._meta.label, field.name))
    return found


def cohort_statistics(cohort) -> dict:
    attendances = Attendance.objects.filter(session__cohort=cohort)
    return {
        "by_status": dict(
            Enrolment.objects.filter(cohort=cohort)
            .values_list("status")
            .annotate(n=Count("pk"))
            .order_by("status")
        ),
        "by_function": dict(
            Enrolment.objects.filter(cohort=cohort)
            .values_list("function")
            .annotate(n=Count("pk"))
            .order_by("function")
        ),
        "attendance_rows": attendances.count(),
        "ue": attendances.aggregate(total=Sum("ue_credited"))["total"],
        "certificates": Certificate.objects.filter(enrolment__cohort=cohort).count(),
    }


def erase(client, staff, user):
    """Ask as the person, confirm as staff through the admin."""
    client.force_login(user)
    response = client.post(reverse("privacy_erasure_request"), {"confirm": "on"})
    assert response.status_code == 302
    erasure_request = ErasureRequest.objects.get(user=user)
    client.force_login(staff)
    response = client.post(
        reverse("privacy_erasure_detail", args=[erasure_request.pk]),
        {"action": "confirm", "note": "Antrag geprüft"},
    )
    assert response.status_code == 302
    erasure_request.refresh_from_db()
    return erasure_request


def test_erasure_leaves_name_and_email_only_in_certificate_snapshot(client, staff, rich_trainee):
    assert places_holding(*NAME, EMAIL) > ALLOWED  # the population really spreads the name
    erasure_request = erase(client, staff, rich_trainee)
    assert erasure_request.status == ErasureStatus.DONE
    assert places_holding(*NAME, EMAIL) == ALLOWED


def test_erasure_anonymises_account(client, staff, rich_trainee):
    erase(client, staff, rich_trainee)
    user = get_user_model().objects.get(pk=rich_trainee.pk)
    assert user.get_full_name() == f"Gelöschte Person {user.pk}"
    assert user.email.endswith("@geloescht.invalid")
    assert not user.is_active
    assert not user.has_usable_password()
    assert not user.groups.exists()
    assert not client.login(email=EMAIL, password=factories.PASSWORD)
    assert not client.login(email=user.email, password=factories.PASSWORD)


def test_erasure_deletes_what_has_no_retention_duty(client, staff, rich_trainee):
    erase(client, staff, rich_trainee)
    assert not ReflectionAnswer.objects.filter(enrolment__user=rich_trainee).exists()
    assert not LessonCompletion.objects.filter(enrolment__user=rich_trainee).exists()
    assert not rich_trainee.notices.exists()
    assert not rich_trainee.emailaddress_set.exists()
    enrolment = Enrolment.objects.get(user=rich_trainee)
    assert enrolment.motivation == "" and enrolment.organisation == ""
    assert enrolment.function == "administration"  # needed for the funder's split


def test_erasure_keeps_cohort_statistics(client, staff, rich_trainee, cohort):
    factories.EnrolmentFactory(cohort=cohort)  # someone else in the cohort
    before = cohort_statistics(cohort)
    erase(client, staff, rich_trainee)
    assert cohort_statistics(cohort) == before
    assert before["attendance_rows"] == 2 and before["certificates"] == 1


def test_erased_persons_certificate_still_verifies(client, staff, rich_trainee):
    certificate = Certificate.objects.get(enrolment__user=rich_trainee)
    erase(client, staff, rich_trainee)
    client.logout()
    response = client.get(
        reverse("certificate_verify_detail", args=[certificate.verification_code])
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "Quirinus Zwetschgenbaum" in content
    assert certificate.number in content
    assert "Gelöschte Person" not in content
    assert Certificate.objects.get(pk=certificate.pk).status == "valid"


def test_erasure_request_twice_refused(client, rich_trainee):
    client.force_login(rich_trainee)
    client.post(reverse("privacy_erasure_request"), {"confirm": "on"})
    client.post(reverse("privacy_erasure_request"), {"confirm": "on"})
    assert ErasureRequest.objects.filter(user=rich_trainee).count() == 1
    content = client.get(reverse("profile")).content.decode()
    assert 'id="privacy-erasure-status"' in content


def test_erasure_request_needs_confirmation(client, trainee):
    client.force_login(trainee)
    client.post(reverse("privacy_erasure_request"), {})
    assert not ErasureRequest.objects.exists()


def test_erasure_rejected_keeps_everything(client, staff, rich_trainee):
    erasure_request = erasure.request_erasure(rich_trainee)
    client.force_login(staff)
    url = reverse("privacy_erasure_detail", args=[erasure_request.pk])
    response = client.post(url, {"action": "reject", "note": ""})
    assert response.status_code == 200  # a reason is required
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.REQUESTED
    client.post(url, {"action": "reject", "note": "Laufende Qualifizierung"})
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.REJECTED
    assert get_user_model().objects.get(pk=rich_trainee.pk).email == EMAIL


def test_erasure_under_legal_hold_refused(client, staff, rich_trainee):
    erasure_request = erasure.request_erasure(rich_trainee)
    client.force_login(staff)
    url = reverse("privacy_erasure_detail", args=[erasure_request.pk])
    client.post(url, {"action": "hold", "legal_hold": "on", "legal_hold_reason": "Klage"})
    erasure_request.refresh_from_db()
    assert erasure_request.legal_hold
    entry = ModelLogEntry.objects.get(action=erasure.LEGAL_HOLD_CHANGED)
    assert entry.user == staff and entry.data["reason"] == "Klage"
    client.post(url, {"action": "confirm", "note": ""})
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.REQUESTED
    assert get_user_model().objects.get(pk=rich_trainee.pk).is_active


@pytest.mark.parametrize("role", ["trainee", "trainer", "anonymous"])
def test_erasure_admin_staff_only(client, rich_trainee, trainer, role):
    erasure_request = erasure.request_erasure(rich_trainee)
    if role == "trainee":
        client.force_login(rich_trainee)
    elif role == "trainer":
        client.force_login(trainer)
    url = reverse("privacy_erasure_detail", args=[erasure_request.pk])
    response = client.post(url, {"action": "confirm"})
    assert response.status_code in (302, 403)
    if response.status_code == 302:
        # anonymous: to the login; signed in without the right: Wagtail's "no permission"
        assert "login" in response.url or response.url == "/admin/"
    assert client.get(reverse("privacy_erasure_index")).status_code in (302, 403)
    erasure_request.refresh_from_db()
    assert erasure_request.status == ErasureStatus.REQUESTED


def test_erasure_admin_lists_and_summarises(client, staff, rich_trainee):
    erasure_request = erasure.request_erasure(rich_trainee)
    client.force_login(staff)
    content = client.get(reverse("privacy_erasure_index")).content.decode()
    assert "Quirinus Zwetschgenbaum" in content
    content = client.get(reverse("privacy_erasure_detail", args=[erasure_request.pk])).content
    assert b'id="erasure-summary"' in content


# --- Retention ------------------------------------------------------------------------------


def row_counts() -> dict[str, int]:
    return {m._meta.label: m._base_manager.count() for m in apps.get_models()}


@pytest.fixture
def erased(client, staff, rich_trainee):
    erase(client, staff, rich_trainee)
    return rich_trainee


def test_apply_retention_dry_run_changes_nothing(erased, settings, capsys):
    settings.KOKOMA_PROJECT_END = date(2015, 12, 31)
    before = row_counts()
    call_command("apply_retention", "--dry-run")
    assert row_counts() == before
    out = capsys.readouterr().out
    assert "[dry run]" in out
    assert "lms.Attendance: would delete 2" in out


def test_apply_retention_deletes_after_retention_end(erased, settings, capsys):
    settings.KOKOMA_PROJECT_END = date(2015, 12, 31)
    call_command("apply_retention")
    out = capsys.readouterr().out
    assert "lms.Attendance: deleted 2" in out
    assert not Attendance.objects.filter(user=erased).exists()
    # The enrolment holds a certificate: it stays, and the certificate verifies.
    assert Enrolment.objects.filter(user=erased).exists()
    assert "lms.Enrolment: kept 1" in out
    assert Certificate.objects.filter(enrolment__user=erased).count() == 1


def test_apply_retention_before_end_changes_nothing(erased, settings, capsys):
    settings.KOKOMA_PROJECT_END = date.today()
    before = row_counts()
    call_command("apply_retention")
    assert row_counts() == before
    assert "nothing to delete" in capsys.readouterr().out


def test_apply_retention_without_project_end_changes_nothing(erased, settings, capsys):
    settings.KOKOMA_PROJECT_END = None
    before = row_counts()
    call_command("apply_retention")
    assert row_counts() == before
    assert "PROJECT_END is not set" in capsys.readouterr().out


def test_apply_retention_respects_legal_hold(erased, settings):
    ErasureRequest.objects.filter(user=erased).update(legal_hold=True, legal_hold_reason="Klage")
    settings.KOKOMA_PROJECT_END = date(2015, 12, 31)
    result = erasure.apply_retention()
    assert result["on_hold"] == 1 and result["deleted"] == {}
    assert Attendance.objects.filter(user=erased).count() == 2


def test_retention_end_is_project_end_plus_years(settings):
    settings.KOKOMA_PROJECT_END = date(2024, 2, 29)
    settings.KOKOMA_RETENTION_YEARS = 5
    assert erasure.retention_end() == date(2029, 2, 28)


def test_erasure_confirmation_mailed_to_old_address(
    client, staff, rich_trainee, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        erase(client, staff, rich_trainee)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [EMAIL]
    assert "Quirinus Zwetschgenbaum" in message.body
    assert message.alternatives[0][1] == "text/html"


def test_erasure_rejection_mailed_with_reason(
    staff, rich_trainee, mailoutbox, django_capture_on_commit_callbacks
):
    erasure_request = erasure.request_erasure(rich_trainee)
    with django_capture_on_commit_callbacks(execute=True):
        erasure.reject_erasure(erasure_request, by=staff, note="Laufende Qualifizierung")
    assert [m.to for m in mailoutbox] == [[EMAIL]]
    assert "Laufende Qualifizierung" in mailoutbox[0].body


def test_legal_hold_needs_reason_and_can_be_lifted(staff, rich_trainee):
    erasure_request = erasure.request_erasure(rich_trainee)
    with pytest.raises(erasure.ErasureError):
        erasure.set_legal_hold(erasure_request, by=staff, hold=True, reason=" ")
    erasure.set_legal_hold(erasure_request, by=staff, hold=True, reason="Klage")
    lifted = erasure.set_legal_hold(erasure_request, by=staff, hold=False)
    assert not lifted.legal_hold and lifted.legal_hold_reason == ""
    assert not erasure.is_under_legal_hold(rich_trainee)
