"""Staff administration of municipalities, cohorts, enrolments and invitations in Wagtail."""

import io

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from lms.models import (
    Enrolment,
    EnrolmentEvent,
    EnrolmentStatus,
    Function,
    Invitation,
    MilestoneKind,
    MilestoneStatus,
    Municipality,
)
from tests.lms.enrolment_factories import (
    ApplicationFactory,
    MunicipalityFactory,
    open_cohort,
    person,
)

pytestmark = pytest.mark.django_db

S = EnrolmentStatus
LISTINGS = [
    "/admin/cohorts/",
    "/admin/enrolments/",
    "/admin/municipalities/",
    "/admin/invitations/",
]


@pytest.fixture
def cohort(programme):
    return open_cohort(programme, name="Durchgang Thüringen 2026", capacity=2)


def csv_rows(response):
    return b"".join(response.streaming_content).decode("utf-8").splitlines()


# --- Who may see the screens ----------------------------------------------------------------------


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_staff_sees_it(client, staff, cohort, url):
    client.force_login(staff)
    assert client.get(url).status_code == 200


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_trainer_is_turned_away(client, trainer, url):
    client.force_login(trainer)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("url", LISTINGS)
def test_listing_trainee_and_anonymous_go_to_login(client, trainee, url):
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"
    client.force_login(trainee)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"/accounts/login/?next={url}"


@pytest.mark.parametrize("url", ["/admin/enrolments/?export=csv", "/admin/cohorts/?export=csv"])
def test_export_trainer_and_trainee_get_no_data(client, trainer, trainee, cohort, url):
    ApplicationFactory(cohort=cohort, user=person(email="geheim@example.org"))
    for user in (trainer, trainee):
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 302
        assert not hasattr(response, "streaming_content")


# --- Enrolments: listing, filters, search, export -------------------------------------------------


def test_enrolment_listing_filters_by_status_and_searches_by_name(client, staff, cohort):
    applied = ApplicationFactory(cohort=cohort, user=person(last_name="Antragmann"))
    ApplicationFactory(cohort=cohort, status=S.ADMITTED, user=person(last_name="Zulassung"))
    client.force_login(staff)
    html = client.get("/admin/enrolments/?status=applied").content.decode()
    assert "Antragmann" in html
    assert "Zulassung" not in html
    html = client.get("/admin/enrolments/?q=zulass").content.decode()
    assert "Zulassung" in html
    assert "Antragmann" not in html
    html = client.get(f"/admin/enrolments/?function={Function.POLITICS}").content.decode()
    assert "Antragmann" not in html
    html = client.get(f"/admin/enrolments/?municipality={applied.municipality_id}").content.decode()
    assert "Antragmann" in html
    assert "Zulassung" not in html


def test_enrolment_listing_offers_bulk_decisions(client, staff, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    client.force_login(staff)
    html = client.get("/admin/enrolments/").content.decode()
    assert 'data-bulk-action-footer="ITEM"' in html
    assert 'href="/admin/bulk/lms/enrolment/admit/"' in html
    assert 'href="/admin/bulk/lms/enrolment/waitlist/"' in html
    assert 'href="/admin/bulk/lms/enrolment/reject/"' in html
    assert f'data-object-id="{enrolment.pk}"' in html
    assert "Direkt anmelden" in html
    assert 'href="/admin/invitations/new/"' in html


def test_enrolment_listing_query_count_is_constant(
    client, staff, cohort, programme, django_assert_num_queries
):
    ApplicationFactory(cohort=cohort)
    client.force_login(staff)
    client.get("/admin/enrolments/")
    with CaptureQueriesContext(connection) as one:
        client.get("/admin/enrolments/")
    other = open_cohort(programme, capacity=None)
    for status in S.values:
        ApplicationFactory(cohort=other, status=status)
    with django_assert_num_queries(len(one.captured_queries)):
        response = client.get("/admin/enrolments/")
    assert response.content.decode().count("data-bulk-action-checkbox") == 7


def test_enrolment_export_csv_has_people_and_german_headings(client, staff, cohort):
    ApplicationFactory(
        cohort=cohort,
        user=person(first_name="Erika", last_name="Muster", email="erika@example.org"),
        municipality=MunicipalityFactory(name="Erfurt"),
        function=Function.CIVIL_SOCIETY,
        organisation="Bürgerverein",
    )
    client.force_login(staff)
    response = client.get("/admin/enrolments/?export=csv")
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="anmeldungen.csv"'
    rows = csv_rows(response)
    assert rows[0].startswith(
        "Nachname,Vorname,E-Mail,Durchgang,Kommune,Funktion,Organisation,Status"
    )
    assert rows[1].startswith(
        "Muster,Erika,erika@example.org,Durchgang Thüringen 2026,Erfurt,Zivilgesellschaft,"
        "Bürgerverein,Beantragt,"
    )
    assert len(rows) == 2


def test_enrolment_export_xlsx(client, staff, cohort):
    ApplicationFactory(cohort=cohort, user=person(last_name="Muster"))
    client.force_login(staff)
    response = client.get("/admin/enrolments/?export=xlsx&status=applied")
    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    rows = list(workbook.active.values)
    assert rows[0][:3] == ("Nachname", "Vorname", "E-Mail")
    assert rows[1][0] == "Muster"
    assert len(rows) == 2


# --- Enrolments: decisions as bulk actions --------------------------------------------------------


def bulk_url(action, *enrolments, next_url="/admin/enrolments/"):
    ids = "&".join(f"id={enrolment.pk}" for enrolment in enrolments)
    return f"/admin/bulk/lms/enrolment/{action}/?{ids}&next={next_url}"


def test_bulk_admit_confirmation_then_admits_within_capacity(
    client, staff, cohort, django_capture_on_commit_callbacks
):
    applications = [ApplicationFactory(cohort=cohort) for _ in range(3)]
    client.force_login(staff)
    response = client.get(bulk_url("admit", *applications))
    assert response.status_code == 200
    html = response.content.decode()
    assert "Die Entscheidung betrifft diese 3 Anmeldungen:" in html
    assert Enrolment.objects.filter(status=S.ADMITTED).count() == 0  # GET changes nothing

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(bulk_url("admit", *applications), {"note": ""})
    assert response.status_code == 302
    assert response["Location"] == "/admin/enrolments/"
    statuses = [Enrolment.objects.get(pk=e.pk).status for e in applications]
    assert statuses == [S.ADMITTED, S.ADMITTED, S.WAITLISTED]
    assert EnrolmentEvent.objects.filter(actor=staff, to_status=S.ADMITTED).count() == 2
    assert len(mail.outbox) == 3
    html = client.get("/admin/enrolments/").content.decode()
    assert "2 Anmeldungen auf „Zugelassen“ geändert; die Personen wurden informiert." in html
    assert "der Durchgang ist ausgebucht, auf die Warteliste gesetzt." in html


def test_bulk_reject_stores_note(client, staff, cohort, django_capture_on_commit_callbacks):
    enrolment = ApplicationFactory(cohort=cohort)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url("reject", enrolment), {"note": "Kommune nimmt nicht teil"})
    event = EnrolmentEvent.objects.get(enrolment=enrolment)
    assert (event.from_status, event.to_status, event.actor, event.note) == (
        S.APPLIED,
        S.REJECTED,
        staff,
        "Kommune nimmt nicht teil",
    )
    assert "Begründung: Kommune nimmt nicht teil" in mail.outbox[0].body


def test_bulk_decision_impossible_status_is_reported(client, staff, cohort):
    enrolment = ApplicationFactory(cohort=cohort, status=S.COMPLETED)
    client.force_login(staff)
    html = client.get(bulk_url("reject", enrolment)).content.decode()
    assert "aus diesem Status nicht möglich, wird übersprungen" in html
    response = client.post(bulk_url("reject", enrolment), {"note": ""}, follow=True)
    assert "kann nicht in „Abgelehnt“ geändert werden" in response.content.decode()
    enrolment.refresh_from_db()
    assert enrolment.status == S.COMPLETED


def test_bulk_decision_trainer_is_turned_away(client, trainer, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    client.force_login(trainer)
    response = client.post(bulk_url("admit", enrolment), {"note": ""})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


def test_bulk_decision_trainee_goes_to_login(client, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    client.force_login(enrolment.user)
    response = client.post(bulk_url("admit", enrolment), {"note": ""})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED


# --- Enrolments: edit form, enrol directly --------------------------------------------------------


def test_edit_form_shows_status_read_only_with_decisions_and_history(client, staff, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    EnrolmentEvent.objects.create(enrolment=enrolment, to_status=S.APPLIED, actor=enrolment.user)
    client.force_login(staff)
    response = client.get(f"/admin/enrolments/edit/{enrolment.pk}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Aktueller Status" in html
    assert f"/admin/bulk/lms/enrolment/admit/?id={enrolment.pk}&amp;next=" in html
    assert 'name="status"' not in html
    assert "Verlauf" in html


def test_edit_form_post_cannot_change_status(client, staff, cohort):
    enrolment = ApplicationFactory(cohort=cohort)
    client.force_login(staff)
    response = client.post(
        f"/admin/enrolments/edit/{enrolment.pk}/",
        {
            "status": S.ADMITTED,
            "municipality": enrolment.municipality_id,
            "function": Function.POLITICS,
            "organisation": "Stadtrat",
            "motivation": "",
        },
    )
    assert response.status_code == 302
    enrolment.refresh_from_db()
    assert enrolment.status == S.APPLIED
    assert enrolment.function == Function.POLITICS
    assert EnrolmentEvent.objects.count() == 0


def test_enrol_directly_admits_existing_account(
    client, staff, cohort, django_capture_on_commit_callbacks
):
    user = person(email="direkt@example.org")
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/enrolments/new/",
            {"user": user.pk, "cohort": cohort.pk, "function": Function.ADMINISTRATION},
        )
    assert response.status_code == 302
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == S.ADMITTED
    assert enrolment.decided_by == staff
    assert mail.outbox[0].to == ["direkt@example.org"]


def test_enrol_directly_reuses_withdrawn_enrolment(client, staff, cohort):
    old = ApplicationFactory(cohort=cohort, status=S.WITHDRAWN)
    client.force_login(staff)
    response = client.post("/admin/enrolments/new/", {"user": old.user_id, "cohort": cohort.pk})
    assert response.status_code == 302
    old.refresh_from_db()
    assert old.status == S.ADMITTED


def test_enrol_directly_full_cohort_shows_error(client, staff, cohort):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    user = person()
    client.force_login(staff)
    response = client.post("/admin/enrolments/new/", {"user": user.pk, "cohort": cohort.pk})
    assert response.status_code == 200
    assert (
        "Der Durchgang „Durchgang Thüringen 2026“ ist ausgebucht: alle 2 Plätze sind vergeben."
        in response.content.decode()
    )
    assert not Enrolment.objects.filter(user=user).exists()
    assert mail.outbox == []


# --- Invitations ----------------------------------------------------------------------------------


def test_invite_view_creates_invitation_and_sends_mail(
    client, staff, cohort, django_capture_on_commit_callbacks
):
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/admin/invitations/new/",
            {"email": "neu@example.org", "cohort": cohort.pk, "function": Function.POLITICS},
        )
    assert response.status_code == 302
    invitation = Invitation.objects.get()
    assert invitation.invited_by == staff
    assert invitation.function == Function.POLITICS
    assert mail.outbox[0].to == ["neu@example.org"]
    assert f"/einladung/{invitation.token}/" in mail.outbox[0].body


def test_invite_view_already_enrolled_shows_error(client, staff, cohort):
    existing = ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    client.force_login(staff)
    response = client.post(
        "/admin/invitations/new/", {"email": existing.user.email, "cohort": cohort.pk}
    )
    assert response.status_code == 200
    assert "ist bereits für „Durchgang Thüringen 2026“ angemeldet." in response.content.decode()
    assert Invitation.objects.count() == 0


def test_invite_view_trainer_is_turned_away(client, trainer, cohort):
    client.force_login(trainer)
    response = client.post(
        "/admin/invitations/new/", {"email": "x@example.org", "cohort": cohort.pk}
    )
    assert response.status_code == 302
    assert Invitation.objects.count() == 0


# --- Cohorts and municipalities -------------------------------------------------------------------


def test_cohort_listing_shows_seats_taken_and_left(client, staff, cohort):
    ApplicationFactory(cohort=cohort, status=S.ADMITTED)
    ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    ApplicationFactory(cohort=cohort, status=S.REJECTED)
    client.force_login(staff)
    response = client.get("/admin/cohorts/?export=csv")
    rows = csv_rows(response)
    assert rows[0].endswith("Belegte Plätze,Offene Bewerbungen,Warteliste")
    assert rows[1].endswith(",2,1,0,1")
    html = client.get("/admin/cohorts/").content.decode()
    assert "Belegt" in html
    assert "Frei" in html


def test_cohort_edit_more_places_moves_waiting_list_up(
    client, staff, cohort, django_capture_on_commit_callbacks
):
    ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    waiting = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            f"/admin/cohorts/edit/{cohort.pk}/",
            {
                "programme": cohort.programme_id,
                "name": cohort.name,
                "capacity": 3,
                "enrolment_open": "on",
            },
        )
    assert response.status_code == 302
    waiting.refresh_from_db()
    assert waiting.status == S.ADMITTED
    assert EnrolmentEvent.objects.get(enrolment=waiting).actor == staff
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]


def test_municipality_create_with_milestones(client, staff):
    client.force_login(staff)
    response = client.post(
        "/admin/municipalities/new/",
        {
            "name": "Wartburgkreis",
            "kind": "district",
            "federal_state": "TH",
            "pfd_name": "PfD Wartburgkreis",
            "local_partner": "",
            "milestones-TOTAL_FORMS": "1",
            "milestones-INITIAL_FORMS": "0",
            "milestones-MIN_NUM_FORMS": "0",
            "milestones-MAX_NUM_FORMS": "1000",
            "milestones-0-kind": MilestoneKind.CONFLICT_ANALYSIS,
            "milestones-0-status": MilestoneStatus.REACHED,
            "milestones-0-due_date": "",
            "milestones-0-reached_on": "2026-05-04",
            "milestones-0-note": "",
            "milestones-0-ORDER": "1",
            "milestones-0-DELETE": "",
            "milestones-0-id": "",
        },
    )
    assert response.status_code == 302
    municipality = Municipality.objects.get(name="Wartburgkreis")
    milestone = municipality.milestones.get()
    assert (milestone.kind, milestone.status) == (
        MilestoneKind.CONFLICT_ANALYSIS,
        MilestoneStatus.REACHED,
    )


def test_municipality_listing_filters_by_federal_state(client, staff):
    MunicipalityFactory(name="Bamberg", federal_state="BY")
    MunicipalityFactory(name="Erfurt", federal_state="TH")
    client.force_login(staff)
    html = client.get("/admin/municipalities/?federal_state=BY").content.decode()
    assert "Bamberg" in html
    assert "Erfurt" not in html
    rows = csv_rows(client.get("/admin/municipalities/?export=csv&federal_state=TH"))
    assert len(rows) == 2
    assert rows[1].startswith("Erfurt,")


def test_cohort_and_municipality_listing_query_count_is_constant(client, staff, programme):
    def grow():
        cohort = open_cohort(programme, capacity=3)
        ApplicationFactory(cohort=cohort, status=S.ADMITTED)
        ApplicationFactory(cohort=cohort, status=S.WAITLISTED)

    grow()
    client.force_login(staff)
    counts = {}
    for url in ("/admin/cohorts/", "/admin/municipalities/"):
        client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        counts[url] = len(queries.captured_queries)
    for _ in range(4):
        grow()
    for url, count in counts.items():
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        assert len(queries.captured_queries) == count, url


def test_new_account_applies_staff_admits_and_lessons_open(
    client, programme, lesson, staff, django_capture_on_commit_callbacks
):
    cohort = open_cohort(programme, capacity=10)
    municipality = MunicipalityFactory()
    user = person(email="neu@example.org")
    client.force_login(user)
    assert client.get(lesson.url).status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            f"/durchgaenge/{cohort.pk}/bewerben/",
            {
                "municipality": municipality.pk,
                "function": Function.ADMINISTRATION,
                "organisation": "Ordnungsamt",
                "privacy_consent": "on",
            },
        )
    enrolment = Enrolment.objects.get(user=user)
    assert enrolment.status == S.APPLIED
    assert client.get(lesson.url).status_code == 403

    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(bulk_url("admit", enrolment), {"note": ""})

    client.force_login(user)
    assert client.get(lesson.url).status_code == 200
    assert [m.subject for m in mail.outbox] == [
        f"[KoKoMa] Ihre Bewerbung für „{cohort.name}“ ist eingegangen",
        f"[KoKoMa] Sie sind für „{cohort.name}“ zugelassen",
    ]


def test_delete_admitted_enrolment_moves_waiting_list_up(
    client, staff, cohort, django_capture_on_commit_callbacks
):
    leaving, _other = ApplicationFactory.create_batch(2, cohort=cohort, status=S.ADMITTED)
    waiting = ApplicationFactory(cohort=cohort, status=S.WAITLISTED)
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/enrolments/delete/{leaving.pk}/")
    assert response.status_code == 302
    assert not Enrolment.objects.filter(pk=leaving.pk).exists()
    waiting.refresh_from_db()
    assert waiting.status == S.ADMITTED
    assert [m.to for m in mail.outbox] == [[waiting.user.email]]
