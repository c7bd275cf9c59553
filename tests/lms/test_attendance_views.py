"""The session screens: my sessions, a session, recording, check-in."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.models import Attendance, AttendanceStatus, Audience, SessionKind
from tests import factories
from tests.lms.enrolment_factories import person
from tests.lms.session_factories import SessionFactory, SupervisionGroupFactory

pytestmark = pytest.mark.django_db

S = AttendanceStatus


def enrol(cohort, **kwargs):
    user = person(**kwargs)
    factories.EnrolmentFactory(user=user, cohort=cohort)
    return user


def running_session(cohort, **kwargs):
    now = timezone.now()
    return SessionFactory(
        cohort=cohort,
        starts_at=now - timedelta(minutes=10),
        ends_at=now + timedelta(hours=2),
        **kwargs,
    )


# --- access ------------------------------------------------------------------------------


def test_record_screen_access(client, cohort, trainer, other_trainer, trainee, staff):
    supervisor = factories.verified(factories.UserFactory(roles=["Supervisor:innen"]))
    cohort.supervisors.add(supervisor)
    session = SessionFactory(cohort=cohort)
    url = f"/termine/{session.pk}/anwesenheit/"
    assert client.get(url).status_code == 302  # anonymous: to the login
    codes = {}
    for name, user in [
        ("trainer", trainer),
        ("staff", staff),
        ("other_trainer", other_trainer),
        ("trainee", trainee),
        ("supervisor", supervisor),
    ]:
        client.force_login(user)
        codes[name] = client.get(url).status_code
    assert codes == {
        "trainer": 200,
        "staff": 200,
        "other_trainer": 403,
        "trainee": 403,
        "supervisor": 403,
    }


def test_other_trainer_cannot_post_attendance(client, cohort, other_trainer, trainee):
    session = SessionFactory(cohort=cohort)
    client.force_login(other_trainer)
    response = client.post(
        f"/termine/{session.pk}/anwesenheit/", {f"status-{trainee.pk}": S.PRESENT}
    )
    assert response.status_code == 403
    assert Attendance.objects.count() == 0


def test_session_detail_for_expected_people_and_recorders_only(
    client, cohort, trainee, other_trainee, trainer
):
    session = SessionFactory(cohort=cohort)
    url = f"/termine/{session.pk}/"
    client.force_login(trainee)
    assert client.get(url).status_code == 200
    client.force_login(trainer)
    assert f"/termine/{session.pk}/anwesenheit/" in client.get(url).content.decode()
    client.force_login(other_trainee)
    assert client.get(url).status_code == 403


def test_session_list_shows_own_and_recordable_sessions(client, cohort, trainee, trainer):
    mine = SessionFactory(cohort=cohort, title="Auftakt in Erfurt")
    group = SupervisionGroupFactory(members=[trainee])
    supervision = SessionFactory(
        kind=SessionKind.SUPERVISION,
        title="Supervision Tandem",
        audience=Audience.SUPERVISION_GROUP,
        supervision_group=group,
    )
    SessionFactory(title="Fremder Termin")
    client.force_login(trainee)
    html = client.get("/termine/").content.decode()
    assert mine.title in html and supervision.title in html
    assert "Fremder Termin" not in html
    client.force_login(group.supervisor)
    html = client.get("/termine/").content.decode()
    assert supervision.title in html and mine.title not in html
    assert f"/termine/{supervision.pk}/anwesenheit/" in html
    client.force_login(trainer)
    html = client.get("/termine/").content.decode()
    assert f"/termine/{mine.pk}/anwesenheit/" in html


# --- recording ------------------------------------------------------------------------------


def test_record_screen_saves_all_rows_at_once(client, cohort, trainer):
    a, b, c = enrol(cohort), enrol(cohort), enrol(cohort)
    session = SessionFactory(cohort=cohort)
    client.force_login(trainer)
    response = client.post(
        f"/termine/{session.pk}/anwesenheit/",
        {
            f"status-{a.pk}": S.PRESENT,
            f"status-{b.pk}": S.PARTIAL,
            f"ue-{b.pk}": "1,5",
            f"status-{c.pk}": S.UNEXCUSED,
        },
    )
    assert response.status_code == 302
    rows = dict(Attendance.objects.values_list("user_id", "ue_credited"))
    assert rows == {a.pk: Decimal("4.00"), b.pk: Decimal("1.50"), c.pk: Decimal("0.00")}
    html = client.get(response.url).content.decode()
    assert 'value="1,5"' in html
    assert f'id="p{b.pk}-partial" name="status-{b.pk}" value="partial" checked' in html


def test_record_screen_bad_partial_redisplays_entries_and_saves_nothing(client, cohort, trainer):
    a, b = enrol(cohort), enrol(cohort, first_name="Berta", last_name="Brandt")
    session = SessionFactory(cohort=cohort)
    client.force_login(trainer)
    response = client.post(
        f"/termine/{session.pk}/anwesenheit/",
        {f"status-{a.pk}": S.LATE, f"status-{b.pk}": S.PARTIAL, f"ue-{b.pk}": "9"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing has been saved yet" in html or "Es wurde noch nichts gespeichert" in html
    assert "Berta Brandt" in html
    assert f'id="p{a.pk}-late" name="status-{a.pk}" value="late" checked' in html
    assert 'value="9"' in html
    assert Attendance.objects.count() == 0


def test_record_screen_query_count_constant(client, cohort, trainer, django_assert_num_queries):
    session = SessionFactory(cohort=cohort)
    url = f"/termine/{session.pk}/anwesenheit/"
    client.force_login(trainer)
    people = [enrol(cohort) for _ in range(5)]
    Attendance.objects.create(session=session, user=people[0], status=S.PRESENT, ue_credited=4)
    client.get(url)  # warm up (session, permissions caches)
    with CaptureQueriesContext(connection) as five:
        assert client.get(url).status_code == 200
    more = [enrol(cohort) for _ in range(35)]
    Attendance.objects.create(session=session, user=more[0], status=S.LATE, ue_credited=4)
    with CaptureQueriesContext(connection) as forty:
        response = client.get(url)
    assert response.content.decode().count('class="attendance-row') == 40
    assert len(forty.captured_queries) == len(five.captured_queries)


# --- check-in ---------------------------------------------------------------------------------


def test_checkin_code_screen_shows_code_and_qr_during_window(client, cohort, trainer):
    session = running_session(cohort)
    client.force_login(trainer)
    html = client.get(f"/termine/{session.pk}/check-in/").content.decode()
    assert session.checkin_code[:3] in html
    assert "checkin-qr" in html and "<svg" in html.split("checkin-qr")[1]
    # The check-in link is in the QR code only, not as text to copy.
    assert f"/termine/{session.pk}/einchecken/?code={session.checkin_code}" not in html


def test_checkin_code_screen_hides_code_outside_window(client, cohort, trainer, trainee):
    session = SessionFactory(cohort=cohort)  # yesterday
    client.force_login(trainer)
    html = client.get(f"/termine/{session.pk}/check-in/").content.decode()
    assert session.checkin_code not in html
    assert "checkin-qr" not in html
    client.force_login(trainee)
    assert client.get(f"/termine/{session.pk}/check-in/").status_code == 403


def test_checkin_with_code_marks_present(client, cohort, trainee):
    session = running_session(cohort)
    client.force_login(trainee)
    url = f"/termine/{session.pk}/einchecken/"
    assert (
        f'value="{session.checkin_code}"'
        in client.get(f"{url}?code={session.checkin_code}").content.decode()
    )
    response = client.post(url, {"code": session.checkin_code.lower()})
    assert response.status_code == 302
    assert response.url == f"/termine/{session.pk}/"
    record = Attendance.objects.get()
    assert (record.user, record.status, record.source) == (
        trainee,
        S.PRESENT,
        Attendance.Source.CHECK_IN,
    )


def test_checkin_wrong_or_expired_code_marks_nothing(client, cohort, trainee):
    running = running_session(cohort)
    past = SessionFactory(cohort=cohort)
    client.force_login(trainee)
    wrong = client.post(f"/termine/{running.pk}/einchecken/", {"code": "ZZZZZZ"})
    expired = client.post(f"/termine/{past.pk}/einchecken/", {"code": past.checkin_code})
    assert (wrong.status_code, expired.status_code) == (400, 400)
    assert "nicht korrekt" in wrong.content.decode() or "not correct" in wrong.content.decode()
    assert "30" in expired.content.decode()
    assert Attendance.objects.count() == 0


def test_session_list_tandem_session_only_for_the_tandem_of_that_municipality(client, cohort):
    from lms.models import Function
    from tests.lms.enrolment_factories import MunicipalityFactory

    here, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    local = person()
    factories.EnrolmentFactory(
        user=local, cohort=cohort, municipality=here, function=Function.LOCAL_FACILITATION
    )
    other = person()
    factories.EnrolmentFactory(
        user=other, cohort=cohort, municipality=elsewhere, function=Function.LOCAL_FACILITATION
    )
    SessionFactory(
        cohort=cohort, municipality=here, audience=Audience.TANDEM, title="Tandemtreffen hier"
    )
    client.force_login(local)
    assert "Tandemtreffen hier" in client.get("/termine/").content.decode()
    client.force_login(other)
    assert "Tandemtreffen hier" not in client.get("/termine/").content.decode()


def test_session_list_query_count_constant(client, cohort, trainee):
    client.force_login(trainee)
    SessionFactory(cohort=cohort)  # past
    SessionFactory(cohort=cohort, starts_at=timezone.now() + timedelta(days=1))
    client.get("/termine/")
    with CaptureQueriesContext(connection) as two:
        client.get("/termine/")
    for days in range(2, 6):
        session = SessionFactory(cohort=cohort, starts_at=timezone.now() + timedelta(days=days))
        Attendance.objects.create(session=session, user=trainee, status=S.EXCUSED, ue_credited=0)
    with CaptureQueriesContext(connection) as six:
        html = client.get("/termine/").content.decode()
    assert html.count('class="session-item"') == 6
    assert len(six.captured_queries) == len(two.captured_queries)


def test_checkin_page_hidden_from_people_not_expected(client, cohort, other_trainee):
    session = running_session(cohort)
    makeup = running_session(cohort, is_makeup=True)
    client.force_login(other_trainee)
    assert client.get(f"/termine/{session.pk}/einchecken/").status_code == 403
    assert client.get(f"/termine/{makeup.pk}/einchecken/").status_code == 200
    client.post(f"/termine/{makeup.pk}/einchecken/", {"code": makeup.checkin_code})
    assert Attendance.objects.get().user == other_trainee


def test_detail_offers_check_in_to_expected_people_during_the_window(
    client, cohort, trainee, trainer
):
    session = running_session(cohort)
    link = f"/termine/{session.pk}/einchecken/"
    client.force_login(trainee)
    assert link in client.get(f"/termine/{session.pk}/").content.decode()
    client.force_login(trainer)
    assert link not in client.get(f"/termine/{session.pk}/").content.decode()
