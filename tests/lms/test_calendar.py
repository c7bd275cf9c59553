"""Sessions as iCalendar: the .ics download, the private feed and its page (lms/calendar.py)."""

from datetime import timedelta
from decimal import Decimal

import icalendar
import pytest
from django.conf import settings

from lms import calendar
from lms.models import CalendarFeed, SessionKind
from tests import factories
from tests.lms.calendar_factories import at, supervision_group, supervision_session
from tests.lms.session_factories import SessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def client(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


@pytest.fixture
def workshop(cohort):
    starts_at = at(5, hour=9)
    return SessionFactory(
        cohort=cohort,
        title="Konflikttheorie und Eskalationsdynamik",
        starts_at=starts_at,
        ends_at=starts_at + timedelta(hours=6),
        place="Rathaus Erfurt, Saal 2",
        ue=Decimal("8"),
    )


def events(body: bytes) -> list:
    return icalendar.Calendar.from_ical(body).walk("VEVENT")


@pytest.mark.language("de")
def test_session_event_fields(workshop):
    event = calendar.session_event(workshop)
    assert str(event["uid"]) == f"session-{workshop.pk}@kokoma"
    assert str(event["summary"]) == "Konflikttheorie und Eskalationsdynamik"
    assert str(event["location"]) == "Rathaus Erfurt, Saal 2"
    assert event.decoded("dtstart") == workshop.starts_at
    assert str(event.decoded("dtstart").tzinfo) == "Europe/Berlin"
    assert event.decoded("dtend") - event.decoded("dtstart") == timedelta(hours=6)
    assert str(event["description"]) == "Präsenzmodul-Termin\n8 UE"
    assert str(event["status"]) == "CONFIRMED"


@pytest.mark.language("de")
def test_session_event_online_link_as_location(cohort):
    session = SessionFactory(
        cohort=cohort,
        kind=SessionKind.DEEPENING,
        place="",
        online_url="https://konferenz.example.org/v1",
        ue=Decimal("4"),
    )
    event = calendar.session_event(session)
    assert str(event["location"]) == "https://konferenz.example.org/v1"
    assert str(event["description"]) == (
        "Online-Vertiefung\n4 UE\nOnline-Link: https://konferenz.example.org/v1"
    )


def test_session_ics_download_for_expected_person(client, trainee, workshop):
    client.force_login(trainee)
    response = client.get(f"/termine/{workshop.pk}/ics/")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert response["Content-Disposition"] == f'attachment; filename="termin-{workshop.pk}.ics"'
    [event] = events(response.content)
    assert str(event["uid"]) == f"session-{workshop.pk}@kokoma"


@pytest.mark.parametrize(
    ("who", "status"),
    [("trainer", 200), ("staff", 200), ("other_trainee", 403), ("other_trainer", 403)],
)
def test_session_ics_permissions(client, request, workshop, who, status):
    client.force_login(request.getfixturevalue(who))
    assert client.get(f"/termine/{workshop.pk}/ics/").status_code == status


def test_session_ics_anonymous_goes_to_login(client, workshop):
    response = client.get(f"/termine/{workshop.pk}/ics/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_supervision_ics_for_cohort_trainer(client, cohort, trainer, trainee):
    session = supervision_session(supervision_group(cohort, [trainee]), 3)
    client.force_login(trainer)
    assert client.get(f"/termine/{session.pk}/ics/").status_code == 200


def test_feed_contains_only_the_owners_sessions(client, home, cohort, trainee, workshop):
    own_supervision = supervision_session(supervision_group(None, [trainee]), 10)
    other_cohort = factories.CohortFactory(programme=factories.make_programme(home, slug="o"))
    foreign = SessionFactory(cohort=other_cohort, title="Fremder Termin")
    supervision_session(supervision_group(cohort, [factories.UserFactory()]), 11)
    feed = CalendarFeed.objects.create(user=trainee)
    response = client.get(f"/kalender/{feed.token}.ics")  # no login: calendar programs
    assert response.status_code == 200
    uids = [str(event["uid"]) for event in events(response.content)]
    assert uids == [f"session-{workshop.pk}@kokoma", f"session-{own_supervision.pk}@kokoma"]
    assert f"session-{foreign.pk}@kokoma" not in uids


def test_feed_includes_facilitated_and_supervised_sessions(cohort, trainee):
    group = supervision_group(cohort, [trainee])
    supervision = supervision_session(group, 2)
    facilitated = SessionFactory(cohort=None, facilitators=[group.supervisor])
    assert list(calendar.feed_sessions(group.supervisor)) == [facilitated, supervision]


def test_feed_revoked_token_is_404(client, trainee, workshop):
    feed = CalendarFeed.objects.create(user=trainee)
    old = feed.token
    feed.revoke()
    assert client.get(f"/kalender/{old}.ics").status_code == 404
    assert client.get(f"/kalender/{feed.token}.ics").status_code == 200


def test_feed_unknown_token_and_inactive_user_404(client, trainee):
    assert client.get("/kalender/nicht-vorhanden.ics").status_code == 404
    feed = CalendarFeed.objects.create(user=trainee)
    trainee.is_active = False
    trainee.save()
    assert client.get(f"/kalender/{feed.token}.ics").status_code == 404


def test_calendar_page_shows_feed_url_and_revokes(client, trainee):
    client.force_login(trainee)
    html = client.get("/kalender/").content.decode()
    feed = CalendarFeed.objects.get(user=trainee)
    assert len(feed.token) >= 40
    assert f'value="http://testserver/kalender/{feed.token}.ics"' in html
    assert "Revoke this address and create a new one" in html
    old = feed.token
    response = client.post("/kalender/")
    assert response.status_code == 302
    assert response["Location"] == "/kalender/"
    feed.refresh_from_db()
    assert feed.token != old
    assert client.get(f"/kalender/{old}.ics").status_code == 404


def test_calendar_page_needs_login(client):
    response = client.get("/kalender/")
    assert response.status_code == 302
    assert response["Location"] == "/accounts/login/?next=/kalender/"


def test_feed_sql_follows_the_orm_rule_for_every_way_into_the_feed(home, cohort, trainer):
    """FEED_SQL (written out for speed) against the rule written with the ORM, person by
    person: audiences, tandem and steering group of their municipality only, inactive
    enrolments, attendance records, facilitation, supervision and the trainer's cohort."""
    from lms.models import Attendance, AttendanceStatus, Audience, EnrolmentStatus, Function
    from tests.lms.enrolment_factories import MunicipalityFactory, person

    here, elsewhere = MunicipalityFactory(), MunicipalityFactory()
    other_cohort = factories.CohortFactory(programme=cohort.programme, name="Anderer Durchgang")
    other_cohort.trainers.add(trainer)

    def enrol(target, **kwargs):
        user = person()
        factories.EnrolmentFactory(user=user, cohort=target, **kwargs)
        return user

    people = {
        "cohort": enrol(cohort),
        "completed": enrol(cohort, status=EnrolmentStatus.COMPLETED),
        "applied": enrol(cohort, status=EnrolmentStatus.APPLIED),
        "withdrawn": enrol(cohort, status=EnrolmentStatus.WITHDRAWN),
        "tandem": enrol(cohort, municipality=here, function=Function.LOCAL_FACILITATION),
        "tandem elsewhere": enrol(
            cohort, municipality=elsewhere, function=Function.EXTERNAL_FACILITATION
        ),
        "tandem without municipality": enrol(
            cohort, municipality=None, function=Function.LOCAL_FACILITATION
        ),
        "steering": enrol(cohort, municipality=here, function=Function.STEERING_GROUP),
        "administration": enrol(cohort, municipality=here, function=Function.ADMINISTRATION),
        "member": person(),
        "picked": person(),
        "guest": person(),
        "facilitator": person(),
        "trainer": trainer,
        "outsider": person(),
    }
    group = supervision_group(cohort, [people["member"]])
    sessions = [
        SessionFactory(cohort=cohort, title="Workshop"),
        SessionFactory(cohort=cohort, cancelled=True, title="Abgesagt"),
        SessionFactory(cohort=other_cohort, title="Anderer Workshop"),
        SessionFactory(cohort=cohort, municipality=here, audience=Audience.TANDEM),
        SessionFactory(cohort=cohort, municipality=None, audience=Audience.TANDEM),
        SessionFactory(cohort=cohort, municipality=here, audience=Audience.STEERING_GROUP),
        SessionFactory(cohort=cohort, municipality=elsewhere, audience=Audience.STEERING_GROUP),
        supervision_session(group, 3),
        supervision_session(group, 4, cohort=other_cohort),
        SessionFactory(cohort=cohort, audience=Audience.SELECTED, participants=[people["picked"]]),
        SessionFactory(cohort=None, facilitators=[people["facilitator"]]),
    ]
    Attendance.objects.create(
        session=sessions[2], user=people["guest"], status=AttendanceStatus.PRESENT, ue_credited=4
    )

    for name, user in [*people.items(), ("supervisor", group.supervisor)]:
        expected = list(calendar.feed_sessions_orm(user))
        assert list(calendar.feed_sessions(user)) == expected, name
    # The cases above are not vacuous: each way in finds something.
    found = {name: len(calendar.feed_sessions(user)) for name, user in people.items()}
    assert found["cohort"] == 2  # the workshop and the cancelled one (the feed keeps it)
    assert found["tandem"] == 3  # the cohort's two workshops and the tandem session
    assert found["steering"] == 3
    assert found["member"] == 2
    assert found["picked"] == 1
    assert found["guest"] == 1
    assert found["facilitator"] == 1
    assert found["trainer"] == 8  # every session of both cohorts but supervision
    assert found["applied"] == found["withdrawn"] == found["outsider"] == 0
    assert len(calendar.feed_sessions(group.supervisor)) == 2
