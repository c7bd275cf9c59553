"""The Wagtail admin screens for sessions and supervision groups (SPI staff)."""

import pytest

from lms.models import Session, SessionKind, SupervisionGroup
from lms.roles import sync_roles
from tests.lms.session_factories import SessionFactory, SupervisionGroupFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_staff(staff, home):
    sync_roles()
    return staff


def test_staff_lists_filters_and_exports_sessions(client, admin_staff, cohort):
    SessionFactory(cohort=cohort, title="Auftakt Erfurt")
    SessionFactory(kind=SessionKind.SUPERVISION, title="Supervision Bamberg")
    client.force_login(admin_staff)
    html = client.get("/admin/sessions/").content.decode()
    assert "Auftakt Erfurt" in html and "Supervision Bamberg" in html
    filtered = client.get("/admin/sessions/", {"kind": SessionKind.SUPERVISION}).content.decode()
    assert "Supervision Bamberg" in filtered and "Auftakt Erfurt" not in filtered
    export = client.get("/admin/sessions/", {"export": "csv"})
    assert export.status_code == 200
    assert "Auftakt Erfurt" in export.getvalue().decode()


def test_staff_creates_a_session_and_the_audience_is_checked(client, admin_staff, cohort, trainer):
    client.force_login(admin_staff)
    data = {
        "kind": SessionKind.WORKSHOP,
        "title": "Konflikttheorie",
        "starts_at": "2026-12-03 09:00",
        "ends_at": "2026-12-03 12:00",
        "place": "Erfurt",
        "online_url": "",
        "ue": "",
        "audience": "tandem",
        "cohort": cohort.pk,
        "municipality": "",
        "supervision_group": "",
        "facilitators": [trainer.pk],
    }
    refused = client.post("/admin/sessions/new/", data)
    assert refused.status_code == 200
    assert Session.objects.count() == 0
    data["audience"] = "cohort"
    created = client.post("/admin/sessions/new/", data)
    assert created.status_code == 302
    session = Session.objects.get()
    assert (session.title, list(session.facilitators.all()), str(session.credited_ue)) == (
        "Konflikttheorie",
        [trainer],
        "4",
    )


def test_staff_lists_supervision_groups_and_others_cannot(client, admin_staff, trainer):
    SupervisionGroupFactory(name="Tandem Wartburgkreis")
    client.force_login(admin_staff)
    assert "Tandem Wartburgkreis" in client.get("/admin/supervision_groups/").content.decode()
    client.force_login(trainer)
    assert client.get("/admin/supervision_groups/").status_code in (302, 403)
    assert SupervisionGroup.objects.count() == 1
