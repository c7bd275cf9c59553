"""The Teilnahmeliste (PDF, CSV) of a session and a person's list of attended sessions."""

import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import timezone, translation
from pypdf import PdfReader
from wagtail.models import Site

from content.models import SiteSettings
from lms import attendance_lists
from lms.models import Attendance, AttendanceStatus, Function, Municipality, Session, SessionKind
from tests import factories

FUNDING = "Gefördert vom Bundesministerium für Familie, Senioren, Frauen und Jugend"


def berlin(*args):
    return timezone.make_aware(datetime.datetime(*args))


@pytest.fixture
def bamberg(db):
    return Municipality.objects.create(name="Bamberg", federal_state="BY")


@pytest.fixture
def people(cohort, bamberg):
    """Three admitted participants of ``cohort`` with their details."""
    found = []
    for first, last, org, function in [
        ("Jana", "Becker", "Stadt Bamberg", Function.ADMINISTRATION),
        ("Ömer", "Çelik", '=HYPERLINK("x")', Function.CIVIL_SOCIETY),
        ("Lea", "Möller", "Jugendhilfe e. V.", Function.STEERING_GROUP),
    ]:
        user = factories.UserFactory(first_name=first, last_name=last, roles=["Teilnehmende"])
        factories.EnrolmentFactory(
            user=user, cohort=cohort, organisation=org, function=function, municipality=bamberg
        )
        found.append(user)
    return found


@pytest.fixture
def outsider(cohort):
    """A participant who is not on the list."""
    return factories.UserFactory(first_name="Otto", last_name="Außenseiter")


@pytest.fixture
def session(cohort, module, trainer):
    session = Session.objects.create(
        kind=SessionKind.WORKSHOP,
        title="Präsenzmodul Konflikttheorie",
        cohort=cohort,
        module=module,
        starts_at=berlin(2026, 3, 9, 9, 30),
        ends_at=berlin(2026, 3, 9, 16, 0),
        place="Bamberg, Rathaus Maxplatz, Sitzungssaal",
        ue=Decimal("8"),
    )
    session.facilitators.add(trainer)
    return session


@pytest.fixture
def funding_notice(home):
    site = Site.objects.get(is_default_site=True)
    SiteSettings.objects.update_or_create(site=site, defaults={"funding_notice": FUNDING})


def de(msgid, context=None) -> str:
    """A UI string in German (the literal German once the translations are merged)."""
    with translation.override("de"):
        if context:
            return translation.pgettext(context, msgid)
        return translation.gettext(msgid)


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


# --- Data and rendering ------------------------------------------------------------------


def test_signature_list_has_session_data_and_sorted_rows(session, people, trainer, funding_notice):
    with translation.override("de"):
        data = attendance_lists.signature_list(session, people)
    assert data.module == "Modul 1: Konflikttheorie"
    assert data.programme == "Qualifizierung Konfliktmanagement"
    assert data.date == "Montag, 9. März 2026"
    assert data.time == de("%(start)s to %(end)s") % {"start": "09:30", "end": "16:00"}
    assert data.ue == "8"
    assert data.facilitators == [trainer.get_full_name()]
    assert data.funding_notice == FUNDING
    assert [row.name for row in data.rows] == ["Becker, Jana", "Çelik, Ömer", "Möller, Lea"]
    assert data.rows[0].organisation == "Stadt Bamberg"
    assert data.rows[0].municipality == "Bamberg"


def test_session_over_two_days_shows_the_day_with_each_time(session, people):
    session.starts_at = berlin(2026, 4, 20, 9, 30)
    session.ends_at = berlin(2026, 4, 21, 13, 0)
    session.save()
    with translation.override("de"):
        data = attendance_lists.signature_list(session, people)
    assert data.date == "20. April 2026 – 21. April 2026"
    assert data.time == de("%(start)s to %(end)s") % {
        "start": "20.04. 09:30",
        "end": "21.04. 13:00",
    }


def test_person_without_enrolment_appears_with_the_name_only(session, outsider):
    [row] = attendance_lists.signature_list(session, [outsider]).rows
    assert (row.name, row.organisation, row.function, row.municipality) == (
        "Außenseiter, Otto",
        "",
        "",
        "",
    )


def test_pdf_lists_exactly_the_people_passed_in(
    session, people, outsider, trainer, funding_notice, settings
):
    from lms import pdf

    with translation.override("de"):
        data = attendance_lists.signature_list(session, people)
    content = pdf.signature_list_pdf(data)
    assert content.startswith(b"%PDF-")
    text = pdf_text(content)
    for expected in [
        de("Attendance list"),
        "Präsenzmodul Konflikttheorie",
        "Modul 1: Konflikttheorie",
        "Montag, 9. März 2026",
        data.time,
        "Bamberg, Rathaus Maxplatz, Sitzungssaal",
        trainer.get_full_name(),
        "Becker, Jana",
        "Möller, Lea",
        "Stadt Bamberg",
        "Verwaltung",
        de("Signature"),
        f"Seite 1 {de('of', 'page X of Y')} 1",
        "Gefördert vom Bundesministerium",
    ]:
        assert expected in text, expected
    # Exactly the people on the list: each name once, nobody else.
    for name in ["Becker, Jana", "Çelik, Ömer", "Möller, Lea"]:
        assert text.count(name) == 1, name
    assert "Außenseiter" not in text


def test_long_list_repeats_the_table_header_and_numbers_pages(session, cohort, bamberg):
    from lms import pdf

    many = [
        factories.UserFactory(first_name="Person", last_name=f"Nummer {n:02d}") for n in range(40)
    ]
    with translation.override("de"):
        content = pdf.signature_list_pdf(attendance_lists.signature_list(session, many))
    pages = PdfReader(io.BytesIO(content)).pages
    assert len(pages) >= 2
    for number, page in enumerate(pages, start=1):
        text = page.extract_text()
        assert de("Signature") in text  # the header row on every page
        assert f"Seite {number} {de('of', 'page X of Y')} {len(pages)}" in text
    assert sum(pdf_text(content).count(f"Nummer {n:02d}") for n in range(40)) == 40


# --- The views -------------------------------------------------------------------------------


def test_staff_downloads_the_pdf(client, staff, session, people):
    client.force_login(staff)
    response = client.get(f"/termine/{session.pk}/teilnahmeliste.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == (
        f'inline; filename="teilnahmeliste-2026-03-09-{session.pk}.pdf"'
    )
    text = pdf_text(response.content)
    assert de("Attendance list") in text


def test_anonymous_visitor_is_sent_to_the_login(client, session):
    for url in [
        f"/termine/{session.pk}/teilnahmeliste.pdf",
        f"/termine/{session.pk}/teilnahmeliste.csv",
        "/lernweg/termine/besucht/",
        "/lernweg/termine/besucht.csv",
    ]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"/accounts/login/?next={url}"


def test_unknown_session_is_404(client, staff):
    client.force_login(staff)
    assert client.get("/termine/999999/teilnahmeliste.pdf").status_code == 404


# --- A person's attended sessions -------------------------------------------------------------


def test_person_sees_only_their_own_attendances(client, session, people, trainer):
    jana, omer, _lea = people
    Attendance.objects.create(
        session=session, user=jana, status=AttendanceStatus.PARTIAL, ue_credited=Decimal("4.5")
    )
    Attendance.objects.create(
        session=session, user=omer, status=AttendanceStatus.PRESENT, ue_credited=Decimal("8")
    )
    other = Session.objects.create(
        kind=SessionKind.DEEPENING,
        title="Online-Vertiefung 1",
        cohort=session.cohort,
        starts_at=berlin(2026, 4, 1, 17, 0),
        ends_at=berlin(2026, 4, 1, 20, 0),
    )
    Attendance.objects.create(
        session=other, user=jana, status=AttendanceStatus.EXCUSED, ue_credited=Decimal("0")
    )

    client.force_login(jana)
    response = client.get("/lernweg/termine/besucht/")
    assert response.status_code == 200
    assert [r.pk for r in response.context["records"]] == list(
        Attendance.objects.filter(user=jana)
        .order_by("session__starts_at")
        .values_list("pk", flat=True)
    )
    html = response.content.decode()
    assert "Präsenzmodul Konflikttheorie" in html
    assert "Online-Vertiefung 1" in html

    response = client.get("/lernweg/termine/besucht.csv")
    assert response.status_code == 200
    rows = csv_rows(response.content)
    with translation.override("de"):
        kinds = dict(SessionKind.choices)
        statuses = {k: str(v) for k, v in AttendanceStatus.choices}
        assert rows == [
            [de("Date"), de("Session"), de("Kind"), de("Status"), de("UE credited")],
            [
                "09.03.2026 09:30",
                "Präsenzmodul Konflikttheorie",
                str(kinds["workshop"]),
                statuses["partial"],
                "4,5",
            ],
            [
                "01.04.2026 17:00",
                "Online-Vertiefung 1",
                str(kinds["deepening"]),
                statuses["excused"],
                "0",
            ],
        ]

    client.force_login(people[2])
    response = client.get("/lernweg/termine/besucht/")
    assert list(response.context["records"]) == []
    assert csv_rows(client.get("/lernweg/termine/besucht.csv").content)[1:] == []


# --- Who may download a session's list ---------------------------------------------------------


def test_facilitator_downloads_the_list_of_the_expected_people(
    client, session, people, outsider, trainer
):
    client.force_login(trainer)
    response = client.get(f"/termine/{session.pk}/teilnahmeliste.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    for name in ["Becker, Jana", "Çelik, Ömer", "Möller, Lea"]:
        assert text.count(name) == 1, name
    assert "Außenseiter" not in text


def test_csv_has_the_same_rows_as_the_pdf(client, session, people, trainer):
    client.force_login(trainer)
    response = client.get(f"/termine/{session.pk}/teilnahmeliste.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == (
        f'attachment; filename="teilnahmeliste-2026-03-09-{session.pk}.csv"'
    )
    header, *rows = csv_rows(response.content)
    assert header[-5:] == [
        de("Name"),
        de("Organisation"),
        de("Function"),
        de("Municipality"),
        de("Signature"),
    ]
    assert [row[-5:] for row in rows] == [
        ["Becker, Jana", "Stadt Bamberg", "Verwaltung", "Bamberg", ""],
        # A cell that would be a spreadsheet formula is defused.
        ["Çelik, Ömer", '\'=HYPERLINK("x")', "Zivilgesellschaft", "Bamberg", ""],
        ["Möller, Lea", "Jugendhilfe e. V.", "Mitglied der Steuerungsgruppe", "Bamberg", ""],
    ]
    assert rows[0][:3] == [
        "Qualifizierung Konfliktmanagement",
        "Modul 1: Konflikttheorie",
        "Präsenzmodul Konflikttheorie",
    ]
    assert rows[0][6] == "Bamberg, Rathaus Maxplatz, Sitzungssaal"
    assert rows[0][8] == "8"


def test_cohort_trainer_who_does_not_facilitate_may_download(client, session, people, cohort):
    colleague = factories.verified(factories.UserFactory(roles=["Trainer:innen"]))
    cohort.trainers.add(colleague)
    client.force_login(colleague)
    assert client.get(f"/termine/{session.pk}/teilnahmeliste.csv").status_code == 200


@pytest.mark.parametrize("who", ["other_trainer", "trainee", "other_trainee"])
def test_people_who_do_not_record_get_403(client, session, people, who, request):
    client.force_login(request.getfixturevalue(who))
    for extension in ["pdf", "csv"]:
        response = client.get(f"/termine/{session.pk}/teilnahmeliste.{extension}")
        assert response.status_code == 403, extension


def test_supervisor_downloads_the_list_of_their_supervision_session(client, people):
    from lms.models import Audience, SupervisionGroup

    supervisor = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    group = SupervisionGroup.objects.create(name="Tandem Bamberg", supervisor=supervisor)
    group.members.add(people[0], people[2])
    session = Session.objects.create(
        kind=SessionKind.SUPERVISION,
        title="Supervision Tandem Bamberg",
        supervision_group=group,
        audience=Audience.SUPERVISION_GROUP,
        starts_at=berlin(2026, 5, 4, 16, 0),
        ends_at=berlin(2026, 5, 4, 17, 30),
        online_url="https://meet.example.org/tandem-bamberg",
    )
    client.force_login(supervisor)
    response = client.get(f"/termine/{session.pk}/teilnahmeliste.pdf")
    assert response.status_code == 200
    text = pdf_text(response.content)
    assert "https://meet.example.org/tandem-bamberg" in text
    assert ("Becker, Jana" in text, "Möller, Lea" in text, "Çelik" in text) == (True, True, False)

    other_supervisor = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    client.force_login(other_supervisor)
    assert client.get(f"/termine/{session.pk}/teilnahmeliste.pdf").status_code == 403


# --- Query counts ---------------------------------------------------------------------------


def _queries(callable_):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as context:
        callable_()
    return len(context.captured_queries)


def test_list_data_needs_the_same_queries_for_one_or_many_people(session, people, cohort):
    attendance_lists.signature_list(session, people[:1])  # warm caches (site, settings)
    one = _queries(lambda: attendance_lists.signature_list(session, people[:1]))
    more = [factories.UserFactory() for _ in range(4)]
    for user in more:
        factories.EnrolmentFactory(user=user, cohort=cohort, organisation="Verein")
    many = _queries(lambda: attendance_lists.signature_list(session, [*people, *more]))
    assert one == many


def test_attended_sessions_page_needs_the_same_queries_for_one_or_three(client, session, people):
    jana = people[0]
    client.force_login(jana)
    Attendance.objects.create(
        session=session, user=jana, status=AttendanceStatus.PRESENT, ue_credited=Decimal("8")
    )
    client.get("/lernweg/termine/besucht/")  # warm caches (site, settings, menus)
    one = _queries(lambda: client.get("/lernweg/termine/besucht/"))
    for day in (2, 3):
        other = Session.objects.create(
            kind=SessionKind.DEEPENING,
            title=f"Vertiefung {day}",
            cohort=session.cohort,
            starts_at=berlin(2026, 4, day, 17, 0),
            ends_at=berlin(2026, 4, day, 20, 0),
        )
        Attendance.objects.create(
            session=other, user=jana, status=AttendanceStatus.PRESENT, ue_credited=Decimal("4")
        )
    assert _queries(lambda: client.get("/lernweg/termine/besucht/")) == one
