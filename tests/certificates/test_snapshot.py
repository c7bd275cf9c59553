"""The certificate's snapshot: UE reduced by partial absence, Praxisprojekt, validity,
the sessions of a Teilnahmebescheinigung; and how they show on the PDF and the
verification page."""

import io
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from certificates import issuing
from certificates.models import CertificateKind
from lms.models import ModuleCompletion, Praxisprojekt, PraxisprojektStatus, SessionKind
from tests import factories
from tests.lms.calendar_factories import attend
from tests.lms.session_factories import SessionFactory

BERLIN = ZoneInfo("Europe/Berlin")

pytestmark = pytest.mark.filterwarnings("ignore:HarfBuzz-Subset:DeprecationWarning")


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def enrolment(trainee):
    return trainee.enrolments.get()


def de(msgid):
    with translation.override("de"):
        return gettext(msgid)


def moment(day):
    return datetime(2026, 5, day, 10, tzinfo=BERLIN)


def session(cohort, day, *, module=None, kind=SessionKind.WORKSHOP, title=None, ue="4"):
    return SessionFactory(
        kind=kind,
        cohort=cohort,
        module=module,
        title=title or f"Termin am {day}. Mai",
        starts_at=moment(day),
        ends_at=moment(day) + timedelta(hours=3),
        ue=Decimal(ue),
    )


def complete(enrolment, module, day=12):
    ModuleCompletion.objects.create(
        enrolment=enrolment,
        module=module,
        source=ModuleCompletion.Source.RULE,
        completed_at=moment(day),
    )


def pdf_text(certificate) -> str:
    with certificate.pdf.open("rb") as f:
        reader = PdfReader(io.BytesIO(f.read()))
    return " ".join(" ".join(page.extract_text().split()) for page in reader.pages)


def test_add_months_clamps_to_month_end():
    assert issuing.add_months(date(2026, 1, 31), 1) == date(2026, 2, 28)
    assert issuing.add_months(date(2026, 11, 15), 14) == date(2028, 1, 15)
    assert issuing.add_months(date(2028, 2, 29), 12) == date(2029, 2, 28)


def test_snapshot_partial_absence_reduces_module_ue(enrolment, trainee, cohort, module):
    attend(session(cohort, 4, module=module), trainee)
    attend(session(cohort, 5, module=module), trainee, status="partial", ue="2.5")
    complete(enrolment, module)

    snapshot = issuing.build_snapshot(enrolment)

    assert [(m["title"], m["ue"], m["date"]) for m in snapshot["modules"]] == [
        ("Konflikttheorie", "6.5", "2026-05-12")
    ]
    assert snapshot["total_ue"] == "6.5"
    assert snapshot["total_clock_hours"] == "4.88"


def test_snapshot_online_module_counts_fully(enrolment, programme, module, trainee, cohort):
    online = factories.make_module(programme, number="6", title="Verwaltung", ue=4, format="online")
    attend(session(cohort, 4, module=module), trainee)
    session(cohort, 5, module=module)  # missed: 4 of 8 UE
    complete(enrolment, module)
    complete(enrolment, online, 14)

    snapshot = issuing.build_snapshot(enrolment)

    assert [(m["number"], m["ue"]) for m in snapshot["modules"]] == [("1", 4), ("6", 4)]
    assert snapshot["total_ue"] == 8
    assert snapshot["total_clock_hours"] == "6.00"


def test_snapshot_praxisprojekt_title_only_when_accepted(enrolment):
    project = Praxisprojekt.objects.create(
        enrolment=enrolment, title="Krisenpräventionsplan", status=PraxisprojektStatus.SUBMITTED
    )
    assert issuing.build_snapshot(enrolment)["praxisprojekt_title"] == ""
    project.status = PraxisprojektStatus.ACCEPTED
    project.decided_at = timezone.now()
    project.save()
    assert issuing.build_snapshot(enrolment)["praxisprojekt_title"] == "Krisenpräventionsplan"


def test_snapshot_valid_until_from_programme(enrolment, programme):
    assert issuing.build_snapshot(enrolment, issued_on=date(2026, 6, 30))["valid_until"] is None
    programme.certificate_validity_months = 24
    programme.save()
    snapshot = issuing.build_snapshot(enrolment, issued_on=date(2026, 6, 30))
    assert snapshot["valid_until"] == "2028-06-30"
    assert "attended_sessions" not in snapshot  # only on a Teilnahmebescheinigung


def test_snapshot_attendance_kind_lists_sessions(enrolment, trainee, cohort, module, other_trainee):
    attend(session(cohort, 4, module=module, title="Modul 1, Tag 1"), trainee)
    attend(
        session(cohort, 8, kind=SessionKind.DEEPENING, title="Vertiefung Glasl"),
        trainee,
        status="partial",
        ue="2",
    )
    session(cohort, 9, module=module, title="Verpasst")
    other_cohort = other_trainee.enrolments.get().cohort
    attend(session(other_cohort, 10, title="Anderes Programm"), trainee)
    complete(enrolment, module)

    snapshot = issuing.build_snapshot(enrolment, CertificateKind.ATTENDANCE)

    assert snapshot["kind"] == "attendance"
    assert snapshot["attended_sessions"] == [
        {
            "date": "2026-05-04",
            "title": "Modul 1, Tag 1",
            "kind": "workshop",
            "kind_label": de("In-person module session"),
            "ue": "4.00",
        },
        {
            "date": "2026-05-08",
            "title": "Vertiefung Glasl",
            "kind": "deepening",
            "kind_label": "Online-Vertiefung",
            "ue": "2.00",
        },
    ]
    assert [m["number"] for m in snapshot["modules"]] == ["1"]


def test_issued_attendance_pdf_shows_sessions_and_validity(
    staff, enrolment, trainee, cohort, module, programme
):
    programme.certificate_validity_months = 36
    programme.save()
    attend(session(cohort, 4, module=module, title="Auftaktwerkstatt Erfurt"), trainee)
    attend(
        session(cohort, 8, kind=SessionKind.DEEPENING, title="Vertiefung Glasl"),
        trainee,
        status="partial",
        ue="2.5",
    )

    certificate = issuing.issue_certificate(enrolment, CertificateKind.ATTENDANCE, by=staff)

    valid_until = issuing.add_months(timezone.localdate(certificate.issued_at), 36)
    assert certificate.valid_until == valid_until
    assert certificate.is_expired is False
    text = pdf_text(certificate)
    assert f"{valid_until:%d.%m.%Y}" in text
    assert "Auftaktwerkstatt Erfurt" in text
    assert "04.05.2026" in text
    assert "Vertiefung Glasl" in text
    assert "Online-Vertiefung" in text
    assert "2,5" in text


def test_issued_certificate_pdf_shows_praxisprojekt_and_no_sessions(staff, enrolment, module):
    complete(enrolment, module)
    Praxisprojekt.objects.create(
        enrolment=enrolment,
        title="Runder Tisch Innenstadt",
        status=PraxisprojektStatus.ACCEPTED,
        decided_at=timezone.now(),
    )
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    assert certificate.snapshot["valid_until"] is None
    assert certificate.valid_until is None
    assert certificate.is_expired is False
    text = pdf_text(certificate)
    assert "Runder Tisch Innenstadt" in text
    assert de("Sessions attended") not in text


def test_verify_page_shows_expired(client, staff, enrolment):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    certificate.snapshot["valid_until"] = "2026-01-31"
    certificate.save()
    assert certificate.is_expired is True

    url = reverse("certificate_verify_detail", args=[certificate.verification_code])
    content = client.get(url).content.decode()

    assert de("Expired") in content
    with translation.override("de"):
        assert "31. Januar 2026" in content
    assert de("Valid: this document was issued by us and has not been revoked.") not in content


def test_verify_page_valid_until_in_future_is_valid(client, staff, enrolment):
    certificate = issuing.issue_certificate(enrolment, CertificateKind.CERTIFICATE, by=staff)
    certificate.snapshot["valid_until"] = (timezone.localdate() + timedelta(days=1)).isoformat()
    certificate.save()
    url = reverse("certificate_verify_detail", args=[certificate.verification_code])
    content = client.get(url).content.decode()
    assert de("Valid: this document was issued by us and has not been revoked.") in content
    assert de("Expired") not in content
